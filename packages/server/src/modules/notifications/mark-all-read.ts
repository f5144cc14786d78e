/** Mark every unread notification of mine read. */
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { inTransaction, type Store } from '../../db/store.ts';

export async function markAllRead(store: Store, user: SessionUser, now: Date): Promise<{ count: number }> {
  const iso = now.toISOString();
  return inTransaction(store, async (tx) => {
    const updated = await tx.db
      .updateTable('notifications')
      .set({ readAt: iso })
      .where('userId', '=', user.id)
      .where('readAt', 'is', null)
      .executeTakeFirst();
    const count = Number(updated.numUpdatedRows);
    if (count > 0)
      await appendAudit(
        tx,
        actorOf(user),
        { action: 'notification.read-all', entity: 'user', entityId: user.id, after: { count } },
        now,
      );
    return { count };
  });
}
