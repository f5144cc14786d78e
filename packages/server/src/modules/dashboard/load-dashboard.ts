/**
 * The dashboard (亮灯与汇总): for a year, per unit, per section and per task — counts by light,
 * on-time rate and overdue count — with the overdue list, indicator attainment and a monthly trend.
 * A handful of grouped queries; nothing is loaded row by row.
 */
import type { Calendar, SupervisionSettings } from '@luoshi/core';
import type { Store } from '../../db/store.ts';
import {
  addTally,
  CELL_SEPARATOR,
  emptyTally,
  groupCounts,
  type Standing,
  standingOf,
  type Tally,
} from './group-counts.ts';
import { type IndicatorAttainment, indicatorAttainment } from './indicator-attainment.ts';
import { monthlyTrend, type TrendMonth } from './monthly-trend.ts';
import { type OverdueItem, overdueList } from './overdue-list.ts';
import { type DashboardScope, prepareScope } from './scope.ts';

export type UnitRow = Standing & { orgId: string; orgName: string; kind: string };

export type SectionRow = Standing & { planId: string; sectionNo: string | null; section: string | null };

export type TaskRow = Standing & {
  taskId: string;
  planId: string;
  no: number;
  label: string;
  sectionNo: string | null;
  section: string | null;
  subsectionNo: string | null;
  subsection: string | null;
};

export type Dashboard = {
  year: number;
  planId: string | null;
  orgId: string | null;
  /** The day the lights were computed for (Beijing). */
  today: string;
  dueSoonWorkdays: number;
  totals: Standing;
  units: UnitRow[];
  sections: SectionRow[];
  tasks: TaskRow[];
  /** The 亮灯 matrix: one cell per unit × task that has deliverables in scope. */
  cells: MatrixCell[];
  overdue: { total: number; items: OverdueItem[] };
  indicators: IndicatorAttainment[];
  trend: TrendMonth[];
};

export type MatrixCell = { orgId: string; taskId: string; taskNo: number } & Standing;

export type DashboardInput = DashboardScope & {
  today: string;
  settings: SupervisionSettings;
  calendar: Calendar;
  /** How many overdue deliverables to list (the total is always given). */
  overdueLimit: number;
};

export async function loadDashboard(store: Store, input: DashboardInput): Promise<Dashboard> {
  const scope = await prepareScope(
    store,
    { year: input.year, planId: input.planId, orgId: input.orgId },
    input.today,
    input.settings,
    input.calendar,
  );
  const [byOrg, byTask, byCell, overdueItems, trend] = await Promise.all([
    groupCounts(store, scope, 'orgId'),
    groupCounts(store, scope, 'taskId'),
    groupCounts(store, scope, 'cell'),
    overdueList(store, scope, input.overdueLimit),
    monthlyTrend(store, scope),
  ]);

  const orgIds = [...byOrg.keys()];
  const taskIds = [...byTask.keys()];
  const [orgs, tasks] = await Promise.all([
    orgIds.length === 0
      ? []
      : store.db.selectFrom('orgs').select(['id', 'name', 'kind']).where('id', 'in', orgIds).execute(),
    taskIds.length === 0
      ? []
      : store.db
          .selectFrom('tasks')
          .select([
            'id',
            'planId',
            'no',
            'label',
            'section',
            'sectionNo',
            'subsection',
            'subsectionNo',
            'indicatorsJson',
          ])
          .where('id', 'in', taskIds)
          .orderBy('planId')
          .orderBy('no')
          .execute(),
  ]);

  const units: UnitRow[] = orgs
    .map((o) => ({
      orgId: o.id,
      orgName: o.name,
      kind: o.kind,
      ...standingOf(byOrg.get(o.id) ?? emptyTally()),
    }))
    .sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN'));

  const totals = emptyTally();
  const sectionTallies = new Map<string, { row: Omit<SectionRow, keyof Standing>; tally: Tally }>();
  const taskRows: TaskRow[] = [];
  for (const t of tasks) {
    const tally = byTask.get(t.id) ?? emptyTally();
    addTally(totals, tally);
    const key = `${t.planId}\u0000${t.sectionNo ?? ''}\u0000${t.section ?? ''}`;
    let s = sectionTallies.get(key);
    if (!s) {
      s = { row: { planId: t.planId, sectionNo: t.sectionNo, section: t.section }, tally: emptyTally() };
      sectionTallies.set(key, s);
    }
    addTally(s.tally, tally);
    taskRows.push({
      taskId: t.id,
      planId: t.planId,
      no: t.no,
      label: t.label,
      sectionNo: t.sectionNo,
      section: t.section,
      subsectionNo: t.subsectionNo,
      subsection: t.subsection,
      ...standingOf(tally),
    });
  }
  const sections = [...sectionTallies.values()].map((s) => ({ ...s.row, ...standingOf(s.tally) }));
  const taskNo = new Map(tasks.map((t) => [t.id, t.no]));
  const cells: MatrixCell[] = [...byCell].map(([key, tally]) => {
    const [orgId = '', taskId = ''] = key.split(CELL_SEPARATOR);
    return { orgId, taskId, taskNo: taskNo.get(taskId) ?? 0, ...standingOf(tally) };
  });
  const indicators = await indicatorAttainment(
    store,
    scope,
    tasks.map((t) => ({ taskId: t.id, taskNo: t.no, indicatorsJson: t.indicatorsJson })),
  );
  const totalsStanding = standingOf(totals);
  return {
    year: input.year,
    planId: input.planId,
    orgId: input.orgId,
    today: input.today,
    dueSoonWorkdays: input.settings.dueSoonWorkdays,
    totals: totalsStanding,
    units,
    sections,
    tasks: taskRows,
    cells,
    overdue: { total: totalsStanding.overdue, items: overdueItems },
    indicators,
    trend,
  };
}
