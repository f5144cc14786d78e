/**
 * POST /api/reports/{id}/return: the coordinator sends a report back with a reason; the deliverable
 * is 'returned' (yellow) and the unit is told why. The unit edits the report and submits it again.
 */
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/store.ts';
import { notify } from '../notifications/notify.ts';
import { deliverableIdOf, moveDeliverable } from './deliverable-state.ts';
import { channelsOf } from './notify-options.ts';
import { type ReportView, reportView } from './present.ts';
import { lockForReview } from './reviewable.ts';
import type { ReturnBody } from './schemas.ts';

export async function returnReport(
  ctx: AppContext,
  user: SessionUser,
  id: string,
  input: ReturnBody,
  now: Date,
): Promise<ReportView> {
  const deliverableId = await deliverableIdOf(ctx.store, 'reports', id, '该报告');
  await inTransaction(ctx.store, async (tx) => {
    const { d, report } = await lockForReview(tx, deliverableId, id, input.rowVersion);
    const iso = now.toISOString();
    const reason = input.reason.trim();
    const patch = {
      status: 'returned',
      returnReason: reason,
      reviewedBy: user.id,
      reviewedAt: iso,
      returnedBy: user.id,
      returnedAt: iso,
      returnedByRole: 'coordinator',
      updatedAt: iso,
      rowVersion: report.rowVersion + 1,
    } as const;
    await tx.db.updateTable('reports').set(patch).where('id', '=', id).execute();
    const actor = actorOf(user);
    await appendAudit(
      tx,
      actor,
      {
        action: 'report.return',
        entity: 'report',
        entityId: id,
        orgId: report.orgId,
        before: { status: report.status, returnReason: report.returnReason, rowVersion: report.rowVersion },
        after: {
          status: 'returned',
          returnReason: reason,
          reviewedAt: iso,
          returnedByRole: 'coordinator',
          rowVersion: patch.rowVersion,
        },
      },
      now,
    );
    await moveDeliverable(tx, actor, d, { status: 'returned' }, 'deliverable.return', now, {
      reportId: id,
      reason,
    });
    await notify(
      tx,
      { orgId: report.orgId, roles: ['reporter', 'leader'] },
      {
        kind: 'report.returned',
        title: `「${d.title}」的报告被退回`,
        body: `第${d.taskNo}项任务「${d.title}」的报告被退回，请修改后重新报送。退回理由：${reason}`,
        link: `/reports/${id}`,
        dedupeKey: `report:returned:${id}:${iso}`,
      },
      now,
      channelsOf(ctx),
    );
  });
  return reportView(ctx.store, id);
}
