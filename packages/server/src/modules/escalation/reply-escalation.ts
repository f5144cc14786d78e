/** The recipient unit answers a step of the ladder (once): its reporter or leader writes the reply. */
import { ESCALATION_LABELS } from '@luoshi/core';
import { appendAudit } from '../../audit/audit.ts';
import { actorOf, canActForOrg } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { forbidden, invalidState, notFound } from '../../errors.ts';
import { notify } from '../notifications/notify.ts';
import { deliverableLink } from './escalation-notice.ts';
import { type EscalationView, escalationQuery, presentEscalation } from './escalation-view.ts';

export async function replyToEscalation(
  store: Store,
  user: SessionUser,
  id: string,
  reply: string,
  now: Date,
  opts: { publicUrl: string; today: string },
): Promise<EscalationView> {
  const esc = await escalationQuery(store).where('escalations.id', '=', id).executeTakeFirst();
  if (!esc) throw notFound('该督办记录');
  if (!canActForOrg(user, esc.orgId)) throw forbidden('只有被督办单位的联络员或领导可以回复');
  if (esc.withdrawnAt !== null) throw invalidState('该督办记录已撤回，无需回复');
  if (esc.reply !== null) throw invalidState('该督办记录已回复，不能重复回复');
  const iso = now.toISOString();
  await inTransaction(store, async (tx) => {
    const updated = await tx.db
      .updateTable('escalations')
      .set({ reply, repliedAt: iso, repliedBy: user.id })
      .where('id', '=', id)
      .where('reply', 'is', null)
      .where('withdrawnAt', 'is', null)
      .executeTakeFirst();
    // Two replies at once: the second one finds the reply already written (a revert in between: withdrawn).
    if (Number(updated.numUpdatedRows) === 0) throw invalidState('该督办记录已回复，不能重复回复');
    await appendAudit(
      tx,
      actorOf(user),
      {
        action: 'escalation.reply',
        entity: 'escalation',
        entityId: id,
        orgId: esc.orgId,
        before: { reply: null },
        after: { reply, repliedAt: iso },
      },
      now,
    );
    await notify(
      tx,
      { roles: ['coordinator'] },
      {
        kind: 'escalation-reply',
        title: `${esc.orgName}回复了${ESCALATION_LABELS[esc.level]}：「${esc.deliverableTitle}」`,
        body: reply,
        link: deliverableLink(opts.publicUrl, esc.deliverableId),
        dedupeKey: `escalation-reply:${id}`,
      },
      now,
    );
  });
  return presentEscalation(
    { ...esc, reply, repliedAt: iso, repliedById: user.id, repliedByName: user.displayName },
    opts.today,
  );
}
