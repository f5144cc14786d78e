/**
 * 登录设备: sessions with the device (from the browser's User-Agent), address, sign-in time and last
 * activity; each can be ended. With `showUser`, whose session it is (the administrator's view).
 */
import { Button, Popconfirm, Table, Tag } from 'antd';
import { deviceLabel, type SessionRow } from '../../api/account.ts';
import { dateTime } from '../../app/format.ts';

export function SessionsTable({
  sessions,
  loading,
  showUser = false,
  busyId,
  onEnd,
}: {
  sessions: SessionRow[];
  loading: boolean;
  showUser?: boolean;
  busyId: string | null;
  onEnd: (s: SessionRow) => void;
}) {
  return (
    <Table<SessionRow>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={sessions}
      pagination={sessions.length > 20 ? { defaultPageSize: 20 } : false}
      scroll={{ x: showUser ? 900 : 700 }}
      columns={[
        ...(showUser
          ? [
              {
                title: '用户',
                key: 'user',
                width: 180,
                render: (_: unknown, s: SessionRow) => `${s.user.displayName}（${s.user.username}）`,
              },
            ]
          : []),
        {
          title: '设备',
          key: 'device',
          width: 180,
          render: (_: unknown, s: SessionRow) => (
            <span title={s.userAgent ?? undefined}>
              {deviceLabel(s.userAgent)} {s.current && <Tag color="green">本设备</Tag>}
            </span>
          ),
        },
        { title: '地址', dataIndex: 'address', width: 140, render: (a: string | null) => a ?? '—' },
        { title: '登录时间', dataIndex: 'createdAt', width: 150, render: (t: string) => dateTime(t) },
        { title: '最近活动', dataIndex: 'lastSeenAt', width: 150, render: (t: string) => dateTime(t) },
        {
          title: '操作',
          key: 'actions',
          width: 100,
          render: (_: unknown, s: SessionRow) => (
            <Popconfirm
              title={s.current ? '退出本设备？' : '让该设备退出登录？'}
              okText="退出"
              cancelText="取消"
              onConfirm={() => onEnd(s)}
            >
              <Button
                type="link"
                size="small"
                danger
                loading={busyId === s.id}
                aria-label={`退出 ${deviceLabel(s.userAgent)} ${s.address ?? ''}`.trim()}
              >
                退出
              </Button>
            </Popconfirm>
          ),
        },
      ]}
    />
  );
}
