/**
 * 申诉: while the results are published (公示), a unit's reporter or leader appeals against one item
 * of its score with reasons; the coordinator accepts — the correction is recorded as a 加减分 entry
 * naming the appeal — or rejects with a reason. One open appeal per unit and item; every step audited
 * and the unit told of the decision.
 */
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import type { AppealStatus } from '../../db/schema.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { AppError, forbidden, invalidState, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { notify } from '../notifications/notify.ts';
import { insertAdjustment } from './adjustments.ts';
import { assertNotFrozen, yearState } from './assessment-year.ts';
import { getRubric } from './rubric-setting.ts';

export type AppealView = {
  id: string;
  orgId: string;
  orgName: string;
  itemId: string;
  reason: string;
  filedAt: string;
  status: AppealStatus;
  decisionNote: string | null;
  decidedAt: string | null;
  adjustmentId: string | null;
};

export const APPEAL_STATUS_WORDS: Readonly<Record<AppealStatus, string>> = {
  pending: '待处理',
  accepted: '已采纳',
  rejected: '未采纳',
};

export async function fileAppeal(
  ctx: AppContext,
  user: SessionUser,
  input: { planId: string; year: number; itemId: string; reason: string },
  today: string,
): Promise<AppealView> {
  if (!(user.role === 'reporter' || user.role === 'leader') || !user.orgId)
    throw forbidden('只有责任单位可以申诉');
  const orgId = user.orgId;
  const { rubric } = await getRubric(ctx.store, input.planId, input.year);
  if (!rubric.items.some((i) => i.id === input.itemId))
    throw new AppError('validation', `itemId：考核细则中没有“${input.itemId}”这一项`, 'itemId');
  const now = ctx.clock.now();
  const id = newId();
  await inTransaction(ctx.store, async (tx) => {
    const state = await yearState(tx, input.planId, input.year);
    if (state.status !== 'appeals' || !state.appealFrom || !state.appealUntil)
      throw invalidState('考核结果尚未公示或已定格，现在不能申诉');
    if (today < state.appealFrom || today > state.appealUntil)
      throw invalidState(`申诉期为 ${state.appealFrom} 至 ${state.appealUntil}，今天不在申诉期内`);
    const open = await tx.db
      .selectFrom('assessmentAppeals')
      .select('id')
      .where('planId', '=', input.planId)
      .where('year', '=', input.year)
      .where('orgId', '=', orgId)
      .where('itemId', '=', input.itemId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (open) throw invalidState('本单位对这一项已有待处理的申诉');
    await tx.db
      .insertInto('assessmentAppeals')
      .values({
        id,
        planId: input.planId,
        year: input.year,
        orgId,
        itemId: input.itemId,
        reason: input.reason,
        filedAt: now.toISOString(),
        filedBy: user.id,
        status: 'pending',
        decisionNote: null,
        decidedAt: null,
        decidedBy: null,
        adjustmentId: null,
      })
      .execute();
    await appendAudit(
      tx,
      actorOf(user),
      {
        action: 'assessment.appeal',
        entity: 'assessment-appeal',
        entityId: id,
        orgId,
        after: { planId: input.planId, year: input.year, itemId: input.itemId, reason: input.reason },
      },
      now,
    );
    await notify(
      tx,
      { roles: ['coordinator'] },
      {
        kind: 'assessment.appeal',
        title: `收到考核申诉`,
        body: `${user.displayName}对 ${input.year} 年度考核提出申诉：${input.reason}`,
        link: '/assessment',
        dedupeKey: `assessment:appeal:${id}`,
      },
      now,
    );
  });
  return getAppeal(ctx.store, id);
}

export async function decideAppeal(
  ctx: AppContext,
  user: SessionUser,
  id: string,
  input: { accept: boolean; note: string; points?: number },
): Promise<AppealView> {
  const now = ctx.clock.now();
  await inTransaction(ctx.store, async (tx) => {
    const appeal = await tx.db
      .selectFrom('assessmentAppeals')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!appeal) throw notFound('该申诉');
    await assertNotFrozen(tx, appeal.planId, appeal.year);
    if (appeal.status !== 'pending') throw invalidState(`该申诉已${APPEAL_STATUS_WORDS[appeal.status]}`);
    let adjustmentId: string | null = null;
    if (input.accept) {
      if (input.points === undefined || input.points === 0)
        throw new AppError('validation', 'points：采纳申诉须填写更正的分值（加分为正，减分为负）', 'points');
      adjustmentId = await insertAdjustment(
        tx,
        user,
        {
          planId: appeal.planId,
          year: appeal.year,
          orgId: appeal.orgId,
          points: input.points,
          reason: `申诉更正：${input.note}`,
          basis: `单位申诉（${appeal.reason}）`,
        },
        now,
      );
    }
    const status: AppealStatus = input.accept ? 'accepted' : 'rejected';
    await tx.db
      .updateTable('assessmentAppeals')
      .set({
        status,
        decisionNote: input.note,
        decidedAt: now.toISOString(),
        decidedBy: user.id,
        adjustmentId,
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(
      tx,
      actorOf(user),
      {
        action: input.accept ? 'assessment.appeal-accept' : 'assessment.appeal-reject',
        entity: 'assessment-appeal',
        entityId: id,
        orgId: appeal.orgId,
        before: { status: appeal.status },
        after: { status, decisionNote: input.note, points: input.points ?? null },
      },
      now,
    );
    await notify(
      tx,
      { orgId: appeal.orgId, roles: ['reporter', 'leader'] },
      {
        kind: 'assessment.appeal-decided',
        title: input.accept ? '考核申诉已采纳' : '考核申诉未采纳',
        body: input.accept ? `已更正 ${input.points} 分：${input.note}` : `理由：${input.note}`,
        link: '/assessment',
        dedupeKey: `assessment:appeal-decided:${id}`,
      },
      now,
    );
  });
  return getAppeal(ctx.store, id);
}

async function getAppeal(store: Store, id: string): Promise<AppealView> {
  const row = await appealQuery(store).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('该申诉');
  return row;
}

function appealQuery(store: Store) {
  return store.db
    .selectFrom('assessmentAppeals as a')
    .innerJoin('orgs as o', 'o.id', 'a.orgId')
    .select([
      'a.id',
      'a.orgId',
      'o.name as orgName',
      'a.itemId',
      'a.reason',
      'a.filedAt',
      'a.status',
      'a.decisionNote',
      'a.decidedAt',
      'a.adjustmentId',
    ]);
}

/** The year's appeals: all for the coordinator (and viewers), a unit's own for the unit. */
export async function listAppeals(
  store: Store,
  user: SessionUser,
  planId: string,
  year: number,
): Promise<AppealView[]> {
  let q = appealQuery(store).where('a.planId', '=', planId).where('a.year', '=', year);
  if (!(user.role === 'coordinator' || user.role === 'viewer')) q = q.where('a.orgId', '=', user.orgId ?? '');
  return q.orderBy('a.filedAt').orderBy('a.id').execute();
}
