/**
 * Deliverables, reports, evidence, extensions, escalations, assignments and the unit calendar:
 * the shapes the server returns for them, and the calls the deliverable pages make.
 */
import { REPORT_STATUS_LABELS as CORE_REPORT_STATUS_LABELS } from '@luoshi/core/vocabulary';
import { ApiError, api, qs, REQUEST_HEADERS } from './client.ts';
import type { DeliverableRow, Page, Signal } from './types.ts';

export type Completion = 'not-started' | 'in-progress' | 'done';

export const COMPLETION_LABELS: Record<Completion, string> = {
  'not-started': '未开始',
  'in-progress': '推进中',
  done: '已完成',
};

/** A report's status alone; where it stands (whom it waits for) is core's reportStateLabel. */
export const REPORT_STATUS_LABELS: Readonly<Record<string, string>> = CORE_REPORT_STATUS_LABELS;

/** The unit's leader (before the report went out) or the coordinator (on review). */
export type ReturnedByRole = 'leader' | 'coordinator';

export const RETURNED_BY_LABELS: Record<ReturnedByRole, string> = {
  leader: '领导退回',
  coordinator: '依法治市办退回',
};

export const EXTENSION_STATUS_LABELS: Record<string, string> = {
  pending: '待审批',
  approved: '已同意',
  refused: '未同意',
};

export type Figure = { indicator: string; value: number; unit?: string; note?: string };

export type TaskIndicator = {
  subject: string;
  comparator: string;
  value: number;
  unit: string | null;
  year: number | null;
  raw: string;
  approx?: boolean;
  per?: string;
};

export type Evidence = {
  id: string;
  reportId: string;
  fileName: string;
  size: number;
  contentType: string;
  sha256: string;
  createdAt: string;
  createdBy: string;
  url: string;
};

export type Report = {
  id: string;
  deliverableId: string;
  orgId: string;
  authorId: string;
  status: string;
  narrative: string;
  completion: Completion;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
  /** Who last sent the report back, when, and at which step. */
  returnedBy: string | null;
  returnedAt: string | null;
  returnedByRole: ReturnedByRole | null;
  createdAt: string;
  updatedAt: string;
  rowVersion: number;
  figures: Figure[];
  evidence: Evidence[];
};

type Linked = {
  id: string;
  orgId: string;
  orgName: string;
  role: string;
  status: string;
  dueDate: string;
  title: string;
};

export type ExtensionSummary = {
  id: string;
  requestedDueDate: string;
  reason: string;
  status: string;
  requestedBy: string;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
};

export type DeliverableDetail = {
  id: string;
  planId: string;
  taskId: string;
  taskNo: number;
  orgId: string;
  role: string;
  period: string;
  periodStart: string;
  dueDate: string;
  originalDueDate: string;
  title: string;
  leadDeliverableId: string | null;
  status: string;
  submittedAt: string | null;
  acceptedAt: string | null;
  calendarMissing: boolean;
  rowVersion: number;
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
    indicators: TaskIndicator[];
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
    returnedByRole: ReturnedByRole | null;
    createdAt: string;
    updatedAt: string;
    evidence: number;
  }[];
  extensions: ExtensionSummary[];
};

export type CoInput = {
  deliverableId: string;
  orgId: string;
  orgName: string;
  role: string;
  title: string;
  dueDate: string;
  status: string;
  submittedAt: string | null;
  latestReport: Report | null;
};

export type EscalationLevel = 'reminder' | 'urge' | 'supervise-orange' | 'supervise-red';

export type Escalation = {
  id: string;
  level: EscalationLevel;
  label: string;
  dueFrom: string;
  replyDue: string | null;
  reply: string | null;
  repliedAt: string | null;
  repliedBy: { id: string; name: string } | null;
  replyOverdue: boolean;
  createdAt: string;
  org: { id: string; name: string };
};

export type Ladder = {
  deliverable: { id: string; title: string; dueDate: string; status: string; orgId: string };
  running: boolean;
  steps: {
    level: EscalationLevel;
    label: string;
    dueFrom: string;
    replyDue: string | null;
    escalation: Escalation | null;
  }[];
};

export type ExtensionRow = ExtensionSummary & {
  deliverableId: string;
  orgId: string;
  decidedBy: string | null;
  orgName: string;
  deliverableTitle: string;
  taskNo: number;
  dueDate: string;
  originalDueDate: string;
};

export type Assignment = {
  id: string;
  planId: string;
  taskId: string;
  taskNo: number;
  taskLabel: string;
  taskExcerpt: string;
  section: string | null;
  subsection: string | null;
  orgId: string;
  orgName: string;
  role: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** The unit has started on the task (its deliverable is past 待报送): received without 签收. */
  actedOn: boolean;
};

export type CalendarLink = { orgId: string; orgName: string; url: string; webcalUrl: string };

export type OrgOption = { id: string; name: string; kind: string; parentId: string | null };

export type DeliverableFilters = {
  orgId?: string;
  taskNo?: number;
  status?: string;
  signal?: Signal;
  dueFrom?: string;
  dueTo?: string;
  planId?: string;
  limit?: number;
  offset?: number;
};

