/** The marks of a report in the review queue: late or on time, returned before, days waited; and its card. */
import { Button, Tag, Typography } from 'antd';
import type { ReviewItem } from '../../api/dashboard.ts';
import { dateTime } from '../../app/format.ts';
import { ItemCard } from '../responsive-list.tsx';

export function LateTag({ late }: { late: boolean }) {
  return late ? <Tag color="red">逾期报送</Tag> : <Tag color="green">按时</Tag>;
}

export function ReturnedTag({ item }: { item: ReviewItem }) {
  return item.returnedBefore ? <Tag color="orange">曾退回</Tag> : null;
}

/** Working days since hand-in, counted as deadlines are (the hand-in day itself not counted). */
export function waitingText(days: number): string {
  return `${days} 个工作日`;
}

/** One report on a phone: the task and deliverable, the unit, when handed in, days waited, the marks. */
export function QueueCard({ item, onOpen }: { item: ReviewItem; onOpen: () => void }) {
  const title = `第${item.taskNo}项 · ${item.deliverableTitle}`;
  return (
    <ItemCard
      item={
        <Typography.Link onClick={onOpen} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Typography.Link>
      }
      itemText={title}
      unit={item.orgName}
      due={item.dueDate}
      tags={
        <>
          <LateTag late={item.late} />
          <ReturnedTag item={item} />
        </>
      }
      actions={
        <Button size="small" type="primary" ghost onClick={onOpen}>
          审核
        </Button>
      }
    >
      <Typography.Text type="secondary" data-field="handed-in">
        报送 {dateTime(item.submittedAt)} · 已等待 {waitingText(item.waitingDays)}
      </Typography.Text>
    </ItemCard>
  );
}
