/**
 * GET /api/review-queue: the reports waiting for the coordinator, with what a reviewer needs to pick
 * one: deliverable, unit, task, due date, when handed in, working days waited, late, returned before,
 * evidence count. Filtered and paged on the server (review-filter.ts), oldest hand-in first unless
 * asked for the newest; the answer counts the whole queue and the filtered result, and names the
 * units and tasks in the queue (the filters' choices).
 * GET /api/leader-queue (待我审批): the same for a unit leader — the unit's reports that wait for the
 * leader's approval, which exist only while leader approval is on.
 */
import { defaultCalendar } from '@luoshi/core';
import { shanghaiDay } from '../../clock.ts';
import type { ReportStatus } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { signalByThresholds, signalThresholds, submittedDay } from '../deliverables/signal-filter.ts';
import { getSettings } from '../settings/get-settings.ts';
import { getReportSettings } from './report-settings.ts';
import { type ReviewQuery, returnedBefore, reviewConditions, waitingDays } from './review-filter.ts';
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

export type ReviewItem = QueueItem & { waitingDays: number; returnedBefore: boolean };

export type ReviewQueuePage = {
  items: ReviewItem[];
  /** Reports waiting for review, all of them. */
  queued: number;
  /** Of those, handed in late. */
  queuedLate: number;
  /** Reports matching the filters. */
  total: number;
  limit: number;
  offset: number;
  today: string;
  /** The units and tasks with reports in the queue, for the filters. */
  units: { orgId: string; orgName: string; count: number }[];
  tasks: { taskNo: number; text: string; count: number }[];
};

/** The coordinator's queue, filtered and paged. */
export async function reviewQueue(store: Store, query: ReviewQuery, now: Date): Promise<ReviewQueuePage> {
  const statuses = reviewableStatuses(await getReportSettings(store));
  const today = shanghaiDay(now);
  const calendar = defaultCalendar();
  const dueDates = (await store.db.selectFrom('deliverables').select('dueDate').distinct().execute()).map(
    (d) => d.dueDate,
  );
  const th = signalThresholds(today, await getSettings(store), calendar, dueDates);
  const all = () => joined(store).where('reports.status', 'in', statuses);
  const filtered = () => all().where((eb) => eb.and(reviewConditions(eb, query, th, calendar)));
  const count = async (q: ReturnType<typeof all>) =>
    Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  const direction = query.sort === 'newest' ? 'desc' : 'asc';
  const rows = await selectItems(filtered())
    .select((eb) => eb.exists(returnedBefore(eb)).as('returnedBefore'))
    .orderBy('deliverables.submittedAt', direction)
    .orderBy('reports.id', direction)
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const units = await all()
    .select(['orgs.id as orgId', 'orgs.name as orgName', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['orgs.id', 'orgs.name'])
    .execute();
  // In Chinese order (the databases' collations differ).
  units.sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN'));
  const tasks = await all()
    .select([
      'deliverables.taskNo as taskNo',
      (eb) => eb.fn.min('tasks.text').as('text'),
      (eb) => eb.fn.countAll<number>().as('count'),
    ])
    .groupBy('deliverables.taskNo')
    .orderBy('deliverables.taskNo')
    .execute();
  return {
    items: rows.map((r) => {
      const handedIn = submittedDay(r.submittedAt);
      return {
        ...item(r),
        late: signalByThresholds({ ...r, status: 'submitted', periodStart: r.dueDate }, th) === 'red',
        waitingDays: handedIn ? waitingDays(handedIn, today, calendar) : 0,
        returnedBefore: Boolean(r.returnedBefore),
      };
    }),
    queued: await count(all()),
    queuedLate: await count(all().where((eb) => eb.and(reviewConditions(eb, lateOnly, th, calendar)))),
    total: await count(filtered()),
    limit: query.limit,
    offset: query.offset,
    today,
    units: units.map((u) => ({ ...u, count: Number(u.count) })),
    tasks: tasks.map((t) => ({ taskNo: t.taskNo, text: String(t.text ?? ''), count: Number(t.count) })),
  };
}

const lateOnly: ReviewQuery = { overdue: true, sort: 'oldest', limit: 1, offset: 0 };

/** The reports of the leader's unit waiting for the leader (none while leader approval is off). */
export async function leaderQueue(store: Store, orgId: string | null): Promise<QueueItem[]> {
  if (!orgId || !(await getReportSettings(store)).leaderApproval) return [];
  const rows = await selectItems(
    joined(store)
      .where('reports.status', 'in', ['submitted'] satisfies ReportStatus[])
      .where('reports.orgId', '=', orgId),
    // The leader's queue goes by the report's own hand-in: the deliverable is handed in only after approval.
    'reports',
  )
    .orderBy('reports.submittedAt')
    .orderBy('reports.id')
    .execute();
  return rows.map((r) => ({
    ...item(r),
    late: r.submittedAt !== null && shanghaiDay(new Date(r.submittedAt)) > r.dueDate,
  }));
}

function joined(store: Store) {
  return store.db
    .selectFrom('reports')
    .innerJoin('deliverables', 'deliverables.id', 'reports.deliverableId')
    .innerJoin('orgs', 'orgs.id', 'reports.orgId')
    .innerJoin('tasks', 'tasks.id', 'deliverables.taskId');
}

/** The columns of a queue item; the hand-in time is the deliverable's unless `reports` is asked for. */
function selectItems(q: ReturnType<typeof joined>, handIn: 'deliverables' | 'reports' = 'deliverables') {
  return q.select((eb) => [
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
    eb.ref(`${handIn}.submittedAt`).as('submittedAt'),
    eb
      .selectFrom('evidence')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('evidence.reportId', '=', 'reports.id')
      .as('evidenceCount'),
  ]);
}

type Row = Omit<QueueItem, 'late' | 'evidenceCount'> & { evidenceCount: number | string | null };

function item(r: Row): Omit<QueueItem, 'late'> {
  return {
    reportId: r.reportId,
    reportStatus: r.reportStatus,
    rowVersion: r.rowVersion,
    deliverableId: r.deliverableId,
    deliverableTitle: r.deliverableTitle,
    period: r.period,
    dueDate: r.dueDate,
    orgId: r.orgId,
    orgName: r.orgName,
    taskId: r.taskId,
    taskNo: r.taskNo,
    taskLabel: r.taskLabel,
    submittedAt: r.submittedAt,
    evidenceCount: Number(r.evidenceCount ?? 0),
  };
}
