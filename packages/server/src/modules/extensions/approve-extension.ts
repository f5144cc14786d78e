/**
 * POST /api/extensions/{id}/approve: the coordinator grants a pending request. The deliverable's
 * dueDate becomes the requested date (originalDueDate stays), its rowVersion goes up and its status
 * does not change. The unit is notified.
 */
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/store.ts';
import { invalidState } from '../../errors.ts';
import { notify } from '../notifications/notify.ts';
import { deliverableIdOf, lockDeliverable, moveDeliverable } from '../reports/deliverable-state.ts';
import { channelsOf } from '../reports/notify-options.ts';
import { pendingExtension } from './pending-extension.ts';
import type { ExtensionView } from './request-extension.ts';
import type { ApproveBody } from './schemas.ts';

export async function approveExtension(
  ctx: AppContext,
  user: SessionUser,
  id: string,
  input: ApproveBody,
  now: Date,
): Promise<ExtensionView> {
  const deliverableId = await deliverableIdOf(ctx.store, 'extensions', id, '该延期申请');
  return inTransaction(ctx.store, async (tx) => {
    const d = await lockDeliverable(tx, deliverableId);
    const ext = await pendingExtension(tx, id);
    if (d.status === 'accepted' || d.status === 'closed') throw invalidState('该事项已办结，无需延期');
    const iso = now.toISOString();
    const note = input.note?.trim() || null;
    const decided = { status: 'approved' as const, decidedBy: user.id, decidedAt: iso, decisionNote: note };
    await tx.db
      .updateTable('extensions')
      .set(decided)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
    const actor = actorOf(user);
    await appendAudit(
      tx,
      actor,
      {
        action: 'extension.approve',
        entity: 'extension',
        entityId: id,
        orgId: ext.orgId,
        before: { status: ext.status },
        after: decided,
      },
      now,
    );
    await moveDeliverable(tx, actor, d, { dueDate: ext.requestedDueDate }, 'deliverable.extend', now, {
      extensionId: id,
      originalDueDate: d.originalDueDate,
    });
    await notify(
      tx,
      { orgId: ext.orgId, roles: ['reporter', 'leader'] },
      {
        kind: 'extension.approved',
        title: `延期申请已同意：「${d.title}」`,
        body: `第${d.taskNo}项任务「${d.title}」的办理时限已由 ${d.dueDate} 延至 ${ext.requestedDueDate}。${note ? `意见：${note}` : ''}`,
        link: `/deliverables/${d.id}`,
        dedupeKey: `extension:approved:${id}`,
      },
      now,
      channelsOf(ctx),
    );
    return { ...ext, ...decided };
  });
}
