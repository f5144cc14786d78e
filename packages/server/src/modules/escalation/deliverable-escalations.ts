/**
 * The ladder of one deliverable: every step of its schedule (as the due date in force gives it),
 * with the record when the step was issued — who was urged when, and what they replied.
 */
import {
  defaultCalendar,
  ESCALATION_LABELS,
  type EscalationLevel,
  escalationSchedule,
  isDone,
  isHandedIn,
} from '@luoshi/core';
import type { SessionUser } from '../../auth/sessions.ts';
import type { DeliverableStatus } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { deliverableFor } from '../deliverables/access.ts';
import { getSettings } from '../settings/get-settings.ts';
import { type EscalationView, escalationQuery, presentEscalation } from './escalation-view.ts';

export type LadderStep = {
  level: EscalationLevel;
  label: string;
  /** The day the step is (or was) due by the schedule in force. */
  dueFrom: string;
  replyDue: string | null;
  /** The issued record, or null when the step has not been issued. */
  escalation: EscalationView | null;
};

export type DeliverableLadder = {
  deliverable: { id: string; title: string; dueDate: string; status: DeliverableStatus; orgId: string };
  /** False once a report is handed in or the deliverable is done: no further steps are issued. */
  running: boolean;
  steps: LadderStep[];
};

export async function deliverableEscalations(
  store: Store,
  user: SessionUser,
  deliverableId: string,
  today: string,
): Promise<DeliverableLadder> {
  const d = await deliverableFor(store, user, deliverableId);
  const settings = await getSettings(store);
  // The steps in force; withdrawn records (已撤回) are listed in the escalation list, not on the ladder.
  const rows = await escalationQuery(store)
    .where('escalations.deliverableId', '=', d.id)
    .where('escalations.withdrawnAt', 'is', null)
    .execute();
  const byLevel = new Map(rows.map((r) => [r.level, presentEscalation(r, today)]));
  const schedule = escalationSchedule({ dueDate: d.dueDate }, settings, defaultCalendar());
  return {
    deliverable: { id: d.id, title: d.title, dueDate: d.dueDate, status: d.status, orgId: d.orgId },
    running: !isDone(d.status) && !isHandedIn(d.status),
    steps: schedule.map((s) => {
      const record = byLevel.get(s.level) ?? null;
      return {
        level: s.level,
        label: ESCALATION_LABELS[s.level],
        dueFrom: record?.dueFrom ?? s.dueFrom,
        replyDue: record ? record.replyDue : s.replyDue,
        escalation: record,
      };
    }),
  };
}
