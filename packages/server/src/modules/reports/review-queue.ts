/**
 * GET /api/review-queue: the reports waiting for the coordinator, oldest hand-in first, with what a
 * reviewer needs to pick one: deliverable, unit, task, due date, when handed in, evidence count.
 * GET /api/leader-queue (待我审批): the same for a unit leader — the unit's reports that wait for the
 * leader's approval, which exist only while leader approval is on.
 */
import { shanghaiDay } from '../../clock.ts';
import type { ReportStatus } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { getReportSettings } from './report-settings.ts';
import { reviewableStatuses } from './reviewable.ts';

export type QueueItem = {
  reportId: string;
  reportStatus: string;
  rowVersion: number;
  deliverableId: string;
  deliverableTitle: string;
  period: string;
  dueDate: string;
  orgId: string;
  orgName: string;
  taskId: string;
  taskNo: number;
  taskLabel: string;
  submittedAt: string | null;
  late: boolean;
  evidenceCount: number;
};

export async function reviewQueue(store: Store): Promise<QueueItem[]> {
  return queue(store, reviewableStatuses(await getReportSettings(store)), null);
}

/** The reports of the leader's unit waiting for the leader (none while leader approval is off). */
export async function leaderQueue(store: Store, orgId: string | null): Promise<QueueItem[]> {
  if (!orgId || !(await getReportSettings(store)).leaderApproval) return [];
  return queue(store, ['submitted'], orgId);
}

async function queue(store: Store, statuses: ReportStatus[], orgId: string | null): Promise<QueueItem[]> {
  let q = store.db
    .selectFrom('reports')
    .innerJoin('deliverables', 'deliverables.id', 'reports.deliverableId')
    .innerJoin('orgs', 'orgs.id', 'reports.orgId')
    .innerJoin('tasks', 'tasks.id', 'deliverables.taskId')
    .select((eb) => [
      'reports.id as reportId',
      'reports.status as reportStatus',
      'reports.rowVersion as rowVersion',
      'deliverables.id as deliverableId',
      'deliverables.title as deliverableTitle',
      'deliverables.period as period',
      'deliverables.dueDate as dueDate',
      'orgs.id as orgId',
      'orgs.name as orgName',
      'tasks.id as taskId',
      'tasks.no as taskNo',
      'tasks.label as taskLabel',
      // The leader's queue goes by the report's own hand-in: the deliverable is handed in only after approval.
      (orgId ? eb.ref('reports.submittedAt') : eb.ref('deliverables.submittedAt')).as('submittedAt'),
      eb
        .selectFrom('evidence')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('evidence.reportId', '=', 'reports.id')
        .as('evidenceCount'),
    ])
    .where('reports.status', 'in', statuses);
  if (orgId) q = q.where('reports.orgId', '=', orgId);
  const rows = await q
    .orderBy(orgId ? 'reports.submittedAt' : 'deliverables.submittedAt')
    .orderBy('reports.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    evidenceCount: Number(r.evidenceCount ?? 0),
    late: r.submittedAt !== null && shanghaiDay(new Date(r.submittedAt)) > r.dueDate,
  }));
}
