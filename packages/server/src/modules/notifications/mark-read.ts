/** Mark one of my notifications read (again is fine; someone else's is not found). */
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { notFound } from '../../errors.ts';

export async function markRead(
  store: Store,
  user: SessionUser,
  id: string,
  now: Date,
): Promise<{ id: string; readAt: string }> {
  const iso = now.toISOString();
  return inTransaction(store, async (tx) => {
    const updated = await tx.db
      .updateTable('notifications')
      .set({ readAt: iso })
      .where('id', '=', id)
      .where('userId', '=', user.id)
      .where('readAt', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      const mine = await tx.db
        .selectFrom('notifications')
        .select('readAt')
        .where('id', '=', id)
        .where('userId', '=', user.id)
        .executeTakeFirst();
      if (!mine) throw notFound('该通知');
      return { id, readAt: mine.readAt ?? iso };
    }
    await appendAudit(
      tx,
      actorOf(user),
      { action: 'notification.read', entity: 'notification', entityId: id, after: { readAt: iso } },
      now,
    );
    return { id, readAt: iso };
  });
}
