/** The shapes of the dashboard, review queue and escalation APIs, and the calls the pages make. */

import type { Comparator } from '@luoshi/core';
import { api, qs } from './client.ts';
import type { Escalation, EscalationLevel, Evidence, Figure, TaskIndicator } from './deliverables.ts';
import type { Signal } from './types.ts';

/** Severity order of the lights, worst first (core `SIGNALS`: red > yellow > green > grey > blue). */
export const SIGNAL_ORDER: readonly Signal[] = ['red', 'yellow', 'green', 'grey', 'blue'];

/** The colours the charts paint each light with (antd's palette, as the tags use). */
export const SIGNAL_HEX: Record<Signal, string> = {
  blue: '#1677ff',
  green: '#52c41a',
  yellow: '#faad14',
  red: '#f5222d',
  grey: '#bfbfbf',
};

export type Standing = {
  counts: Record<Signal, number>;
  worst: Signal;
  total: number;
  /** Share (0..1) of deliverables with a known outcome that were handed in on time; null while none. */
  onTimeRate: number | null;
  overdue: number;
};

export type UnitRow = Standing & { orgId: string; orgName: string; kind: string };

export type SectionRow = Standing & { planId: string; sectionNo: string | null; section: string | null };

export type TaskRow = Standing & {
  taskId: string;
  planId: string;
  no: number;
  label: string;
  sectionNo: string | null;
  section: string | null;
  subsectionNo: string | null;
  subsection: string | null;
};

export type { Comparator, EscalationLevel, Evidence, Figure, TaskIndicator };

export const ESCALATION_LEVELS: readonly EscalationLevel[] = [
  'reminder',
  'urge',
  'supervise-orange',
  'supervise-red',
];

export const ESCALATION_LABELS: Record<EscalationLevel, string> = {
  reminder: '提醒',
  urge: '催办',
  'supervise-orange': '督办单·橙',
  'supervise-red': '督办单·红',
};

/** antd Tag colours of the ladder: blue → gold → orange → red. */
export const ESCALATION_COLORS: Record<EscalationLevel, string> = {
  reminder: 'blue',
  urge: 'gold',
  'supervise-orange': 'orange',
  'supervise-red': 'red',
};

export type OverdueItem = {
  deliverableId: string;
  title: string;
  period: string;
  orgId: string;
  orgName: string;
  taskId: string;
  taskNo: number;
  dueDate: string;
  effectiveDueDate: string;
  workingDaysOverdue: number;
  escalation: EscalationLevel | null;
};

export type IndicatorAttainment = {
  taskId: string;
  taskNo: number;
  index: number;
  raw: string;
  subject: string;
  comparator: Comparator;
  target: number;
  unit: string | null;
  year: number | null;
  latest: { value: number; orgId: string; reportId: string; acceptedAt: string | null } | null;
  met: boolean | null;
  units: { reported: number; met: number };
};

export const COMPARATOR_LABELS: Record<string, string> = {
  '>=': '≥',
  '<=': '≤',
  '>': '>',
  '<': '<',
  '=': '=',
};

export type TrendMonth = { month: string; due: number; submittedOnTime: number; accepted: number };

export type Dashboard = {
  year: number;
  planId: string | null;
  orgId: string | null;
  today: string;
  dueSoonWorkdays: number;
  totals: Standing;
  units: UnitRow[];
  sections: SectionRow[];
  tasks: TaskRow[];
  overdue: { total: number; items: OverdueItem[] };
  indicators: IndicatorAttainment[];
  trend: TrendMonth[];
};

export type UnitStanding = Dashboard & {
  unit: { id: string; name: string; kind: string };
  rank: { position: number; of: number } | null;
};

export type PlanSummary = {
  id: string;
  status: string;
  year: number;
  version: number;
  notice: { title: string; docNumber: string | null };
};

export type DashboardFilter = { year?: number; planId?: string };

export function getDashboard(f: DashboardFilter): Promise<Dashboard> {
  return api.get<Dashboard>(`/api/dashboard${qs({ year: f.year, planId: f.planId, overdueLimit: 500 })}`);
}

export function getUnitStanding(orgId: string, f: DashboardFilter): Promise<UnitStanding> {
  return api.get<UnitStanding>(
    `/api/dashboard/units/${encodeURIComponent(orgId)}${qs({ year: f.year, planId: f.planId, overdueLimit: 500 })}`,
  );
}

export async function getPublishedPlans(): Promise<PlanSummary[]> {
  const { plans } = await api.get<{ plans: PlanSummary[] }>('/api/plans');
  return plans.filter((p) => p.status === 'published');
}

/** One cell of the 亮灯 matrix: a unit's deliverables of one task. */
export type MatrixCell = { orgId: string; taskId: string; worst: Signal; counts: Record<Signal, number> };

