/**
 * 编辑用户: display name, role, unit (required for reporters and leaders), e-mail. A server error
 * lands on the field it names (e.g. a coordinator demoting themselves → 角色); the form keeps its content.
 */
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { type Org, type UserRow, updateUser } from '../../api/admin.ts';
import type { ApiError } from '../../api/client.ts';
import type { Role } from '../../api/types.ts';
import { ROLE_LABELS } from '../../app/format.ts';
import { applyServerError, formAlert } from './form-errors.ts';

type Values = { displayName: string; role: Role; orgId?: string | null; email?: string };

const ROLES: Role[] = ['reporter', 'leader', 'coordinator', 'viewer'];
const FIELDS = new Set(['displayName', 'role', 'orgId', 'email', 'active']);
const NEEDS_UNIT = new Set<Role>(['reporter', 'leader']);

export function UserEditModal({
  user,
  orgs,
  onClose,
  onSaved,
}: {
  user: UserRow | null;
  orgs: readonly Org[];
  onClose: () => void;
  onSaved: (saved: UserRow) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const role = Form.useWatch('role', form);

  useEffect(() => {
    if (!user) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      displayName: user.displayName,
      role: user.role,
      orgId: user.orgId ?? undefined,
      email: user.email ?? '',
    });
  }, [user, form]);

  const submit = async (values: Values) => {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await updateUser(user.id, {
        rowVersion: user.rowVersion,
        displayName: values.displayName.trim(),
        role: values.role,
        orgId: values.orgId ?? null,
        email: values.email?.trim() || null,
      });
      onSaved(saved);
    } catch (e) {
      setError(applyServerError(form, FIELDS, e));
    } finally {
      setBusy(false);
    }
  };
  const alert = error ? formAlert(error) : null;

  return (
    <Modal
      title={user ? `编辑用户：${user.username}` : '编辑用户'}
      open={user !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      forceRender
    >
      {alert && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={alert.title}
          description={alert.description}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values> form={form} name="user-edit" layout="vertical" onFinish={submit} requiredMark>
        <Form.Item
          label="姓名"
          name="displayName"
          rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
        >
          <Input autoComplete="off" />
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
            { required: NEEDS_UNIT.has(role ?? 'reporter'), message: '联络员和单位领导必须选择所属单位' },
          ]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            placeholder="输入单位名称搜索"
            options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item label="邮箱" name="email" rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
