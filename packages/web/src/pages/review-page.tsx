/**
 * 审核报告: the reports handed in to the coordinator, oldest first (or newest), late ones marked,
 * narrowed by unit, task, waiting time, late hand-in, returned before and a search — all kept in the
 * URL, filtered and paged by the server. A phone gets cards instead of the table. Opening one shows
 * its narrative, figures against targets and evidence, with accept / return; an item acted on
 * leaves the queue. Anyone else sees that reviewing is the coordinator's, and no actions.
 */
import { Alert, App, Badge, Button, Drawer, Grid, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { getReviewQueue, type ReviewItem, type ReviewQueuePage } from '../api/dashboard.ts';
import { dateTime, STATUS_LABELS } from '../app/format.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { ErrorAlert } from '../components/error-result.tsx';
import { ResponsiveList } from '../components/responsive-list.tsx';
import { LateTag, QueueCard, ReturnedTag, waitingText } from '../components/review/queue-marks.tsx';
import { ReportDetail } from '../components/review/report-detail.tsx';
import { ReviewFilters } from '../components/review/review-filters.tsx';
import {
  filterOf,
  isFiltered,
  PAGE_SIZE,
  type ReviewUrlKey,
  withChanges,
  withoutFilters,
} from '../components/review/review-url.ts';

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

function summary(page: ReviewQueuePage | null, filtered: boolean): string {
  if (!page) return '正在载入…';
  if (page.queued === 0) return '没有待审核的报告';
  const late = page.queuedLate ? `，其中 ${page.queuedLate} 份逾期报送` : '';
  const shown = filtered ? `；符合筛选条件的 ${page.total} 份` : '';
  return `${page.queued} 份报告待审核${late}${shown}`;
}

function ReviewQueue() {
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const open = params.get('report');
  // The list reloads when a filter, the sort or the page changes, not when a report is opened.
  const key = new URLSearchParams(params);
  key.delete('report');
  const filter = filterOf(params);
  const { data, error, loading, reload } = useApi(() => getReviewQueue(filter), [key.toString()]);
  const items = data?.items ?? [];
  const filtered = isFiltered(params);

  const change = (changes: Partial<Record<ReviewUrlKey, string | undefined>>) =>
    setParams(withChanges(params, changes));
  const show = (reportId: string | null) => {
    const next = new URLSearchParams(params);
    if (reportId) next.set('report', reportId);
    else next.delete('report');
    setParams(next);
  };
  const current = items.find((i) => i.reportId === open);
  // Reviewing the last report of the last page empties it: show the new last page instead.
  const pageNo = filter.offset / PAGE_SIZE + 1;
  const lastPage = data && items.length === 0 && pageNo > 1 ? Math.ceil(data.total / PAGE_SIZE) : 0;
  useEffect(() => {
    // While the new page loads the old (empty) answer stays: act once, not again for the page asked.
    if (lastPage === 0 || lastPage >= pageNo) return;
    setParams(withChanges(params, { page: lastPage > 1 ? String(lastPage) : undefined }), { replace: true });
  }, [lastPage, pageNo, params, setParams]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: '0 0 4px' }}>
          审核报告
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="review-summary">
          {summary(data, filtered)}
        </Typography.Text>
      </div>
      <ReviewFilters
        params={params}
        page={data}
        onChange={change}
        onClear={() => setParams(withoutFilters(params))}
      />
      <ErrorAlert error={error} />
      <ResponsiveList<ReviewItem>
        cardsLabel="待审核的报告"
        card={(r) => <QueueCard item={r} onOpen={() => show(r.reportId)} />}
        rowKey="reportId"
        loading={loading}
        dataSource={items}
        size="middle"
        pagination={{
          current: pageNo,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 份`,
          onChange: (p) => change({ page: p > 1 ? String(p) : undefined }),
        }}
        // Fits a 1366 px screen beside the menu; a narrower window scrolls.
        scroll={{ x: 1080 }}
        locale={{ emptyText: filtered ? '没有符合筛选条件的报告' : '没有待审核的报告' }}
        onRow={(r) => ({ onDoubleClick: () => show(r.reportId) })}
        columns={[
          {
            title: '报送时间',
            dataIndex: 'submittedAt',
            width: 140,
            render: (s: string | null) => dateTime(s),
          },
          { title: '已等待', dataIndex: 'waitingDays', width: 96, render: waitingText },
          { title: '单位', dataIndex: 'orgName', width: 160, ellipsis: true },
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
                <span
                  style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}
                >{`第${r.taskNo}项 · ${t}`}</span>
              </Button>
            ),
          },
          { title: '截止日期', dataIndex: 'dueDate', width: 104 },
          {
            title: '时效',
            dataIndex: 'late',
            width: 136,
            render: (late: boolean, r) => (
              <Space size={0}>
                <LateTag late={late} />
                <ReturnedTag item={r} />
              </Space>
            ),
          },
          {
            title: '状态',
            dataIndex: 'reportStatus',
            width: 90,
            render: (s: string) => STATUS_LABELS[s] ?? s,
          },
          {
            title: '佐证',
            dataIndex: 'evidenceCount',
            width: 64,
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
