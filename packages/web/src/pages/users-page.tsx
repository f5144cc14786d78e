/** 用户: everyone who can sign in, with role, unit and state; 新建用户 opens a form. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Input, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { listOrgs, listUsers, type UserRow } from '../api/admin.ts';
import type { Role } from '../api/types.ts';
import { dateTime, ROLE_LABELS } from '../app/format.ts';
import { useApi } from '../app/use-api.ts';
import { NewUserModal } from '../components/admin/new-user-modal.tsx';
import { ErrorAlert } from '../components/error-result.tsx';

const ROLES: Role[] = ['coordinator', 'leader', 'reporter', 'viewer'];

function UserState({ u, now }: { u: UserRow; now: number }) {
  if (!u.active) return <Badge status="default" text="已停用" />;
  if (u.lockedUntil && Date.parse(u.lockedUntil) > now)
    return <Badge status="error" text={`已锁定至 ${dateTime(u.lockedUntil)}`} />;
  return <Badge status="success" text="正常" />;
}

export function UsersPage() {
  const { message } = App.useApp();
  const users = useApi(listUsers, []);
  const orgs = useApi(listOrgs, []);
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const orgName = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o.name])), [orgs.data]);
  const now = Date.now();
  const q = search.trim().toLowerCase();
  const shown = (users.data ?? []).filter(
    (u) =>
      (!role || u.role === role) &&
      (q === '' ||
        u.username.toLowerCase().includes(q) ||
        u.displayName.toLowerCase().includes(q) ||
        (u.orgId ? (orgName.get(u.orgId) ?? u.orgId) : '').includes(q)),
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        用户
      </Typography.Title>
      <ErrorAlert error={users.error ?? orgs.error} />
      <Space wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          新建用户
        </Button>
        <Input.Search
          allowClear
          placeholder="用户名、姓名或单位"
          aria-label="搜索用户"
          style={{ width: 240 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Select
          allowClear
          placeholder="全部角色"
          aria-label="按角色筛选"
          style={{ width: 200 }}
          value={role}
          onChange={setRole}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
        <Typography.Text type="secondary">共 {shown.length} 人</Typography.Text>
      </Space>
      <Table<UserRow>
        rowKey="id"
        size="middle"
        loading={users.loading}
        dataSource={shown}
        scroll={{ x: 900 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100] }}
        columns={[
          { title: '用户名', dataIndex: 'username', width: 200 },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', width: 170, render: (r: string) => ROLE_LABELS[r] ?? r },
          {
            title: '单位',
            dataIndex: 'orgId',
            render: (id: string | null) => (id ? (orgName.get(id) ?? id) : '—'),
          },
          { title: '邮箱', dataIndex: 'email', render: (e: string | null) => e ?? '—' },
          {
            title: '状态',
            key: 'state',
            width: 200,
            render: (_: unknown, u) => <UserState u={u} now={now} />,
          },
          { title: '创建时间', dataIndex: 'createdAt', width: 150, render: (t: string) => dateTime(t) },
        ]}
      />
      <NewUserModal
        open={open}
        orgs={orgs.data ?? []}
        onClose={() => setOpen(false)}
        onCreated={(username) => {
          setOpen(false);
          void message.success(`已创建用户 ${username}`);
          void users.reload();
        }}
      />
    </Space>
  );
}
