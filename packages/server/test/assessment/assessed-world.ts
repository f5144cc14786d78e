/** The reports world of three units as an assessment sees it: its plan, and the audit fields written. */
import type { TestApp } from '../helpers/harness.ts';
import { type World, world } from '../reports/world.ts';

export async function assessedWorld(t: TestApp): Promise<{ w: World; planId: string; gongan: string }> {
  const w = await world(t);
  const row = await t.store.db
    .selectFrom('deliverables')
    .select('planId')
    .where('id', '=', w.leadId)
    .executeTakeFirstOrThrow();
  return { w, planId: row.planId, gongan: await t.orgId('市公安局') };
}

/** Every field name the assessment's audit records hold (before and after). */
export async function assessmentAuditFields(t: TestApp): Promise<string[]> {
  const rows = await t.store.db
    .selectFrom('auditLog')
    .select(['beforeJson', 'afterJson'])
    .where('action', 'like', 'assessment.%')
    .execute();
  return [
    ...new Set(
      rows.flatMap((r) => [r.beforeJson, r.afterJson].flatMap((j) => (j ? Object.keys(JSON.parse(j)) : []))),
    ),
  ];
}
