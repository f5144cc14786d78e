/**
 * The 亮灯 of core `signalOf` and the on-time test of core `onTimeRate`, as SQL over the
 * `deliverables` table (alias `d`), so a dashboard groups hundreds of thousands of deliverables in
 * the database instead of loading them.
 *
 * `signalOf` needs two calendar facts per row; both reduce to comparisons with dates computed once:
 * - the due date in force is `calendar.dueDateOf(dueDate)` (rest days move to the next working
 *   day): a CASE maps the few distinct due dates that fall on rest days (`effectiveDueSql`);
 * - "due within N working days" (`workingDaysBetween(today, due) <= N`, due ≥ today) is
 *   `due < addWorkingDays(today, N + 1)`.
 * A hand-in date is the Beijing day of `submittedAt`: an ISO UTC timestamp is on or before day E
 * in Beijing exactly when it sorts before `E` + 'T16:00:00' UTC; a plain YYYY-MM-DD compares as is.
 */
import type { Calendar, SupervisionSettings } from '@luoshi/core';
import { type RawBuilder, sql } from 'kysely';

export type SignalThresholds = {
  /** Today in Beijing, YYYY-MM-DD. */
  today: string;
  /** The first day that is no longer "due soon": addWorkingDays(today, dueSoonWorkdays + 1). */
  soonBefore: string;
};

export function signalThresholds(
  today: string,
  settings: SupervisionSettings,
  calendar: Calendar,
): SignalThresholds {
  return { today, soonBefore: calendar.addWorkingDays(today, settings.dueSoonWorkdays + 1) };
}

/** The due date in force of `d`, given every distinct due date the query can meet. */
export function effectiveDueSql(dueDates: readonly string[], calendar: Calendar): RawBuilder<string> {
  const moved = dueDates
    .map((due) => [due, calendar.dueDateOf(due)] as const)
    .filter(([due, eff]) => due !== eff);
  if (moved.length === 0) return sql<string>`d.due_date`;
  const branches = sql.join(
    moved.map(([due, eff]) => sql`when ${due} then ${eff}`),
    sql` `,
  );
  return sql<string>`(case d.due_date ${branches} else d.due_date end)`;
}

const HANDED_IN = sql`d.status in ('submitted', 'approved')`;
const DONE = sql`d.status in ('accepted', 'closed')`;

/** submittedAt is on or before the Beijing day `due`. */
function inTimeSql(due: RawBuilder<string>): RawBuilder<boolean> {
  return sql<boolean>`(d.submitted_at is not null and d.submitted_at < (${due} || 'T16:00:00'))`;
}

/** The light of `d` as core `signalOf` computes it: 'blue' | 'green' | 'yellow' | 'red' | 'grey'. */
export function signalSql(due: RawBuilder<string>, t: SignalThresholds): RawBuilder<string> {
  return sql<string>`(case
    when ${DONE} then 'blue'
    when ${HANDED_IN} then (case when d.submitted_at is not null and d.submitted_at >= (${due} || 'T16:00:00') then 'red' else 'green' end)
    when ${due} < ${t.today} then 'red'
    when d.status = 'returned' then 'yellow'
    when ${due} < ${t.soonBefore} then 'yellow'
    when ${t.today} < d.period_start and d.status = 'pending' then 'grey'
    else 'green' end)`;
}

/** 1 when `d` counts in core `onTimeRate` (its outcome is known), else 0. */
export function onTimeCountedSql(due: RawBuilder<string>, t: SignalThresholds): RawBuilder<number> {
  return sql<number>`(case when ${due} < ${t.today} or ${inTimeSqlOrDone(due)} then 1 else 0 end)`;
}

/** 1 when `d` was handed in on time (or accepted without a hand-in date), else 0. */
export function onTimeSql(due: RawBuilder<string>): RawBuilder<number> {
  return sql<number>`(case when ${inTimeSqlOrDone(due)} then 1 else 0 end)`;
}

function inTimeSqlOrDone(due: RawBuilder<string>): RawBuilder<boolean> {
  return sql<boolean>`(${inTimeSql(due)} or (d.submitted_at is null and ${DONE}))`;
}

/** 1 when `d` is overdue and not handed in (the overdue list), else 0. */
export function overdueSql(due: RawBuilder<string>, t: SignalThresholds): RawBuilder<number> {
  return sql<number>`(case when not ${DONE} and not ${HANDED_IN} and ${due} < ${t.today} then 1 else 0 end)`;
}

/** 1 when `d` was handed in on or before its due date (the monthly trend), else 0. */
export function submittedOnTimeSql(due: RawBuilder<string>): RawBuilder<number> {
  return sql<number>`(case when ${inTimeSql(due)} then 1 else 0 end)`;
}
