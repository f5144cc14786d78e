/**
 * 待我审批: a unit leader's queue — the unit's reports that wait for the leader's approval, oldest
 * hand-in first. Each opens its deliverable's page, where the leader approves or sends it back.
 * Cards rather than a table, so the list reads the same on a phone.
 */
// The queue holds only reports waiting for the leader, which is on: core's phrase for them.
import { reportStateLabel } from '@luoshi/core/vocabulary';
import { Alert, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { QueueItem } from '../api/dashboard.ts';
import { getLeaderQueue } from '../api/inbox.ts';
import { dateTime, proseDate } from '../app/format.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { ErrorAlert } from '../components/error-result.tsx';
import { ItemCard } from '../components/responsive-list.tsx';

export function ApprovalsPage() {
  const me = useMe();
  if (!me.permissions.approveReports)
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Title level={3}>待我审批</Typography.Title>
        <Alert type="info" showIcon title="报告审批由各单位领导办理" />
      </Space>
    );
  return <ApprovalQueue />;
}

function ApprovalQueue() {
  const { data, error, loading } = useApi(getLeaderQueue, []);
  const items = data ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      <div>
        <Typography.Title level={3} style={{ margin: '0 0 4px' }}>
          待我审批
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="approvals-summary">
          {data
            ? items.length === 0
              ? '没有等待您审批的报告'
              : `本单位有 ${items.length} 份报告等待您审批，审批后报送依法治市办`
            : '正在加载…'}
        </Typography.Text>
      </div>
      <ErrorAlert error={error} />
      <List<QueueItem>
        loading={loading && !data}
        dataSource={items}
        rowKey="reportId"
        aria-label="等待我审批的报告"
        locale={{ emptyText: <Empty description="没有等待您审批的报告" /> }}
        renderItem={(i) => (
          <List.Item style={{ display: 'block', padding: 0, borderBlockEnd: 'none' }}>
            <ItemCard
              tags={
                <>
                  <Tag>第 {i.taskNo} 项</Tag>
                  {i.late && <Tag color="red">逾期报送</Tag>}
                </>
              }
              due={proseDate(i.dueDate)}
              item={
                <Link to={`/deliverables/${encodeURIComponent(i.deliverableId)}`}>
                  <Typography.Text strong>{i.deliverableTitle}</Typography.Text>
                </Link>
              }
              itemText={i.deliverableTitle}
              unit={i.orgName}
              status={reportStateLabel(i.reportStatus, true)}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.period} · 提交于 {dateTime(i.submittedAt)} · 佐证材料 {i.evidenceCount} 份
              </Typography.Text>
            </ItemCard>
          </List.Item>
        )}
      />
    </Space>
  );
}
