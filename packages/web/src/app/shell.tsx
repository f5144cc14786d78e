/**
 * The frame around every page: the menu (only what the user may do), the user, the inbox bell. The
 * header stays one line: long unit and user names end in an ellipsis (full text in the title), and on
 * a phone the user's name, role and 退出 sit in a menu behind the user button.
 */
import {
  AlertOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FormOutlined,
  ImportOutlined,
  LogoutOutlined,
  ProfileOutlined,
  SafetyOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Badge, Button, Drawer, Dropdown, Grid, Layout, Menu, Spin, Typography } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import type { Permissions } from '../api/types.ts';
import { ROLE_LABELS, userLine } from './format.ts';
import { useApprovalCount, useInboxCount } from './inbox-count.ts';
import { useMe, useSession } from './session.tsx';

type Item = { key: string; label: string; icon: ReactNode; allowed: (p: Permissions) => boolean };

export const MENU: Item[] = [
  { key: '/dashboard', label: '督办看板', icon: <DashboardOutlined />, allowed: () => true },
  { key: '/my-work', label: '我的任务', icon: <ProfileOutlined />, allowed: (p) => p.submitReports },
  {
    key: '/deliverables',
    label: '报送事项',
    icon: <UnorderedListOutlined />,
    allowed: (p) => p.viewAllUnits,
  },
  { key: '/approvals', label: '待我审批', icon: <FormOutlined />, allowed: (p) => p.approveReports },
  { key: '/review', label: '审核报告', icon: <CheckSquareOutlined />, allowed: (p) => p.reviewReports },
  {
    key: '/extensions',
    label: '延期申请',
    icon: <ClockCircleOutlined />,
    allowed: (p) => p.decideExtensions || p.requestExtensions,
  },
  { key: '/escalations', label: '提醒督办', icon: <AlertOutlined />, allowed: () => true },
  { key: '/assessment', label: '年度考核', icon: <TrophyOutlined />, allowed: () => true },
  { key: '/plans', label: '任务清单', icon: <FileSearchOutlined />, allowed: () => true },
  { key: '/plans/import', label: '导入通知', icon: <ImportOutlined />, allowed: (p) => p.importNotices },
  { key: '/calendar', label: '本单位日历', icon: <CalendarOutlined />, allowed: (p) => p.submitReports },
  { key: '/orgs', label: '组织目录', icon: <TeamOutlined />, allowed: (p) => p.manageOrgs },
  { key: '/users', label: '用户', icon: <UserOutlined />, allowed: (p) => p.manageUsers },
  { key: '/settings', label: '设置', icon: <SettingOutlined />, allowed: (p) => p.manageSettings },
  { key: '/audit', label: '审计记录', icon: <AuditOutlined />, allowed: (p) => p.viewAudit },
  { key: '/account', label: '账号安全', icon: <SafetyOutlined />, allowed: () => true },
];

/** A line that ends in an ellipsis rather than wrapping (the full text is in its title). */
const ONE_LINE = { minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

const ON_SELECTED = { backgroundColor: '#fff', color: '#b71c1c' };

export function Shell() {
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  const unread = useInboxCount();
  // A count beside a menu entry: what waits for the user there.
  const counts: Record<string, number> = { '/approvals': useApprovalCount(me.permissions.approveReports) };
  const selected = MENU.map((m) => m.key)
    .filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  const items = MENU.filter((m) => m.allowed(me.permissions)).map((m) => ({
    key: m.key,
    icon: m.icon,
    label: (
      <Link to={m.key} aria-label={counts[m.key] ? `${m.label}，${counts[m.key]} 项` : undefined}>
        {m.label}
        {counts[m.key] ? (
          <Badge
            count={counts[m.key]}
            size="small"
            // On the selected entry the menu's background is the primary red: the count turns white.
            style={{
              marginInlineStart: 8,
              boxShadow: 'none',
              ...(selected.includes(m.key) ? ON_SELECTED : {}),
            }}
          />
        ) : null}
      </Link>
    ),
  }));
  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={selected}
      items={items}
      onClick={() => setOpen(false)}
      aria-label="主菜单"
    />
  );
  const mobile = !screens.md;
  const orgName = me.org?.name ?? '鹰潭市';
  const who = userLine(me.user.displayName, me.user.role);
  const signOut = async () => {
    await logout();
    navigate('/login');
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Layout.Sider width={200} theme="dark">
          <div style={{ color: '#fff', padding: '16px 20px', fontSize: 18, fontWeight: 600 }}>落实</div>
          {menu}
        </Layout.Sider>
      )}
      {mobile && (
        <Drawer
          open={open}
          onClose={() => setOpen(false)}
          placement="left"
          size={220}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          {menu}
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: mobile ? '0 8px' : '0 16px',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            whiteSpace: 'nowrap',
          }}
        >
          {mobile && (
            <Button aria-label="打开菜单" onClick={() => setOpen(true)} style={{ flex: 'none' }}>
              菜单
            </Button>
          )}
          <Typography.Text strong style={{ ...ONE_LINE, flex: '1 1 auto' }} title={orgName}>
            {orgName}
          </Typography.Text>
          <Link
            to="/notifications"
            aria-label={`通知，${unread} 条未读`}
            style={{ flex: 'none', display: 'inline-flex', padding: '0 8px' }}
          >
            <Badge count={unread} size="small">
              <BellOutlined style={{ fontSize: 18 }} />
            </Badge>
          </Link>
          {mobile ? (
            <Dropdown
              trigger={['click']}
              placement="bottomRight"
              menu={{
                items: [
                  {
                    key: 'me',
                    type: 'group',
                    label: (
                      <span style={{ display: 'block', whiteSpace: 'normal', maxWidth: 260 }}>
                        <Typography.Text strong>{me.user.displayName}</Typography.Text>
                        <br />
                        <Typography.Text>
                          {ROLE_LABELS[me.user.role]}
                          {me.org && ` · ${me.org.name}`}
                        </Typography.Text>
                      </span>
                    ),
                    children: [{ key: 'logout', icon: <LogoutOutlined />, label: '退出' }],
                  },
                ],
                onClick: ({ key }) => {
                  if (key === 'logout') void signOut();
                },
              }}
            >
              <Button
                icon={<UserOutlined />}
                aria-label={`${who.text}，打开用户菜单`}
                style={{ flex: 'none' }}
              />
            </Dropdown>
          ) : (
            <>
              <Typography.Text style={{ ...ONE_LINE, flex: '0 1 auto', maxWidth: 320 }} title={who.text}>
                {who.name}
                {who.role && <Typography.Text type="secondary">（{who.role}）</Typography.Text>}
              </Typography.Text>
              <Button icon={<LogoutOutlined />} onClick={() => void signOut()} style={{ flex: 'none' }}>
                退出
              </Button>
            </>
          )}
        </Layout.Header>
        <Layout.Content style={{ padding: mobile ? 8 : 24 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
