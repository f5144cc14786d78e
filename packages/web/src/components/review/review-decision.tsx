/**
 * 审核: accept (with an optional comment) or return (with a reason of at least 5 characters). The
 * server's message lands on the field it names; what was typed stays when a submit fails.
 */
import { Alert, Button, Form, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { acceptReport, returnReport } from '../../api/dashboard.ts';

type Decision = 'accept' | 'return';
type Values = { decision: Decision; comment?: string; reason?: string };

export function ReviewDecision({
  reportId,
  rowVersion,
  onDone,
  onStale,
}: {
  reportId: string;
  rowVersion: number;
  onDone: (decision: Decision) => void;
  /** The report changed under us (someone else acted): load it again. */
  onStale: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const decision = Form.useWatch('decision', form) ?? 'accept';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      if (v.decision === 'accept') await acceptReport(reportId, rowVersion, v.comment);
      else await returnReport(reportId, rowVersion, (v.reason ?? '').trim());
      onDone(v.decision);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
      const field = err.field === 'reason' || err.field === 'comment' ? err.field : null;
      if (field) form.setFields([{ name: field, errors: [err.message] }]);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ decision: 'accept' }} onFinish={submit}>
      <Form.Item name="decision" label="审核结论">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'accept', label: '通过' },
            { value: 'return', label: '退回' },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="comment"
        label="审核意见（可选）"
        hidden={decision !== 'accept'}
        rules={[{ max: 2000, message: '意见不能超过2000字' }]}
      >
        <Input.TextArea rows={3} placeholder="可选：写给报送单位的意见" maxLength={2000} showCount />
      </Form.Item>
      <Form.Item
        name="reason"
        label="退回理由"
        hidden={decision !== 'return'}
        rules={
          decision === 'return'
            ? [
                { required: true, whitespace: true, message: '请填写退回理由' },
                {
                  validator: (_, value: string | undefined) =>
                    [...(value ?? '').trim()].length >= 5
                      ? Promise.resolve()
                      : Promise.reject(new Error('退回理由至少5个字')),
                },
              ]
            : []
        }
      >
        <Input.TextArea
          rows={3}
          placeholder="说明需要补充或修改的内容（至少5个字）"
          maxLength={2000}
          showCount
        />
      </Form.Item>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={error.status === 409 ? '报告已被更新' : '操作未成功'}
          description={error.message}
          action={
            error.status === 409 ? (
              <Button size="small" onClick={onStale}>
                重新载入
              </Button>
            ) : undefined
          }
        />
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} danger={decision === 'return'}>
          {decision === 'accept' ? '确认通过' : '确认退回'}
        </Button>
      </Space>
    </Form>
  );
}
