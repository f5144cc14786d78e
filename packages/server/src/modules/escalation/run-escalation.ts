/**
 * The escalation pass: for every deliverable whose ladder runs (nothing handed in), record each
 * step that is due as of a day — 提醒, 催办, 督办单 (orange, then red) — and notify the unit.
 *
 * Exactly once, however many passes run and in how many processes: a step is a row of
 * `escalations`, unique per (deliverable, level), inserted with ON CONFLICT DO NOTHING; only the
 * pass whose insert really created the row notifies and audits, in the same transaction. On
 * PostgreSQL the batch transactions of concurrent passes also queue on an advisory lock (so they
 * never deadlock against each other on the unique index and the audit lock); on SQLite the single
 * writer lock serializes them (and `serialized` within one process).
 *
 * Fast on large data: only deliverables due by `asOf` + the reminder lead time are read, in pages
 * ordered by (dueDate, id), skipping those whose ladder is complete (red 督办 recorded); levels
 * already recorded are filtered out before any write transaction is opened.
 */
import {
  type Calendar,
  defaultCalendar,
  ESCALATION_LEVELS,
  type EscalationLevel,
  type EscalationStep,
  effectiveDueDate,
  escalationSteps,
  isIsoDate,
  type SupervisionSettings,
} from '@luoshi/core';
import { appendAudit, SYSTEM_ACTOR } from '../../audit/audit.ts';
import type { AppContext } from '../../context.ts';
import type { DeliverableStatus } from '../../db/schema.ts';
import { inTransaction, lockWithin } from '../../db/store.ts';
import { AppError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { serialized, writerKey } from '../../jobs/local-mutex.ts';
import { notify } from '../notifications/notify.ts';
import { getSettings } from '../settings/get-settings.ts';
import { escalationNotice } from './escalation-notice.ts';

export type EscalationCounts = Record<EscalationLevel, number>;

export type EscalationResult = {
  /** Steps recorded by this pass, per level. */
  created: EscalationCounts;
  /** In-app notifications created (one per user of a unit reached). */
  notified: number;
};

/** Statuses whose ladder runs: nothing in force has been handed in. */
const LADDER_STATUSES: DeliverableStatus[] = ['pending', 'draft', 'returned'];
const PAGE = 500;
const ESCALATION_LOCK = 727_002;

type Candidate = {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  dueDate: string;
  status: DeliverableStatus;
};

type Todo = { d: Candidate; steps: EscalationStep[] };

export async function runEscalation(ctx: AppContext, asOf: string): Promise<EscalationResult> {
  if (!isIsoDate(asOf)) throw new AppError('validation', `日期「${asOf}」应为 YYYY-MM-DD 格式`, 'asOf');
  const { store } = ctx;
  const settings = await getSettings(store);
  const calendar = defaultCalendar();
  const rules: Rules = { settings, calendar };
  const created: EscalationCounts = { reminder: 0, urge: 0, 'supervise-orange': 0, 'supervise-red': 0 };
  let notified = 0;
  // A reminder is due once asOf ≥ due − N working days, i.e. due ≤ asOf + N working days (the due
  // date in force is a working day on or after the stored one).
  const horizon = calendar.addWorkingDays(asOf, settings.remindWorkdaysBefore);

  let cursor: { dueDate: string; id: string } | null = null;
  for (;;) {
    const after = cursor;
    let q = store.db
      .selectFrom('deliverables')
      .innerJoin('orgs', 'orgs.id', 'deliverables.orgId')
      .innerJoin('plans', 'plans.id', 'deliverables.planId')
      .select([
        'deliverables.id',
        'deliverables.orgId',
        'orgs.name as orgName',
        'deliverables.title',
        'deliverables.dueDate',
        'deliverables.status',
      ])
      .where('deliverables.status', 'in', LADDER_STATUSES)
      .where('deliverables.dueDate', '<=', horizon)
      .where('plans.status', '=', 'published')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('escalations')
              .select('escalations.id')
              .whereRef('escalations.deliverableId', '=', 'deliverables.id')
              .where('escalations.level', '=', 'supervise-red'),
          ),
        ),
      );
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb('deliverables.dueDate', '>', after.dueDate),
          eb.and([eb('deliverables.dueDate', '=', after.dueDate), eb('deliverables.id', '>', after.id)]),
        ]),
      );
    const page: Candidate[] = await q
      .orderBy('deliverables.dueDate')
      .orderBy('deliverables.id')
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    const last = page[page.length - 1]!;
    cursor = { dueDate: last.dueDate, id: last.id };

    const todo = await missingSteps(ctx, rules, page, asOf);
    if (todo.length > 0) {
      const r = await recordSteps(ctx, rules, todo, asOf);
      for (const level of ESCALATION_LEVELS) created[level] += r.created[level];
      notified += r.notified;
    }
    if (page.length < PAGE) break;
  }
  return { created, notified };
}

type Rules = { settings: SupervisionSettings; calendar: Calendar };

/** The due steps of a page not recorded yet (read without a write lock; the insert decides). */
async function missingSteps(c: AppContext, rules: Rules, page: Candidate[], day: string): Promise<Todo[]> {
  const due = page
    .map((d) => ({ d, steps: escalationSteps(d, day, rules.settings, rules.calendar) }))
    .filter((t) => t.steps.length > 0);
  if (due.length === 0) return [];
  const existing = await c.store.db
    .selectFrom('escalations')
    .select(['deliverableId', 'level'])
    .where(
      'deliverableId',
      'in',
      due.map((t) => t.d.id),
    )
    .execute();
  const have = new Set(existing.map((e) => `${e.deliverableId}:${e.level}`));
  return due
    .map((t) => ({ d: t.d, steps: t.steps.filter((s) => !have.has(`${t.d.id}:${s.level}`)) }))
    .filter((t) => t.steps.length > 0);
}

/** Insert the steps in one transaction; notify and audit only the rows this pass created. */
async function recordSteps(
  c: AppContext,
  rules: Rules,
  items: Todo[],
  day: string,
): Promise<EscalationResult> {
  const now = c.clock.now();
  const iso = now.toISOString();
  const result: EscalationResult = {
    created: { reminder: 0, urge: 0, 'supervise-orange': 0, 'supervise-red': 0 },
    notified: 0,
  };
  await serialized(writerKey(c.store), () =>
    inTransaction(c.store, async (tx) => {
      await lockWithin(tx, ESCALATION_LOCK);
      for (const { d, steps: due } of items) {
        // A 督办单 issued late (catching up) gets its reply deadline counted from the day it is
        // issued, not from the day it became due: a deadline already past would be no deadline.
        const steps = due.map((step) =>
          step.replyDue && step.dueFrom < day
            ? { ...step, replyDue: rules.calendar.addWorkingDays(day, rules.settings.replyWorkdays) }
            : step,
        );
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
            })
            .onConflict((oc) => oc.columns(['deliverableId', 'level']).doNothing())
            .returning('id')
            .executeTakeFirst();
          if (row) made.push({ id: row.id, step });
        }
        for (const { id, step } of made) {
          result.created[step.level]++;
          await appendAudit(
            tx,
            SYSTEM_ACTOR,
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
    }),
  );
  return result;
}
