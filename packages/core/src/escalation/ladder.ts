/**
 * The escalation ladder (提醒 → 催办 → 督办): which steps a deliverable has reached by `today`.
 * Steps are records: the server stores each level once, with its recipient and reply.
 *
 * - reminder (提醒): from `remindWorkdaysBefore` working days before the due date;
 * - urge (催办): from the day after the due date;
 * - supervise-orange (督办, orange): overdue by `superviseOrangeAfterWorkdays` working days
 *   (counted from the due date, the due date itself not counted);
 * - supervise-red (督办, red): overdue by `superviseRedAfterWorkdays` working days.
 * A 督办单 must be answered within `replyWorkdays` working days of `dueFrom`.
 *
 * The ladder runs while nothing is handed in (pending, draft, returned): a submitted, approved,
 * accepted or closed deliverable has no steps. The due date in force is the extension when one
 * was granted (moved off rest days), so an extension moves every step.
 */
import type { Calendar } from '../calendar/calendar.ts';
import { addDays, type IsoDate } from '../calendar/dates.ts';
import type { SupervisionSettings } from '../settings.ts';
import { type DeliverableStatus, effectiveDueDate, isDone, isHandedIn } from '../signals/signal.ts';

export type EscalationLevel = 'reminder' | 'urge' | 'supervise-orange' | 'supervise-red';

export const ESCALATION_LEVELS: readonly EscalationLevel[] = [
  'reminder',
  'urge',
  'supervise-orange',
  'supervise-red',
];

export const ESCALATION_LABELS: Readonly<Record<EscalationLevel, string>> = {
  reminder: '提醒',
  urge: '催办',
  'supervise-orange': '督办(橙色)',
  'supervise-red': '督办(红色)',
};

export type EscalationStep = {
  level: EscalationLevel;
  /** The day this step became due. */
  dueFrom: IsoDate;
  /** For 督办: the reply deadline (dueFrom + replyWorkdays working days); else null. */
  replyDue: IsoDate | null;
};

export type EscalationInput = {
  dueDate: IsoDate;
  status: DeliverableStatus;
  extendedDueDate?: IsoDate | null;
};

/** Every step of the ladder, reached or not, for a due date (in order). */
export function escalationSchedule(
  d: Omit<EscalationInput, 'status'>,
  settings: SupervisionSettings,
  calendar: Calendar,
): EscalationStep[] {
  const due = effectiveDueDate(d, calendar);
  const supervise = (level: EscalationLevel, after: number): EscalationStep => {
    const dueFrom = calendar.addWorkingDays(due, after);
    return { level, dueFrom, replyDue: calendar.addWorkingDays(dueFrom, settings.replyWorkdays) };
  };
  return [
    {
      level: 'reminder',
      dueFrom: calendar.addWorkingDays(due, -settings.remindWorkdaysBefore),
      replyDue: null,
    },
    { level: 'urge', dueFrom: addDays(due, 1), replyDue: null },
    supervise('supervise-orange', settings.superviseOrangeAfterWorkdays),
    supervise('supervise-red', settings.superviseRedAfterWorkdays),
  ];
}

/** The steps due by `today` (each level at most once, in ladder order). */
export function escalationSteps(
  d: EscalationInput,
  today: IsoDate,
  settings: SupervisionSettings,
  calendar: Calendar,
): EscalationStep[] {
  if (isDone(d.status) || isHandedIn(d.status)) return [];
  return escalationSchedule(d, settings, calendar).filter((s) => s.dueFrom <= today);
}
