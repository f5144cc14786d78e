/**
 * 考核申诉: a unit appeals one item of its score while the results are published; the coordinator
 * accepts (with the points that correct it) or rejects, with a reason either way. Each side sees the
 * appeals it may see: the coordinator all, a unit its own.
 */
import { App, Button, Card, Form, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  APPEAL_STATUS_WORDS,
  type Appeal,
  type Assessment,
  decideAppeal,
  fileAppeal,
  listAppeals,
} from '../../api/assessment.ts';
import { dateTime } from '../../app/format.ts';
import { useApi } from '../../app/use-api.ts';
import { ErrorAlert } from '../error-result.tsx';
import { FormDialog } from './form-dialog.tsx';

const STATUS_COLORS: Record<Appeal['status'], string> = {
  pending: 'gold',
  accepted: 'green',
  rejected: 'default',
};

type Props = { planId: string; year: number; data: Assessment; coordinator: boolean; onChange: () => void };
type Decision = { appeal: Appeal; accept: boolean };

export function AppealsCard({ planId, year, data, coordinator, onChange }: Props) {
  const { message } = App.useApp();
  const {
    data: appeals,
    error,
    reload,
  } = useApi(() => listAppeals(planId, year), [planId, year, data.state.status]);
  const [filing, setFiling] = useState(false);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const labels = new Map(data.rubric.items.map((i) => [i.id, i.label]));
  const canFile = !coordinator && data.state.status === 'appeals';
  const done = async (text: string) => {
    void message.success(text);
    await reload();
    onChange();
  };
  return (
    <Card
      title="考核申诉"
      size="small"
      extra={canFile ? <Button onClick={() => setFiling(true)}>提出申诉</Button> : null}
    >
      <ErrorAlert error={error} />
      <List<Appeal>
        dataSource={appeals ?? []}
        rowKey="id"
        locale={{ emptyText: '没有申诉' }}
        renderItem={(a) => (
          <List.Item
            actions={
              coordinator && a.status === 'pending' && data.state.status !== 'frozen'
                ? [
                    <Button
                      key="a"
                      size="small"
                      type="primary"
                      onClick={() => setDeciding({ appeal: a, accept: true })}
                    >
                      采纳
                    </Button>,
                    <Button key="r" size="small" onClick={() => setDeciding({ appeal: a, accept: false })}>
                      不予采纳
                    </Button>,
                  ]
                : []
            }
          >
            <Space orientation="vertical" size={0}>
              <Space wrap>
                <Tag color={STATUS_COLORS[a.status]}>{APPEAL_STATUS_WORDS[a.status]}</Tag>
                <Typography.Text strong>{a.orgName}</Typography.Text>
                <Typography.Text>{labels.get(a.itemId) ?? '考核项'}</Typography.Text>
              </Space>
              <Typography.Text>{a.reason}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                提出于 {dateTime(a.filedAt)}
                {a.decisionNote ? ` · 处理意见：${a.decisionNote}` : ''}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <FileModal
        open={filing}
        items={data.rubric.items}
        onCancel={() => setFiling(false)}
        onSave={async (v) => {
          await fileAppeal(planId, year, v);
          setFiling(false);
          await done('申诉已提交');
        }}
      />
      <DecideModal
        decision={deciding}
        onCancel={() => setDeciding(null)}
        onSave={async (v) => {
          if (!deciding) return;
          await decideAppeal(deciding.appeal.id, { accept: deciding.accept, ...v });
          setDeciding(null);
          await done(deciding.accept ? '已采纳，得分已更正' : '已处理');
        }}
      />
    </Card>
  );
}

function FileModal(props: {
  open: boolean;
  items: { id: string; label: string }[];
  onCancel: () => void;
  onSave: (v: { itemId: string; reason: string }) => Promise<void>;
}) {
  return (
    <FormDialog
      open={props.open}
      title="提出申诉"
      okText="提交"
      onCancel={props.onCancel}
      onSave={props.onSave}
    >
      <Form.Item name="itemId" label="申诉的考核项" rules={[{ required: true, message: '请选择考核项' }]}>
        <Select
          options={props.items.map((i) => ({ value: i.id, label: i.label }))}
          placeholder="选择考核项"
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label="申诉理由"
        rules={[{ required: true, min: 2, message: '请写明申诉理由' }]}
      >
        <Input.TextArea rows={4} maxLength={1000} />
      </Form.Item>
    </FormDialog>
  );
}

function DecideModal(props: {
  decision: Decision | null;
  onCancel: () => void;
  onSave: (v: { note: string; points?: number }) => Promise<void>;
}) {
  const accept = props.decision?.accept ?? false;
  return (
    <FormDialog
      open={props.decision !== null}
      title={accept ? '采纳申诉' : '不予采纳'}
      okText={accept ? '采纳' : '确定'}
      onCancel={props.onCancel}
      onSave={props.onSave}
    >
      {accept && (
        <Form.Item
          name="points"
          label="更正分值（加分为正，减分为负）"
          rules={[{ required: true, message: '请填写更正分值' }]}
        >
          <InputNumber step={0.5} min={-100} max={100} style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item name="note" label="处理意见" rules={[{ required: true, min: 2, message: '请填写处理意见' }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormDialog>
  );
}
