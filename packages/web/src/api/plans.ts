/** 任务清单 API: importing a notice, the plans, a plan with every extracted value, corrections, publishing. */
import { api } from './client.ts';

export type Span = { start: number; end: number };
export type Severity = 'error' | 'warning' | 'info';
export type Confidence = 'high' | 'low';
export type UnitRole = 'lead' | 'co' | 'each';
export type Resolution = 'named' | 'group' | 'vague' | 'unresolved';
export type Comparator = '>=' | '<=' | '=' | '>' | '<';
export type PlanStatus = 'draft' | 'published' | 'superseded';

export type Diagnostic = {
  severity: Severity;
  code: string;
  message: string;
  line: number;
  column: number;
  span?: Span;
  task?: number;
};

export type MonthDay = { month: number; day: number; endOfMonth?: boolean };

export type Obligation = {
  kind: 'annual' | 'semiannual' | 'quarterly' | 'monthly' | 'once' | 'relative' | 'window' | 'frequency';
  raw: string;
  span: Span;
  confidence: Confidence;
  month?: number;
  day?: number;
  endOfMonth?: boolean;
  approx?: 'early' | 'mid' | 'late';
  dates?: MonthDay[];
  date?: string;
  yearInferred?: boolean;
  amount?: number;
  unit?: 'day' | 'workday' | 'month';
  trigger?: string;
  direction?: 'after' | 'before';
  fromDay?: number;
  toDay?: number;
  count?: number;
  per?: 'year' | 'halfyear' | 'quarter' | 'month' | 'week' | 'term';
  atLeast?: boolean;
  activity?: string;
};

export type Indicator = {
  raw: string;
  span: Span;
  comparator: Comparator;
  value: number;
  unit: string | null;
  year: number | null;
  subject: string;
  approx?: boolean;
  per?: string;
  confidence: Confidence;
};

export type UnitRef = {
  raw: string;
  role: UnitRole;
  orgs: string[];
  orgIds: string[];
  resolution: Resolution;
  qualifiers: string[];
  span: Span;
  inherited: boolean;
  confidence: Confidence;
};

export type Subsection = { no: string; index: number; title: string; span: Span };
export type Section = { no: string; index: number; title: string; span: Span; subsections: Subsection[] };

export type Task = {
  no: number;
  label: string;
  text: string;
  span: Span;
  line: number;
  section: string | null;
  subsection: string | null;
  sectionNo: string | null;
  subsectionNo: string | null;
  units: UnitRef[];
  leaders: string[];
  obligations: Obligation[];
  indicators: Indicator[];
  notes: string[];
  incomplete: boolean;
};

export type NoticeHead = {
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  issuedAt: string | null;
  addressees: string[];
  implements: string | null;
  listTitle: string | null;
};

export type StoredPlan = {
  notice: NoticeHead;
  layout: 'table' | 'labels' | 'inline' | 'mixed';
  sections: Section[];
  tasks: Task[];
  diagnostics: Diagnostic[];
  unresolved: string[];
  source: string;
  corrections?: { task: number; op: string; at: string; by: string }[];
};

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

export type PlanDetail = PlanSummary & {
  plan: StoredPlan;
  changes: PlanChanges | null;
  blockers: PublishBlocker[];
};

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

/** An obligation or indicator as the server accepts it back (no span when none is known). */
export type PlanEdit =
  | { task: number; op: 'set-units'; units: { orgId: string; role: UnitRole }[] }
  | { task: number; op: 'set-obligations'; obligations: Obligation[] }
  | { task: number; op: 'set-indicators'; indicators: Indicator[] }
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

export function importNoticeFile(file: File, year: number | null): Promise<ImportResult> {
  const form = new FormData();
  if (year !== null) form.append('year', String(year));
  form.append('file', file, file.name);
  return api.post<ImportResult>('/api/notices', form);
}

export function importNoticeText(text: string, year: number | null): Promise<ImportResult> {
  return api.post<ImportResult>('/api/notices', year === null ? { text } : { text, year });
}

export async function listPlans(): Promise<PlanListItem[]> {
  return (await api.get<{ plans: PlanListItem[] }>('/api/plans')).plans;
}

export function getPlan(id: string): Promise<PlanDetail> {
  return api.get<PlanDetail>(`/api/plans/${encodeURIComponent(id)}`);
}

export function correctPlan(id: string, rowVersion: number, edits: PlanEdit[]): Promise<PlanDetail> {
  return api.patch<PlanDetail>(`/api/plans/${encodeURIComponent(id)}`, { rowVersion, edits });
}

export function publishPlan(id: string, rowVersion: number): Promise<PublishResult> {
  return api.post<PublishResult>(`/api/plans/${encodeURIComponent(id)}/publish`, { rowVersion });
}

export async function listOrgs(): Promise<Org[]> {
  return (await api.get<{ orgs: Org[] }>('/api/orgs')).orgs;
}
