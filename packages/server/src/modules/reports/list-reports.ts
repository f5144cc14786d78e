/** GET /api/deliverables/{id}/reports: the reports of a deliverable, newest first, with evidence. */
import type { SessionUser } from '../../auth/sessions.ts';
import type { Store } from '../../db/store.ts';
import { deliverableFor } from '../deliverables/access.ts';
import { evidenceByReport, presentReport, type ReportView } from './present.ts';
import { canSeeReport } from './report-access.ts';

export async function listReports(
  store: Store,
  user: SessionUser,
  deliverableId: string,
): Promise<ReportView[]> {
  await deliverableFor(store, user, deliverableId);
  const rows = (
    await store.db
      .selectFrom('reports')
      .selectAll()
      .where('deliverableId', '=', deliverableId)
      .orderBy('createdAt', 'desc')
      .orderBy('id')
      .execute()
  ).filter((r) => canSeeReport(user, r));
  const evidence = await evidenceByReport(
    store,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentReport(r, evidence.get(r.id) ?? []));
}
