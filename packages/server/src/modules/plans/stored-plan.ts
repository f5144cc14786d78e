/**
 * The plan as stored in `plans.planJson`: the core Plan the parser made, with the coordinator's
 * corrections applied and a record of each correction. Helpers to load a plan row and to find the
 * other versions of the same notice (its lineage: same 文号, or same title when there is none).
 */
import type { Plan as CorePlan, Task } from '@luoshi/core';
import type { Plan as PlanRow } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { AppError, notFound } from '../../errors.ts';

export type CorrectionRecord = { task: number; op: string; at: string; by: string };

export type StoredPlan = CorePlan & { corrections?: CorrectionRecord[] };

/** Serializes imports and publishes of plans (a PostgreSQL advisory lock key). */
export const PLAN_LOCK = 727_101;

export function readPlanJson(row: Pick<PlanRow, 'planJson'>): StoredPlan {
  return JSON.parse(row.planJson) as StoredPlan;
}

export async function loadPlanRow(store: Store, planId: string): Promise<PlanRow> {
  const row = await store.db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!row) throw notFound('该任务清单');
  return row;
}

export type NoticeIdentity = { docNumber: string | null; title: string | null };

/** Every plan of the notice's lineage, newest version first. */
export async function lineagePlans(
  store: Store,
  notice: NoticeIdentity,
): Promise<(PlanRow & { docNumber: string | null; title: string | null })[]> {
  if (notice.docNumber === null && notice.title === null) return [];
  let q = store.db
    .selectFrom('plans')
    .innerJoin('notices', 'notices.id', 'plans.noticeId')
    .selectAll('plans')
    .select(['notices.docNumber', 'notices.title']);
  q =
    notice.docNumber !== null
      ? q.where('notices.docNumber', '=', notice.docNumber)
      : q.where('notices.docNumber', 'is', null).where('notices.title', '=', notice.title);
  return q.orderBy('plans.version', 'desc').execute();
}

export function taskOf(plan: StoredPlan, no: number, field: string): Task {
  const task = plan.tasks.find((t) => t.no === no);
  if (!task) throw new AppError('validation', `任务清单中没有第${no}项任务`, field);
  return task;
}

/** The first characters of a text, for lists. */
export function excerpt(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length)}…`;
}
