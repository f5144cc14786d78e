/**
 * The database, as Kysely sees it (camelCase here, snake_case in SQL through CamelCasePlugin).
 * Portable types only, the same on SQLite and PostgreSQL: ids are text (UUIDs), timestamps are
 * ISO-8601 UTC text, plain dates are YYYY-MM-DD text, JSON is text, booleans are integers 0/1.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';

export type Role = 'coordinator' | 'leader' | 'reporter' | 'viewer';
export type PlanStatus = 'draft' | 'published' | 'superseded';
export type DeliverableStatus =
  | 'pending'
  | 'draft'
  | 'submitted'
  | 'approved'
  | 'accepted'
  | 'returned'
  | 'closed';
export type ReportStatus = 'draft' | 'submitted' | 'approved' | 'accepted' | 'returned';
/** Who sent a report back: a leader of the unit (before it went out) or the coordinator (on review). */
export type ReturnedByRole = 'leader' | 'coordinator';
export type ExtensionStatus = 'pending' | 'approved' | 'refused';
export type EscalationLevel = 'reminder' | 'urge' | 'supervise-orange' | 'supervise-red';

export type OrgTable = {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  /** JSON array of strings. */
  aliases: string;
  /** JSON array of strings. */
  tags: string;
  code: string | null;
  note: string;
  /** Secret of the unit's iCalendar feed URL. */
  icalToken: string;
  createdAt: string;
  updatedAt: string;
  rowVersion: number;
};

export type UserTable = {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  orgId: string | null;
  email: string | null;
  failedLogins: number;
  lockedUntil: string | null;
  active: number;
  createdAt: string;
  updatedAt: string;
  rowVersion: number;
  /** When the password was last set; the expiry setting counts from here. */
  passwordChangedAt: string | null;
  /** Set: the user must change the password before anything else (see PasswordChange). */
  mustChangePassword: PasswordChange | null;
};

/** Why a password must be changed: set by an administrator or generated ('initial'), or too old. */
export type PasswordChange = 'initial' | 'expired';

export type SessionTable = {
  /** SHA-256 of the session token; the token itself lives only in the cookie. */
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  /** The client address and User-Agent the session was made from (null before migration 0004). */
  address: string | null;
  userAgent: string | null;
};

export type NoticeTable = {
  id: string;
  /** SHA-256 of the parsed text: re-importing the same notice is idempotent. */
  sourceSha256: string;
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  issuedAt: string | null;
  fileName: string | null;
  format: string;
  sourceText: string;
  createdAt: string;
  createdBy: string | null;
};

export type PlanTable = {
  id: string;
  noticeId: string;
  /** 1, 2, … per notice lineage (same docNumber/title). */
  version: number;
  status: PlanStatus;
  /** The parsed plan with the coordinator's corrections (core Plan, JSON). */
  planJson: string;
  /** What changed from the previous version (JSON), null for the first. */
  changesJson: string | null;
  previousPlanId: string | null;
  /** First year of supervision. */
  year: number;
  createdAt: string;
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  rowVersion: number;
};

export type TaskTable = {
  id: string;
  planId: string;
  no: number;
  label: string;
  text: string;
  section: string | null;
  subsection: string | null;
  sectionNo: string | null;
  subsectionNo: string | null;
  obligationsJson: string;
  indicatorsJson: string;
  closedAt: string | null;
};

export type AssignmentTable = {
  id: string;
  planId: string;
  taskId: string;
  orgId: string;
  role: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
};

export type DeliverableTable = {
  id: string;
  planId: string;
  taskId: string;
  taskNo: number;
  orgId: string;
  role: string;
  /** Stable key within a plan: task:org:period. */
  key: string;
  period: string;
  periodStart: string;
  dueDate: string;
  originalDueDate: string;
  title: string;
  source: string;
  leadDeliverableId: string | null;
  status: DeliverableStatus;
  submittedAt: string | null;
  acceptedAt: string | null;
  calendarMissing: number;
  createdAt: string;
  updatedAt: string;
  rowVersion: number;
};

export type ReportTable = {
  id: string;
  deliverableId: string;
  orgId: string;
  authorId: string;
  status: ReportStatus;
  narrative: string;
  completion: string;
  /** JSON array of {indicator, value, note}. */
  figuresJson: string;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
  /** Who last sent the report back, when, and at which step: the unit's leader or the coordinator. */
  returnedBy: string | null;
  returnedAt: string | null;
  returnedByRole: ReturnedByRole | null;
  createdAt: string;
  updatedAt: string;
  rowVersion: number;
};

export type EvidenceTable = {
  id: string;
  reportId: string;
  sha256: string;
  size: number;
  contentType: string;
  fileName: string;
  createdAt: string;
  createdBy: string;
};

