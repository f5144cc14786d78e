/** The coordinator lifts a login lockout before it runs out; nothing to lift changes nothing. */
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { notFound } from '../../errors.ts';

export async function unlockUser(
  store: Store,
  actor: Actor,
  id: string,
  now: Date,
): Promise<{ unlocked: boolean }> {
  return inTransaction(store, async (tx) => {
    const row = await tx.db
      .selectFrom('users')
      .select(['id', 'orgId', 'lockedUntil', 'failedLogins', 'rowVersion'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('该用户');
    const iso = now.toISOString();
    const locked = row.lockedUntil !== null && row.lockedUntil > iso;
    if (!locked && row.failedLogins === 0) return { unlocked: false };
    await tx.db
      .updateTable('users')
      .set({ lockedUntil: null, failedLogins: 0, updatedAt: iso, rowVersion: row.rowVersion + 1 })
      .where('id', '=', id)
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        action: 'user.unlock',
        entity: 'user',
        entityId: id,
        orgId: row.orgId,
        before: { lockedUntil: row.lockedUntil, failedLogins: row.failedLogins },
        after: { lockedUntil: null, failedLogins: 0 },
      },
      now,
    );
    return { unlocked: locked };
  });
}
