/** A new password typed twice, with the policy's rules under it; the server checks the rules. */
import { Form, Input } from 'antd';
import { PASSWORD_RULES_TEXT } from '../../api/account.ts';

export function NewPasswordFields({ name }: { name: string }) {
  return (
    <>
      <Form.Item
        label="新密码"
        name={name}
        extra={PASSWORD_RULES_TEXT}
        rules={[{ required: true, message: '请输入新密码' }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="再次输入新密码"
        name="confirm"
        dependencies={[name]}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue(name)
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
