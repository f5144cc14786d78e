/**
 * 通知: my inbox, unread first, grouped by kind (待审核, 督办/催办, 退回, 延期, 其他, each with its unread
 * count); opening one marks it read and goes where it points; 全部标为已读.
 *
 * A coordinator's inbox has two boxes (?box=unit): 办公室待办 — reports to review, extensions to
 * decide, units' replies — and 本单位事项, the 督办 notices and assignments the office receives as a
 * responsible unit itself, so those do not bury the review work. The coordinator also sees how many
 * reports wait for review, with the way to them.
 */
import { CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, List, Segmented, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import {
  announceInboxChange,
  appPath,
  listNotifications,
  markAllRead,
  markRead,
  NOTIFICATION_KIND_COLORS,
  NOTIFICATION_KIND_LABELS,
} from '../api/admin.ts';
import { ApiError } from '../api/client.ts';
import {
  boxOf,
  boxUnread,
  INBOX_GROUPS,
  type InboxBox,
  type InboxGroup,
  inGroup,
  OFFICE_GROUPS,
} from '../api/inbox.ts';
import type { Notification } from '../api/types.ts';
import { dateTime } from '../app/format.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { ErrorAlert } from '../components/error-result.tsx';
import { InboxBoxes, ReviewWaiting } from '../components/inbox/inbox-boxes.tsx';

type Show = 'all' | 'unread';

/** Unread first (all of them, however old), then the latest read ones; newest first within each. */
async function loadInbox(): Promise<{
  items: Notification[];
  unread: number;
  unreadByKind: Record<string, number>;
}> {
  const [unread, all] = await Promise.all([listNotifications(true), listNotifications(false)]);
  const seen = new Set(unread.items.map((n) => n.id));
  return {
    items: [...unread.items, ...all.items.filter((n) => !seen.has(n.id))],
    unread: all.unread,
    unreadByKind: all.unreadByKind,
  };
}

const ALL = 'all';

/** The kind tabs: a unit's groups, or those of the coordinator's box (待审核 belongs to the office). */
function groupsOf(box: InboxBox | null): readonly InboxGroup[] {
  if (box === 'office') return OFFICE_GROUPS;
  if (box === 'unit') return INBOX_GROUPS.filter((g) => g.key !== 'review');
  return INBOX_GROUPS;
}

export function NotificationsPage() {
  const navigate = useNavigate();
  const coordinator = useMe().permissions.reviewReports;
  const [params, setParams] = useSearchParams();
  const box: InboxBox | null = coordinator ? (params.get('box') === 'unit' ? 'unit' : 'office') : null;
  const { data, error, loading, reload } = useApi(loadInbox, []);
  const [show, setShow] = useState<Show>('all');
  const [groupKey, setGroupKey] = useState(ALL);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const unread = data?.unread ?? 0;
  const unreadByKind = data?.unreadByKind ?? {};
  const groups = groupsOf(box);
  const group = groups.find((g) => g.key === groupKey);
  const inView = (kind: string) => (!box || boxOf(kind) === box) && (!group || inGroup(group, kind));
  const items = (data?.items ?? []).filter((n) => (show === 'all' || !n.readAt) && inView(n.kind));
  const countOf = (g: InboxGroup) =>
    Object.entries(unreadByKind)
      .filter(([kind]) => (!box || boxOf(kind) === box) && inGroup(g, kind))
      .reduce((sum, [, n]) => sum + n, 0);
  const switchBox = (next: InboxBox) => {
    setGroupKey(ALL);
    setParams(next === 'unit' ? { box: 'unit' } : {});
  };
  const tabLabel = (label: string, n: number) => (
    <span>
      {label}
      {n > 0 && <Badge count={n} size="small" overflowCount={999} style={{ marginInlineStart: 6 }} />}
    </span>
  );

  const fail = (e: unknown) =>
    setActionError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));

  const open = async (n: Notification) => {
    setActionError(null);
    try {
      if (!n.readAt) {
        await markRead(n.id);
        announceInboxChange();
      }
      if (n.link) navigate(appPath(n.link));
      else await reload();
    } catch (e) {
      fail(e);
    }
  };

  const readOne = async (n: Notification) => {
    setActionError(null);
    try {
      await markRead(n.id);
      announceInboxChange();
      await reload();
    } catch (e) {
      fail(e);
    }
  };

  const readAll = async () => {
    setBusy(true);
    setActionError(null);
    try {
      await markAllRead();
      announceInboxChange();
      await reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      <Space align="center" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space align="baseline">
          <Typography.Title level={3} style={{ margin: 0 }}>
            通知
          </Typography.Title>
          <Typography.Text
            data-testid="inbox-unread"
            aria-live="polite"
            type={unread > 0 ? 'danger' : 'secondary'}
            strong={unread > 0}
          >
            {unread > 0 ? `${unread} 条未读` : '没有未读通知'}
          </Typography.Text>
        </Space>
        <Space wrap>
          <Segmented<Show>
            aria-label="显示哪些通知"
            value={show}
            onChange={setShow}
            options={[
              { value: 'all', label: '全部' },
              { value: 'unread', label: `未读 ${unread}` },
            ]}
          />
          <Button icon={<CheckOutlined />} disabled={unread === 0} loading={busy} onClick={readAll}>
            全部标为已读
          </Button>
        </Space>
      </Space>
      {box && (
        <>
          <ReviewWaiting />
          <InboxBoxes
            box={box}
            onChange={switchBox}
            unread={{ office: boxUnread('office', unreadByKind), unit: boxUnread('unit', unreadByKind) }}
          />
        </>
      )}
      <Tabs
        aria-label="通知类别"
        activeKey={groupKey}
        onChange={setGroupKey}
        items={[
          { key: ALL, label: tabLabel('所有类别', box ? boxUnread(box, unreadByKind) : unread) },
          ...groups.map((g) => ({ key: g.key, label: tabLabel(g.label, countOf(g)) })),
        ]}
        style={{ marginBottom: -16 }}
      />
      <ErrorAlert error={error ?? actionError} />
      <List<Notification>
        loading={loading && !data}
        dataSource={items}
        rowKey="id"
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false, align: 'center' } : false}
        locale={{
          emptyText: (
            <Empty
              description={`${group ? `「${group.label}」类` : ''}${show === 'unread' ? '没有未读通知' : '还没有通知'}`}
            />
          ),
        }}
        renderItem={(n) => {
          const isUnread = !n.readAt;
          return (
            <List.Item style={{ display: 'block', padding: 0, borderBlockEnd: 'none' }}>
              <Card
                size="small"
                style={{
                  marginBottom: 8,
                  borderLeft: isUnread ? '3px solid #b71c1c' : '3px solid transparent',
                }}
                data-unread={isUnread || undefined}
              >
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Space wrap size={[8, 4]}>
                    {isUnread && <Badge status="error" text="未读" />}
                    <Tag color={NOTIFICATION_KIND_COLORS[n.kind] ?? 'default'}>
                      {NOTIFICATION_KIND_LABELS[n.kind] ?? n.kind}
                    </Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <time dateTime={n.createdAt}>{dateTime(n.createdAt)}</time>
                    </Typography.Text>
                  </Space>
                  <Typography.Text strong={isUnread}>{n.title}</Typography.Text>
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                    {n.body}
                  </Typography.Paragraph>
                  <Space wrap>
                    {n.link && (
                      <Button
                        type="primary"
                        size="small"
                        onClick={() => void open(n)}
                        aria-label={`打开「${n.title}」`}
                      >
                        打开
                      </Button>
                    )}
                    {isUnread && (
                      <Button
                        size="small"
                        onClick={() => void readOne(n)}
                        aria-label={`将「${n.title}」标为已读`}
                      >
                        标为已读
                      </Button>
                    )}
                  </Space>
                </Space>
              </Card>
            </List.Item>
          );
        }}
      />
    </Space>
  );
}
