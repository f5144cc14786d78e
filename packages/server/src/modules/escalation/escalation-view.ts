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
  /** A 督办单 whose reply deadline has passed without a reply. */
  replyOverdue: boolean;
  createdAt: string;
  org: { id: string; name: string };
  deliverable: { id: string; title: string; period: string; dueDate: string; status: DeliverableStatus };
  task: { id: string; no: number; label: string; text: string };
};

export type EscalationQuery = SelectQueryBuilder<
  Database,
  'escalations' | 'deliverables' | 'orgs' | 'tasks' | 'users',
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
    replyOverdue: r.reply === null && r.replyDue !== null && r.replyDue < today,
    createdAt: r.createdAt,
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
