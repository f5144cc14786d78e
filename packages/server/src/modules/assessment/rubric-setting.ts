/**
 * 考核细则 of a plan's year: the coordinator's rubric, or the default until one is saved. Saving
 * checks every field (the first problem names it), compares versions (two coordinators editing at
 * once do not overwrite each other) and is audited with the rubric before and after.
 */
import { DEFAULT_RUBRIC, type Rubric, validateRubric } from '@luoshi/core';
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { AppError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { assertNotFrozen } from './assessment-year.ts';
import { planOf } from './plan-of.ts';

export type RubricSetting = {
  planId: string;
  year: number;
  rubric: Rubric;
  saved: boolean;
  rowVersion: number;
};

export async function getRubric(store: Store, planId: string, year: number): Promise<RubricSetting> {
  await planOf(store, planId);
  const row = await store.db
    .selectFrom('assessmentRubrics')
    .select(['rubricJson', 'rowVersion'])
    .where('planId', '=', planId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row
    ? { planId, year, rubric: JSON.parse(row.rubricJson) as Rubric, saved: true, rowVersion: row.rowVersion }
    : { planId, year, rubric: DEFAULT_RUBRIC, saved: false, rowVersion: 0 };
}

export async function saveRubric(
  store: Store,
  actor: Actor,
  input: { planId: string; year: number; rubric: Rubric; rowVersion: number },
  now: Date,
): Promise<RubricSetting> {
  const problems = validateRubric(input.rubric);
  const first = problems[0];
  if (first) throw new AppError('validation', first.message, `rubric.${first.field}`);
  await inTransaction(store, async (tx) => {
    await assertNotFrozen(tx, input.planId, input.year);
    const before = await getRubric(tx, input.planId, input.year);
    if (before.rowVersion !== input.rowVersion) throw new AppError('stale', undefined, 'rowVersion');
    const iso = now.toISOString();
    const rubricJson = JSON.stringify(input.rubric);
    if (before.saved)
      await tx.db
        .updateTable('assessmentRubrics')
        .set({ rubricJson, updatedAt: iso, updatedBy: actor.id, rowVersion: before.rowVersion + 1 })
        .where('planId', '=', input.planId)
        .where('year', '=', input.year)
        .execute();
    else
      await tx.db
        .insertInto('assessmentRubrics')
        .values({
          id: newId(),
          planId: input.planId,
          year: input.year,
          rubricJson,
          updatedAt: iso,
          updatedBy: actor.id,
          rowVersion: 1,
        })
        .execute();
    await appendAudit(
      tx,
      actor,
      {
        action: 'assessment.rubric',
        entity: 'plan',
        entityId: input.planId,
        before: { year: input.year, rubric: before.saved ? before.rubric : null },
        after: { year: input.year, rubric: input.rubric, rowVersion: before.rowVersion + 1 },
      },
      now,
    );
  });
  return getRubric(store, input.planId, input.year);
}
