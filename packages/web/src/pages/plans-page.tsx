/** 任务清单: every imported notice and version — drafts for the coordinator, published ones for all. */
import { ImportOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  listPlans,
  PLAN_STATUS_COLORS,
  PLAN_STATUS_LABELS,
  type PlanListItem,
  type PlanStatus,
} from '../api/plans.ts';
import { dateTime } from '../app/format.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { ErrorAlert } from '../components/error-result.tsx';
import { ItemCard, ResponsiveList } from '../components/responsive-list.tsx';

export function PlansPage() {
  const me = useMe();
  const { data, error, loading } = useApi(listPlans, []);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          任务清单
        </Typography.Title>
        {me.permissions.importNotices && (
          <Link to="/plans/import">
            <Button type="primary" icon={<ImportOutlined />}>
              导入通知
            </Button>
          </Link>
        )}
      </Space>
      <ErrorAlert error={error} />
      <ResponsiveList<PlanListItem>
        cardsLabel="任务清单"
        card={(p) => <PlanCard p={p} listsDeliverables={me.permissions.viewAllUnits} />}
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        scroll={{ x: 960 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{
          emptyText: me.permissions.importNotices ? (
            <span>
              还没有任务清单，<Link to="/plans/import">导入一份通知</Link>开始。
            </span>
          ) : (
            '还没有已发布的任务清单'
          ),
        }}
        columns={[
          {
            title: '通知',
            key: 'title',
            render: (_, p) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/plans/${p.id}`}>{titleOf(p)}</Link>
                {p.changesSummary && (
                  <Typography.Text type="secondary">较上一版：{p.changesSummary}</Typography.Text>
                )}
              </Space>
            ),
          },
          { title: '文号', key: 'docNumber', width: 170, render: (_, p) => p.notice.docNumber ?? '—' },
          { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => `第${v}版` },
          { title: '年度', dataIndex: 'year', width: 80 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: PlanStatus) => <Tag color={PLAN_STATUS_COLORS[s]}>{PLAN_STATUS_LABELS[s]}</Tag>,
          },
          {
            title: '任务/单位',
            key: 'counts',
            width: 110,
            render: (_, p) => (
              <span>
                {p.counts.tasks}项 / {p.counts.units}个
                {p.counts.blockedTasks > 0 && (
                  <div>
                    <Typography.Text type="danger">待修正{p.counts.blockedTasks}项</Typography.Text>
                  </div>
                )}
              </span>
            ),
          },
          {
            // Every year's deliverables of the plan (next January's included); the dashboard counts this year's.
            title: <span title="各年度合计，含次年到期的；督办看板只计当年到期的">报送事项（合计）</span>,
            key: 'deliverables',
            width: 140,
            render: (_, p) =>
              p.deliverables === 0 ? (
                '—'
              ) : me.permissions.viewAllUnits ? (
                <Link to={`/deliverables?planId=${p.id}`}>{p.deliverables}项</Link>
              ) : (
                `${p.deliverables}项`
              ),
          },
          { title: '导入时间', dataIndex: 'createdAt', width: 150, render: (t: string) => dateTime(t) },
        ]}
      />
    </Space>
  );
}

const titleOf = (p: PlanListItem) => p.notice.title ?? p.notice.fileName ?? '（未识别标题）';

function PlanCard({ p, listsDeliverables }: { p: PlanListItem; listsDeliverables: boolean }) {
  return (
    <ItemCard
      tags={
        <>
          <Tag color={PLAN_STATUS_COLORS[p.status]}>{PLAN_STATUS_LABELS[p.status]}</Tag>
          <Typography.Text>
            {p.year}年 · 第{p.version}版
          </Typography.Text>
        </>
      }
      item={<Link to={`/plans/${p.id}`}>{titleOf(p)}</Link>}
      itemText={titleOf(p)}
      unit={p.notice.docNumber ?? undefined}
      status={
        <Typography.Text type="secondary">
          {p.counts.tasks}项任务 / {p.counts.units}个单位 · 导入于 {dateTime(p.createdAt)}
        </Typography.Text>
      }
      actions={
        p.deliverables > 0 && listsDeliverables ? (
          <Link to={`/deliverables?planId=${p.id}`}>报送事项 {p.deliverables}项（各年度合计）</Link>
        ) : null
      }
    >
      {p.counts.blockedTasks > 0 && (
        <Typography.Text type="danger">待修正{p.counts.blockedTasks}项</Typography.Text>
      )}
      {p.changesSummary && (
        <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
          较上一版：{p.changesSummary}
        </Typography.Text>
      )}
    </ItemCard>
  );
}
