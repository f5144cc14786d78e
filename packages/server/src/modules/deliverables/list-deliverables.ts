/**
 * 报送事项列表: filtered by unit, task, status, light, due range and plan; paginated with the total.
 * A unit sees its own deliverables and the co-units' inputs to its lead deliverables (`visibleTo`).
 * The light is filtered in SQL (see signal-filter.ts), so totals and pages agree, and shown per row
 * by core `signalOf`.
 */
import { defaultCalendar, type Signal } from '@luoshi/core';
import type { SessionUser } from '../../auth/sessions.ts';
import { shanghaiDay } from '../../clock.ts';
import type { DeliverableStatus } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { AppError } from '../../errors.ts';
import { excerpt } from '../plans/stored-plan.ts';
import { getReportSettings } from '../reports/report-settings.ts';
import { getSettings } from '../settings/get-settings.ts';
import { visibleTo } from './access.ts';
import { rowSignal, signalCondition, signalThresholds } from './signal-filter.ts';

export type DeliverableQuery = {
  orgId?: string;
  taskNo?: number;
  status?: DeliverableStatus;
  signal?: Signal;
  dueFrom?: string;
  dueTo?: string;
  planId?: string;
  limit: number;
  offset: number;
};

export type DeliverableListItem = {
  id: string;
  planId: string;
  taskId: string;
  taskNo: number;
  taskExcerpt: string;
  orgId: string;
  orgName: string;
  role: string;
  period: string;
  periodStart: string;
  title: string;
  /** The due date in force (an approved extension moves it). */
  dueDate: string;
  originalDueDate: string;
  extended: boolean;
  status: DeliverableStatus;
  signal: Signal;
  submittedAt: string | null;
  acceptedAt: string | null;
  leadDeliverableId: string | null;
  calendarMissing: boolean;
  rowVersion: number;
};

export type DeliverableList = {
  total: number;
  limit: number;
  offset: number;
  today: string;
  items: DeliverableListItem[];
};

export async function listDeliverables(
  store: Store,
  user: SessionUser,
  query: DeliverableQuery,
  now: Date,
): Promise<DeliverableList> {
  if (query.dueFrom && query.dueTo && query.dueFrom > query.dueTo)
    throw new AppError('validation', '截止日期范围的开始不能晚于结束', 'dueFrom');
  const today = shanghaiDay(now);
  const settings = await getSettings(store);
  const calendar = defaultCalendar();
  // Lateness of a hand-in needs the deadlines of due dates on rest days (see signal-filter.ts).
  const dueDates =
    query.signal === 'red' || query.signal === 'green'
      ? (await store.db.selectFrom('deliverables').select('dueDate').distinct().execute()).map(
          (d) => d.dueDate,
        )
      : [];
  const th = signalThresholds(today, settings, calendar, dueDates);

  const filtered = () => {
    let q = visibleTo(store.db.selectFrom('deliverables'), user);
    if (query.orgId) q = q.where('deliverables.orgId', '=', query.orgId);
    if (query.taskNo !== undefined) q = q.where('deliverables.taskNo', '=', query.taskNo);
    if (query.status) q = q.where('deliverables.status', '=', query.status);
    if (query.planId) q = q.where('deliverables.planId', '=', query.planId);
    if (query.dueFrom) q = q.where('deliverables.dueDate', '>=', query.dueFrom);
    if (query.dueTo) q = q.where('deliverables.dueDate', '<=', query.dueTo);
    const signal = query.signal;
    if (signal) q = q.where((eb) => signalCondition(eb, signal, th));
    return q;
  };

  const count = await filtered()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await filtered()
    .innerJoin('tasks', 'tasks.id', 'deliverables.taskId')
    .innerJoin('orgs', 'orgs.id', 'deliverables.orgId')
    .selectAll('deliverables')
    .select(['tasks.text as taskText', 'orgs.name as orgName'])
    .orderBy('deliverables.dueDate')
    .orderBy('deliverables.taskNo')
    .orderBy('deliverables.orgId')
    .orderBy('deliverables.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();

  const waiting = await waitingForLeader(
    store,
    rows.map((r) => r.id),
  );
  return {
    total: Number(count.n),
    limit: query.limit,
    offset: query.offset,
    today,
    items: rows.map((d) => ({
      id: d.id,
      planId: d.planId,
      taskId: d.taskId,
      taskNo: d.taskNo,
      taskExcerpt: excerpt(d.taskText),
      orgId: d.orgId,
      orgName: d.orgName,
      role: d.role,
      period: d.period,
      periodStart: d.periodStart,
      title: d.title,
      dueDate: d.dueDate,
      originalDueDate: d.originalDueDate,
      extended: d.dueDate !== d.originalDueDate,
      status: d.status,
      /** 'leader': the unit's report is 提交 and waits for the leader's 审批 (the deliverable is still 草稿). */
      waitingFor: waiting.has(d.id) ? ('leader' as const) : null,
      signal: rowSignal(d, today, settings, calendar),
      submittedAt: d.submittedAt,
      acceptedAt: d.acceptedAt,
      leadDeliverableId: d.leadDeliverableId,
      calendarMissing: d.calendarMissing === 1,
      rowVersion: d.rowVersion,
    })),
  };
}

/** Deliverables whose report waits for the unit leader: leader approval on and a report 提交. */
async function waitingForLeader(store: Store, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0 || !(await getReportSettings(store)).leaderApproval) return new Set();
  const rows = await store.db
    .selectFrom('reports')
    .select('deliverableId')
    .where('deliverableId', 'in', ids)
    .where('status', '=', 'submitted')
    .execute();
  return new Set(rows.map((r) => r.deliverableId));
}
