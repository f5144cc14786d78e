/** The overdue list: deliverables past their due date and not handed in, most overdue first. */
import { ESCALATION_LEVELS } from '@luoshi/core';
import { sql } from 'kysely';
import type { EscalationLevel } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { inScope, type PreparedScope } from './scope.ts';
import { overdueSql } from './signal-sql.ts';

export type OverdueItem = {
  deliverableId: string;
  title: string;
  period: string;
  orgId: string;
  orgName: string;
  taskId: string;
  taskNo: number;
  /** The due date as written (extension included) and the day it really falls on. */
  dueDate: string;
  effectiveDueDate: string;
  workingDaysOverdue: number;
  /** The highest step of the ladder reached so far (提醒 → 催办 → 督办), or null. */
  escalation: EscalationLevel | null;
};

export async function overdueList(store: Store, scope: PreparedScope, limit: number): Promise<OverdueItem[]> {
  const rows = await store.db
    .selectFrom('deliverables as d')
    .innerJoin('orgs as o', 'o.id', 'd.orgId')
    .where(inScope(scope))
    .where(sql<boolean>`${overdueSql(scope.due, scope.thresholds)} = 1`)
    .select([
      'd.id',
      'd.title',
      'd.period',
      'd.orgId',
      'o.name as orgName',
      'd.taskId',
      'd.taskNo',
      'd.dueDate',
    ])
    .orderBy(sql`${scope.due}`)
    .orderBy('d.taskNo')
    .orderBy('o.name')
    .orderBy('d.id')
    .limit(limit)
    .execute();
  const levels = await latestLevels(
    store,
    rows.map((r) => r.id),
  );
  const cal = scope.calendar;
  const today = scope.thresholds.today;
  return rows.map((r) => {
    const effective = cal.dueDateOf(r.dueDate);
    return {
      deliverableId: r.id,
      title: r.title,
      period: r.period,
      orgId: r.orgId,
      orgName: r.orgName,
      taskId: r.taskId,
      taskNo: r.taskNo,
      dueDate: r.dueDate,
      effectiveDueDate: effective,
      workingDaysOverdue: cal.workingDaysBetween(effective, today),
      escalation: levels.get(r.id) ?? null,
    };
  });
}

const RANK = new Map<string, number>(ESCALATION_LEVELS.map((l, i) => [l, i]));

async function latestLevels(store: Store, ids: readonly string[]): Promise<Map<string, EscalationLevel>> {
  const out = new Map<string, EscalationLevel>();
  if (ids.length === 0) return out;
  const rows = await store.db
    .selectFrom('escalations')
    .select(['deliverableId', 'level'])
    .where('deliverableId', 'in', ids)
    .where('withdrawnAt', 'is', null)
    .execute();
  for (const r of rows) {
    const had = out.get(r.deliverableId);
    if (had === undefined || (RANK.get(r.level) ?? -1) > (RANK.get(had) ?? -1))
      out.set(r.deliverableId, r.level);
  }
  return out;
}
