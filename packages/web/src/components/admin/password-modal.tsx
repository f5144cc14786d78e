/** 重置密码: the coordinator sets a new password (twice); the user's sessions end on the server. */
import { Alert, Form, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { resetUserPassword, type UserRow } from '../../api/admin.ts';
import type { ApiError } from '../../api/client.ts';
import { NewPasswordFields } from '../account/new-password-fields.tsx';
import { applyServerError, formAlert } from './form-errors.ts';

type Values = { password: string; confirm: string };

const FIELDS = new Set(['password']);

export function PasswordModal({
  user,
  onClose,
  onDone,
}: {
  user: UserRow | null;
  onClose: () => void;
  onDone: (user: UserRow) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!user) return;
    setError(null);
    form.resetFields();
  }, [user, form]);

  const submit = async (values: Values) => {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      await resetUserPassword(user.id, values.password);
      onDone(user);
    } catch (e) {
      setError(applyServerError(form, FIELDS, e));
    } finally {
      setBusy(false);
    }
  };
  const alert = error ? formAlert(error) : null;

  return (
    <Modal
      title={user ? `重置密码：${user.displayName}（${user.username}）` : '重置密码'}
      open={user !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="重置密码"
      cancelText="取消"
      confirmLoading={busy}
      forceRender
    >
      {alert && <Alert type="error" showIcon role="alert" title={alert.title} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">
        重置后该用户已登录的设备会全部退出，下次登录时须先修改密码。请把新密码当面或电话告知本人。
      </Typography.Paragraph>
      <Form<Values> form={form} name="user-password" layout="vertical" onFinish={submit} requiredMark>
        <NewPasswordFields name="password" />
      </Form>
    </Modal>
  );
}
