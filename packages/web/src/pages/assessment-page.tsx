/**
 * 年度考核: each unit's score for a plan's year, computed from the supervision records under the
 * rubric, ranked per group with its 等次. A click on a unit opens every point's record. The
 * coordinator records 加减分 here; a unit sees its own row.
 */
import { Alert, Button, Card, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type AssessedRow, type Assessment, getAssessment } from '../api/assessment.ts';
import { listPlans, type PlanListItem } from '../api/plans.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { AdjustmentsCard } from '../components/assessment/adjustments-card.tsx';
import { AppealsCard } from '../components/assessment/appeals-card.tsx';
import { BreakdownDrawer } from '../components/assessment/breakdown-drawer.tsx';
import { YearCourse } from '../components/assessment/year-course.tsx';
import { ErrorAlert } from '../components/error-result.tsx';
import { ItemCard, ResponsiveList } from '../components/responsive-list.tsx';

const GRADE_COLORS: Record<string, string> = { 优秀: 'green', 良好: 'blue', 合格: 'default', 不合格: 'red' };

export function AssessmentPage() {
  const plans = useApi(listPlans, []);
  const published = (plans.data ?? []).filter((p) => p.status === 'published');
  const [params, setParams] = useSearchParams();
  const plan = published.find((p) => p.id === params.get('plan')) ?? published[0];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        年度考核
      </Typography.Title>
      <ErrorAlert error={plans.error} />
      {plans.data && !plan && <Alert type="info" showIcon title="还没有已发布的任务清单，发布后才能考核" />}
      {published.length > 1 && plan && (
        <Select
          aria-label="任务清单"
          value={plan.id}
          style={{ maxWidth: '100%', minWidth: 280 }}
          options={published.map((p) => ({ value: p.id, label: planName(p) }))}
          onChange={(id) => setParams({ plan: id })}
        />
      )}
      {plan && <PlanAssessment plan={plan} />}
    </Space>
  );
}

const planName = (p: PlanListItem) => `${p.year} 年 · ${p.notice.title ?? p.notice.docNumber ?? '任务清单'}`;

function PlanAssessment({ plan }: { plan: PlanListItem }) {
  const me = useMe();
  const coordinator = me.user.role === 'coordinator';
  const { data, error, reload } = useApi(() => getAssessment(plan.id, plan.year), [plan.id, plan.year]);
  const [open, setOpen] = useState<string | null>(null);
  const units = useMemo(
    () =>
      (data ? [...data.groups.flatMap((g) => g.units), ...data.unranked] : []).map((u) => ({
        orgId: u.orgId,
        name: u.name,
      })),
    [data],
  );
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Typography.Text type="secondary">正在计算…</Typography.Text>;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary" data-testid="assessment-summary">
        {plan.year} 年度，按督办记录计分，截至 {data.asOf}。{data.tieRule}。
      </Typography.Text>
      <YearCourse
        planId={plan.id}
        year={plan.year}
        data={data}
        coordinator={coordinator}
        onChange={() => void reload()}
      />
      {data.groups.length === 0 && data.unranked.length === 0 && (
        <Alert type="info" showIcon title="没有可以显示的考核得分" />
      )}
      {data.groups
        .filter((g) => g.units.length > 0)
        .map((g) => (
          <GroupCard key={g.id} name={g.name} rows={g.units} data={data} onOpen={setOpen} />
        ))}
      {coordinator && data.state.status !== 'frozen' && (
        <AdjustmentsCard planId={plan.id} year={plan.year} units={units} onChange={() => void reload()} />
      )}
      {(coordinator || data.state.status !== 'open') && (
        <AppealsCard
          planId={plan.id}
          year={plan.year}
          data={data}
          coordinator={coordinator}
          onChange={() => void reload()}
        />
      )}
      <BreakdownDrawer planId={plan.id} year={plan.year} orgId={open} onClose={() => setOpen(null)} />
    </Space>
  );
}

function GroupCard(props: {
  name: string;
  rows: AssessedRow[];
  data: Assessment;
  onOpen: (orgId: string) => void;
}) {
  const itemColumns = (props.rows[0]?.items ?? []).map((item, i) => ({
    title: item.label,
    key: item.itemId,
    align: 'right' as const,
    render: (_: unknown, r: AssessedRow) => r.items[i]?.points,
  }));
  const columns: ColumnsType<AssessedRow> = [
    { title: '排名', dataIndex: 'rank', width: 64 },
    {
      title: '单位',
      dataIndex: 'name',
      render: (name: string, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => props.onOpen(r.orgId)}>
          {name}
        </Button>
      ),
    },
    ...itemColumns,
    {
      title: '总分',
      dataIndex: 'total',
      align: 'right',
      render: (n: number) => <Typography.Text strong>{n}</Typography.Text>,
    },
    { title: '等次', dataIndex: 'grade', render: (g: string) => <Tag color={GRADE_COLORS[g]}>{g}</Tag> },
  ];
  return (
    <Card title={props.name} size="small">
      <ResponsiveList<AssessedRow>
        cardsLabel={`${props.name}考核排名`}
        rowKey="orgId"
        columns={columns}
        dataSource={props.rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        card={(r) => (
          <ItemCard
            tags={
              <>
                <Tag>第 {r.rank} 名</Tag>
                <Tag color={GRADE_COLORS[r.grade]}>{r.grade}</Tag>
              </>
            }
            item={
              <Button type="link" style={{ padding: 0 }} onClick={() => props.onOpen(r.orgId)}>
                {r.name}
              </Button>
            }
            itemText={r.name}
            status={<Typography.Text strong>{r.total} 分</Typography.Text>}
          >
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.items.map((i) => `${i.label} ${i.points}`).join('，')}
            </Typography.Text>
          </ItemCard>
        )}
      />
    </Card>
  );
}
