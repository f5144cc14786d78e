/**
 * A modal that asks for one piece of text and sends it — a unit's reply to a 督办, the reason a pass
 * is taken back. An error about the field shows under it; any other error above the buttons.
 */
import { Alert, Form, Input, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client.ts';

export type TextField = {
  /** The request field the server names in its errors. */
  name: string;
  label: string;
  requiredMessage: string;
  min: number;
  minMessage: string;
  maxLength: number;
  rows: number;
  placeholder: string;
};

export function TextFormModal({
  open,
  title,
  okText,
  danger = false,
  intro,
  field,
  errorTitle,
  send,
  onClose,
}: {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  intro: ReactNode;
  field: TextField;
  errorTitle: string;
  /** Send the trimmed text; the modal closes through the caller once it resolves. */
  send: (text: string) => Promise<void>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Record<string, string>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (values: Record<string, string>) => {
    setBusy(true);
    setError(null);
    try {
      await send((values[field.name] ?? '').trim());
      form.resetFields();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
      if (err.field === field.name) form.setFields([{ name: field.name, errors: [err.message] }]);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      okText={okText}
      okButtonProps={{ danger }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      forceRender
    >
      {intro}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name={field.name}
          label={field.label}
          rules={[
            { required: true, whitespace: true, message: field.requiredMessage },
            { min: field.min, message: field.minMessage },
          ]}
        >
          <Input.TextArea
            rows={field.rows}
            maxLength={field.maxLength}
            showCount
            placeholder={field.placeholder}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={errorTitle} description={error.message} />}
    </Modal>
  );
}
