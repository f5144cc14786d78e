/**
 * 延期申请 (/extensions): a unit sees its requests and how they were decided; the coordinator
 * decides the pending ones (同意, or 不同意 with a reason), and can look through all of them.
 */
import { Alert, App, Button, Form, Input, Modal, Segmented, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { deliverablesApi, type ExtensionRow } from '../api/deliverables.ts';
import { dateTime } from '../app/format.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { ExtensionStatusTag } from '../components/deliverable/extension-section.tsx';
import { messageOf, showOnField } from '../components/deliverable/form-errors.ts';
import { ErrorAlert } from '../components/error-result.tsx';
import { ItemCard, ResponsiveList } from '../components/responsive-list.tsx';

type Decision = { ext: ExtensionRow; kind: 'approve' | 'refuse' };

function DecisionModal({
  decision,
  onClose,
  onDone,
}: {
  decision: Decision | null;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refuse = decision?.kind === 'refuse';

  const submit = async (v: { note?: string }) => {
    if (!decision) return;
    setBusy(true);
    setError(null);
    try {
      const note = v.note?.trim() ?? '';
      if (refuse) await deliverablesApi.refuseExtension(decision.ext.id, note);
      else await deliverablesApi.approveExtension(decision.ext.id, note || undefined);
      message.success(refuse ? '已不同意延期' : '已同意延期，办理时限已更新');
      form.resetFields();
      onClose();
      await onDone();
    } catch (e) {
      if (!showOnField(form, e, (f) => (f === 'note' ? ['note'] : null))) setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={decision !== null}
      title={refuse ? '不同意延期' : '同意延期'}
      okText={refuse ? '不同意' : '同意'}
      okButtonProps={{ danger: refuse }}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      forceRender
    >
      {decision && (
        <Typography.Paragraph>
          {decision.ext.orgName}申请将第{decision.ext.taskNo}项「{decision.ext.deliverableTitle}」的办理时限由{' '}
          {decision.ext.dueDate} 延至 {decision.ext.requestedDueDate}。理由：{decision.ext.reason}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={submit} aria-label={refuse ? '不同意延期' : '同意延期'}>
        <Form.Item
          label={refuse ? '不同意的理由' : '审批意见（选填）'}
          name="note"
          rules={refuse ? [{ required: true, whitespace: true, message: '请填写不同意延期的理由' }] : []}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
        {error && <Alert type="error" showIcon role="alert" title={error} />}
      </Form>
    </Modal>
  );
}

export function ExtensionsPage() {
  const me = useMe();
  const decides = me.permissions.decideExtensions;
  const [status, setStatus] = useState<'pending' | 'all'>(decides ? 'pending' : 'all');
  const { data, error, loading, reload } = useApi(
    () => deliverablesApi.extensions(status === 'all' ? undefined : status),
    [status],
  );
  const [decision, setDecision] = useState<Decision | null>(null);
  const actions = (x: ExtensionRow) =>
    x.status === 'pending' ? (
      <Space>
        <Button
          size="small"
          type="primary"
          onClick={() => setDecision({ ext: x, kind: 'approve' })}
          aria-label={`同意${x.orgName}的延期申请`}
        >
          同意
        </Button>
        <Button
          size="small"
          danger
          onClick={() => setDecision({ ext: x, kind: 'refuse' })}
          aria-label={`不同意${x.orgName}的延期申请`}
        >
          不同意
        </Button>
      </Space>
    ) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>延期申请</Typography.Title>
      {!decides && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          延期须在办理时限前，在报送事项页面申请；依法治市办同意后，办理时限随之更新。
        </Typography.Paragraph>
      )}
      <Segmented
        aria-label="按状态筛选"
        value={status}
        onChange={(v) => setStatus(v as 'pending' | 'all')}
        options={[
          { label: '待审批', value: 'pending' },
          { label: '全部', value: 'all' },
        ]}
      />
      <ErrorAlert error={error} />
      <ResponsiveList<ExtensionRow>
        cardsLabel="延期申请"
        card={(x) => <ExtensionCard x={x} actions={decides ? actions(x) : null} />}
        rowKey="id"
        loading={loading}
        dataSource={data?.extensions ?? []}
        // Fits a 1440 px screen without a fixed column (a sticky 操作 column covered 审批意见); a
        // narrower window scrolls. An empty table that scrolls sideways is a scroll area the keyboard
        // cannot reach.
        scroll={data?.extensions.length ? { x: 1120 } : undefined}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: status === 'pending' ? '没有待审批的延期申请' : '没有延期申请' }}
        columns={[
          ...(decides || me.permissions.viewAllUnits
            ? [{ title: '单位', dataIndex: 'orgName', width: 130 }]
            : []),
          {
            title: '报送事项',
            dataIndex: 'deliverableTitle',
            render: (t: string, x: ExtensionRow) => (
              <Link to={`/deliverables/${x.deliverableId}`}>{`第${x.taskNo}项 · ${t}`}</Link>
            ),
          },
          {
            title: '办理时限',
            dataIndex: 'dueDate',
            width: 110,
            render: (v: string, x: ExtensionRow) => <DueDate x={x} due={v} />,
          },
          { title: '申请延期至', dataIndex: 'requestedDueDate', width: 110 },
          {
            title: '理由',
            dataIndex: 'reason',
            width: 200,
            render: (r: string, x: ExtensionRow) => (
              <Space orientation="vertical" size={0}>
                <span>{r}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  申请于 {dateTime(x.createdAt)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            render: (s: string) => <ExtensionStatusTag status={s} />,
          },
          {
            title: '审批意见',
            dataIndex: 'decisionNote',
            width: 170,
            render: (_: string | null, x: ExtensionRow) => <DecisionNote x={x} />,
          },
          ...(decides
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 140,
                  render: (_: unknown, x: ExtensionRow) => actions(x),
                },
              ]
            : []),
        ]}
      />
      <DecisionModal decision={decision} onClose={() => setDecision(null)} onDone={reload} />
    </Space>
  );
}

/** The due date, with the original one struck through once an extension moved it. */
function DueDate({ x, due }: { x: ExtensionRow; due: string }) {
  if (due === x.originalDueDate) return <>{due}</>;
  return (
    <Space orientation="vertical" size={0}>
      <span>{due}</span>
      <Typography.Text type="secondary" delete>
        {x.originalDueDate}
      </Typography.Text>
    </Space>
  );
}

function DecisionNote({ x }: { x: ExtensionRow }) {
  if (!x.decidedAt) return <>—</>;
  return (
    <Space orientation="vertical" size={0}>
      <span>{x.decisionNote || '—'}</span>
      <Typography.Text type="secondary">{dateTime(x.decidedAt)}</Typography.Text>
    </Space>
  );
}

function ExtensionCard({ x, actions }: { x: ExtensionRow; actions: ReactNode }) {
  return (
    <ItemCard
      due={x.dueDate}
      item={<Link to={`/deliverables/${x.deliverableId}`}>{`第${x.taskNo}项 · ${x.deliverableTitle}`}</Link>}
      itemText={x.deliverableTitle}
      unit={x.orgName}
      status={<ExtensionStatusTag status={x.status} />}
      actions={actions}
    >
      <Typography.Text>申请延期至 {x.requestedDueDate}</Typography.Text>
      <Typography.Text style={{ overflowWrap: 'anywhere' }}>理由：{x.reason}</Typography.Text>
      {x.decidedAt && (
        <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
          审批意见：{x.decisionNote || '—'}（{dateTime(x.decidedAt)}）
        </Typography.Text>
      )}
    </ItemCard>
  );
}
