/**
 * The administration API (org directory, users, settings, audit trail) and the inbox, with the
 * shapes the server returns and the Chinese words the pages show for them.
 */
// The kinds' words alone (the package's index would bring the reference notice into the bundle).
import type { OrgKind } from '@luoshi/core';
import { ORG_KIND_LABELS } from '@luoshi/core/org-kinds';
import { AWAITING_LABELS } from '@luoshi/core/vocabulary';
import type { SessionRow } from './account.ts';
import { type ApiError, api, qs } from './client.ts';
import type { Notification, Role } from './types.ts';

// ── Org directory ────────────────────────────────────────────────────────────

export type { OrgKind };

export type Org = {
  id: string;
  name: string;
  kind: OrgKind | string;
  parentId: string | null;
  aliases: string[];
  tags: string[];
  code: string | null;
  note: string;
  rowVersion: number;
};

/** What the org form sends: every field but the version (and the id, set once when adding). */
export type OrgFields = {
  name: string;
  kind: string;
  parentId: string | null;
  aliases: string[];
  tags: string[];
  code: string | null;
  note: string;
};

export { ORG_KIND_LABELS };

export function orgKindLabel(kind: string): string {
  return (ORG_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

export const ORG_TAG_LABELS: Record<string, string> = { 'law-enforcement': '行政执法' };

export function orgTagLabel(tag: string): string {
  return ORG_TAG_LABELS[tag] ?? tag;
}

/** The columns of the directory file, in the documented order. */
export const ORG_COLUMNS = ['id', 'name', 'kind', 'parent', 'aliases', 'tags', 'code', 'note'] as const;

export type OrgImportResult = { added: number; updated: number; unchanged: number };

function csvCell(value: string): string {
  const needs = /[",\r\n]/.test(value) || value !== value.trim();
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows as CSV text with CRLF line ends (what Excel writes). */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}

/** The directory as the import reads it: id,name,kind,parent,aliases,tags,code,note, lists joined with `|`. */
export function orgsToCsv(orgs: readonly Org[]): string {
  return toCsv([
    ORG_COLUMNS,
    ...orgs.map((o) => [
      o.id,
      o.name,
      o.kind,
      o.parentId ?? '',
      o.aliases.join('|'),
      o.tags.join('|'),
      o.code ?? '',
      o.note,
    ]),
  ]);
}

/** `csv:12:kind` → {line: 12, column: 'kind'}. */
export function csvErrorPlace(field: string | undefined): { line: number; column: string } | null {
  const m = /^csv:(\d+):(.*)$/.exec(field ?? '');
  return m ? { line: Number(m[1]), column: m[2] ?? '' } : null;
}

export const listOrgs = () => api.get<{ orgs: Org[] }>('/api/orgs').then((r) => r.orgs);
export const importOrgs = (csv: string) => api.post<OrgImportResult>('/api/orgs/import', { csv });
export const createOrg = (body: OrgFields & { id?: string }) => api.post<Org>('/api/orgs', body);
export const updateOrg = (id: string, body: Partial<OrgFields> & { rowVersion: number }) =>
  api.patch<Org>(`/api/orgs/${encodeURIComponent(id)}`, body);

// ── Users ────────────────────────────────────────────────────────────────────

export type UserRow = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string | null;
  email: string | null;
  active: number;
  lockedUntil: string | null;
  createdAt: string;
  rowVersion: number;
  passwordChangedAt: string | null;
  mustChangePassword: 'initial' | 'expired' | null;
};

export type UserPatch = {
  rowVersion: number;
  displayName?: string;
  role?: Role;
  orgId?: string | null;
  email?: string | null;
  active?: boolean;
};

export type NewUser = {
  username: string;
  password: string;
  role: Role;
  orgId?: string | null;
  displayName?: string;
  email?: string | null;
};

export const listUsers = () => api.get<{ users: UserRow[] }>('/api/users').then((r) => r.users);
export const createUser = (u: NewUser) => api.post<{ id: string }>('/api/users', u);
export const updateUser = (id: string, body: UserPatch) =>
  api.patch<UserRow>(`/api/users/${encodeURIComponent(id)}`, body);
export const unlockUser = (id: string) =>
  api.post<{ unlocked: boolean }>(`/api/users/${encodeURIComponent(id)}/unlock`);
export const resetUserPassword = (id: string, password: string) =>
  api.post<{ sessionsEnded: number }>(`/api/users/${encodeURIComponent(id)}/password`, { password });
export const endUserSessions = (id: string) =>
  api.del<{ sessionsEnded: number }>(`/api/users/${encodeURIComponent(id)}/sessions`);
export const listAllSessions = () =>
  api.get<{ sessions: SessionRow[] }>('/api/sessions').then((r) => r.sessions);
export const endAnySession = (id: string) =>
  api.del<{ sessionsEnded: number }>(`/api/sessions/${encodeURIComponent(id)}`);

export type SecuritySettings = { passwordMaxAgeDays: number };
export const getSecuritySettings = () => api.get<SecuritySettings>('/api/settings/security');
export const putSecuritySettings = (body: SecuritySettings) =>
  api.put<SecuritySettings>('/api/settings/security', body);

// ── Settings ─────────────────────────────────────────────────────────────────

export type Cadence = 'monthly' | 'quarterly' | 'semiannual' | 'annual';

export const CADENCE_LABELS: Record<Cadence, string> = {
  monthly: '每月',
  quarterly: '每季度',
  semiannual: '每半年',
  annual: '每年',
};

export type NumericSetting =
  | 'cadenceDueOffsetWorkdays'
  | 'coInputLeadWorkdays'
  | 'dueSoonWorkdays'
  | 'remindWorkdaysBefore'
  | 'superviseOrangeAfterWorkdays'
  | 'superviseRedAfterWorkdays'
  | 'replyWorkdays';

export type SupervisionSettings = { defaultCadence: Cadence } & Record<NumericSetting, number>;

export type SettingsView = {
  settings: SupervisionSettings;
  rowVersion: number;
  updatedAt: string | null;
  updatedBy: { id: string; username: string; displayName: string } | null;
  defaults: SupervisionSettings;
  ranges: Record<NumericSetting, { label: string; min: number; max: number }>;
  cadences: Cadence[];
};

export type ReportSettings = { leaderApproval: boolean };

export const getSettings = () => api.get<SettingsView>('/api/settings');
export const putSettings = (body: SupervisionSettings & { rowVersion: number }) =>
  api.put<SettingsView>('/api/settings', body);
export type CalendarYear = {
  year: number;
  /** Monday–Friday days the State Council notice declares rest days. */
  weekdaysOff: number;
  /** Weekend days it declares working days (调休上班). */
  makeupWorkdays: number;
  workingDays: number;
};

export type CalendarInfo = {
  years: CalendarYear[];
  today: string;
  upcoming: { year: number; hasData: boolean }[];
};

export const getCalendarInfo = () => api.get<CalendarInfo>('/api/settings/calendar');
export const getReportSettings = () => api.get<ReportSettings>('/api/settings/reports');
export const putReportSettings = (body: ReportSettings) =>
  api.put<ReportSettings>('/api/settings/reports', body);

// ── Audit ────────────────────────────────────────────────────────────────────

export type AuditEntry = {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  orgId: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  hash: string;
};

export type AuditPage = { entries: AuditEntry[]; nextBefore: number | null };

/** The anchors of the chain head kept outside the database (server: audit/anchors.ts). */
export type AnchorCheck = {
  checked: number;
  latest: { seq: number; at: string } | null;
  failed: number;
  problem: { seq: number; at: string; reason: string } | null;
  notes: string[];
};

export type AuditCheck = {
  ok: boolean;
  count: number;
  problem: { seq: number; reason: string } | null;
  anchors?: AnchorCheck;
};

export type AuditQuery = {
  entity?: string;
  entityId?: string;
  actorId?: string;
  before?: number;
  limit?: number;
};

export const listAudit = (q: AuditQuery) => api.get<AuditPage>(`/api/audit${qs(q)}`);
export const verifyAudit = () => api.get<AuditCheck>('/api/audit/verify');

// ── Inbox ────────────────────────────────────────────────────────────────────

export type Inbox = { items: Notification[]; unread: number; unreadByKind: Record<string, number> };

export const listNotifications = (unread: boolean, limit = 200) =>
  api.get<Inbox>(`/api/notifications${qs({ unread: unread ? 'true' : undefined, limit })}`);
export const markRead = (id: string) =>
  api.post<{ id: string; readAt: string }>(`/api/notifications/${encodeURIComponent(id)}/read`);
export const markAllRead = () => api.post<{ count: number }>('/api/notifications/read-all');

/** Tell the shell's bell to count again (it listens for this event, when it does). */
export function announceInboxChange(): void {
  window.dispatchEvent(new Event('luoshi:inbox-changed'));
}

export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  assigned: '交办',
  reminder: '提醒',
  urge: '催办',
  'supervise-orange': '督办（橙）',
  'supervise-red': '督办（红）',
  'report.submitted': '报告已报送',
  'report.awaiting-approval': AWAITING_LABELS.leader,
  'report.accepted': '报告通过',
  'report.returned': '报告退回',
  'extension.requested': '延期申请',
  'extension.approved': '延期批准',
  'extension.refused': '延期未批准',
  'escalation-reply': '督办回复',
  'escalation-withdrawn': '督办撤回',
  'assessment.appeals': '考核公示',
  'assessment.appeal': '考核申诉',
  'assessment.appeal-decided': '申诉结果',
};

export const NOTIFICATION_KIND_COLORS: Record<string, string> = {
  reminder: 'blue',
  urge: 'orange',
  'supervise-orange': 'orange',
  'supervise-red': 'red',
  'report.returned': 'gold',
  'report.accepted': 'green',
  'extension.refused': 'gold',
  'extension.approved': 'green',
};

/** A link the server wrote (relative, or absolute with its public address) as a path inside the app. */
export function appPath(link: string): string {
  try {
    const u = new URL(link, window.location.origin);
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return link;
  }
}

// ── Errors ───────────────────────────────────────────────────────────────────

/** The server's message without a leading `field: ` (the form already says which field). */
export function fieldMessage(e: ApiError): string {
  if (e.field && e.message.startsWith(`${e.field}: `)) return e.message.slice(e.field.length + 2);
  return e.message;
}
