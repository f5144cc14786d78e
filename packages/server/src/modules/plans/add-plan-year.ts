/**
 * The next year of supervision of a published plan: its deliverables for that year, generated like
 * the first year's. Idempotent by key: deliverables that exist are left as they are, and a call that
 * adds nothing writes nothing.
 */
import type { Task } from '@luoshi/core';
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { inTransaction, lockWithin, type Store } from '../../db/store.ts';
import { AppError, invalidState } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { notify } from '../notifications/notify.ts';
import { checkYear } from './import-notice.ts';
import { chunked, deliverableRow, generateForYears, type NewDeliverable } from './plan-deliverables.ts';
import { loadPlanRow, PLAN_LOCK, readPlanJson } from './stored-plan.ts';

export type AddYearResult = {
  planId: string;
  year: number;
  created: number;
  existing: number;
  warnings: { task: number; message: string }[];
  calendarMissing: boolean;
};

export async function addPlanYear(
  store: Store,
  actor: Actor,
  planId: string,
  input: { year: number },
  now: Date,
): Promise<AddYearResult> {
  checkYear(input.year);
  return inTransaction(store, async (tx) => {
    await lockWithin(tx, PLAN_LOCK);
    const row = await loadPlanRow(tx, planId);
    if (row.status !== 'published') throw invalidState('只能为已发布的任务清单生成后续年度的报送事项');
    if (input.year < row.year)
      throw new AppError('validation', `年度不能早于该清单的首个督办年度 ${row.year}`, 'year');
    const notice = await tx.db
      .selectFrom('notices')
      .select(['issuedAt', 'title'])
      .where('id', '=', row.noticeId)
      .executeTakeFirstOrThrow();
    // The tasks as published (corrections included) are the plan's JSON; their ids are in `tasks`.
    const plan = readPlanJson(row);
    const taskRows = await tx.db
      .selectFrom('tasks')
      .select(['id', 'no'])
      .where('planId', '=', planId)
      .execute();
    const taskIds = new Map(taskRows.map((t) => [t.no, t.id]));
    const tasks: Task[] = plan.tasks.filter((t) => taskIds.has(t.no));
    const generated = await generateForYears(tx, tasks, [input.year], notice.issuedAt);

    const existing = new Map(
      (
        await tx.db
          .selectFrom('deliverables')
          .select(['id', 'key'])
          .where('planId', '=', planId)
          .where('period', 'like', `${input.year}%`)
          .execute()
      ).map((d) => [d.key, d.id]),
    );
    const ids = new Map(generated.specs.map((s) => [s.key, existing.get(s.key) ?? newId()]));
    const iso = now.toISOString();
    const fresh: NewDeliverable[] = generated.specs
      .filter((s) => !existing.has(s.key))
      .map((s) => ({
        ...deliverableRow(s, planId, taskIds.get(s.task)!, iso, ids.get(s.key)!),
        leadDeliverableId: s.leadKey ? (ids.get(s.leadKey) ?? null) : null,
      }));
    const result: AddYearResult = {
      planId,
      year: input.year,
      created: fresh.length,
      existing: generated.specs.length - fresh.length,
      warnings: generated.warnings,
      calendarMissing: generated.missingYears.length > 0,
    };
    if (fresh.length === 0) return result;

    for (const part of chunked(fresh)) await tx.db.insertInto('deliverables').values(part).execute();
    const perOrg = new Map<string, number>();
    for (const d of fresh) perOrg.set(d.orgId, (perOrg.get(d.orgId) ?? 0) + 1);
    for (const [orgId, count] of perOrg) {
      await notify(
        tx,
        { orgId },
        {
          kind: 'assigned',
          title: `${input.year}年度报送事项已生成`,
          body: `《${notice.title ?? '任务清单'}》${input.year}年度本单位有${count}个报送事项，请按时报送。`,
          link: `/deliverables?planId=${planId}&orgId=${orgId}`,
          dedupeKey: `assigned:${planId}:${orgId}:${input.year}`,
        },
        now,
      );
    }
    const { warnings: _w, ...counts } = result;
    await appendAudit(
      tx,
      actor,
      {
        action: 'plan.add-year',
        entity: 'plan',
        entityId: planId,
        after: { ...counts, warnings: generated.warnings.length },
      },
      now,
    );
    return result;
  });
}
