/**
 * 指标完成情况: per task indicator (tasks.indicatorsJson, core Indicator[]), the target, the latest
 * value reported in an accepted report (reports.figuresJson) and whether it meets the target.
 *
 * A figure is `{indicator, value, note?}`; `indicator` names the task's indicator by its index in
 * the task's list (0-based number), or by its text as written (`raw`) or its subject; `value` is a
 * number or a numeric string ("95", "95%"). Each unit's latest accepted report with figures counts.
 */
import { type Comparator, type Indicator, meets } from '@luoshi/core';
import { sql } from 'kysely';
import type { Store } from '../../db/store.ts';
import { inScope, type PreparedScope } from './scope.ts';

export type IndicatorAttainment = {
  taskId: string;
  taskNo: number;
  /** Index of the indicator in the task's list. */
  index: number;
  raw: string;
  subject: string;
  comparator: Comparator;
  target: number;
  unit: string | null;
  year: number | null;
  /** The most recently accepted value among the units, or null when none was reported. */
  latest: { value: number; orgId: string; reportId: string; acceptedAt: string | null } | null;
  met: boolean | null;
  /** Units whose latest accepted figure for this indicator was reported / meets the target. */
  units: { reported: number; met: number };
};

export type TaskIndicators = { taskId: string; taskNo: number; indicatorsJson: string };

export type Figure = { indicator: unknown; value: unknown };

function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const n = Number(value.trim().replace(/[%％]$/, ''));
  return value.trim() !== '' && Number.isFinite(n) ? n : null;
}

export function parseJsonArray<T>(text: string): T[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** The value a figure list gives for indicator `index` of the task, or null. */
export function figureFor(figures: readonly Figure[], index: number, ind: Indicator): number | null {
  for (const f of figures) {
    if (typeof f !== 'object' || f === null) continue;
    const named =
      f.indicator === index ||
      (typeof f.indicator === 'string' && (f.indicator === ind.raw || f.indicator === ind.subject));
    if (named) {
      const n = numberOf(f.value);
      if (n !== null) return n;
    }
  }
  return null;
}

export async function indicatorAttainment(
  store: Store,
  scope: PreparedScope,
  tasks: readonly TaskIndicators[],
): Promise<IndicatorAttainment[]> {
  const measured = tasks
    .map((t) => ({
      ...t,
      indicators: parseJsonArray<Indicator>(t.indicatorsJson)
        .map((ind, index) => ({ ind, index }))
        .filter(({ ind }) => ind.year === null || ind.year === undefined || ind.year === scope.year),
    }))
    .filter((t) => t.indicators.length > 0);
  if (measured.length === 0) return [];
  const inner = store.db
    .selectFrom('reports as r')
    .innerJoin('deliverables as d', 'd.id', 'r.deliverableId')
    .where(inScope(scope))
    .where(
      'd.taskId',
      'in',
      measured.map((t) => t.taskId),
    )
    .where('r.status', '=', 'accepted')
    .where('r.figuresJson', '<>', '[]')
    .select([
      'd.taskId',
      'd.orgId',
      'r.id as reportId',
      'r.figuresJson',
      'r.reviewedAt',
      sql<number>`row_number() over (partition by d.task_id, d.org_id order by r.reviewed_at desc, r.id desc)`.as(
        'rn',
      ),
    ]);
  const latest = await store.db.selectFrom(inner.as('x')).selectAll().where('x.rn', '=', 1).execute();
  const byTask = new Map<string, typeof latest>();
  for (const r of latest) {
    const list = byTask.get(r.taskId) ?? [];
    list.push(r);
    byTask.set(r.taskId, list);
  }
  const out: IndicatorAttainment[] = [];
  for (const t of measured) {
    const reports = byTask.get(t.taskId) ?? [];
    for (const { ind, index } of t.indicators) {
      let best: IndicatorAttainment['latest'] = null;
      let reported = 0;
      let met = 0;
      for (const r of reports) {
        const value = figureFor(parseJsonArray<Figure>(r.figuresJson), index, ind);
        if (value === null) continue;
        reported++;
        if (meets(value, ind.comparator, ind.value)) met++;
        if (best === null || (r.reviewedAt ?? '') > (best.acceptedAt ?? '')) {
          best = { value, orgId: r.orgId, reportId: r.reportId, acceptedAt: r.reviewedAt };
        }
      }
      out.push({
        taskId: t.taskId,
        taskNo: t.taskNo,
        index,
        raw: ind.raw,
        subject: ind.subject,
        comparator: ind.comparator,
        target: ind.value,
        unit: ind.unit,
        year: ind.year,
        latest: best,
        met: best === null ? null : meets(best.value, ind.comparator, ind.value),
        units: { reported, met },
      });
    }
  }
  return out;
}
