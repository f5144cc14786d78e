/** Counts by 亮灯, on-time rate and overdue count of the deliverables in scope, grouped by unit or task. */
import { rollUp, SIGNALS, type Signal } from '@luoshi/core';
import { sql } from 'kysely';
import type { Store } from '../../db/store.ts';
import { inScope, type PreparedScope } from './scope.ts';
import { onTimeCountedSql, onTimeSql, overdueSql, signalSql } from './signal-sql.ts';

export type Standing = {
  counts: Record<Signal, number>;
  /** The light of the group: its worst deliverable (core `rollUp`). */
  worst: Signal;
  total: number;
  /** 按时报送率 as core `onTimeRate`: null while no deliverable's outcome is known. */
  onTimeRate: number | null;
  /** Deliverables past due and not handed in. */
  overdue: number;
};

/** Running sums that become a Standing. */
export type Tally = { counts: Record<Signal, number>; counted: number; onTime: number; overdue: number };

export function emptyTally(): Tally {
  return { counts: { blue: 0, green: 0, yellow: 0, red: 0, grey: 0 }, counted: 0, onTime: 0, overdue: 0 };
}

export function addTally(into: Tally, from: Tally): void {
  for (const s of SIGNALS) into.counts[s] += from.counts[s];
  into.counted += from.counted;
  into.onTime += from.onTime;
  into.overdue += from.overdue;
}

export function standingOf(t: Tally): Standing {
  const signals: Signal[] = [];
  for (const s of SIGNALS) if (t.counts[s] > 0) signals.push(s);
  const total = SIGNALS.reduce((n, s) => n + t.counts[s], 0);
  return {
    counts: { ...t.counts },
    worst: rollUp(signals).worst,
    total,
    onTimeRate: t.counted === 0 ? null : t.onTime / t.counted,
    overdue: t.overdue,
  };
}

/** The separator of a `cell` key: `${orgId}${CELL_SEPARATOR}${taskId}`. */
export const CELL_SEPARATOR = '|';

/** One grouped query: a Tally per unit (`orgId`), per task (`taskId`) or per unit × task (`cell`). */
export async function groupCounts(
  store: Store,
  scope: PreparedScope,
  by: 'orgId' | 'taskId' | 'cell',
): Promise<Map<string, Tally>> {
  const key =
    by === 'orgId'
      ? sql.ref('d.orgId')
      : by === 'taskId'
        ? sql.ref('d.taskId')
        : sql`${sql.ref('d.orgId')} || ${sql.lit(CELL_SEPARATOR)} || ${sql.ref('d.taskId')}`;
  const inner = store.db
    .selectFrom('deliverables as d')
    .where(inScope(scope))
    .select([
      key.as('groupKey'),
      signalSql(scope.due, scope.thresholds).as('signal'),
      onTimeCountedSql(scope.due, scope.thresholds).as('counted'),
      onTimeSql(scope.due).as('onTime'),
      overdueSql(scope.due, scope.thresholds).as('overdue'),
    ]);
  const rows = await store.db
    .selectFrom(inner.as('s'))
    .select([
      's.groupKey',
      's.signal',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(s.counted)`.as('counted'),
      sql<number>`sum(s.on_time)`.as('onTime'),
      sql<number>`sum(s.overdue)`.as('overdue'),
    ])
    .groupBy(['s.groupKey', 's.signal'])
    .execute();
  const out = new Map<string, Tally>();
  for (const r of rows) {
    const groupKey = String(r.groupKey);
    let t = out.get(groupKey);
    if (!t) {
      t = emptyTally();
      out.set(groupKey, t);
    }
    t.counts[r.signal as Signal] += Number(r.n);
    t.counted += Number(r.counted);
    t.onTime += Number(r.onTime);
    t.overdue += Number(r.overdue);
  }
  return out;
}
