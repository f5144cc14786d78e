/**
 * 运行督办 in two steps: 预演 lists what a pass as of the chosen day would issue — per unit,
 * deliverable and level, with the messages it would send — and writes nothing; 执行 then runs that
 * same pass. A real pass runs as of tomorrow at the latest; later days can only be previewed. No
 * day chosen is today as the server counts it (Beijing).
 */
import { Alert, Button, DatePicker, Form, Modal, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ESCALATION_LABELS, ESCALATION_LEVELS } from '../../api/dashboard.ts';
import {
  type EscalationCounts,
  type EscalationPass,
  type EscalationPreview,
  type PreviewItem,
  previewEscalations,
  runEscalationsAsOf,
  totalOf,
} from '../../api/escalation-runs.ts';
import { proseDate } from '../../app/format.ts';
import { EscalationTag } from '../dashboard/escalation-tag.tsx';

export function countsText(c: EscalationCounts): string {
  return ESCALATION_LEVELS.map((l) => `${ESCALATION_LABELS[l]} ${c[l]} 条`).join('，');
}

function asError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
}

export function RunEscalationModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: (pass: EscalationPass) => void;
}) {
  const [day, setDay] = useState<Dayjs | null>(null);
  const [preview, setPreview] = useState<EscalationPreview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'run' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const asOf = day?.format('YYYY-MM-DD');
  // What 执行 runs: the day just previewed, unchanged since.
  const previewed = preview !== null && (asOf === undefined || preview.asOf === asOf) ? preview : null;
  const tooLate = previewed !== null && previewed.asOf > previewed.lastRunDay;

  const close = () => {
    setDay(null);
    setPreview(null);
    setError(null);
    onClose();
  };
  const act = async (what: 'preview' | 'run') => {
    setBusy(what);
    setError(null);
    try {
      if (what === 'preview') setPreview(await previewEscalations(asOf));
      else if (previewed) {
        const pass = await runEscalationsAsOf(previewed.asOf);
        setDay(null);
        setPreview(null);
        onDone(pass);
      }
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(null);
    }
  };

  const total = preview ? totalOf(preview.created) : 0;
  return (
    <Modal
      open={open}
      title="运行督办"
      width={860}
      onCancel={close}
      footer={
        <Space>
          <Button onClick={close}>取消</Button>
          <Button loading={busy === 'preview'} onClick={() => void act('preview')}>
            预演
          </Button>
          <Button
            type="primary"
            danger
            loading={busy === 'run'}
            disabled={!previewed || tooLate}
            onClick={() => void act('run')}
          >
            执行
          </Button>
        </Space>
      }
    >
      <Form layout="vertical">
        <Form.Item
          label="督办日期"
          help={
            error?.field === 'asOf'
              ? error.message
              : tooLate
                ? `执行最晚只能按明天（${proseDate(previewed.lastRunDay)}）的日期；更晚的日期只能预演`
                : '不选日期即按今天。先预演，看清将发出哪些提醒和督办，再执行'
          }
          validateStatus={error?.field === 'asOf' ? 'error' : tooLate ? 'warning' : undefined}
        >
          <DatePicker
            aria-label="督办日期"
            placeholder="今天"
            value={day}
            onChange={(d) => {
              setDay(d);
              setError(null);
            }}
          />
        </Form.Item>
      </Form>
      {error && error.field !== 'asOf' && (
        <Alert type="error" showIcon role="alert" title="未能完成" description={error.message} />
      )}
      {preview && <PreviewList preview={preview} total={total} stale={previewed === null} />}
    </Modal>
  );
}

function PreviewList({
  preview,
  total,
  stale,
}: {
  preview: EscalationPreview;
  total: number;
  stale: boolean;
}) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type={total === 0 ? 'info' : 'warning'}
        showIcon
        role="status"
        title={
          total === 0
            ? `按 ${proseDate(preview.asOf)} 预演：没有需要发出的提醒或督办`
            : `按 ${proseDate(preview.asOf)} 预演：将生成 ${total} 条记录，发出站内通知 ${preview.notified} 条`
        }
        description={
          stale
            ? '督办日期已更改，请重新预演后再执行。'
            : total > 0
              ? `${countsText(preview.created)}。预演未写入任何数据。`
              : '预演未写入任何数据。'
        }
      />
      {total > 0 && (
        <Table<PreviewItem>
          rowKey={(r) => r.deliverable.id}
          size="small"
          dataSource={preview.items}
          pagination={{ pageSize: 8, showSizeChanger: false, showTotal: (n) => `共 ${n} 个报送事项` }}
          columns={[
            { title: '单位', key: 'org', width: 170, render: (_, r) => r.org.name },
            { title: '报送事项', key: 'deliverable', render: (_, r) => r.deliverable.title },
            { title: '截止日期', key: 'due', width: 104, render: (_, r) => r.deliverable.dueDate },
            {
              title: '将发出',
              key: 'levels',
              width: 200,
              render: (_, r) => r.levels.map((l) => <EscalationTag key={l} level={l} />),
            },
            { title: '通知人数', dataIndex: 'recipients', width: 84 },
          ]}
        />
      )}
      {preview.truncated && (
        <Typography.Text type="secondary">
          只列出前 {preview.items.length} 个报送事项；数量为全部。
        </Typography.Text>
      )}
    </Space>
  );
}
