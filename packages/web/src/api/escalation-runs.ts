/** Escalation passes: a dry run (预演), a real pass, the recorded passes and the revert (撤回) of one. */
import { api, qs } from './client.ts';
import type { EscalationLevel, EscalationView } from './dashboard.ts';

export type EscalationCounts = Record<EscalationLevel, number>;

/** Who took something back (a record withdrawn, a pass reverted), when and why. */
export type TakenBack = { at: string; by: { id: string; name: string }; reason: string };

/** A record as the list returns it, with its pass and, once withdrawn, who withdrew it. */
export type EscalationRecord = EscalationView & { runId: string | null; withdrawn: TakenBack | null };

export type PreviewItem = {
  org: { id: string; name: string };
  deliverable: { id: string; title: string; dueDate: string };
  levels: EscalationLevel[];
  recipients: number;
};

export type EscalationPreview = {
  asOf: string;
  dryRun: true;
  /** The latest day a real pass may take now (tomorrow in Beijing). */
  lastRunDay: string;
  created: EscalationCounts;
  notified: number;
  items: PreviewItem[];
  truncated: boolean;
};

export type EscalationPass = {
  asOf: string;
  dryRun: false;
  runId: string | null;
  created: EscalationCounts;
  notified: number;
};

export type EscalationRunView = {
  id: string;
  asOf: string;
  runBy: { id: string; name: string } | null;
  startedAt: string;
  created: EscalationCounts;
  withdrawn: number;
  notified: number;
  reverted: TakenBack | null;
};

export function previewEscalations(asOf: string | undefined) {
  return api.post<EscalationPreview>('/api/escalations/run', { asOf, dryRun: true });
}

export function runEscalationsAsOf(asOf: string | undefined) {
  return api.post<EscalationPass>('/api/escalations/run', { asOf });
}

export function getEscalationRuns(page: { limit: number; offset: number }) {
  return api.get<{ items: EscalationRunView[]; total: number }>(`/api/escalations/runs${qs(page)}`);
}

export function revertEscalationRun(id: string, reason: string) {
  return api.post<EscalationRunView>(`/api/escalations/runs/${encodeURIComponent(id)}/revert`, { reason });
}

export function totalOf(c: EscalationCounts): number {
  return Object.values(c).reduce((n, v) => n + v, 0);
}
