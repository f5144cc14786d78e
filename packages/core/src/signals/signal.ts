/**
 * 亮灯: the traffic light of a deliverable, and how lights roll up to a task, unit or section.
 *
 * - blue: done (accepted or closed);
 * - red: past its due date (today > due) and not handed in — or handed in after the due date and
 *   not yet accepted (only known when `submittedAt` is given). A report handed in on time stays
 *   green while it waits for review;
 * - yellow: returned for rework, or due within `dueSoonWorkdays` working days and not handed in;
 * - grey: the period has not started (today < periodStart) and nothing has been done (pending);
 * - green: everything else (in progress, or handed in and awaiting review).
 *
 * 'submitted' and 'approved' (the unit leader's sign-off) both mean the report has been handed in.
 * The due date is `extendedDueDate` when an extension was granted, moved off rest days by
 * `calendar.dueDateOf`.
 */
import type { Calendar } from '../calendar/calendar.ts';
import { datePart, type IsoDate } from '../calendar/dates.ts';
import type { SupervisionSettings } from '../settings.ts';

export type Signal = 'blue' | 'green' | 'yellow' | 'red' | 'grey';

export const SIGNALS: readonly Signal[] = ['red', 'yellow', 'green', 'grey', 'blue'];

export type DeliverableStatus =
  | 'pending'
  | 'draft'
  | 'submitted'
  | 'approved'
  | 'accepted'
  | 'returned'
  | 'closed';

export type SignalInput = {
  status: DeliverableStatus;
  dueDate: IsoDate;
  periodStart: IsoDate;
  extendedDueDate?: IsoDate | null;
  /** When the report under review was handed in ('YYYY-MM-DD' or a local ISO timestamp). */
  submittedAt?: string | null;
};

export const SIGNAL_LABELS: Readonly<Record<Signal, string>> = {
  blue: '已办结',
  green: '正常推进',
  yellow: '临期或被退回',
  red: '逾期',
  grey: '未开始',
};

/** Statuses where the unit has handed its report in and waits for review. */
export function isHandedIn(status: DeliverableStatus): boolean {
  return status === 'submitted' || status === 'approved';
}

export function isDone(status: DeliverableStatus): boolean {
  return status === 'accepted' || status === 'closed';
}

/** The due date in force: the extension when there is one, moved off rest days. */
export function effectiveDueDate(
  d: { dueDate: IsoDate; extendedDueDate?: IsoDate | null },
  calendar: Calendar,
): IsoDate {
  return calendar.dueDateOf(d.extendedDueDate ?? d.dueDate);
}

export function signalOf(
  d: SignalInput,
  today: IsoDate,
  settings: SupervisionSettings,
  calendar: Calendar,
): Signal {
  if (isDone(d.status)) return 'blue';
  const due = effectiveDueDate(d, calendar);
  if (isHandedIn(d.status)) {
    const late = d.submittedAt != null && datePart(d.submittedAt) > due;
    return late ? 'red' : 'green';
  }
  // pending, draft or returned: nothing in force has been handed in.
  if (today > due) return 'red';
  if (d.status === 'returned') return 'yellow';
  if (calendar.workingDaysBetween(today, due) <= settings.dueSoonWorkdays) return 'yellow';
  if (today < d.periodStart && d.status === 'pending') return 'grey';
  return 'green';
}

export type RollUp = { counts: Record<Signal, number>; worst: Signal };

/** Severity of a light: red > yellow > green > grey > blue. */
export function signalRank(s: Signal): number {
  return SIGNALS.length - SIGNALS.indexOf(s);
}

/**
 * The light of a group (task, unit, section): counts per colour, and the worst light by
 * red > yellow > green > grey > blue — one late deliverable makes the group red; a group that is
 * partly done and partly not started is grey; a group of only finished work is blue. An empty
 * group is grey (nothing to show).
 */
export function rollUp(signals: readonly Signal[]): RollUp {
  const counts: Record<Signal, number> = { blue: 0, green: 0, yellow: 0, red: 0, grey: 0 };
  for (const s of signals) counts[s]++;
  const worst = SIGNALS.find((s) => counts[s] > 0) ?? 'grey';
  return { counts, worst };
}

export type OnTimeItem = {
  dueDate: IsoDate;
  /** When the report was handed in ('YYYY-MM-DD' or a local ISO timestamp), or null. */
  submittedAt: string | null;
  accepted: boolean;
};

/**
 * The on-time rate (按时报送率): the share of deliverables whose outcome is known that were handed
 * in on or before their due date. An item counts once its due date has passed (due < today), or
 * earlier when it was already handed in on time. An accepted item without a submission date
 * (closed outside the system, e.g. from an imported ledger) counts as on time. Null when no item
 * counts yet. Pass the due date in force (extension included).
 */
export function onTimeRate(items: readonly OnTimeItem[], today: IsoDate): number | null {
  let counted = 0;
  let onTime = 0;
  for (const item of items) {
    const submitted = item.submittedAt === null ? null : datePart(item.submittedAt);
    const inTime = submitted !== null ? submitted <= item.dueDate : item.accepted;
    if (item.dueDate < today || inTime) {
      counted++;
      if (inTime) onTime++;
    }
  }
  return counted === 0 ? null : onTime / counted;
}
