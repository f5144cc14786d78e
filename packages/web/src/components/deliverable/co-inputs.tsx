/** For a lead unit: what each co-unit has handed in for this deliverable (read only). */
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { COMPLETION_LABELS, type CoInput } from '../../api/deliverables.ts';
import { dateTime, proseDate, STATUS_LABELS } from '../../app/format.ts';
import { EvidenceList } from './evidence-list.tsx';
import { FiguresTable } from './report-view.tsx';

export function CoInputs({ inputs }: { inputs: readonly CoInput[] }) {
  if (inputs.length === 0) return <Empty description="暂无配合单位" />;
  return (
    <List
      dataSource={[...inputs]}
      rowKey="deliverableId"
      renderItem={(c) => (
        <List.Item style={{ display: 'block', padding: 0, borderBlockEnd: 'none' }}>
          <Card size="small" style={{ marginBottom: 8 }} role="article" aria-label={`${c.orgName}的报送`}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap>
                <Link to={`/deliverables/${c.deliverableId}`}>
                  <Typography.Text strong>{c.orgName}</Typography.Text>
                </Link>
                <Tag>{STATUS_LABELS[c.status] ?? c.status}</Tag>
                <Typography.Text type="secondary">时限 {proseDate(c.dueDate)}</Typography.Text>
                {c.submittedAt && (
                  <Typography.Text type="secondary">报送于 {dateTime(c.submittedAt)}</Typography.Text>
                )}
              </Space>
              {c.latestReport ? (
                <>
                  <Typography.Text type="secondary">
                    完成情况：{COMPLETION_LABELS[c.latestReport.completion] ?? c.latestReport.completion}
                  </Typography.Text>
                  <Typography.Paragraph
                    style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
                    ellipsis={{ rows: 4, expandable: true, symbol: '展开' }}
                  >
                    {c.latestReport.narrative || '（未填写进展情况）'}
                  </Typography.Paragraph>
                  {c.latestReport.figures.length > 0 && <FiguresTable figures={c.latestReport.figures} />}
                  {c.latestReport.evidence.length > 0 && <EvidenceList items={c.latestReport.evidence} />}
                </>
              ) : (
                <Typography.Text type="secondary">尚未报送</Typography.Text>
              )}
            </Space>
          </Card>
        </List.Item>
      )}
    />
  );
}