export type ExtensionTable = {
  id: string;
  deliverableId: string;
  orgId: string;
  requestedBy: string;
  requestedDueDate: string;
  reason: string;
  status: ExtensionStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
};

export type EscalationTable = {
  id: string;
  deliverableId: string;
  orgId: string;
  level: EscalationLevel;
  dueFrom: string;
  replyDue: string | null;
  reply: string | null;
  repliedAt: string | null;
  repliedBy: string | null;
  createdAt: string;
  /** The pass that issued the record (null for records issued before passes were recorded). */
  runId: string | null;
  /** Withdrawn (已撤回) with its pass: when, by whom, why. A withdrawn record is kept, not in force. */
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawReason: string | null;
};

/** One escalation pass that issued records: as of which day, by whom (null: the schedule). */
export type EscalationRunTable = {
  id: string;
  asOf: string;
  runBy: string | null;
  runByName: string;
  startedAt: string;
  /** Notifications sent by the pass. */
  notified: number;
  revertedAt: string | null;
  revertedBy: string | null;
  revertReason: string | null;
};

export type AssessmentRubricTable = {
  id: string;
  planId: string;
  year: number;
  rubricJson: string;
  updatedAt: string;
  updatedBy: string | null;
  rowVersion: number;
};

export type AssessmentAdjustmentTable = {
  id: string;
  planId: string;
  year: number;
  orgId: string;
  /** Points × 100: +300 is three points of bonus, -50 half a point off. */
  pointsCenti: number;
  reason: string;
  /** What the entry rests on: the document, the 通报, the judgment (文号 or a short description). */
  basis: string;
  createdAt: string;
  createdBy: string | null;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawReason: string | null;
};

export type AssessmentStatus = 'open' | 'appeals' | 'frozen';

export type AssessmentYearTable = {
  id: string;
  planId: string;
  year: number;
  status: AssessmentStatus;
  appealFrom: string | null;
  appealUntil: string | null;
  openedAt: string | null;
  openedBy: string | null;
  frozenAt: string | null;
  frozenBy: string | null;
  /** The frozen result as shown (JSON), and its SHA-256 (hex), also in the freeze's audit record. */
  resultJson: string | null;
  resultSha256: string | null;
  rowVersion: number;
};

export type AppealStatus = 'pending' | 'accepted' | 'rejected';

export type AssessmentAppealTable = {
  id: string;
  planId: string;
  year: number;
  orgId: string;
  /** The rubric item appealed against. */
  itemId: string;
  reason: string;
  filedAt: string;
  filedBy: string | null;
  status: AppealStatus;
  decisionNote: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  /** The correction an accepted appeal made, as a 加减分 entry. */
  adjustmentId: string | null;
};

export type NotificationTable = {
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
};

export type OutboxTable = {
  id: string;
  channel: 'email' | 'webhook';
  recipient: string;
  subject: string;
  body: string;
  /** Unique: a message is queued once, whichever process queues it. */
  dedupeKey: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

export type SettingTable = {
  key: string;
  valueJson: string;
  updatedAt: string;
  updatedBy: string | null;
};

export type AuditTable = {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  orgId: string | null;
  action: string;
  entity: string;
  entityId: string;
  beforeJson: string | null;
  afterJson: string | null;
  prevHash: string;
  hash: string;
};

export type JobLockTable = {
  name: string;
  holder: string;
  until: string;
};

/** Failed logins of a client address (`addr:…`) or of a name without an active account (`name:…`). */
export type LoginThrottleTable = {
  key: string;
  failures: number;
  windowStart: string;
  lockedUntil: string | null;
};

export type Database = {
  orgs: OrgTable;
  users: UserTable;
  sessions: SessionTable;
  notices: NoticeTable;
  plans: PlanTable;
  tasks: TaskTable;
  assignments: AssignmentTable;
  deliverables: DeliverableTable;
  reports: ReportTable;
  evidence: EvidenceTable;
  extensions: ExtensionTable;
  escalations: EscalationTable;
  escalationRuns: EscalationRunTable;
  assessmentRubrics: AssessmentRubricTable;
  assessmentAdjustments: AssessmentAdjustmentTable;
  assessmentYears: AssessmentYearTable;
  assessmentAppeals: AssessmentAppealTable;
  notifications: NotificationTable;
  outbox: OutboxTable;
  settings: SettingTable;
  auditLog: AuditTable;
  jobLocks: JobLockTable;
  loginThrottle: LoginThrottleTable;
};

export type Org = Selectable<OrgTable>;
export type User = Selectable<UserTable>;
export type Plan = Selectable<PlanTable>;
export type Deliverable = Selectable<DeliverableTable>;
export type Report = Selectable<ReportTable>;
export type NewAudit = Insertable<AuditTable>;
export type DeliverableUpdate = Updateable<DeliverableTable>;
