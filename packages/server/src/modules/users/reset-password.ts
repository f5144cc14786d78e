/**
 * The coordinator sets a new password for a user (argon2id); a lockout is cleared and every session
 * of the user ends, so whoever had the old password is signed out. Audited without the hash.
 */
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../auth/passwords.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { AppError, notFound } from '../../errors.ts';

export async function resetPassword(
  store: Store,
  actor: Actor,
  id: string,
  password: string,
  now: Date,
): Promise<{ sessionsEnded: number }> {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AppError('validation', `密码至少${MIN_PASSWORD_LENGTH}位`, 'password');
  const passwordHash = await hashPassword(password);
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
        after: { sessionsEnded },
      },
      now,
    );
    return { sessionsEnded };
  });
}
