/**
 * The escalation pass: for every deliverable whose ladder runs (nothing handed in), record each
 * step that is due as of a day — 提醒, 催办, 督办单 (orange, then red) — and notify the unit.
 *
 * Exactly once, however many passes run and in how many processes: a step in force is a row of
 * `escalations`, unique per (deliverable, level) among the rows not withdrawn, inserted with ON
 * CONFLICT DO NOTHING; only the pass whose insert really created the row notifies and audits, in
 * the same transaction. On PostgreSQL the batch transactions of concurrent passes also queue on an
 * advisory lock (so they never deadlock against each other on the unique index and the audit lock);
 * on SQLite the single writer lock serializes them (and `serialized` within one process).
 *
 * A pass that issues anything is recorded in `escalation_runs` (as of which day, by whom) with its
 * first record, and each record names its pass, so a coordinator can withdraw exactly what one pass
 * issued (revert-escalation-run.ts). Which steps are due comes from escalation-scan.ts, which the
 * dry run shares.
 */
import {
  ESCALATION_LEVELS,
  type EscalationLevel,
  type EscalationStep,
  effectiveDueDate,
  isIsoDate,
} from '@luoshi/core';
import { type Actor, appendAudit, SYSTEM_ACTOR } from '../../audit/audit.ts';
import type { AppContext } from '../../context.ts';
import { inTransaction, lockWithin, type Store } from '../../db/store.ts';
import { AppError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { serialized, writerKey } from '../../jobs/local-mutex.ts';
import { notify } from '../notifications/notify.ts';
import { escalationNotice } from './escalation-notice.ts';
import { dueSteps, escalationRules, type Rules, type Todo } from './escalation-scan.ts';

export type EscalationCounts = Record<EscalationLevel, number>;

export type EscalationResult = {
  /** The recorded pass, or null when it issued nothing. */
  runId: string | null;
  /** Steps recorded by this pass, per level. */
  created: EscalationCounts;
  /** In-app notifications created (one per user of a unit reached). */
  notified: number;
};

export const ESCALATION_LOCK = 727_002;

export function noCounts(): EscalationCounts {
  return { reminder: 0, urge: 0, 'supervise-orange': 0, 'supervise-red': 0 };
}

/** Who ran a pass: the schedule (SYSTEM_ACTOR) or a coordinator. */
type Pass = { id: string; asOf: string; by: Actor; recorded: boolean };

export async function runEscalation(
  ctx: AppContext,
  asOf: string,
  by: Actor = SYSTEM_ACTOR,
): Promise<EscalationResult> {
  if (!isIsoDate(asOf)) throw new AppError('validation', `asOf：日期「${asOf}」应为 YYYY-MM-DD 格式`, 'asOf');
  const rules = await escalationRules(ctx.store);
  const pass: Pass = { id: newId(), asOf, by, recorded: false };
  const created = noCounts();
  let notified = 0;
  for await (const todo of dueSteps(ctx.store, rules, asOf)) {
    const r = await recordSteps(ctx, rules, todo, pass);
    for (const level of ESCALATION_LEVELS) created[level] += r.created[level];
    notified += r.notified;
  }
  return { runId: pass.recorded ? pass.id : null, created, notified };
}

/** Record the pass itself, with the first record it issues (same transaction). */
async function recordPass(tx: Store, pass: Pass, now: Date): Promise<void> {
  await tx.db
    .insertInto('escalationRuns')
    .values({
      id: pass.id,
      asOf: pass.asOf,
      runBy: pass.by.id,
      runByName: pass.by.name,
      startedAt: now.toISOString(),
      notified: 0,
      revertedAt: null,
      revertedBy: null,
      revertReason: null,
    })
    .execute();
  await appendAudit(
    tx,
    pass.by,
    {
      action: 'escalation-run.create',
      entity: 'escalation-run',
      entityId: pass.id,
      after: { asOf: pass.asOf },
    },
    now,
  );
}

/** Insert the steps in one transaction; notify and audit only the rows this pass created. */
async function recordSteps(
  c: AppContext,
  rules: Rules,
  items: Todo[],
  pass: Pass,
): Promise<Omit<EscalationResult, 'runId'>> {
  const now = c.clock.now();
  const iso = now.toISOString();
  const day = pass.asOf;
  const result = { created: noCounts(), notified: 0 };
  const recorded = await serialized(writerKey(c.store), () =>
    inTransaction(c.store, async (tx) => {
      await lockWithin(tx, ESCALATION_LOCK);
      let recordedHere = false;
      for (const { d, steps } of items) {
        const made: { id: string; step: EscalationStep }[] = [];
        for (const step of steps) {
          const row = await tx.db
            .insertInto('escalations')
            .values({
              id: newId(),
              deliverableId: d.id,
              orgId: d.orgId,
              level: step.level,
              dueFrom: step.dueFrom,
              replyDue: step.replyDue,
              reply: null,
              repliedAt: null,
              repliedBy: null,
              createdAt: iso,
              runId: pass.id,
              withdrawnAt: null,
              withdrawnBy: null,
              withdrawReason: null,
            })
            .onConflict((oc) =>
              oc.columns(['deliverableId', 'level']).where('withdrawnAt', 'is', null).doNothing(),
            )
            .returning('id')
            .executeTakeFirst();
          if (row) made.push({ id: row.id, step });
        }
        if (made.length > 0 && !pass.recorded && !recordedHere) {
          await recordPass(tx, pass, now);
          recordedHere = true;
        }
        for (const { id, step } of made) {
          result.created[step.level]++;
          await appendAudit(
            tx,
            pass.by,
            {
              action: 'escalation.create',
              entity: 'escalation',
              entityId: id,
              orgId: d.orgId,
              after: {
                deliverableId: d.id,
                level: step.level,
                dueFrom: step.dueFrom,
                replyDue: step.replyDue,
                runId: pass.id,
              },
            },
            now,
          );
        }
        // A pass that catches up several steps at once (a late plan, a server that was down)
        // records them all but sends one message: the most severe step, last in ladder order.
        const top = made[made.length - 1];
        if (!top) continue;
        const { calendar } = rules;
        const dueInForce = effectiveDueDate(d, calendar);
        const workdays =
          top.step.level === 'reminder'
            ? calendar.workingDaysBetween(day, dueInForce)
            : calendar.workingDaysBetween(dueInForce, day);
        result.notified += await notify(
          tx,
          { orgId: d.orgId },
          escalationNotice({
            escalationId: top.id,
            deliverableId: d.id,
            title: d.title,
            orgName: d.orgName,
            level: top.step.level,
            dueDate: dueInForce,
            replyDue: top.step.replyDue,
            workdays: Math.max(0, workdays),
            publicUrl: c.config.publicUrl,
          }),
          now,
          { webhook: c.config.webhookUrl !== null },
        );
      }
      if (result.notified > 0)
        await tx.db
          .updateTable('escalationRuns')
          .set((eb) => ({ notified: eb('notified', '+', result.notified) }))
          .where('id', '=', pass.id)
          .execute();
      return recordedHere;
    }),
  );
  if (recorded) pass.recorded = true;
  return result;
}
