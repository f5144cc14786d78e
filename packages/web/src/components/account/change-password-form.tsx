/**
 * 修改密码: the current password, the new one twice. The server's policy decides; its message goes
 * next to the field it names (当前密码 or 新密码).
 */
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { changePassword } from '../../api/account.ts';
import type { ApiError } from '../../api/client.ts';
import { applyServerError } from '../admin/form-errors.ts';
import { NewPasswordFields } from './new-password-fields.tsx';

type Values = { currentPassword: string; newPassword: string; confirm: string };

const FIELDS = new Set(['currentPassword', 'newPassword']);

export function ChangePasswordForm({
  onChanged,
  onError,
}: {
  onChanged: (sessionsEnded: number) => void | Promise<void>;
  /** An error no field owns (the form shows field errors itself). */
  onError: (e: ApiError | null) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    onError(null);
    try {
      const { sessionsEnded } = await changePassword(values.currentPassword, values.newPassword);
      form.resetFields();
      await onChanged(sessionsEnded);
    } catch (e) {
      onError(applyServerError(form, FIELDS, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} name="change-password" layout="vertical" onFinish={submit} requiredMark>
      <Form.Item
        label="当前密码"
        name="currentPassword"
        rules={[{ required: true, message: '请输入当前密码' }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <NewPasswordFields name="newPassword" />
      <Button type="primary" htmlType="submit" loading={busy}>
        修改密码
      </Button>
    </Form>
  );
}
