/**
 * A dialog holding a short form: OK validates it and saves; the server's refusal shows at the field it
 * names (or in an error dialog), and the form is kept for another try.
 */
import { Form, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client.ts';

type Props<T> = {
  open: boolean;
  title: string;
  okText: string;
  onCancel: () => void;
  onSave: (values: T) => Promise<void>;
  children: ReactNode;
};

export function FormDialog<T>({ open, title, okText, onCancel, onSave, children }: Props<T>) {
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await onSave(values);
      form.resetFields();
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      if (e instanceof ApiError && e.field) form.setFields([{ name: e.field as never, errors: [text] }]);
      else Modal.error({ title: '未能保存', content: text });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      onOk={submit}
      confirmLoading={busy}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        {children}
      </Form>
    </Modal>
  );
}
