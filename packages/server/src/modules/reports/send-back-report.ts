/**
 * POST /api/reports/{id}/send-back: with leader approval on, a leader of the unit sends a submitted
 * report back to the unit's reporters with a reason (领导退回), instead of approving it. The report
 * is 'returned' (returnedByRole 'leader'); the reporter edits it and submits it again, and it comes
 * back to the leader. The deliverable is left as it is: a report waiting for the leader was never
 * handed in (submit-report.ts does not move the deliverable), so the coordinator's view, signals and
 * on-time figures do not change; only a coordinator's return (return-report.ts) makes it 'returned'.
 */
import { AWAITING_LABELS, REVIEWERS } from '@luoshi/core';
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/store.ts';
import { forbidden, invalidState } from '../../errors.ts';
import { notify } from '../notifications/notify.ts';
import { expectVersion, lockDeliverable, lockReport } from './deliverable-state.ts';
import { channelsOf } from './notify-options.ts';
import { type ReportView, reportView } from './present.ts';
import { reportIs, reportToWrite } from './report-access.ts';
import { getReportSettings } from './report-settings.ts';
import type { ReturnBody } from './schemas.ts';

export async function sendBackReport(
  ctx: AppContext,
  user: SessionUser,
  id: string,
  input: ReturnBody,
  now: Date,
): Promise<ReportView> {
  const { deliverable } = await reportToWrite(ctx.store, user, id);
  if (user.role !== 'leader')
    throw forbidden(`只有${REVIEWERS.leader.who}可以退回${AWAITING_LABELS.leader}的报告`);
  await inTransaction(ctx.store, async (tx) => {
    // Deliverable first, then report (the order every report change locks in).
    const d = await lockDeliverable(tx, deliverable.id);
    const report = await lockReport(tx, id);
    expectVersion(report, input.rowVersion);
    if (!(await getReportSettings(tx)).leaderApproval)
      throw invalidState(
        `未启用${REVIEWERS.leader.who}${REVIEWERS.leader.act}，报告由依法治市办${REVIEWERS.coordinator.act}，单位领导不能退回`,
      );
    if (report.status !== 'submitted')
      throw invalidState(`${reportIs(report.status)}，只有${AWAITING_LABELS.leader}的报告可以退回修改`);
    const iso = now.toISOString();
    const reason = input.reason.trim();
    const patch = {
      status: 'returned',
      returnReason: reason,
      returnedBy: user.id,
      returnedAt: iso,
      returnedByRole: 'leader',
      updatedAt: iso,
      rowVersion: report.rowVersion + 1,
    } as const;
    await tx.db.updateTable('reports').set(patch).where('id', '=', id).execute();
    await appendAudit(
      tx,
      actorOf(user),
      {
        action: 'report.send-back',
        entity: 'report',
        entityId: id,
        orgId: report.orgId,
        before: { status: report.status, returnReason: report.returnReason, rowVersion: report.rowVersion },
        after: {
          status: 'returned',
          returnReason: reason,
          returnedAt: iso,
          returnedByRole: 'leader',
          rowVersion: patch.rowVersion,
        },
      },
      now,
    );
    await notify(
      tx,
      { orgId: report.orgId, roles: ['reporter'] },
      {
        kind: 'report.returned',
        title: `「${d.title}」的报告被领导退回`,
        body: `${user.displayName}退回了第${d.taskNo}项任务「${d.title}」的进展报告，请修改后重新提交。退回理由：${reason}`,
        link: `/reports/${id}`,
        dedupeKey: `report:sent-back:${id}:${iso}`,
      },
      now,
      channelsOf(ctx),
    );
  });
  return reportView(ctx.store, id);
}
