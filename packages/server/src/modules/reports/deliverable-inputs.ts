/**
 * GET /api/deliverables/{id}/inputs: for a lead unit's deliverable, each co-unit's deliverable that
 * feeds it, with its status and latest handed-in report (read-only), so the lead can consolidate.
 */
import type { SessionUser } from '../../auth/sessions.ts';
import type { Store } from '../../db/store.ts';
import { deliverableFor } from '../deliverables/access.ts';
import { evidenceByReport, presentReport, type ReportView } from './present.ts';
import { canSeeReport } from './report-access.ts';

export type CoInput = {
  deliverableId: string;
  orgId: string;
  orgName: string;
  role: string;
  title: string;
  dueDate: string;
  status: string;
  submittedAt: string | null;
  latestReport: ReportView | null;
};

export async function deliverableInputs(store: Store, user: SessionUser, id: string): Promise<CoInput[]> {
  await deliverableFor(store, user, id);
  const cos = await store.db
    .selectFrom('deliverables')
    .innerJoin('orgs', 'orgs.id', 'deliverables.orgId')
    .select([
      'deliverables.id as deliverableId',
      'deliverables.orgId as orgId',
      'orgs.name as orgName',
      'deliverables.role as role',
      'deliverables.title as title',
      'deliverables.dueDate as dueDate',
      'deliverables.status as status',
      'deliverables.submittedAt as submittedAt',
    ])
    .where('deliverables.leadDeliverableId', '=', id)
    .orderBy('orgs.name')
    .execute();
  if (cos.length === 0) return [];
  const reports = (
    await store.db
      .selectFrom('reports')
      .selectAll()
      .where(
        'deliverableId',
        'in',
        cos.map((c) => c.deliverableId),
      )
      .orderBy('createdAt', 'desc')
      .orderBy('id')
      .execute()
  ).filter((r) => canSeeReport(user, r));
  const latest = new Map<string, (typeof reports)[number]>();
  for (const r of reports) if (!latest.has(r.deliverableId)) latest.set(r.deliverableId, r);
  const evidence = await evidenceByReport(
    store,
    [...latest.values()].map((r) => r.id),
  );
  return cos.map((c) => {
    const r = latest.get(c.deliverableId);
    return { ...c, latestReport: r ? presentReport(r, evidence.get(r.id) ?? []) : null };
  });
}
