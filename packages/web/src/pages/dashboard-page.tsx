/**
 * 督办看板: the year at a glance — headline figures, the 亮灯 matrix of units × tasks, on-time rate
 * per unit, the monthly trend, lights per section, the overdue list and indicator attainment.
 * Coordinators and city leaders see every unit (read-only for the latter); a unit sees its own
 * standing and its place among the units.
 */
import { Card, Col, Empty, Grid, Row, Select, Skeleton, Space, Statistic, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import {
  type Dashboard,
  getDashboard,
  getMatrixCells,
  getPublishedPlans,
  getUnitStanding,
  percent,
  SIGNAL_HEX,
  type TaskRow,
  type UnitStanding,
} from '../api/dashboard.ts';
import { proseDate } from '../app/format.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { IndicatorTable } from '../components/dashboard/indicator-table.tsx';
import { KpiCards, rateColor, textColor } from '../components/dashboard/kpi-cards.tsx';
import { OverdueTable } from '../components/dashboard/overdue-table.tsx';
import { SectionChart } from '../components/dashboard/section-chart.tsx';
import { SignalMatrix } from '../components/dashboard/signal-matrix.tsx';
import { TrendChart } from '../components/dashboard/trend-chart.tsx';
import { UnitRateChart } from '../components/dashboard/unit-rate-chart.tsx';
import { ErrorAlert } from '../components/error-result.tsx';

const ALL_PLANS = '__all__';

export function DashboardPage() {
  const me = useMe();
  const allUnits = me.permissions.viewAllUnits;
  const ownOrg = allUnits ? null : me.user.orgId;
  const navigate = useNavigate();
  const phone = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam > 2000 ? yearParam : undefined;
  const planId = params.get('planId') ?? undefined;

  const plans = useApi(getPublishedPlans, []);
  const dash = useApi<Dashboard | UnitStanding>(
    () => (ownOrg ? getUnitStanding(ownOrg, { year, planId }) : getDashboard({ year, planId })),
    [ownOrg, year, planId],
  );
  const data = dash.data;
  const matrix = useApi(
    () => (data ? getMatrixCells(data.year, { planId, orgId: ownOrg ?? undefined }) : Promise.resolve(null)),
    [data, planId, ownOrg],
  );

  const setFilter = (key: 'year' | 'planId', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const openCell = useCallback(
    (orgId: string, task: TaskRow) =>
      navigate(
        `/deliverables?planId=${encodeURIComponent(task.planId)}&orgId=${encodeURIComponent(orgId)}&taskNo=${task.no}`,
      ),
    [navigate],
  );

  const years = useMemo(() => {
    const set = new Set<number>((plans.data ?? []).map((p) => p.year));
    if (data) set.add(data.year);
    return [...set].sort((a, b) => b - a);
  }, [plans.data, data]);

  const standing = data && 'unit' in data ? data : null;
  const matrixNote = (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      每格取该单位该项任务最差的灯
      {phone ? '；左右滑动查看全部任务' : ''}
      {allUnits ? '；点击格子查看报送事项' : ''}
    </Typography.Text>
  );
  const title = standing ? `${standing.unit.name} · 落实情况` : '督办看板';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 12,
          alignItems: 'center',
          justifyContent: 'space-between',
        }}
      >
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {data && (
            <Typography.Text type="secondary">
              {data.year}年度 · 亮灯按 {proseDate(data.today)} 计算
              {me.user.role === 'viewer' ? ' · 只读' : ''}
            </Typography.Text>
          )}
        </div>
        <Space wrap>
          <Select
            aria-label="年度"
            style={{ width: 110 }}
            value={data?.year ?? year}
            options={years.map((y) => ({ value: y, label: `${y}年度` }))}
            onChange={(v: number) => setFilter('year', String(v))}
          />
          <Select
            aria-label="任务清单"
            style={{ width: 260, maxWidth: '100%' }}
            value={planId ?? ALL_PLANS}
            options={[
              { value: ALL_PLANS, label: '全部已发布的任务清单' },
              ...(plans.data ?? []).map((p) => ({
                value: p.id,
                label: p.notice.docNumber ? `${p.notice.docNumber}（${p.year}年）` : p.notice.title,
              })),
            ]}
            onChange={(v: string) => setFilter('planId', v === ALL_PLANS ? undefined : v)}
          />
        </Space>
      </div>
      <ErrorAlert error={dash.error} />
      {!data && !dash.error && <Skeleton active paragraph={{ rows: 12 }} />}
      {data && data.totals.total === 0 && (
        <Card>
          <Empty description={`${data.year}年度还没有报送事项：请先导入并发布任务清单`} />
        </Card>
      )}
      {data && data.totals.total > 0 && (
        <>
          {standing && <StandingCard standing={standing} />}
          <KpiCards totals={data.totals} />
          <Card
            title="亮灯矩阵（单位 × 任务）"
            size="small"
            // A phone's card header has no room beside the title: the note goes above the matrix.
            extra={phone ? undefined : matrixNote}
          >
            {phone && <div style={{ marginBottom: 8 }}>{matrixNote}</div>}
            <ErrorAlert error={matrix.error} />
            {matrix.data ? (
              <SignalMatrix
                units={data.units}
                tasks={data.tasks}
                cells={matrix.data}
                onOpen={allUnits ? openCell : undefined}
              />
            ) : (
              !matrix.error && <Skeleton active paragraph={{ rows: 8 }} />
            )}
          </Card>
          <Row gutter={[16, 16]}>
            {allUnits && (
              <Col xs={24} xl={12}>
                <Card title="各单位按时报送率" size="small" style={{ height: '100%' }}>
                  <UnitRateChart units={data.units} />
                </Card>
              </Col>
            )}
            <Col xs={24} xl={allUnits ? 12 : 24}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <Card title="月度趋势" size="small">
                  <TrendChart trend={data.trend} today={data.today} height={allUnits ? 240 : 300} />
                </Card>
                <Card title="各部分亮灯" size="small">
                  <SectionChart sections={data.sections} />
                </Card>
              </Space>
            </Col>
          </Row>
          <Card
            title={`逾期清单（${data.overdue.total}项）`}
            size="small"
            extra={
              data.overdue.items.length < data.overdue.total ? (
                <Typography.Text type="secondary">
                  仅列出逾期最久的 {data.overdue.items.length} 项
                </Typography.Text>
              ) : null
            }
          >
            <OverdueTable items={data.overdue.items} showUnit={allUnits} />
          </Card>
          <Card title="指标完成情况" size="small">
            <IndicatorTable items={data.indicators} />
          </Card>
        </>
      )}
    </Space>
  );
}

function StandingCard({ standing }: { standing: UnitStanding }) {
  const rank = standing.rank;
  return (
    <section aria-label="本单位排名">
      <Card size="small" style={{ borderLeft: `4px solid ${SIGNAL_HEX[standing.totals.worst]}` }}>
        <Row gutter={[16, 8]} align="middle">
          <Col xs={12} md={6}>
            <Statistic
              title="按时报送率排名"
              value={rank ? `第 ${rank.position} 名` : '暂无排名'}
              suffix={rank ? <span style={{ fontSize: 14 }}>/ 共 {rank.of} 个单位</span> : undefined}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title="本单位按时报送率"
              value={percent(standing.totals.onTimeRate)}
              styles={{ content: { color: textColor(rateColor(standing.totals.onTimeRate)) } }}
            />
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">
              排名按全市各单位的按时报送率计算（相同时逾期少者在前）。
              {standing.totals.overdue > 0
                ? `本单位有 ${standing.totals.overdue} 项逾期未报，请尽快报送。`
                : '本单位目前没有逾期事项。'}
            </Typography.Text>
          </Col>
        </Row>
      </Card>
    </section>
  );
}
