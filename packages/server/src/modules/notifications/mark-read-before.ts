/**
 * Mark every notice older than a moment read, as seen when it arrived. The demo replays a year of
 * work in one go; a real office would have read last spring's notices long ago, so the demo leaves
 * unread only what arrived in the last days.
 */
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { inTransaction, type Store } from '../../db/store.ts';

export async function markReadBefore(
  store: Store,
  actor: Actor,
  before: Date,
  now: Date,
): Promise<{ count: number }> {
  return inTransaction(store, async (tx) => {
    const updated = await tx.db
      .updateTable('notifications')
      .set((eb) => ({ readAt: eb.ref('createdAt') }))
      .where('readAt', 'is', null)
      .where('createdAt', '<', before.toISOString())
      .executeTakeFirst();
    const count = Number(updated.numUpdatedRows);
    if (count > 0)
      await appendAudit(
        tx,
        actor,
        {
          action: 'notification.read-before',
          entity: 'notification',
          entityId: 'all',
          after: { before: before.toISOString(), count },
        },
        now,
      );
    return { count };
  });
}
