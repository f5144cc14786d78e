/** 任务清单 API: importing a notice, the plans, a plan with every extracted value, corrections, publishing. */
import type { Indicator, Obligation, Plan, Span, UnitRole } from '@luoshi/core';
import { api } from './client.ts';

// The plan's shapes are core's: the server stores and sends the parser's Plan as is.
export type {
  Comparator,
  Confidence,
  Diagnostic,
  Indicator,
  MonthDay,
  NoticeHead,
  Obligation,
  ObligationKind,
  Period,
  Resolution,
  Section,
  Severity,
  Span,
  Subsection,
  Task,
  TimeUnit,
  UnitRef,
  UnitRole,
} from '@luoshi/core';

export type PlanStatus = 'draft' | 'published' | 'superseded';

/** The plan as the server keeps it: core's Plan with a record of each correction. */
export type StoredPlan = Plan & { corrections?: { task: number; op: string; at: string; by: string }[] };

export type PlanCounts = {
  tasks: number;
  sections: number;
  units: number;
  obligations: number;
  indicators: number;
  diagnostics: number;
  blockedTasks: number;
};

export type PlanSummary = {
  id: string;
  noticeId: string;
  version: number;
  status: PlanStatus;
  year: number;
  rowVersion: number;
  previousPlanId: string | null;
  createdAt: string;
  publishedAt: string | null;
  notice: {
    title: string | null;
    docNumber: string | null;
    issuer: string | null;
    issuedAt: string | null;
    fileName: string | null;
    format: string;
  };
  counts: PlanCounts;
  changesSummary: string | null;
};

export type PlanListItem = PlanSummary & { deliverables: number };

export type ListChange = { before: string[]; after: string[] };

export type TaskChange = {
  no: number;
  changed: ('text' | 'units' | 'obligations' | 'indicators' | 'section')[];
  text?: { before: string; after: string };
  units?: ListChange;
  obligations?: ListChange;
  indicators?: ListChange;
  section?: { before: string | null; after: string | null };
};

export type PlanChanges = {
  added: { no: number; text: string }[];
  removed: { no: number; text: string }[];
  changed: TaskChange[];
  head: { field: string; before: string | null; after: string | null }[];
  summary: string;
};

export type PublishBlocker = { task: number; problems: string[] };

/** Which tasks a plan's page holds: from `offset`, at most `limit`; `blocked` only those to fix before publishing. */
export type PlanPage = { offset: number; limit: number; total: number; blocked: boolean };

export type PlanPageQuery = { offset: number; blocked: boolean };

/** A plan as the server sends it: a page of tasks, and the stretch of the notice's text they point into. */
type PlanDetailPage = PlanSummary & {
  plan: Omit<StoredPlan, 'source'>;
  sourceWindow: { start: number; text: string };
  page: PlanPage;
  changes: PlanChanges | null;
  blockers: PublishBlocker[];
};

/** A page of a plan: `plan.tasks` are the page's; `plan.source` holds the text they point into. */
export type PlanDetail = Omit<PlanDetailPage, 'plan' | 'sourceWindow'> & { plan: StoredPlan };

/**
 * Spans count in the notice's whole text, of which the server sends only the stretch the page
 * needs: the characters before it are blanks here, and no task of the page points at them.
 */
function withSource({ sourceWindow, plan, ...rest }: PlanDetailPage): PlanDetail {
  return { ...rest, plan: { ...plan, source: ' '.repeat(sourceWindow.start) + sourceWindow.text } };
}

function pageParams(query: PlanPageQuery | undefined): string {
  if (!query) return '';
  return `?offset=${query.offset}${query.blocked ? '&blocked=true' : ''}`;
}

export type ImportResult = {
  noticeId: string;
  planId: string;
  version: number;
  created: boolean;
  changes: PlanChanges | null;
  plan: PlanSummary;
};

export type PublishResult = {
  planId: string;
  version: number;
  status: 'published';
  year: number;
  rowVersion: number;
  tasks: number;
  assignments: number;
  deliverables: number;
  carried: number;
  removed: number;
  supersededPlanId: string | null;
  warnings: { task: number; message: string }[];
  calendarMissingYears: number[];
};

export type Org = {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  aliases: string[];
  tags: string[];
};

/** An obligation or indicator as the server accepts it back: without a span, the server puts the task's. */
export type ObligationInput = Omit<Obligation, 'span'> & { span?: Span };
export type IndicatorInput = Omit<Indicator, 'span'> & { span?: Span };

export type PlanEdit =
  | { task: number; op: 'set-units'; units: { orgId: string; role: UnitRole }[] }
  | { task: number; op: 'set-obligations'; obligations: ObligationInput[] }
  | { task: number; op: 'set-indicators'; indicators: IndicatorInput[] }
  | { task: number; op: 'set-text'; text: string };

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: '草稿',
  published: '已发布',
  superseded: '已替代',
};

export const PLAN_STATUS_COLORS: Record<PlanStatus, string> = {
  draft: 'gold',
  published: 'green',
  superseded: 'default',
};

/** What a no-task-list error carries: the text the server read, as the parser saw it. */
export type NoTaskListDetails = {
  /** The beginning of the text (lines end \n), numbered from 1 as in the whole. */
  text: string;
  lineCount: number;
  shownLines: number;
  truncated: boolean;
  format: string;
  listStartLine: number | null;
};

export function isNoTaskListDetails(d: unknown): d is NoTaskListDetails {
  if (typeof d !== 'object' || d === null) return false;
  const x = d as Record<string, unknown>;
  return typeof x.text === 'string' && typeof x.lineCount === 'number';
}

/** `listStartLine`: the line of the text read where the list begins, as a person marked it. */
export function importNoticeFile(
  file: File,
  year: number | null,
  listStartLine?: number,
): Promise<ImportResult> {
  const form = new FormData();
  if (year !== null) form.append('year', String(year));
  if (listStartLine !== undefined) form.append('listStartLine', String(listStartLine));
  form.append('file', file, file.name);
  return api.post<ImportResult>('/api/notices', form);
}

export function importNoticeText(
  text: string,
  year: number | null,
  listStartLine?: number,
): Promise<ImportResult> {
  return api.post<ImportResult>('/api/notices', {
    text,
    ...(year === null ? {} : { year }),
    ...(listStartLine === undefined ? {} : { listStartLine }),
  });
}

export async function listPlans(): Promise<PlanListItem[]> {
  return (await api.get<{ plans: PlanListItem[] }>('/api/plans')).plans;
}

export async function getPlan(id: string, query?: PlanPageQuery): Promise<PlanDetail> {
  return withSource(
    await api.get<PlanDetailPage>(`/api/plans/${encodeURIComponent(id)}${pageParams(query)}`),
  );
}

/** Corrections; the answer is the corrected plan's page `query`. */
export async function correctPlan(
  id: string,
  rowVersion: number,
  edits: PlanEdit[],
  query?: PlanPageQuery,
): Promise<PlanDetail> {
  return withSource(
    await api.patch<PlanDetailPage>(`/api/plans/${encodeURIComponent(id)}${pageParams(query)}`, {
      rowVersion,
      edits,
    }),
  );
}

export function publishPlan(id: string, rowVersion: number): Promise<PublishResult> {
  return api.post<PublishResult>(`/api/plans/${encodeURIComponent(id)}/publish`, { rowVersion });
}

export async function listOrgs(): Promise<Org[]> {
  return (await api.get<{ orgs: Org[] }>('/api/orgs')).orgs;
}
