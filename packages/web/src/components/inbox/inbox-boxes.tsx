/**
 * The coordinator's two boxes (办公室待办 / 本单位事项, each with its unread count), and how many
 * reports wait for review — the office's main work, counted from the review queue itself rather than
 * from notices, which may have been read or may name a report already reviewed.
 */
import { Badge, Segmented, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { getReviewQueue } from '../../api/dashboard.ts';
import type { InboxBox } from '../../api/inbox.ts';
import { useApi } from '../../app/use-api.ts';

type Props = { box: InboxBox; onChange: (box: InboxBox) => void; unread: Record<InboxBox, number> };

export function InboxBoxes({ box, onChange, unread }: Props) {
  const label = (text: string, n: number) => (
    <span>
      {text}
      {n > 0 && <Badge count={n} size="small" overflowCount={999} style={{ marginInlineStart: 6 }} />}
    </span>
  );
  return (
    <Segmented<InboxBox>
      aria-label="通知分组"
      value={box}
      onChange={onChange}
      options={[
        { value: 'office', label: label('办公室待办', unread.office) },
        { value: 'unit', label: label('本单位事项', unread.unit) },
      ]}
    />
  );
}

export function ReviewWaiting() {
  const { data } = useApi(() => getReviewQueue({ sort: 'oldest', limit: 1, offset: 0 }), []);
  if (!data) return null;
  return (
    <Space wrap size={[8, 4]} data-testid="review-waiting">
      <Typography.Text strong={data.queued > 0}>
        {data.queued > 0 ? `${data.queued} 份报告待审核` : '没有待审核的报告'}
        {data.queuedLate > 0 && `（其中 ${data.queuedLate} 份逾期报送）`}
      </Typography.Text>
      {data.queued > 0 && <Link to="/review">去审核</Link>}
    </Space>
  );
}
