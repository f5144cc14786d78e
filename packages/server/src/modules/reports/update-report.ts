/** PATCH /api/reports/{id}: edit a draft or a returned report (optimistic version check). */
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { Store } from '../../db/store.ts';
import { inTransaction } from '../../db/store.ts';
import { invalidState } from '../../errors.ts';
import { expectVersion, lockReport } from './deliverable-state.ts';
import { type ReportView, reportView } from './present.ts';
import { reportIs, reportToWrite } from './report-access.ts';
import type { ReportPatch } from './schemas.ts';

export async function updateReport(
  store: Store,
  user: SessionUser,
  id: string,
  input: ReportPatch,
  now: Date,
): Promise<ReportView> {
  await reportToWrite(store, user, id);
  await inTransaction(store, async (tx) => {
    const report = await lockReport(tx, id);
    expectVersion(report, input.rowVersion);
    if (report.status !== 'draft' && report.status !== 'returned')
      throw invalidState(`${reportIs(report.status)}，不能再修改`);
    const before: Record<string, unknown> = { rowVersion: report.rowVersion };
    const after: Record<string, unknown> = { rowVersion: report.rowVersion + 1 };
    const set: { narrative?: string; completion?: string; figuresJson?: string } = {};
    if (input.narrative !== undefined) {
      set.narrative = input.narrative;
      before.narrative = report.narrative;
      after.narrative = input.narrative;
    }
    if (input.completion !== undefined) {
      set.completion = input.completion;
      before.completion = report.completion;
      after.completion = input.completion;
    }
    if (input.figures !== undefined) {
      set.figuresJson = JSON.stringify(input.figures);
      before.figures = JSON.parse(report.figuresJson);
      after.figures = input.figures;
    }
    await tx.db
      .updateTable('reports')
      .set({ ...set, updatedAt: now.toISOString(), rowVersion: report.rowVersion + 1 })
      .where('id', '=', id)
      .execute();
    await appendAudit(
      tx,
      actorOf(user),
      { action: 'report.update', entity: 'report', entityId: id, orgId: report.orgId, before, after },
      now,
    );
  });
  return reportView(store, id);
}
