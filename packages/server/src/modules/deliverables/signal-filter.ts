/**
 * 亮灯 as SQL: core `signalOf` decides a deliverable's light from its status, due date, period start
 * and submission; for a list filtered by light over hundreds of thousands of rows the same decision
 * is made in the database, by comparing the stored dates with a few thresholds computed once per
 * request from the working-day calendar:
 *
 * - `overdueBy` — the last working day before today: a due date on or before it has passed
 *   (`today > dueDateOf(due)` ⇔ `due <= overdueBy`, since a rest day's deadline is the next working day);
 * - `dueSoonBy` — the last date whose deadline falls within `dueSoonWorkdays` working days of today;
 * - `today` — the period has not started while `today < periodStart`.
 *
 * A late hand-in is a report submitted on a Beijing day after the deadline: a UTC timestamp at or
 * after `${deadline}T16:00:00.000Z`. The deadline is the due date itself when it is a working day (as
 * generated); the few due dates on rest days (an extension may set one) are mapped to the next
 * working day by a CASE (`movedDue`, from the distinct due dates in the table).
 */
import { type Calendar, type Signal, type SupervisionSettings, signalOf } from '@luoshi/core';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { shanghaiDay } from '../../clock.ts';
import type { Database, DeliverableStatus } from '../../db/schema.ts';

export type SignalThresholds = {
  today: string;
  overdueBy: string;
  dueSoonBy: string;
  /** Due dates on rest days → the working day their deadline really is. */
  movedDue: ReadonlyMap<string, string>;
};

export function signalThresholds(
  today: string,
  settings: SupervisionSettings,
  calendar: Calendar,
  dueDates: Iterable<string> = [],
): SignalThresholds {
  const movedDue = new Map<string, string>();
  for (const d of dueDates) if (!calendar.isWorkingDay(d)) movedDue.set(d, calendar.dueDateOf(d));
  return {
    today,
    overdueBy: calendar.addWorkingDays(today, -1),
    dueSoonBy: calendar.addWorkingDays(calendar.addWorkingDays(today, settings.dueSoonWorkdays + 1), -1),
    movedDue,
  };
}

/** The Beijing day of a submission time (an ISO timestamp in UTC, or already a date). */
export function submittedDay(submittedAt: string | null): string | null {
  if (submittedAt === null) return null;
  return submittedAt.includes('T') ? shanghaiDay(new Date(submittedAt)) : submittedAt.slice(0, 10);
}

export type SignalRow = {
  status: DeliverableStatus;
  dueDate: string;
  periodStart: string;
  submittedAt: string | null;
};

/** The light of one row, by core `signalOf` (the due date in the row is the one in force). */
export function rowSignal(
  row: SignalRow,
  today: string,
  settings: SupervisionSettings,
  calendar: Calendar,
): Signal {
  return signalOf(
    {
      status: row.status,
      dueDate: row.dueDate,
      periodStart: row.periodStart,
      submittedAt: submittedDay(row.submittedAt),
    },
    today,
    settings,
    calendar,
  );
}

/** The same decision as the SQL condition, in TypeScript (tests check it against `signalOf`). */
export function signalByThresholds(row: SignalRow, th: SignalThresholds): Signal {
  const s = row.status;
  if (s === 'accepted' || s === 'closed') return 'blue';
  if (s === 'submitted' || s === 'approved') {
    const deadline = th.movedDue.get(row.dueDate) ?? row.dueDate;
    return row.submittedAt !== null && row.submittedAt >= `${deadline}T16:00:00.000Z` ? 'red' : 'green';
  }
  if (row.dueDate <= th.overdueBy) return 'red';
  if (s === 'returned' || row.dueDate <= th.dueSoonBy) return 'yellow';
  if (s === 'pending' && th.today < row.periodStart) return 'grey';
  return 'green';
}

type Eb = ExpressionBuilder<Database, 'deliverables'>;

const DONE: DeliverableStatus[] = ['accepted', 'closed'];
const HANDED_IN: DeliverableStatus[] = ['submitted', 'approved'];
const OPEN: DeliverableStatus[] = ['pending', 'draft', 'returned'];

/** `where` condition selecting the deliverables whose light is `signal`. */
export function signalCondition(eb: Eb, signal: Signal, th: SignalThresholds): Expression<SqlBool> {
  const due = eb.ref('deliverables.dueDate');
  const plain = sql<string>`${due} || 'T16:00:00.000Z'`;
  const lateFrom =
    th.movedDue.size === 0
      ? plain
      : sql<string>`(case ${due} ${sql.join(
          [...th.movedDue].map(([d, e]) => sql`when ${d} then ${`${e}T16:00:00.000Z`}`),
          sql` `,
        )} else ${plain} end)`;
  const late = eb('deliverables.submittedAt', '>=', lateFrom);
  const status = (list: DeliverableStatus[]) => eb('deliverables.status', 'in', list);
  switch (signal) {
    case 'blue':
      return status(DONE);
    case 'red':
      return eb.or([
        eb.and([status(OPEN), eb('deliverables.dueDate', '<=', th.overdueBy)]),
        eb.and([status(HANDED_IN), late]),
      ]);
    case 'yellow':
      return eb.and([
        status(OPEN),
        eb('deliverables.dueDate', '>', th.overdueBy),
        eb.or([eb('deliverables.status', '=', 'returned'), eb('deliverables.dueDate', '<=', th.dueSoonBy)]),
      ]);
    case 'grey':
      return eb.and([
        eb('deliverables.status', '=', 'pending'),
        eb('deliverables.dueDate', '>', th.dueSoonBy),
        eb('deliverables.periodStart', '>', th.today),
      ]);
    case 'green':
      return eb.or([
        eb.and([
          status(HANDED_IN),
          eb.or([eb('deliverables.submittedAt', 'is', null), eb('deliverables.submittedAt', '<', lateFrom)]),
        ]),
        eb.and([
          eb('deliverables.dueDate', '>', th.dueSoonBy),
          eb.or([
            eb('deliverables.status', '=', 'draft'),
            eb.and([
              eb('deliverables.status', '=', 'pending'),
              eb('deliverables.periodStart', '<=', th.today),
            ]),
          ]),
        ]),
      ]);
  }
}
