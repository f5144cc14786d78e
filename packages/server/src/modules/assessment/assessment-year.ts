/**
 * The course of an assessment year: open (scores follow the records) → appeals (the coordinator
 * publishes the results and opens a window; each unit is told) → frozen (the result stored as shown,
 * with its SHA-256 in the row and in the freeze's audit record; it never changes again, whatever
 * records are edited later). Every step is audited; after the freeze nothing of the year's
 * assessment can be changed.
 */
import { createHash } from 'node:crypto';
import { VALUE_LABELS } from '@luoshi/core';
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import type { AssessmentStatus } from '../../db/schema.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { AppError, invalidState } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { notify } from '../notifications/notify.ts';
import { planOf } from './plan-of.ts';

export type YearState = {
  status: AssessmentStatus;
  appealFrom: string | null;
  appealUntil: string | null;
  frozenAt: string | null;
  resultSha256: string | null;
  rowVersion: number;
};

/** The year's course in words, as core's vocabulary has them (计分中 / 公示申诉中 / 已定格). */
export const statusWord = (status: AssessmentStatus): string => VALUE_LABELS.status?.[status] ?? status;

export async function yearState(
  store: Store,
  planId: string,
  year: number,
): Promise<YearState & { resultJson: string | null }> {
  const row = await store.db
    .selectFrom('assessmentYears')
    .select(['status', 'appealFrom', 'appealUntil', 'frozenAt', 'resultSha256', 'resultJson', 'rowVersion'])
    .where('planId', '=', planId)
    .where('year', '=', year)
    .executeTakeFirst();
  return (
    row ?? {
      status: 'open',
      appealFrom: null,
      appealUntil: null,
      frozenAt: null,
      resultSha256: null,
      resultJson: null,
      rowVersion: 0,
    }
  );
}

/** Refuses a change to a frozen year (inside the change's transaction). */
export async function assertNotFrozen(tx: Store, planId: string, year: number): Promise<void> {
  if ((await yearState(tx, planId, year)).status === 'frozen')
    throw invalidState(`${year} 年度考核结果已定格，不能再修改`);
}

async function setState(
  tx: Store,
  planId: string,
  year: number,
  rowVersion: number,
  patch: Partial<{
    status: AssessmentStatus;
    appealFrom: string;
    appealUntil: string;
    openedAt: string;
    openedBy: string;
    frozenAt: string;
    frozenBy: string;
    resultJson: string;
    resultSha256: string;
  }>,
): Promise<void> {
  const current = await yearState(tx, planId, year);
  if (current.rowVersion !== rowVersion) throw new AppError('stale', undefined, 'rowVersion');
  if (current.rowVersion === 0)
    await tx.db
      .insertInto('assessmentYears')
      .values({
        id: newId(),
        planId,
        year,
        status: 'open',
        appealFrom: null,
        appealUntil: null,
        openedAt: null,
        openedBy: null,
        frozenAt: null,
        frozenBy: null,
        resultJson: null,
        resultSha256: null,
        rowVersion: 1,
        ...patch,
      })
      .execute();
  else {
    const done = await tx.db
      .updateTable('assessmentYears')
      .set({ ...patch, rowVersion: rowVersion + 1 })
      .where('planId', '=', planId)
      .where('year', '=', year)
      .where('rowVersion', '=', rowVersion)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw new AppError('stale', undefined, 'rowVersion');
  }
}

