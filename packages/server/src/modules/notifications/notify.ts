/**
 * Notify a unit or a user: an in-app notification for each recipient and, for users with an
 * e-mail address, a message queued in the outbox (sent by the delivery job); plus one webhook
 * message when a webhook is configured. Call inside the transaction that makes the change; the
 * outbox's dedupe key makes the same message queue once, whichever process queues it.
 */
import type { Store } from '../../db/store.ts';
import { newId } from '../../ids.ts';

export type Notice = {
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  /** Identifies the event (e.g. `escalation:urge:<deliverable>`); repeats are dropped. */
  dedupeKey: string;
};

export type Recipients = { orgId?: string; userIds?: string[]; roles?: string[] };

export async function notify(
  tx: Store,
  to: Recipients,
  n: Notice,
  now: Date,
  opts: { webhook: boolean } = { webhook: false },
): Promise<number> {
  let q = tx.db.selectFrom('users').select(['id', 'email']).where('active', '=', 1);
  if (to.orgId) q = q.where('orgId', '=', to.orgId);
  if (to.userIds) q = q.where('id', 'in', to.userIds.length > 0 ? to.userIds : ['']);
  if (to.roles) q = q.where('role', 'in', to.roles as ('coordinator' | 'leader' | 'reporter' | 'viewer')[]);
  const users = await q.execute();
  const iso = now.toISOString();
  for (const u of users) {
    await tx.db
      .insertInto('notifications')
      .values({
        id: newId(),
        userId: u.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link ?? null,
        createdAt: iso,
        readAt: null,
      })
      .execute();
    if (u.email) await enqueue(tx, 'email', u.email, n, `${n.dedupeKey}:mail:${u.id}`, iso);
  }
  if (opts.webhook) await enqueue(tx, 'webhook', to.orgId ?? 'all', n, `${n.dedupeKey}:webhook`, iso);
  return users.length;
}

async function enqueue(
  tx: Store,
  channel: 'email' | 'webhook',
  recipient: string,
  n: Notice,
  dedupeKey: string,
  iso: string,
): Promise<void> {
  await tx.db
    .insertInto('outbox')
    .values({
      id: newId(),
      channel,
      recipient,
      subject: n.title,
      body: n.link ? `${n.body}\n${n.link}` : n.body,
      dedupeKey,
      status: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: iso,
      sentAt: null,
    })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .execute();
}
