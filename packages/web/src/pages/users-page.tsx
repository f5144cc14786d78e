/**
 * 用户: everyone who can sign in, with role, unit and state; 新建用户 opens a form; each row can be
 * edited (编辑), deactivated or reactivated (停用/启用), unlocked (解锁) and given a new password (重置密码).
 * Two more tabs: every user's signed-in devices (登录设备), and the password validity (密码有效期).
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Input, Popconfirm, Select, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { listOrgs, listUsers, type UserRow, unlockUser, updateUser } from '../api/admin.ts';
import { ApiError } from '../api/client.ts';
import type { Role } from '../api/types.ts';
import { dateTime, ROLE_LABELS } from '../app/format.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { AllSessions } from '../components/admin/all-sessions.tsx';
import { NewUserModal } from '../components/admin/new-user-modal.tsx';
import { PasswordExpiry } from '../components/admin/password-expiry.tsx';
import { PasswordModal } from '../components/admin/password-modal.tsx';
import { UserEditModal } from '../components/admin/user-edit-modal.tsx';
import { ErrorAlert } from '../components/error-result.tsx';
import { FilterBar, ItemCard, ResponsiveList, useFilterWidth } from '../components/responsive-list.tsx';

const ROLES: Role[] = ['coordinator', 'leader', 'reporter', 'viewer'];

function UserState({ u, now }: { u: UserRow; now: number }) {
  if (!u.active) return <Badge status="default" text="已停用" />;
  if (isLocked(u, now)) return <Badge status="error" text={`已锁定至 ${dateTime(u.lockedUntil)}`} />;
  if (u.mustChangePassword === 'initial') return <Badge status="warning" text="待首次修改密码" />;
  if (u.mustChangePassword === 'expired') return <Badge status="warning" text="密码已过期" />;
  return <Badge status="success" text="正常" />;
}

function isLocked(u: UserRow, now: number): boolean {
  return u.lockedUntil !== null && Date.parse(u.lockedUntil) > now;
}

export function UsersPage() {
  const { message } = App.useApp();
  const me = useMe();
  const users = useApi(listUsers, []);
  const orgs = useApi(listOrgs, []);
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [sessionsKey, setSessionsKey] = useState(0);

  const act = async (u: UserRow, run: () => Promise<unknown>, done: string) => {
    setBusyId(u.id);
    try {
      await run();
      void message.success(done);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusyId(null);
      void users.reload();
      setSessionsKey((k) => k + 1);
    }
  };
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const orgName = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o.name])), [orgs.data]);
  const now = Date.now();
  const width = useFilterWidth();
  const unitOf = (u: UserRow) => (u.orgId ? (orgName.get(u.orgId) ?? u.orgId) : '—');
  const actions = (u: UserRow) => {
    const self = u.id === me.user.id;
    const who = `${u.displayName}（${u.username}）`;
    return (
      <Space size={0} wrap>
        <Button type="link" size="small" aria-label={`编辑 ${u.username}`} onClick={() => setEditing(u)}>
          编辑
        </Button>
        {u.active ? (
          <Popconfirm
            title={`停用 ${who}？`}
            description="停用后该用户立即退出，不能再登录；可随时启用。"
            okText="停用"
            cancelText="取消"
            okButtonProps={{ danger: true }}
            disabled={self}
            onConfirm={() =>
              act(u, () => updateUser(u.id, { rowVersion: u.rowVersion, active: false }), `已停用 ${who}`)
            }
          >
            <Button
              type="link"
              size="small"
              danger
              disabled={self}
              title={self ? '不能停用自己的账号' : undefined}
              loading={busyId === u.id}
              aria-label={`停用 ${u.username}`}
            >
              停用
            </Button>
          </Popconfirm>
        ) : (
          <Button
            type="link"
            size="small"
            loading={busyId === u.id}
            aria-label={`启用 ${u.username}`}
            onClick={() =>
              act(u, () => updateUser(u.id, { rowVersion: u.rowVersion, active: true }), `已启用 ${who}`)
            }
          >
            启用
          </Button>
        )}
        {isLocked(u, now) && (
          <Button
            type="link"
            size="small"
            loading={busyId === u.id}
            aria-label={`解锁 ${u.username}`}
            onClick={() => act(u, () => unlockUser(u.id), `已解除 ${who} 的锁定`)}
          >
            解锁
          </Button>
        )}
        <Button
          type="link"
          size="small"
          aria-label={`重置密码 ${u.username}`}
          onClick={() => setResetting(u)}
        >
          重置密码
        </Button>
      </Space>
    );
  };
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
      <Tabs
        defaultActiveKey="users"
        items={[
          {
            key: 'users',
            label: '用户列表',
            children: (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <ErrorAlert error={users.error ?? orgs.error} />
                <FilterBar>
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
                    新建用户
                  </Button>
                  <Input.Search
                    allowClear
                    placeholder="用户名、姓名或单位"
                    aria-label="搜索用户"
                    style={{ width: width(240) }}
                    value={search}
                    onChange={(e) => setSearch(e.target.value)}
                  />
                  <Select
                    allowClear
                    placeholder="全部角色"
                    aria-label="按角色筛选"
                    style={{ width: width(200) }}
                    value={role}
                    onChange={setRole}
                    options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                  />
                  <Typography.Text type="secondary">共 {shown.length} 人</Typography.Text>
                </FilterBar>
                <ResponsiveList<UserRow>
                  cardsLabel="用户"
                  card={(u) => (
                    <ItemCard
                      tags={<Typography.Text strong>{u.displayName}</Typography.Text>}
                      item={u.username}
                      unit={unitOf(u)}
                      status={<UserState u={u} now={now} />}
                      actions={actions(u)}
                    >
                      <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                        {ROLE_LABELS[u.role] ?? u.role}
                        {u.email ? ` · ${u.email}` : ''}
                      </Typography.Text>
                    </ItemCard>
                  )}
                  rowKey="id"
                  size="middle"
                  loading={users.loading}
                  dataSource={shown}
                  // Fits a 1440 px screen, so the fixed 操作 column covers no header there.
                  scroll={{ x: 1150 }}
                  pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100] }}
                  columns={[
                    { title: '用户名', dataIndex: 'username', width: 140 },
                    { title: '姓名', dataIndex: 'displayName', width: 110 },
                    {
                      title: '角色',
                      dataIndex: 'role',
                      width: 130,
                      render: (r: string) => ROLE_LABELS[r] ?? r,
                    },
                    {
                      title: '单位',
                      dataIndex: 'orgId',
                      width: 180,
                      render: (_: string | null, u) => unitOf(u),
                    },
                    {
                      title: '状态',
                      key: 'state',
                      width: 180,
                      render: (_: unknown, u) => <UserState u={u} now={now} />,
                    },
                    {
                      title: '邮箱',
                      dataIndex: 'email',
                      ellipsis: true,
                      render: (e: string | null) => e ?? '—',
                    },
                    {
                      title: '创建时间',
                      dataIndex: 'createdAt',
                      width: 140,
                      render: (t: string) => dateTime(t),
                    },
                    {
                      title: '操作',
                      key: 'actions',
                      width: 210,
                      fixed: 'right',
                      render: (_: unknown, u) => actions(u),
                    },
                  ]}
                />
              </Space>
            ),
          },
          { key: 'sessions', label: '登录设备', children: <AllSessions reloadKey={sessionsKey} /> },
          { key: 'password', label: '密码有效期', children: <PasswordExpiry /> },
        ]}
      />
      <UserEditModal
        user={editing}
        orgs={orgs.data ?? []}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          void message.success(`已保存 ${saved.username}`);
          void users.reload();
        }}
      />
      <PasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={(u) => {
          setResetting(null);
          void message.success(`已重置 ${u.username} 的密码，其已登录的设备均已退出`);
          void users.reload();
          setSessionsKey((k) => k + 1);
        }}
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
