/** 重置密码: the coordinator sets a new password (twice); the user's sessions end on the server. */
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { resetUserPassword, type UserRow } from '../../api/admin.ts';
import type { ApiError } from '../../api/client.ts';
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
        重置后该用户已登录的设备会全部退出，请把新密码当面或电话告知本人。
      </Typography.Paragraph>
      <Form<Values> form={form} name="user-password" layout="vertical" onFinish={submit} requiredMark>
        <Form.Item
          label="新密码"
          name="password"
          extra="至少8位"
          rules={[
            { required: true, message: '请输入新密码' },
            { min: 8, message: '密码至少8位' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="再次输入新密码"
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
