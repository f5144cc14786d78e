/**
 * 新建用户: username, name, role, unit (required for reporters and leaders), e-mail, password. A
 * server error lands on the field it names; whatever was typed stays when a submit fails.
 */
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { PASSWORD_RULES_TEXT } from '../../api/account.ts';
import { createUser, fieldMessage, type NewUser, type Org } from '../../api/admin.ts';
import { ApiError } from '../../api/client.ts';
import type { Role } from '../../api/types.ts';
import { ROLE_LABELS } from '../../app/format.ts';

type Values = {
  username: string;
  displayName?: string;
  role: Role;
  orgId?: string;
  email?: string;
  password: string;
};

const ROLES: Role[] = ['reporter', 'leader', 'coordinator', 'viewer'];
const FIELDS = new Set(['username', 'displayName', 'role', 'orgId', 'email', 'password']);
const NEEDS_UNIT = new Set<Role>(['reporter', 'leader']);

export function NewUserModal({
  open,
  orgs,
  onClose,
  onCreated,
}: {
  open: boolean;
  orgs: readonly Org[];
  onClose: () => void;
  onCreated: (username: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    const body: NewUser = {
      username: values.username.trim(),
      password: values.password,
      role: values.role,
      orgId: values.orgId ?? null,
      displayName: values.displayName?.trim() || undefined,
      email: values.email?.trim() || null,
    };
    try {
      await createUser(body);
      form.resetFields();
      onCreated(body.username);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
      if (err.field && FIELDS.has(err.field))
        form.setFields([{ name: err.field as keyof Values, errors: [fieldMessage(err)] }]);
      else setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="新建用户"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="创建"
      cancelText="取消"
      confirmLoading={busy}
      forceRender
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ role: 'reporter' }}
        requiredMark
      >
        <Form.Item
          label="用户名"
          name="username"
          rules={[{ required: true, message: '请输入用户名' }]}
          extra="登录用，2-40位字母、数字、汉字或 _ . -"
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName">
          <Input autoComplete="off" placeholder="不填则与用户名相同" />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            onChange={() => form.validateFields(['orgId']).catch(() => undefined)}
          />
        </Form.Item>
        <Form.Item
          label="所属单位"
          name="orgId"
          rules={[
            {
              required: NEEDS_UNIT.has(role ?? 'reporter'),
              message: '联络员和单位领导必须选择所属单位',
            },
          ]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            placeholder="输入单位名称搜索"
            options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item label="邮箱" name="email" extra="填写后提醒和督办也会发到邮箱">
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="初始密码"
          name="password"
          rules={[{ required: true, message: '请输入初始密码' }]}
          extra={`${PASSWORD_RULES_TEXT}；本人首次登录时须修改`}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