/** 公示: open the appeal window (or move it) and tell every unit of the plan. */
export async function openAppeals(
  ctx: AppContext,
  user: SessionUser,
  input: { planId: string; year: number; from: string; until: string; rowVersion: number },
): Promise<YearState> {
  if (input.from > input.until)
    throw new AppError('validation', 'until：申诉截止日期不能早于开始日期', 'until');
  await planOf(ctx.store, input.planId);
  const now = ctx.clock.now();
  await inTransaction(ctx.store, async (tx) => {
    await assertNotFrozen(tx, input.planId, input.year);
    const before = await yearState(tx, input.planId, input.year);
    await setState(tx, input.planId, input.year, input.rowVersion, {
      status: 'appeals',
      appealFrom: input.from,
      appealUntil: input.until,
      openedAt: now.toISOString(),
      openedBy: user.id,
    });
    await appendAudit(
      tx,
      actorOf(user),
      {
        action: 'assessment.open-appeals',
        entity: 'plan',
        entityId: input.planId,
        before: {
          year: input.year,
          status: before.status,
          appealFrom: before.appealFrom,
          appealUntil: before.appealUntil,
        },
        after: { year: input.year, status: 'appeals', appealFrom: input.from, appealUntil: input.until },
      },
      now,
    );
    const units = await tx.db
      .selectFrom('deliverables')
      .select('orgId')
      .distinct()
      .where('planId', '=', input.planId)
      .execute();
    for (const u of units)
      await notify(
        tx,
        { orgId: u.orgId, roles: ['reporter', 'leader'] },
        {
          kind: 'assessment.appeals',
          title: `${input.year} 年度考核结果已公示`,
          body: `请核对本单位得分；如有异议，请于 ${input.from} 至 ${input.until} 期间在“年度考核”中逐项提出申诉并说明理由。`,
          link: '/assessment',
          dedupeKey: `assessment:appeals:${input.planId}:${input.year}:${input.from}:${input.until}:${u.orgId}`,
        },
        now,
      );
  });
  return yearState(ctx.store, input.planId, input.year);
}

/** The result's fingerprint: SHA-256 of the stored JSON, as hex. */
export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** 定格: store the result as it stands and its hash; refused while an appeal waits for a decision. */
export async function freezeYear(
  ctx: AppContext,
  user: SessionUser,
  input: { planId: string; year: number; rowVersion: number },
  compute: (tx: Store) => Promise<string>,
): Promise<YearState> {
  const now = ctx.clock.now();
  await inTransaction(ctx.store, async (tx) => {
    await assertNotFrozen(tx, input.planId, input.year);
    const pending = await tx.db
      .selectFrom('assessmentAppeals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('planId', '=', input.planId)
      .where('year', '=', input.year)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    if (Number(pending.n) > 0) throw invalidState(`还有 ${Number(pending.n)} 件申诉未处理，处理后才能定格`);
    const resultJson = await compute(tx);
    const hash = sha256(resultJson);
    await setState(tx, input.planId, input.year, input.rowVersion, {
      status: 'frozen',
      frozenAt: now.toISOString(),
      frozenBy: user.id,
      resultJson,
      resultSha256: hash,
    });
    await appendAudit(
      tx,
      actorOf(user),
      {
        action: 'assessment.freeze',
        entity: 'plan',
        entityId: input.planId,
        after: { year: input.year, status: 'frozen', resultSha256: hash },
      },
      now,
    );
  });
  return yearState(ctx.store, input.planId, input.year);
}

export type FrozenCheck = { checked: number; problems: string[] };

/**
 * Every frozen result against its hash and against the hash its freeze's audit record holds: a
 * result edited in the database (even with its row's hash recomputed) is found.
 */
export async function verifyFrozenResults(store: Store): Promise<FrozenCheck> {
  const rows = await store.db
    .selectFrom('assessmentYears')
    .select(['planId', 'year', 'resultJson', 'resultSha256'])
    .where('status', '=', 'frozen')
    .execute();
  const problems: string[] = [];
  for (const r of rows) {
    const label = `${r.year} 年度考核定格结果（清单 ${r.planId}）`;
    if (r.resultJson === null || sha256(r.resultJson) !== r.resultSha256) {
      problems.push(`${label}与其哈希不符（被修改）`);
      continue;
    }
    const freezes = await store.db
      .selectFrom('auditLog')
      .select('afterJson')
      .where('action', '=', 'assessment.freeze')
      .where('entityId', '=', r.planId)
      .execute();
    const recorded = freezes.some((f) => {
      const after = JSON.parse(f.afterJson ?? '{}') as { year?: number; resultSha256?: string };
      return after.year === r.year && after.resultSha256 === r.resultSha256;
    });
    if (!recorded) problems.push(`${label}的哈希与审计记录不符（被替换）`);
  }
  return { checked: rows.length, problems };
}
