/**
 * GET /api/review-queue: the reports waiting for the coordinator, oldest hand-in first, with what a
 * reviewer needs to pick one: deliverable, unit, task, due date, when handed in, evidence count.
 */
import { shanghaiDay } from '../../clock.ts';
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
  const settings = await getReportSettings(store);
  const rows = await store.db
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
      'deliverables.submittedAt as submittedAt',
      eb
        .selectFrom('evidence')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('evidence.reportId', '=', 'reports.id')
        .as('evidenceCount'),
    ])
    .where('reports.status', 'in', reviewableStatuses(settings))
    .orderBy('deliverables.submittedAt')
    .orderBy('reports.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    evidenceCount: Number(r.evidenceCount ?? 0),
    late: r.submittedAt !== null && shanghaiDay(new Date(r.submittedAt)) > r.dueDate,
  }));
}
