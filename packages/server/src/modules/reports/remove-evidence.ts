/**
 * DELETE /api/reports/{id}/evidence/{evidenceId}: remove a file from a draft or a
 * returned report (the unit replaces what the reviewer found wrong before handing it in again). The blob stays in the
 * store (content-addressed, possibly shared); the audit record keeps what was removed.
 */
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { Store } from '../../db/store.ts';
import { inTransaction } from '../../db/store.ts';
import { invalidState, notFound } from '../../errors.ts';
import { lockReport } from './deliverable-state.ts';
import { reportIs, reportToWrite } from './report-access.ts';

export async function removeEvidence(
  store: Store,
  user: SessionUser,
  reportId: string,
  evidenceId: string,
  now: Date,
): Promise<void> {
  await reportToWrite(store, user, reportId);
  await inTransaction(store, async (tx) => {
    const report = await lockReport(tx, reportId);
    const row = await tx.db
      .selectFrom('evidence')
      .selectAll()
      .where('id', '=', evidenceId)
      .where('reportId', '=', reportId)
      .executeTakeFirst();
    if (!row) throw notFound('该佐证材料');
    if (report.status !== 'draft' && report.status !== 'returned')
      throw invalidState(`${reportIs(report.status)}，只能从草稿或被退回的报告中删除佐证材料`);
    await tx.db.deleteFrom('evidence').where('id', '=', evidenceId).execute();
    await appendAudit(
      tx,
      actorOf(user),
      {
        action: 'evidence.remove',
        entity: 'evidence',
        entityId: evidenceId,
        orgId: report.orgId,
        before: row,
      },
      now,
    );
  });
}
