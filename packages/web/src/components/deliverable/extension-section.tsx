/** 延期申请 on a deliverable: the requests made so far and, before the deadline, a request form in a modal. */
import { Alert, App, Button, DatePicker, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  type DeliverableDetail,
  deliverablesApi,
  EXTENSION_STATUS_LABELS,
  type ExtensionSummary,
} from '../../api/deliverables.ts';
import { proseDate } from '../../app/format.ts';
import { messageOf, showOnField } from './form-errors.ts';

const EXT_COLORS: Record<string, string> = { pending: 'processing', approved: 'success', refused: 'error' };

export function ExtensionStatusTag({ status }: { status: string }) {
  return <Tag color={EXT_COLORS[status] ?? 'default'}>{EXTENSION_STATUS_LABELS[status] ?? status}</Tag>;
}

type Values = { requestedDueDate?: Dayjs | null; reason?: string };

export function ExtensionSection({
  d,
  canAct,
  onChanged,
}: {
  d: DeliverableDetail;
  canAct: boolean;
  onChanged: () => Promise<void>;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const done = d.status === 'accepted' || d.status === 'closed';
  const pending = d.extensions.some((x) => x.status === 'pending');
  const beforeDue = d.today <= d.dueDate;
  const due = dayjs(d.dueDate);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await deliverablesApi.requestExtension(d.id, {
        requestedDueDate: v.requestedDueDate ? v.requestedDueDate.format('YYYY-MM-DD') : '',
        reason: v.reason ?? '',
      });
      message.success('延期申请已提交，等待依法治市办审批');
      setOpen(false);
      form.resetFields();
      await onChanged();
    } catch (e) {
      if (!showOnField(form, e, (f) => (f === 'requestedDueDate' || f === 'reason' ? [f] : null)))
        setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  let action: React.ReactNode = null;
  if (canAct && !done) {
    if (pending) action = <Typography.Text type="secondary">已有一份待审批的延期申请。</Typography.Text>;
    else if (!beforeDue)
      action = <Typography.Text type="secondary">办理时限已过，不能再申请延期。</Typography.Text>;
    else action = <Button onClick={() => setOpen(true)}>申请延期</Button>;
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {d.extensions.length > 0 ? (
        <Table<ExtensionSummary>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.extensions}
          scroll={{ x: true }}
          columns={[
            { title: '申请延期至', dataIndex: 'requestedDueDate', render: (v: string) => proseDate(v) },
            { title: '理由', dataIndex: 'reason' },
            { title: '申请人', dataIndex: 'requestedBy' },
            { title: '状态', dataIndex: 'status', render: (s: string) => <ExtensionStatusTag status={s} /> },
            { title: '审批意见', dataIndex: 'decisionNote', render: (n: string | null) => n || '—' },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">没有延期申请。</Typography.Text>
      )}
      {action}
      <Modal
        open={open}
        title="申请延期"
        okText="提交申请"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Form<Values> form={form} layout="vertical" onFinish={submit} aria-label="延期申请">
          <Typography.Paragraph type="secondary">
            当前办理时限 {proseDate(d.dueDate)}；须在到期前申请，最多延期90天。
          </Typography.Paragraph>
          <Form.Item
            label="申请延期至"
            name="requestedDueDate"
            rules={[{ required: true, message: '请选择申请延期至的日期' }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(day) => !day.isAfter(due, 'day') || day.isAfter(due.add(90, 'day'), 'day')}
            />
          </Form.Item>
          <Form.Item label="延期理由" name="reason" rules={[{ required: true, message: '请填写延期理由' }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
          </Form.Item>
          {error && <Alert type="error" showIcon role="alert" title={error} />}
        </Form>
      </Modal>
    </Space>
  );
}
