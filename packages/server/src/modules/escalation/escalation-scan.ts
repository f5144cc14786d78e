/**
 * What an escalation pass would issue as of a day, read without writing: the deliverables whose
 * ladder runs (nothing handed in) with each step that is due and not yet in force. A real pass
 * (run-escalation.ts) records these steps; a dry run (preview-escalation.ts) only lists them, so the
 * two see the same steps.
 *
 * Fast on large data: only deliverables due by `asOf` + the reminder lead time are read, in pages
 * ordered by (dueDate, id), skipping those whose ladder is complete (red 督办 in force); levels
 * already in force are filtered out. A 提醒 is not issued once the due date has passed (a pass that
 * catches up, or a report returned after its due date) or once a 催办 is in force: it would remind
 * of a deadline already missed, and the 催办 says what there is to say. Withdrawn records (已撤回)
 * are not in force: a step withdrawn with its pass is issued again by a later pass once it is due
 * as of that pass's day.
 */
import {
  type Calendar,
  defaultCalendar,
  type EscalationStep,
  effectiveDueDate,
  escalationSteps,
  type SupervisionSettings,
} from '@luoshi/core';
import type { DeliverableStatus } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { getSettings } from '../settings/get-settings.ts';

/** Statuses whose ladder runs: nothing in force has been handed in. */
const LADDER_STATUSES: DeliverableStatus[] = ['pending', 'draft', 'returned'];
const PAGE = 500;

export type Rules = { settings: SupervisionSettings; calendar: Calendar };

export type Candidate = {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  dueDate: string;
  status: DeliverableStatus;
};

/** A deliverable and the steps a pass as of the day issues for it, in ladder order. */
export type Todo = { d: Candidate; steps: EscalationStep[] };

export async function escalationRules(store: Store): Promise<Rules> {
  return { settings: await getSettings(store), calendar: defaultCalendar() };
}

/**
 * The steps due as of `asOf` and not in force, a page of deliverables at a time. A 督办单 issued
 * late (catching up) gets its reply deadline counted from the day it is issued, not from the day it
 * became due: a deadline already past would be no deadline.
 */
export async function* dueSteps(store: Store, rules: Rules, asOf: string): AsyncGenerator<Todo[]> {
  // A reminder is due once asOf ≥ due − N working days, i.e. due ≤ asOf + N working days (the due
  // date in force is a working day on or after the stored one).
  const horizon = rules.calendar.addWorkingDays(asOf, rules.settings.remindWorkdaysBefore);
  let cursor: { dueDate: string; id: string } | null = null;
  for (;;) {
    const page = await candidates(store, horizon, cursor);
    if (page.length === 0) return;
    const last = page[page.length - 1]!;
    cursor = { dueDate: last.dueDate, id: last.id };
    const todo = await missingSteps(store, rules, page, asOf);
    if (todo.length > 0) yield todo;
    if (page.length < PAGE) return;
  }
}

async function candidates(
  store: Store,
  horizon: string,
  after: { dueDate: string; id: string } | null,
): Promise<Candidate[]> {
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
            .where('escalations.level', '=', 'supervise-red')
            .where('escalations.withdrawnAt', 'is', null),
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
  return q.orderBy('deliverables.dueDate').orderBy('deliverables.id').limit(PAGE).execute();
}

/** The due steps of a page not in force yet (read without a write lock; the insert decides). */
async function missingSteps(store: Store, rules: Rules, page: Candidate[], day: string): Promise<Todo[]> {
  const due = page
    .map((d) => ({ d, steps: stepsStillUseful(d, day, rules) }))
    .filter((t) => t.steps.length > 0);
  if (due.length === 0) return [];
  const existing = await store.db
    .selectFrom('escalations')
    .select(['deliverableId', 'level'])
    .where(
      'deliverableId',
      'in',
      due.map((t) => t.d.id),
    )
    .where('withdrawnAt', 'is', null)
    .execute();
  const have = new Set(existing.map((e) => `${e.deliverableId}:${e.level}`));
  return due
    .map((t) => ({
      d: t.d,
      steps: t.steps
        .filter((s) => !have.has(`${t.d.id}:${s.level}`))
        // Nor a 提醒 once a 催办 is in force (a pass run as of an earlier day).
        .filter((s) => s.level !== 'reminder' || !have.has(`${t.d.id}:urge`))
        .map((s) =>
          s.replyDue && s.dueFrom < day
            ? { ...s, replyDue: rules.calendar.addWorkingDays(day, rules.settings.replyWorkdays) }
            : s,
        ),
    }))
    .filter((t) => t.steps.length > 0);
}

/** The ladder's due steps, less a 提醒 of a due date already past. */
function stepsStillUseful(d: Candidate, day: string, rules: Rules): EscalationStep[] {
  const passed = day > effectiveDueDate(d, rules.calendar);
  return escalationSteps(d, day, rules.settings, rules.calendar).filter(
    (s) => !(passed && s.level === 'reminder'),
  );
}
