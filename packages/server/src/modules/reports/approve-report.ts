/**
 * POST /api/reports/{id}/approve: with leader approval on, a leader of the unit signs off a
 * submitted report: report 'approved', deliverable 'approved' and handed in to the coordinator
 * (submittedAt = now, the time it reached the coordinator).
 */
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/store.ts';
import { forbidden, invalidState } from '../../errors.ts';
import { expectVersion, lockDeliverable, lockReport } from './deliverable-state.ts';
import { type ReportView, reportView } from './present.ts';
import { REPORT_STATUS_LABELS, reportToWrite } from './report-access.ts';
import { getReportSettings } from './report-settings.ts';
import { handIn } from './submit-report.ts';

export async function approveReport(
  ctx: AppContext,
  user: SessionUser,
  id: string,
  input: { rowVersion: number },
  now: Date,
): Promise<ReportView> {
  const { deliverable } = await reportToWrite(ctx.store, user, id);
  if (user.role !== 'leader') throw forbidden('只有本单位领导可以审批报告');
  await inTransaction(ctx.store, async (tx) => {
    const d = await lockDeliverable(tx, deliverable.id);
    const report = await lockReport(tx, id);
    expectVersion(report, input.rowVersion);
    if (!(await getReportSettings(tx)).leaderApproval)
      throw invalidState('未启用单位领导审批，报告提交后直接报送依法治市办');
    if (report.status !== 'submitted')
      throw invalidState(`报告${REPORT_STATUS_LABELS[report.status]}，只有待审批（已提交）的报告可以审批`);
    const iso = now.toISOString();
    const patch = {
      status: 'approved',
      approvedBy: user.id,
      approvedAt: iso,
      updatedAt: iso,
      rowVersion: report.rowVersion + 1,
    } as const;
    await tx.db.updateTable('reports').set(patch).where('id', '=', id).execute();
    const actor = actorOf(user);
    await appendAudit(
      tx,
      actor,
      {
        action: 'report.approve',
        entity: 'report',
        entityId: id,
        orgId: report.orgId,
        before: { status: report.status, rowVersion: report.rowVersion },
        after: { status: 'approved', approvedAt: iso, rowVersion: patch.rowVersion },
      },
      now,
    );
    await handIn(ctx, tx, actor, { ...report, ...patch }, d, 'approved', now);
  });
  return reportView(ctx.store, id);
}
