/**
 * 审核报告: the reports handed in to the coordinator, oldest first, late ones marked. Opening one
 * shows its narrative, figures against targets and evidence, with accept / return; an item acted on
 * leaves the queue. Anyone else sees that reviewing is the coordinator's, and no actions.
 */
import { Alert, App, Badge, Button, Drawer, Grid, Space, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { getReviewQueue, type QueueItem } from '../api/dashboard.ts';
import { dateTime, STATUS_LABELS } from '../app/format.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { ErrorAlert } from '../components/error-result.tsx';
import { ReportDetail } from '../components/review/report-detail.tsx';

export function ReviewPage() {
  const me = useMe();
  const canReview = me.permissions.reviewReports;
  return canReview ? <ReviewQueue /> : <NotReviewer />;
}

function NotReviewer() {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>审核报告</Typography.Title>
      <Alert
        type="info"
        showIcon
        title="审核报告由依法治市办协调员办理"
        description="您可以在督办看板查看各单位的报送和审核情况。"
      />
    </Space>
  );
}

function ReviewQueue() {
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const open = params.get('report');
  const { data, error, loading, reload } = useApi(getReviewQueue, []);
  const items = data ?? [];
  const lateCount = items.filter((i) => i.late).length;

  const show = (reportId: string | null) => {
    const next = new URLSearchParams(params);
    if (reportId) next.set('report', reportId);
    else next.delete('report');
    setParams(next);
  };
  const current = items.find((i) => i.reportId === open);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: '0 0 4px' }}>
          审核报告
        </Typography.Title>
        <Typography.Text type="secondary">
          {data
            ? items.length === 0
              ? '没有待审核的报告'
              : `${items.length} 份报告待审核，按报送时间先后排列${lateCount ? `，其中 ${lateCount} 份逾期报送` : ''}`
            : '正在载入…'}
        </Typography.Text>
      </div>
      <ErrorAlert error={error} />
      <Table<QueueItem>
        rowKey="reportId"
        loading={loading}
        dataSource={items}
        size="middle"
        pagination={{ defaultPageSize: 10, pageSizeOptions: [10, 20, 50], showTotal: (n) => `共 ${n} 份` }}
        scroll={{ x: 900 }}
        locale={{ emptyText: '没有待审核的报告' }}
        onRow={(r) => ({ onDoubleClick: () => show(r.reportId) })}
        columns={[
          {
            title: '报送时间',
            dataIndex: 'submittedAt',
            width: 150,
            render: (s: string | null) => dateTime(s),
          },
          { title: '单位', dataIndex: 'orgName', width: 170, ellipsis: true },
          { title: '任务', dataIndex: 'taskNo', width: 72, render: (n: number) => `第${n}项` },
          {
            title: '报送事项',
            dataIndex: 'deliverableTitle',
            ellipsis: true,
            render: (t: string, r) => (
              <Button
                type="link"
                style={{ padding: 0, height: 'auto', maxWidth: '100%', textAlign: 'left' }}
                onClick={() => show(r.reportId)}
              >
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{t}</span>
              </Button>
            ),
          },
          { title: '截止日期', dataIndex: 'dueDate', width: 110 },
          {
            title: '时效',
            dataIndex: 'late',
            width: 100,
            render: (late: boolean) =>
              late ? <Tag color="red">逾期报送</Tag> : <Tag color="green">按时</Tag>,
          },
          {
            title: '状态',
            dataIndex: 'reportStatus',
            width: 110,
            render: (s: string) => STATUS_LABELS[s] ?? s,
          },
          {
            title: '佐证',
            dataIndex: 'evidenceCount',
            width: 70,
            align: 'center',
            render: (n: number) => <Badge count={n} showZero color={n ? '#1677ff' : '#d9d9d9'} />,
          },
          {
            title: '操作',
            key: 'open',
            width: 90,
            fixed: 'right',
            render: (_, r) => (
              <Button size="small" type="primary" ghost onClick={() => show(r.reportId)}>
                审核
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={open !== null}
        onClose={() => show(null)}
        size={screens.md ? 760 : '100%'}
        title={current ? `审核：${current.orgName} · 第${current.taskNo}项` : '审核报告'}
        destroyOnHidden
      >
        {open && (
          <ReportDetail
            key={open}
            reportId={open}
            canReview
            onDone={(decision) => {
              message.success(decision === 'accept' ? '已审核通过，事项办结' : '已退回，并通知报送单位');
              show(null);
              void reload();
            }}
          />
        )}
      </Drawer>
    </Space>
  );
}
