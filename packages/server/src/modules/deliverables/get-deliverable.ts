/**
 * 报送事项详情: the deliverable with its task, unit, plan, the lead deliverable it feeds or the
 * co-units' inputs that feed it, its reports, extension requests and escalations (read only), the
 * unit's assignment (签收) and its light.
 */
import { defaultCalendar, type Signal } from '@luoshi/core';
import type { SessionUser } from '../../auth/sessions.ts';
import { shanghaiDay } from '../../clock.ts';
import type { Deliverable } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { getSettings } from '../settings/get-settings.ts';
import { deliverableFor, visibleTo } from './access.ts';
import { rowSignal } from './signal-filter.ts';

type Linked = {
  id: string;
  orgId: string;
  orgName: string;
  role: string;
  status: string;
  dueDate: string;
  title: string;
};

export type DeliverableDetail = Omit<Deliverable, 'calendarMissing'> & {
  calendarMissing: boolean;
  extended: boolean;
  signal: Signal;
  today: string;
  task: {
    id: string;
    no: number;
    label: string;
    text: string;
    section: string | null;
    subsection: string | null;
    obligations: unknown[];
    indicators: unknown[];
  };
  org: { id: string; name: string };
  plan: {
    id: string;
    version: number;
    status: string;
    year: number;
    title: string | null;
    docNumber: string | null;
  };
  assignment: {
    id: string;
    role: string;
    acknowledgedAt: string | null;
    acknowledgedBy: string | null;
  } | null;
  lead: Linked | null;
  coInputs: Linked[];
  reports: {
    id: string;
    orgId: string;
    status: string;
    author: string;
    completion: string;
    submittedAt: string | null;
    approvedAt: string | null;
    reviewedAt: string | null;
    returnReason: string | null;
    /** Who sent it back: the unit's leader (before hand-in) or the coordinator (review). */
    returnedByRole: 'leader' | 'coordinator' | null;
    createdAt: string;
    updatedAt: string;
    evidence: number;
  }[];
  extensions: {
    id: string;
    requestedDueDate: string;
    reason: string;
    status: string;
    requestedBy: string;
    decidedAt: string | null;
    decisionNote: string | null;
    createdAt: string;
  }[];
  escalations: {
    id: string;
    level: string;
    dueFrom: string;
    replyDue: string | null;
    reply: string | null;
    repliedAt: string | null;
    createdAt: string;
  }[];
};

export async function getDeliverable(
  store: Store,
  user: SessionUser,
  id: string,
  now: Date,
): Promise<DeliverableDetail> {
  const d = await deliverableFor(store, user, id);
  const db = store.db;
  const [task, org, plan, assignment] = await Promise.all([
    db.selectFrom('tasks').selectAll().where('id', '=', d.taskId).executeTakeFirstOrThrow(),
    db.selectFrom('orgs').select(['id', 'name']).where('id', '=', d.orgId).executeTakeFirstOrThrow(),
    db
      .selectFrom('plans')
      .innerJoin('notices', 'notices.id', 'plans.noticeId')
      .select([
        'plans.id',
        'plans.version',
        'plans.status',
        'plans.year',
        'notices.title',
        'notices.docNumber',
      ])
      .where('plans.id', '=', d.planId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('assignments')
      .leftJoin('users', 'users.id', 'assignments.acknowledgedBy')
      .select([
        'assignments.id',
        'assignments.role',
        'assignments.acknowledgedAt',
        'users.displayName as acknowledgedBy',
      ])
      .where('assignments.taskId', '=', d.taskId)
      .where('assignments.orgId', '=', d.orgId)
      .executeTakeFirst(),
  ]);
  const linked = db
    .selectFrom('deliverables')
    .innerJoin('orgs', 'orgs.id', 'deliverables.orgId')
    .select([
      'deliverables.id',
      'deliverables.orgId',
      'orgs.name as orgName',
      'deliverables.role',
      'deliverables.status',
      'deliverables.dueDate',
      'deliverables.title',
    ]);
  const lead = d.leadDeliverableId
    ? ((await linked.where('deliverables.id', '=', d.leadDeliverableId).executeTakeFirst()) ?? null)
    : null;
  const visibleCo = visibleTo(
    db
      .selectFrom('deliverables')
      .select('deliverables.id')
      .where('deliverables.leadDeliverableId', '=', d.id),
    user,
  );
  const coInputs = await linked
    .where('deliverables.id', 'in', visibleCo)
    .orderBy('deliverables.orgId')
    .execute();
  const reports = await db
    .selectFrom('reports')
    .innerJoin('users', 'users.id', 'reports.authorId')
    .select((eb) => [
      'reports.id',
      'reports.orgId',
      'reports.status',
      'users.displayName as author',
      'reports.completion',
      'reports.submittedAt',
      'reports.approvedAt',
      'reports.reviewedAt',
      'reports.returnReason',
      'reports.returnedByRole',
      'reports.createdAt',
      'reports.updatedAt',
      eb
        .selectFrom('evidence')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('evidence.reportId', '=', 'reports.id')
        .as('evidence'),
    ])
    .where('reports.deliverableId', '=', d.id)
    .orderBy('reports.createdAt')
    .execute();
  const extensions = await db
    .selectFrom('extensions')
    .innerJoin('users', 'users.id', 'extensions.requestedBy')
    .select([
      'extensions.id',
      'extensions.requestedDueDate',
      'extensions.reason',
      'extensions.status',
      'users.displayName as requestedBy',
      'extensions.decidedAt',
      'extensions.decisionNote',
      'extensions.createdAt',
    ])
    .where('extensions.deliverableId', '=', d.id)
    .orderBy('extensions.createdAt')
    .execute();
  const escalations = await db
    .selectFrom('escalations')
    .select(['id', 'level', 'dueFrom', 'replyDue', 'reply', 'repliedAt', 'createdAt'])
    .where('deliverableId', '=', d.id)
    .where('withdrawnAt', 'is', null)
    .orderBy('createdAt')
    .execute();

  const today = shanghaiDay(now);
  const settings = await getSettings(store);
  return {
    ...d,
    calendarMissing: d.calendarMissing === 1,
    extended: d.dueDate !== d.originalDueDate,
    signal: rowSignal(d, today, settings, defaultCalendar()),
    today,
    task: {
      id: task.id,
      no: task.no,
      label: task.label,
      text: task.text,
      section: task.section,
      subsection: task.subsection,
      obligations: JSON.parse(task.obligationsJson) as unknown[],
      indicators: JSON.parse(task.indicatorsJson) as unknown[],
    },
    org,
    plan,
    assignment: assignment ?? null,
    lead,
    coInputs,
    reports: reports.map((r) => ({ ...r, evidence: Number(r.evidence ?? 0) })),
    extensions,
    escalations,
  };
}
