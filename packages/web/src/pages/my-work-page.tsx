/**
 * 我的任务: the unit's deliverables by due date, with their lights; a phone-sized screen gets cards. A
 * unit leader also sees the unit's standing (rank, on-time rate, lights, overdue) at the top.
 */
import { Card, Grid, List, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, qs } from '../api/client.ts';
import type { DeliverableRow, Page, Signal } from '../api/types.ts';
import { proseDate, ROLE_LABELS, STATUS_LABELS } from '../app/format.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { ErrorAlert } from '../components/error-result.tsx';
import { SignalTag } from '../components/signal-tag.tsx';
import { UnitStandingSummary } from '../components/standing/unit-standing-summary.tsx';

const FILTERS: { label: string; value: Signal | 'open' }[] = [
  { label: '未办结', value: 'open' },
  { label: '逾期', value: 'red' },
  { label: '临期/退回', value: 'yellow' },
  { label: '正常推进', value: 'green' },
  { label: '已办结', value: 'blue' },
];

export function MyWorkPage() {
  const me = useMe();
  const [filter, setFilter] = useState<Signal | 'open'>('open');
  const screens = Grid.useBreakpoint();
  const { data, error, loading } = useApi(
    () =>
      api.get<Page<DeliverableRow>>(
        `/api/deliverables${qs({ orgId: me.user.orgId, signal: filter === 'open' ? undefined : filter, limit: 500 })}`,
      ),
    [filter, me.user.orgId],
  );
  const items = (data?.items ?? []).filter((d) => filter !== 'open' || d.signal !== 'blue');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>我的任务</Typography.Title>
      {me.user.role === 'leader' && me.user.orgId && <UnitStandingSummary orgId={me.user.orgId} />}
      <Segmented
        options={FILTERS}
        value={filter}
        onChange={(v) => setFilter(v as Signal | 'open')}
        aria-label="按状态筛选"
      />
      <ErrorAlert error={error} />
      {screens.md ? (
        <Table<DeliverableRow>
          rowKey="id"
          loading={loading}
          dataSource={items}
          pagination={{ pageSize: 50 }}
          columns={[
            {
              title: '亮灯',
              dataIndex: 'signal',
              width: 110,
              render: (s: Signal) => <SignalTag signal={s} />,
            },
            { title: '截止日期', dataIndex: 'dueDate', width: 120 },
            {
              title: '报送事项',
              dataIndex: 'title',
              render: (t: string, d) => <Link to={`/deliverables/${d.id}`}>{`第${d.taskNo}项 · ${t}`}</Link>,
            },
            { title: '角色', dataIndex: 'role', width: 90, render: (r: string) => ROLE_LABELS[r] ?? r },
            { title: '状态', dataIndex: 'status', width: 110, render: (s: string) => STATUS_LABELS[s] ?? s },
          ]}
        />
      ) : (
        <List
          loading={loading}
          dataSource={items}
          renderItem={(d) => (
            <List.Item style={{ display: 'block', padding: 0, borderBlockEnd: 'none' }}>
              <Card size="small" style={{ marginBottom: 8 }}>
                <Space direction="vertical" size={4}>
                  <Space>
                    <SignalTag signal={d.signal} />
                    <Typography.Text>{proseDate(d.dueDate)}前</Typography.Text>
                  </Space>
                  <Link to={`/deliverables/${d.id}`}>{`第${d.taskNo}项 · ${d.title}`}</Link>
                  <Typography.Text type="secondary">{STATUS_LABELS[d.status] ?? d.status}</Typography.Text>
                </Space>
              </Card>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
