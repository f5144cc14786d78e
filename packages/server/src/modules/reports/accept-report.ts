/** POST /api/reports/{id}/accept: the coordinator accepts a report; the deliverable is 办结 (blue). */
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
import type { AcceptBody } from './schemas.ts';

export async function acceptReport(
  ctx: AppContext,
  user: SessionUser,
  id: string,
  input: AcceptBody,
  now: Date,
): Promise<ReportView> {
  const deliverableId = await deliverableIdOf(ctx.store, 'reports', id, '该报告');
  await inTransaction(ctx.store, async (tx) => {
    const { d, report } = await lockForReview(tx, deliverableId, id, input.rowVersion);
    const iso = now.toISOString();
    const comment = input.comment?.trim() || null;
    const patch = {
      status: 'accepted',
      reviewedBy: user.id,
      reviewedAt: iso,
      updatedAt: iso,
      rowVersion: report.rowVersion + 1,
    } as const;
    await tx.db.updateTable('reports').set(patch).where('id', '=', id).execute();
    const actor = actorOf(user);
    await appendAudit(
      tx,
      actor,
      {
        action: 'report.accept',
        entity: 'report',
        entityId: id,
        orgId: report.orgId,
        before: { status: report.status, rowVersion: report.rowVersion },
        after: { status: 'accepted', reviewedAt: iso, comment, rowVersion: patch.rowVersion },
      },
      now,
    );
    await moveDeliverable(tx, actor, d, { status: 'accepted', acceptedAt: iso }, 'deliverable.accept', now, {
      reportId: id,
    });
    await notify(
      tx,
      { orgId: report.orgId, roles: ['reporter', 'leader'] },
      {
        kind: 'report.accepted',
        title: `「${d.title}」的报告已审核通过`,
        body: comment
          ? `第${d.taskNo}项任务「${d.title}」的报告已审核通过，该事项已办结。审核意见：${comment}`
          : `第${d.taskNo}项任务「${d.title}」的报告已审核通过，该事项已办结。`,
        link: `/reports/${id}`,
        dedupeKey: `report:accepted:${id}`,
      },
      now,
      channelsOf(ctx),
    );
  });
  return reportView(ctx.store, id);
}