/** A page of deliverables, with the server's today (Beijing) that their lights were worked out for. */
export type DeliverableList = Page<DeliverableRow> & { today: string };

/** What a report form sends: the narrative, the completion and the indicator figures. */
export type ReportInput = { narrative: string; completion: Completion; figures: Figure[] };

const enc = encodeURIComponent;

export const deliverablesApi = {
  list: (f: DeliverableFilters) => api.get<DeliverableList>(`/api/deliverables${qs(f)}`),
  get: (id: string) => api.get<DeliverableDetail>(`/api/deliverables/${enc(id)}`),
  reports: (id: string) => api.get<{ reports: Report[] }>(`/api/deliverables/${enc(id)}/reports`),
  inputs: (id: string) => api.get<{ inputs: CoInput[] }>(`/api/deliverables/${enc(id)}/inputs`),
  ladder: (id: string) => api.get<Ladder>(`/api/deliverables/${enc(id)}/escalations`),
  reportSettings: () => api.get<{ leaderApproval: boolean }>('/api/settings/reports'),
  createReport: (id: string, input: ReportInput & { submit: boolean }) =>
    api.post<{ report: Report }>(`/api/deliverables/${enc(id)}/reports`, input),
  updateReport: (id: string, rowVersion: number, input: ReportInput) =>
    api.patch<{ report: Report }>(`/api/reports/${enc(id)}`, { rowVersion, ...input }),
  submitReport: (id: string, rowVersion: number) =>
    api.post<{ report: Report }>(`/api/reports/${enc(id)}/submit`, { rowVersion }),
  approveReport: (id: string, rowVersion: number) =>
    api.post<{ report: Report }>(`/api/reports/${enc(id)}/approve`, { rowVersion }),
  /** A leader of the unit sends a submitted report back to the unit's reporters (领导退回). */
  sendBackReport: (id: string, rowVersion: number, reason: string) =>
    api.post<{ report: Report }>(`/api/reports/${enc(id)}/send-back`, { rowVersion, reason }),
  removeEvidence: (reportId: string, evidenceId: string) =>
    api.del<{ ok: true }>(`/api/reports/${enc(reportId)}/evidence/${enc(evidenceId)}`),
  requestExtension: (id: string, body: { requestedDueDate: string; reason: string }) =>
    api.post<{ extension: ExtensionSummary }>(`/api/deliverables/${enc(id)}/extensions`, body),
  extensions: (status?: string) =>
    api.get<{ extensions: ExtensionRow[] }>(`/api/extensions${qs({ status })}`),
  approveExtension: (id: string, note?: string) =>
    api.post(`/api/extensions/${enc(id)}/approve`, note ? { note } : {}),
  refuseExtension: (id: string, note: string) => api.post(`/api/extensions/${enc(id)}/refuse`, { note }),
  replyEscalation: (id: string, reply: string) => api.post(`/api/escalations/${enc(id)}/reply`, { reply }),
  assignments: (acknowledged?: boolean) =>
    api.get<Page<Assignment>>(`/api/assignments${qs({ acknowledged, limit: 500 })}`),
  acknowledge: (id: string) => api.post(`/api/assignments/${enc(id)}/acknowledge`),
  calendarLink: (orgId: string) => api.get<CalendarLink>(`/api/orgs/${enc(orgId)}/calendar-link`),
  orgs: () => api.get<{ orgs: OrgOption[] }>('/api/orgs'),
};

/**
 * Upload evidence files to a report with XMLHttpRequest, so the upload's progress can be shown
 * (fetch cannot report it). Server errors come back as ApiError, like every other call.
 */
export function uploadEvidence(
  reportId: string,
  files: readonly File[],
  onProgress: (percent: number) => void,
): Promise<{ evidence: Evidence[] }> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    for (const f of files) body.append('evidence', f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/reports/${enc(reportId)}/evidence`);
    for (const [name, value] of Object.entries(REQUEST_HEADERS)) xhr.setRequestHeader(name, value);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', '无法连接服务器，请检查网络后重试'));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(data as { evidence: Evidence[] });
        return;
      }
      const e = (data as { error?: { code: string; message: string; field?: string } } | null)?.error;
      reject(
        new ApiError(
          xhr.status,
          e?.code ?? 'internal',
          xhr.status === 413 ? '文件太大，超过了上传限制' : (e?.message ?? `上传失败（${xhr.status}）`),
          e?.field,
        ),
      );
    };
    xhr.send(body);
  });
}

const COMPARATORS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' };

/** A task indicator's target as people read it: ≥ 90%, ≤ 15工作日, 约 2名 (2025年). */
export function targetText(i: TaskIndicator): string {
  const cmp = i.approx ? '约' : (COMPARATORS[i.comparator] ?? i.comparator);
  const unit = i.unit ?? '';
  const year = i.year ? `（${i.year}年）` : '';
  const per = i.per ? `${i.per} ` : '';
  return `${per}${cmp} ${i.value}${unit}${year}`;
}

/** The message without the "field: " prefix the server puts before validation messages. */
export function fieldMessage(e: ApiError): string {
  if (e.field && e.message.startsWith(`${e.field}: `)) return e.message.slice(e.field.length + 2);
  return e.message;
}

/** File sizes as people read them. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
