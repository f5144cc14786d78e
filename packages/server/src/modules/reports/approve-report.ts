/**
 * POST /api/reports/{id}/approve: with leader approval on, a leader of the unit signs off a
 * submitted report: report 'approved', deliverable 'approved' and handed in to the coordinator
 * (submittedAt = now, the time it reached the coordinator).
 */
import { AWAITING_LABELS, REVIEWERS } from '@luoshi/core';
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/store.ts';
import { forbidden, invalidState } from '../../errors.ts';
import { expectVersion, lockDeliverable, lockReport } from './deliverable-state.ts';
import { type ReportView, reportView } from './present.ts';
import { reportIs, reportToWrite } from './report-access.ts';
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
  if (user.role !== 'leader')
    throw forbidden(`只有${REVIEWERS.leader.who}可以${REVIEWERS.leader.act}本单位的报告`);
  await inTransaction(ctx.store, async (tx) => {
    const d = await lockDeliverable(tx, deliverable.id);
    const report = await lockReport(tx, id);
    expectVersion(report, input.rowVersion);
    if (!(await getReportSettings(tx)).leaderApproval)
      throw invalidState(
        `未启用${REVIEWERS.leader.who}${REVIEWERS.leader.act}，报告提交后直接报送依法治市办`,
      );
    if (report.status !== 'submitted')
      throw invalidState(
        `${reportIs(report.status)}，只有${AWAITING_LABELS.leader}的报告可以${REVIEWERS.leader.act}`,
      );
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
