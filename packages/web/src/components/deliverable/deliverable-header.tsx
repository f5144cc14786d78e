/** The head of a deliverable: its task, unit, period, due date (an extension shows the old one struck through), light and status. */
import { DELIVERABLE_STATUS_LABELS, reportAwaiting, reportStateLabel } from '@luoshi/core/vocabulary';
import { Alert, App, Button, Descriptions, Grid, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { DeliverableDetail } from '../../api/deliverables.ts';
import { deliverablesApi } from '../../api/deliverables.ts';
import { dateTime, proseDate, ROLE_LABELS } from '../../app/format.ts';
import { SignalTag } from '../signal-tag.tsx';
import { ACK_LABELS, ackState } from './acknowledgement.ts';
import { messageOf } from './form-errors.ts';

export function periodLabel(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  const h = /^(\d{4})-H([12])$/.exec(period);
  if (h) return `${h[1]}年${h[2] === '1' ? '上半年' : '下半年'}`;
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  if (/^\d{4}$/.test(period)) return `${period}年度`;
  return period;
}

const SR_ONLY: React.CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

export function DueDate({ d }: { d: Pick<DeliverableDetail, 'dueDate' | 'originalDueDate' | 'extended'> }) {
  if (!d.extended) return <span>{proseDate(d.dueDate)}</span>;
  return (
    <Space size={6} wrap>
      <span>
        <span style={SR_ONLY}>原办理时限</span>
        <del>{proseDate(d.originalDueDate)}</del>
      </span>
      <span>
        <span style={SR_ONLY}>延期至</span>
        {proseDate(d.dueDate)}
      </span>
      <Tag color="purple">已延期</Tag>
    </Space>
  );
}

/**
 * Where the deliverable stands, in the words its report shows. While the unit's latest report waits
 * for a reviewer, that report's phrase: a report submitted to the unit's leader has not yet moved the
 * deliverable (it is handed in only once approved), whose own status would still read 草稿.
 */
export function deliverableStateLabel(
  d: Pick<DeliverableDetail, 'status' | 'orgId' | 'reports'>,
  leaderApproval: boolean,
): string {
  const latest = d.reports.filter((r) => r.orgId === d.orgId).at(-1);
  if (latest && reportAwaiting(latest.status, leaderApproval))
    return reportStateLabel(latest.status, leaderApproval);
  return DELIVERABLE_STATUS_LABELS[d.status as keyof typeof DELIVERABLE_STATUS_LABELS] ?? d.status;
}

export function DeliverableHeader({
  d,
  canAct,
  leaderApproval,
  onChanged,
}: {
  d: DeliverableDetail;
  canAct: boolean;
  leaderApproval: boolean;
  onChanged: () => Promise<void>;
}) {
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [ackBusy, setAckBusy] = useState(false);
  const [ackError, setAckError] = useState<string | null>(null);
  const acknowledge = async () => {
    if (!d.assignment) return;
    setAckBusy(true);
    setAckError(null);
    try {
      await deliverablesApi.acknowledge(d.assignment.id);
      message.success('已签收');
      await onChanged();
    } catch (e) {
      setAckError(messageOf(e));
    } finally {
      setAckBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Space wrap size={8} align="center">
        <SignalTag signal={d.signal} />
        <Tag aria-label="事项状态">{deliverableStateLabel(d, leaderApproval)}</Tag>
        {d.calendarMissing && <Tag color="orange">缺少该年度节假日数据</Tag>}
      </Space>
      <Typography.Title level={3} style={{ margin: 0 }}>
        第{d.task.label || d.taskNo}项 · {d.title}
      </Typography.Title>
      <Typography.Paragraph
        style={{ marginBottom: 0 }}
        ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}
      >
        {d.task.text}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={screens.md ? 3 : 1}
        items={[
          { key: 'org', label: '责任单位', children: `${d.org.name}（${ROLE_LABELS[d.role] ?? d.role}）` },
          { key: 'period', label: '报送期', children: periodLabel(d.period) },
          { key: 'due', label: '办理时限', children: <DueDate d={d} /> },
          ...(d.task.section
            ? [
                {
                  key: 'section',
                  label: '所属部分',
                  children: [d.task.section, d.task.subsection].filter(Boolean).join(' / '),
                },
              ]
            : []),
          {
            key: 'plan',
            label: '任务清单',
            children: (
              <Link to={`/plans/${d.plan.id}`}>{d.plan.docNumber ?? d.plan.title ?? '任务清单'}</Link>
            ),
          },
          ...(d.assignment
            ? [
                {
                  key: 'ack',
                  label: '签收',
                  children: d.assignment.acknowledgedAt ? (
                    `${dateTime(d.assignment.acknowledgedAt)} ${d.assignment.acknowledgedBy ?? ''}`
                  ) : ackState(d.assignment, d.status) === 'acted' ? (
                    ACK_LABELS.acted
                  ) : canAct ? (
                    <Button size="small" onClick={acknowledge} loading={ackBusy}>
                      签收任务
                    </Button>
                  ) : (
                    ACK_LABELS.waiting
                  ),
                },
              ]
            : []),
        ]}
      />
      {ackError && <Alert type="error" showIcon role="alert" title={`签收未成功：${ackError}`} />}
      {d.lead && (
        <Alert
          type="info"
          showIcon
          title={
            <span>
              本事项为配合事项，由牵头单位 {d.lead.orgName} 汇总（牵头单位办理时限 {proseDate(d.lead.dueDate)}
              ）。
            </span>
          }
        />
      )}
    </Space>
  );
}
