/** The shapes the API returns, as the web app uses them. */

export type Role = 'coordinator' | 'leader' | 'reporter' | 'viewer';

export type Permissions = {
  importNotices: boolean;
  publishPlans: boolean;
  reviewReports: boolean;
  decideExtensions: boolean;
  manageUsers: boolean;
  manageOrgs: boolean;
  manageSettings: boolean;
  submitReports: boolean;
  approveReports: boolean;
  requestExtensions: boolean;
  viewAllUnits: boolean;
  viewAudit: boolean;
};

export type Me = {
  user: {
    id: string;
    username: string;
    displayName: string;
    role: Role;
    orgId: string | null;
    /** Set: the user must change the password before anything else (by an administrator / expired). */
    mustChangePassword: 'initial' | 'expired' | null;
  };
  org: { id: string; name: string; kind: string } | null;
  permissions: Permissions;
};

export type Signal = 'blue' | 'green' | 'yellow' | 'red' | 'grey';

export type DeliverableRow = {
  id: string;
  planId: string;
  taskId: string;
  taskNo: number;
  taskExcerpt: string;
  orgId: string;
  orgName: string;
  role: string;
  period: string;
  title: string;
  dueDate: string;
  originalDueDate: string;
  extended: boolean;
  status: string;
  /** 'leader': the unit's report waits for the leader's 审批 (the deliverable itself is still 草稿). */
  waitingFor?: 'leader' | null;
  signal: Signal;
  submittedAt: string | null;
  acceptedAt: string | null;
  leadDeliverableId: string | null;
  rowVersion: number;
};

export type Page<T> = { total: number; limit: number; offset: number; items: T[] };

export type Notification = {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
};
