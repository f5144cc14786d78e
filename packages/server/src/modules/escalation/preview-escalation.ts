/**
 * A dry run (预演) of the escalation pass: the same steps a real pass as of the day would issue
 * (escalation-scan.ts), listed per unit and deliverable with the number of notifications they would
 * send, and nothing written.
 */
import { ESCALATION_LEVELS, type EscalationLevel } from '@luoshi/core';
import type { Store } from '../../db/store.ts';
import { dueSteps, escalationRules } from './escalation-scan.ts';
import { type EscalationCounts, noCounts } from './run-escalation.ts';

/** The list stops here; the counts cover everything. */
export const PREVIEW_ITEMS = 1_000;

export type PreviewItem = {
  org: { id: string; name: string };
  deliverable: { id: string; title: string; dueDate: string };
  /** The levels the pass would issue, in ladder order. */
  levels: EscalationLevel[];
  /** Users of the unit who would get the message. */
  recipients: number;
};

export type EscalationPreview = {
  asOf: string;
  dryRun: true;
  created: EscalationCounts;
  notified: number;
  items: PreviewItem[];
  /** The list holds only the first PREVIEW_ITEMS deliverables. */
  truncated: boolean;
};

export async function previewEscalation(store: Store, asOf: string): Promise<EscalationPreview> {
  const rules = await escalationRules(store);
  const created = noCounts();
  const items: PreviewItem[] = [];
  const recipientsOf = new Map<string, number>();
  let notified = 0;
  let truncated = false;
  for await (const todo of dueSteps(store, rules, asOf)) {
    await countRecipients(
      store,
      todo.map((t) => t.d.orgId).filter((id) => !recipientsOf.has(id)),
      recipientsOf,
    );
    for (const { d, steps } of todo) {
      for (const s of steps) created[s.level]++;
      const recipients = recipientsOf.get(d.orgId) ?? 0;
      notified += recipients;
      if (items.length >= PREVIEW_ITEMS) {
        truncated = true;
        continue;
      }
      items.push({
        org: { id: d.orgId, name: d.orgName },
        deliverable: { id: d.id, title: d.title, dueDate: d.dueDate },
        levels: ESCALATION_LEVELS.filter((l) => steps.some((s) => s.level === l)),
        recipients,
      });
    }
  }
  return { asOf, dryRun: true, created, notified, items, truncated };
}

/** Active users per unit: who a pass's message to the unit reaches (notify.ts). */
async function countRecipients(store: Store, orgIds: string[], into: Map<string, number>): Promise<void> {
  const ids = [...new Set(orgIds)];
  if (ids.length === 0) return;
  const rows = await store.db
    .selectFrom('users')
    .select((eb) => ['orgId', eb.fn.countAll<number>().as('n')])
    .where('active', '=', 1)
    .where('orgId', 'in', ids)
    .groupBy('orgId')
    .execute();
  for (const id of ids) into.set(id, 0);
  for (const r of rows) if (r.orgId) into.set(r.orgId, Number(r.n));
}