/**
 * The unit × task cells of a year, from the dashboard API (one grouped query on the server). A unit's
 * own users get their unit only; `orgId` narrows a coordinator's view to one unit.
 */
export async function getMatrixCells(
  year: number,
  opts: { planId?: string; orgId?: string },
): Promise<MatrixCell[]> {
  const { cells } = await api.get<{ cells: MatrixCell[] }>(
    `/api/dashboard${qs({ year, planId: opts.planId, overdueLimit: 1 })}`,
  );
  return opts.orgId ? cells.filter((c) => c.orgId === opts.orgId) : cells;
}

// ── Review ──────────────────────────────────────────────────────────────────────────────────────

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

export type ReportView = {
  id: string;
  deliverableId: string;
  orgId: string;
  authorId: string;
  status: string;
  narrative: string;
  completion: string;
  figures: Figure[];
  evidence: Evidence[];
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
  createdAt: string;
  updatedAt: string;
  rowVersion: number;
};

export type ReportDetail = {
  report: ReportView;
  deliverable: {
    id: string;
    title: string;
    taskNo: number;
    orgId: string;
    orgName: string;
    dueDate: string;
    status: string;
    rowVersion: number;
  };
  indicators: TaskIndicator[];
};

export const COMPLETION_LABELS: Record<string, string> = {
  'not-started': '未开始',
  'in-progress': '推进中',
  done: '已完成',
};

/** A report in the coordinator's queue: how long it has waited and whether it was returned before. */
export type ReviewItem = QueueItem & { waitingDays: number; returnedBefore: boolean };

export type ReviewSort = 'oldest' | 'newest';

/** The review queue's filters (GET /api/review-queue), as the page keeps them in its URL. */
export type ReviewFilter = {
  orgId?: string;
  taskNo?: number;
  overdue?: boolean;
  returned?: boolean;
  waitingDays?: number;
  q?: string;
  sort: ReviewSort;
  limit: number;
  offset: number;
};

export type ReviewQueuePage = {
  items: ReviewItem[];
  /** All reports waiting for review, and how many of them were handed in late. */
  queued: number;
  queuedLate: number;
  /** Reports matching the filters. */
  total: number;
  today: string;
  units: { orgId: string; orgName: string; count: number }[];
  tasks: { taskNo: number; text: string; count: number }[];
};

export function getReviewQueue(f: ReviewFilter): Promise<ReviewQueuePage> {
  return api.get<ReviewQueuePage>(
    `/api/review-queue${qs({
      orgId: f.orgId,
      taskNo: f.taskNo,
      overdue: f.overdue,
      returned: f.returned,
      waitingDays: f.waitingDays,
      q: f.q,
      sort: f.sort === 'oldest' ? undefined : f.sort,
      limit: f.limit,
      offset: f.offset,
    })}`,
  );
}

export function getReport(id: string): Promise<ReportDetail> {
  return api.get<ReportDetail>(`/api/reports/${encodeURIComponent(id)}`);
}

export function acceptReport(id: string, rowVersion: number, comment?: string) {
  return api.post<{ report: ReportView }>(`/api/reports/${encodeURIComponent(id)}/accept`, {
    rowVersion,
    ...(comment?.trim() ? { comment: comment.trim() } : {}),
  });
}

export function returnReport(id: string, rowVersion: number, reason: string) {
  return api.post<{ report: ReportView }>(`/api/reports/${encodeURIComponent(id)}/return`, {
    rowVersion,
    reason,
  });
}

// ── Escalations ─────────────────────────────────────────────────────────────────────────────────

/** An escalation record as the ladder lists it, with its deliverable and task. */
export type EscalationView = Escalation & {
  deliverable: { id: string; title: string; period: string; dueDate: string; status: string };
  task: { id: string; no: number; label: string; text: string };
};

export type EscalationFilter = {
  orgId?: string;
  level?: EscalationLevel;
  open?: boolean;
  limit: number;
  offset: number;
};

export function getEscalations(f: EscalationFilter) {
  return api.get<{ items: EscalationView[]; total: number }>(
    `/api/escalations${qs({ orgId: f.orgId, level: f.level, open: f.open, limit: f.limit, offset: f.offset })}`,
  );
}

export type EscalationRun = { asOf: string; created: Record<EscalationLevel, number>; notified: number };

export function runEscalations() {
  return api.post<EscalationRun>('/api/escalations/run', {});
}

export function replyToEscalation(id: string, reply: string) {
  return api.post<EscalationView>(`/api/escalations/${encodeURIComponent(id)}/reply`, { reply });
}

export type OrgSummary = { id: string; name: string; kind: string };

export async function getOrgs(): Promise<OrgSummary[]> {
  return (await api.get<{ orgs: OrgSummary[] }>('/api/orgs')).orgs;
}

// ── Formatting ──────────────────────────────────────────────────────────────────────────────────

export function percent(rate: number | null | undefined, digits = 1): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`;
}
