/** How an escalation reads in the API: the step, its unit, its deliverable and task, the reply. */
import { ESCALATION_LABELS } from '@luoshi/core';
import type { SelectQueryBuilder } from 'kysely';
import type { Database, DeliverableStatus, EscalationLevel } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';

export type EscalationView = {
  id: string;
  level: EscalationLevel;
  label: string;
  dueFrom: string;
  replyDue: string | null;
  reply: string | null;
  repliedAt: string | null;
  repliedBy: { id: string; name: string } | null;
  /** A 督办单 in force whose reply deadline has passed without a reply. */
  replyOverdue: boolean;
  createdAt: string;
  /** The pass that issued it (null before passes were recorded). */
  runId: string | null;
  /** Withdrawn with its pass (已撤回): no longer in force, no reply owed. */
  withdrawn: TakenBack | null;
  org: { id: string; name: string };
  deliverable: { id: string; title: string; period: string; dueDate: string; status: DeliverableStatus };
  task: { id: string; no: number; label: string; text: string };
};

/** Who took something back (a record withdrawn, a pass reverted), when and why. */
export type TakenBack = { at: string; by: { id: string; name: string }; reason: string };

export function takenBack(
  at: string | null,
  byId: string | null,
  byName: string | null,
  reason: string | null,
): TakenBack | null {
  return at && byId ? { at, by: { id: byId, name: byName ?? '' }, reason: reason ?? '' } : null;
}

export type EscalationQuery = SelectQueryBuilder<
  Database & { withdrawer: Database['users'] },
  'escalations' | 'deliverables' | 'orgs' | 'tasks' | 'users' | 'withdrawer',
  EscalationRow
>;

type EscalationRow = {
  id: string;
  level: EscalationLevel;
  dueFrom: string;
  replyDue: string | null;
  reply: string | null;
  repliedAt: string | null;
  repliedById: string | null;
  repliedByName: string | null;
  createdAt: string;
  runId: string | null;
  withdrawnAt: string | null;
  withdrawnById: string | null;
  withdrawnByName: string | null;
  withdrawReason: string | null;
  orgId: string;
  orgName: string;
  deliverableId: string;
  deliverableTitle: string;
  period: string;
  dueDate: string;
  status: DeliverableStatus;
  taskId: string;
  taskNo: number;
  taskLabel: string;
  taskText: string;
};

/** escalations with their unit, deliverable, task and replier, ready to filter. */
export function escalationQuery(store: Store): EscalationQuery {
  return store.db
    .selectFrom('escalations')
    .innerJoin('deliverables', 'deliverables.id', 'escalations.deliverableId')
    .innerJoin('orgs', 'orgs.id', 'escalations.orgId')
    .innerJoin('tasks', 'tasks.id', 'deliverables.taskId')
    .leftJoin('users', 'users.id', 'escalations.repliedBy')
    .leftJoin('users as withdrawer', 'withdrawer.id', 'escalations.withdrawnBy')
    .select([
      'escalations.id',
      'escalations.level',
      'escalations.dueFrom',
      'escalations.replyDue',
      'escalations.reply',
      'escalations.repliedAt',
      'escalations.repliedBy as repliedById',
      'users.displayName as repliedByName',
      'escalations.createdAt',
      'escalations.runId',
      'escalations.withdrawnAt',
      'escalations.withdrawnBy as withdrawnById',
      'withdrawer.displayName as withdrawnByName',
      'escalations.withdrawReason',
      'escalations.orgId',
      'orgs.name as orgName',
      'deliverables.id as deliverableId',
      'deliverables.title as deliverableTitle',
      'deliverables.period',
      'deliverables.dueDate',
      'deliverables.status',
      'tasks.id as taskId',
      'tasks.no as taskNo',
      'tasks.label as taskLabel',
      'tasks.text as taskText',
    ]) as unknown as EscalationQuery;
}

export function presentEscalation(r: EscalationRow, today: string): EscalationView {
  return {
    id: r.id,
    level: r.level,
    label: ESCALATION_LABELS[r.level],
    dueFrom: r.dueFrom,
    replyDue: r.replyDue,
    reply: r.reply,
    repliedAt: r.repliedAt,
    repliedBy: r.repliedById ? { id: r.repliedById, name: r.repliedByName ?? '' } : null,
    replyOverdue: r.withdrawnAt === null && r.reply === null && r.replyDue !== null && r.replyDue < today,
    createdAt: r.createdAt,
    runId: r.runId,
    withdrawn: takenBack(r.withdrawnAt, r.withdrawnById, r.withdrawnByName, r.withdrawReason),
    org: { id: r.orgId, name: r.orgName },
    deliverable: {
      id: r.deliverableId,
      title: r.deliverableTitle,
      period: r.period,
      dueDate: r.dueDate,
      status: r.status,
    },
    task: { id: r.taskId, no: r.taskNo, label: r.taskLabel, text: r.taskText },
  };
}
