/**
 * The coordinator sets a new password for a user (argon2id, meeting the policy); a lockout is
 * cleared and every session of the user ends, so whoever had the old password is signed out. The
 * user must change it at the next login (unless `mustChangePassword` is false), since someone else
 * knows it. Audited without the hash.
 */
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { assertPasswordPolicy } from '../../auth/password-policy.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { notFound } from '../../errors.ts';

export async function resetPassword(
  store: Store,
  actor: Actor,
  id: string,
  password: string,
  now: Date,
  mustChangePassword = true,
): Promise<{ sessionsEnded: number }> {
  const found = await store.db.selectFrom('users').select('username').where('id', '=', id).executeTakeFirst();
  if (!found) throw notFound('该用户');
  assertPasswordPolicy(password, found.username);
  const passwordHash = await hashPassword(password);
  const mustChange = mustChangePassword ? ('initial' as const) : null;
  return inTransaction(store, async (tx) => {
    const row = await tx.db
      .selectFrom('users')
      .select(['id', 'orgId', 'rowVersion'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('该用户');
    await tx.db
      .updateTable('users')
      .set({
        passwordHash,
        failedLogins: 0,
        lockedUntil: null,
        passwordChangedAt: now.toISOString(),
        mustChangePassword: mustChange,
        updatedAt: now.toISOString(),
        rowVersion: row.rowVersion + 1,
      })
      .where('id', '=', id)
      .execute();
    const deleted = await tx.db.deleteFrom('sessions').where('userId', '=', id).executeTakeFirst();
    const sessionsEnded = Number(deleted.numDeletedRows);
    await appendAudit(
      tx,
      actor,
      {
        action: 'user.password-reset',
        entity: 'user',
        entityId: id,
        orgId: row.orgId,
        after: { sessionsEnded, mustChangePassword: mustChange },
      },
      now,
    );
    return { sessionsEnded };
  });
}
