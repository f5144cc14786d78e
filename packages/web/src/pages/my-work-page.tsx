/**
 * 我的任务: the unit's deliverables by due date, with their lights and whether the unit has received
 * the task (签收, with a 签收 button while it waits); a phone-sized screen gets cards (ResponsiveList). A unit leader
 * also sees the unit's standing (rank, on-time rate, lights, overdue) at the top.
 */
import { Alert, Button, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, qs } from '../api/client.ts';
import { deliverablesApi } from '../api/deliverables.ts';
import type { DeliverableRow, Page, Signal } from '../api/types.ts';
import { deliverableStatusWord, proseDate, ROLE_LABELS } from '../app/format.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { ACK_LABELS, ackState } from '../components/deliverable/acknowledgement.ts';
import { useAcknowledge } from '../components/deliverable/use-acknowledge.ts';
import { ErrorAlert } from '../components/error-result.tsx';
import { ItemCard, ResponsiveList } from '../components/responsive-list.tsx';
import { SignalTag } from '../components/signal-tag.tsx';
import { UnitStandingSummary } from '../components/standing/unit-standing-summary.tsx';

const FILTERS: { label: string; value: Signal | 'open' }[] = [
  { label: '未办结', value: 'open' },
  { label: '逾期', value: 'red' },
  { label: '临期/退回', value: 'yellow' },
  { label: '正常推进', value: 'green' },
  { label: '已办结', value: 'blue' },
];

const assignmentKey = (taskId: string, orgId: string) => `${taskId}\u0000${orgId}`;

/** The unit's 签收 of each task: received, acted on, or a 签收 button (for the unit's own staff). */
function useAcknowledgement(canAcknowledge: boolean) {
  const { data, reload } = useApi(() => deliverablesApi.assignments(), []);
  const { busy, failed, acknowledge } = useAcknowledge(reload);
  const byTask = new Map((data?.items ?? []).map((a) => [assignmentKey(a.taskId, a.orgId), a]));
  const cell = (d: DeliverableRow) => {
    const a = byTask.get(assignmentKey(d.taskId, d.orgId));
    if (!a) return null;
    const state = ackState(a, d.status);
    if (state === 'waiting' && canAcknowledge)
      return (
        <Button
          size="small"
          type="primary"
          loading={busy === a.id}
          onClick={() => acknowledge(a)}
          aria-label={`签收第${d.taskNo}项任务`}
        >
          签收
        </Button>
      );
    return <Tag color={state === 'waiting' ? 'orange' : 'green'}>{ACK_LABELS[state]}</Tag>;
  };
  return { cell, failed };
}

export function MyWorkPage() {
  const me = useMe();
  const [filter, setFilter] = useState<Signal | 'open'>('open');
  const { data, error, loading } = useApi(
    () =>
      api.get<Page<DeliverableRow>>(
        `/api/deliverables${qs({ orgId: me.user.orgId, signal: filter === 'open' ? undefined : filter, limit: 500 })}`,
      ),
    [filter, me.user.orgId],
  );
  const items = (data?.items ?? []).filter((d) => filter !== 'open' || d.signal !== 'blue');
  const ack = useAcknowledgement(me.user.role === 'reporter' || me.user.role === 'leader');

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
      {ack.failed && <Alert type="error" showIcon role="alert" title={ack.failed} />}
      <ResponsiveList<DeliverableRow>
        cardsLabel="我的任务"
        rowKey="id"
        loading={loading}
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        card={(d) => (
          <ItemCard
            tags={<SignalTag signal={d.signal} />}
            due={proseDate(d.dueDate)}
            item={<Link to={`/deliverables/${d.id}`}>{`第${d.taskNo}项 · ${d.title}`}</Link>}
            itemText={d.title}
            unit={d.orgName}
            status={deliverableStatusWord(d)}
            actions={ack.cell(d)}
          />
        )}
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
          {
            title: '状态',
            key: 'status',
            width: 110,
            render: (_: unknown, d: DeliverableRow) => deliverableStatusWord(d),
          },
          { title: '签收', key: 'ack', width: 170, render: (_: unknown, d) => ack.cell(d) },
        ]}
      />
    </Space>
  );
}
