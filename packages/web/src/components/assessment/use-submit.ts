/** Submitting a dialog's form: the server's refusal shows at the field it names, or in a dialog. */
import { type Form, Modal } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';

/** A form whose server refusal shows at the field it names. */
export function useSubmit<T>(form: ReturnType<typeof Form.useForm<T>>[0], save: (v: T) => Promise<void>) {
  const [busy, setBusy] = useState(false);
  return {
    busy,
    submit: async () => {
      const values = await form.validateFields();
      setBusy(true);
      try {
        await save(values);
        form.resetFields();
      } catch (e) {
        const field = e instanceof ApiError && e.field ? e.field : undefined;
        const text = e instanceof Error ? e.message : String(e);
        if (field) form.setFields([{ name: field as never, errors: [text] }]);
        else Modal.error({ title: '未能保存', content: text });
      } finally {
        setBusy(false);
      }
    },
  };
}
