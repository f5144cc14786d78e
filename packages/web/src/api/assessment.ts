/** 考核: a plan year's scores and ranking, one unit's breakdown, and the coordinator's 加减分 entries. */
import { api } from './client.ts';

export type ItemPoints = { itemId: string; label: string; points: number; max: number; note: string | null };

export type AssessedRow = {
  orgId: string;
  name: string;
  total: number;
  rank: number;
  grade: string;
  tiedWith: string[];
  groupSize: number;
  items: ItemPoints[];
};

export type YearState = {
  status: 'open' | 'appeals' | 'frozen';
  label: string;
  appealFrom: string | null;
  appealUntil: string | null;
  frozenAt: string | null;
  resultSha256: string | null;
  rowVersion: number;
};

export type Assessment = {
  state: YearState;
  /** After the freeze: units whose total the records would now give differently. */
  changedSince: { orgId: string; name: string; frozen: number; live: number }[];
  planId: string;
  year: number;
  asOf: string;
  tieRule: string;
  rubric: {
    grades: { name: string; minScore: number; maxShare?: number }[];
    items: { id: string; label: string }[];
  };
  groups: { id: string; name: string; units: AssessedRow[] }[];
  unranked: Omit<AssessedRow, 'rank' | 'grade' | 'tiedWith' | 'groupSize'>[];
};

export type ScoreLine = {
  ref: { kind: 'deliverable' | 'report' | 'escalation' | 'indicator' | 'adjustment'; id: string };
  points: number;
  note: string;
  deliverableId?: string;
};

export type Breakdown = {
  asOf: string;
  unit: { orgId: string; name: string; total: number; items: (ItemPoints & { lines: ScoreLine[] })[] };
  rank: number | null;
  grade: string | null;
  groupName: string | null;
};

export type Adjustment = {
  id: string;
  orgId: string;
  orgName: string;
  points: number;
  reason: string;
  basis: string;
  createdAt: string;
  withdrawnAt: string | null;
  withdrawReason: string | null;
};

const base = (planId: string, year: number) => `/api/plans/${encodeURIComponent(planId)}/assessment/${year}`;

export const getAssessment = (planId: string, year: number) => api.get<Assessment>(base(planId, year));

export const getBreakdown = (planId: string, year: number, orgId: string) =>
  api.get<Breakdown>(`${base(planId, year)}/units/${encodeURIComponent(orgId)}`);

export const listAdjustments = async (planId: string, year: number) =>
  (await api.get<{ items: Adjustment[] }>(`${base(planId, year)}/adjustments`)).items;

export const addAdjustment = (
  planId: string,
  year: number,
  body: { orgId: string; points: number; reason: string; basis: string },
) => api.post<Adjustment>(`${base(planId, year)}/adjustments`, body);

export const withdrawAdjustment = (id: string, reason: string) =>
  api.post<Adjustment>(`/api/assessment-adjustments/${encodeURIComponent(id)}/withdraw`, { reason });

export type Appeal = {
  id: string;
  orgId: string;
  orgName: string;
  itemId: string;
  reason: string;
  filedAt: string;
  status: 'pending' | 'accepted' | 'rejected';
  decisionNote: string | null;
  decidedAt: string | null;
};

export const APPEAL_STATUS_WORDS: Record<Appeal['status'], string> = {
  pending: '待处理',
  accepted: '已采纳',
  rejected: '未采纳',
};

export const openAppealWindow = (
  planId: string,
  year: number,
  body: { from: string; until: string; rowVersion: number },
) => api.post<YearState>(`${base(planId, year)}/appeal-window`, body);

export const freezeAssessment = (planId: string, year: number, rowVersion: number) =>
  api.post<YearState>(`${base(planId, year)}/freeze`, { rowVersion });

export const listAppeals = async (planId: string, year: number) =>
  (await api.get<{ items: Appeal[] }>(`${base(planId, year)}/appeals`)).items;

export const fileAppeal = (planId: string, year: number, body: { itemId: string; reason: string }) =>
  api.post<Appeal>(`${base(planId, year)}/appeals`, body);

export const decideAppeal = (id: string, body: { accept: boolean; note: string; points?: number }) =>
  api.post<Appeal>(`/api/assessment-appeals/${encodeURIComponent(id)}/decide`, body);
