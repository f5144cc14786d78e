/** POST /api/extensions/{id}/refuse: the coordinator refuses a pending request, saying why. */
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/store.ts';

import { notify } from '../notifications/notify.ts';
import { deliverableIdOf, lockDeliverable } from '../reports/deliverable-state.ts';
import { channelsOf } from '../reports/notify-options.ts';
import { pendingExtension } from './pending-extension.ts';
import type { ExtensionView } from './request-extension.ts';
import type { RefuseBody } from './schemas.ts';

export async function refuseExtension(
  ctx: AppContext,
  user: SessionUser,
  id: string,
  input: RefuseBody,
  now: Date,
): Promise<ExtensionView> {
  const deliverableId = await deliverableIdOf(ctx.store, 'extensions', id, '该延期申请');
  return inTransaction(ctx.store, async (tx) => {
    const d = await lockDeliverable(tx, deliverableId);
    const ext = await pendingExtension(tx, id);
    const note = input.note.trim();
    const decided = {
      status: 'refused' as const,
      decidedBy: user.id,
      decidedAt: now.toISOString(),
      decisionNote: note,
    };
    await tx.db
      .updateTable('extensions')
      .set(decided)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
    await appendAudit(
      tx,
      actorOf(user),
      {
        action: 'extension.refuse',
        entity: 'extension',
        entityId: id,
        orgId: ext.orgId,
        before: { status: ext.status },
        after: decided,
      },
      now,
    );
    await notify(
      tx,
      { orgId: ext.orgId, roles: ['reporter', 'leader'] },
      {
        kind: 'extension.refused',
        title: `延期申请未同意：「${d.title}」`,
        body: `第${d.taskNo}项任务「${d.title}」的延期申请未获同意，办理时限仍为 ${d.dueDate}。理由：${note}`,
        link: `/deliverables/${d.id}`,
        dedupeKey: `extension:refused:${id}`,
      },
      now,
      channelsOf(ctx),
    );
    return { ...ext, ...decided };
  });
}
