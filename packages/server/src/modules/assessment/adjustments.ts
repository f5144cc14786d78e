/**
 * 加减分: a bonus or deduction entry for a unit's year (经验被上级推广 +2, 被上级通报批评 −3 …),
 * entered by the coordinator with its reason and what it rests on. An entry is audited when made and
 * when withdrawn (with why); a withdrawn entry no longer counts and stays on record.
 */
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { AppError, invalidState, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { assertNotFrozen } from './assessment-year.ts';
import { planOf } from './plan-of.ts';

export type AdjustmentView = {
  id: string;
  orgId: string;
  orgName: string;
  points: number;
  reason: string;
  basis: string;
  createdAt: string;
  withdrawnAt: string | null;
  withdrawReason: string | null;
};

export type NewAdjustment = {
  planId: string;
  year: number;
  orgId: string;
  points: number;
  reason: string;
  basis: string;
};

export async function addAdjustment(
  store: Store,
  user: SessionUser,
  input: NewAdjustment,
  now: Date,
): Promise<AdjustmentView> {
  const id = await inTransaction(store, (tx) => insertAdjustment(tx, user, input, now));
  return getAdjustment(store, id);
}

/** Records an entry within the caller's transaction (an accepted appeal makes its correction so). */
export async function insertAdjustment(
  tx: Store,
  user: SessionUser,
  input: NewAdjustment,
  now: Date,
): Promise<string> {
  const centi = Math.round(input.points * 100);
  if (centi === 0 || Math.abs(input.points * 100 - centi) > 1e-6)
    throw new AppError('validation', 'points：分值应为非零的数，最多两位小数', 'points');
  await planOf(tx, input.planId);
  const org = await tx.db.selectFrom('orgs').select('id').where('id', '=', input.orgId).executeTakeFirst();
  if (!org) throw new AppError('validation', `orgId：没有编号为“${input.orgId}”的单位`, 'orgId');
  await assertNotFrozen(tx, input.planId, input.year);
  const id = newId();
  await tx.db
    .insertInto('assessmentAdjustments')
    .values({
      id,
      planId: input.planId,
      year: input.year,
      orgId: input.orgId,
      pointsCenti: centi,
      reason: input.reason,
      basis: input.basis,
      createdAt: now.toISOString(),
      createdBy: user.id,
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawReason: null,
    })
    .execute();
  await appendAudit(
    tx,
    actorOf(user),
    {
      action: 'assessment.adjust',
      entity: 'assessment-adjustment',
      entityId: id,
      orgId: input.orgId,
      after: {
        planId: input.planId,
        year: input.year,
        points: input.points,
        reason: input.reason,
        basis: input.basis,
      },
    },
    now,
  );
  return id;
}

export async function withdrawAdjustment(
  store: Store,
  user: SessionUser,
  id: string,
  reason: string,
  now: Date,
): Promise<AdjustmentView> {
  await inTransaction(store, async (tx) => {
    const entry = await getAdjustment(tx, id);
    const { planId, year } = await tx.db
      .selectFrom('assessmentAdjustments')
      .select(['planId', 'year'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await assertNotFrozen(tx, planId, year);
    if (entry.withdrawnAt) throw invalidState('该加减分事项已撤销');
    const done = await tx.db
      .updateTable('assessmentAdjustments')
      .set({ withdrawnAt: now.toISOString(), withdrawnBy: user.id, withdrawReason: reason })
      .where('id', '=', id)
      .where('withdrawnAt', 'is', null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw invalidState('该加减分事项已撤销');
    const after = await getAdjustment(tx, id);
    await appendAudit(
      tx,
      actorOf(user),
      {
        action: 'assessment.adjust-withdraw',
        entity: 'assessment-adjustment',
        entityId: id,
        orgId: entry.orgId,
        before: { withdrawnAt: null },
        after: { withdrawnAt: after.withdrawnAt, withdrawReason: reason },
      },
      now,
    );
  });
  return getAdjustment(store, id);
}

function adjustmentQuery(store: Store) {
  return store.db
    .selectFrom('assessmentAdjustments as a')
    .innerJoin('orgs as o', 'o.id', 'a.orgId')
    .select([
      'a.id',
      'a.orgId',
      'o.name as orgName',
      'a.pointsCenti',
      'a.reason',
      'a.basis',
      'a.createdAt',
      'a.withdrawnAt',
      'a.withdrawReason',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof adjustmentQuery>['executeTakeFirstOrThrow']>>;

const view = ({ pointsCenti, ...r }: Row): AdjustmentView => ({ ...r, points: pointsCenti / 100 });

async function getAdjustment(store: Store, id: string): Promise<AdjustmentView> {
  const row = await adjustmentQuery(store).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('该加减分事项');
  return view(row);
}

export async function listAdjustments(store: Store, planId: string, year: number): Promise<AdjustmentView[]> {
  const rows = await adjustmentQuery(store)
    .where('a.planId', '=', planId)
    .where('a.year', '=', year)
    .orderBy('a.createdAt')
    .orderBy('a.id')
    .execute();
  return rows.map(view);
}
