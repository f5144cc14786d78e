/**
 * A user changes their own password: the current one proves it is them, the new one meets the
 * policy and differs from it. The must-change flag clears, the expiry starts again, and every other
 * session of the user ends (whoever knew the old password is signed out); this one stays. A wrong
 * current password counts as a failed login, so a borrowed session cannot guess it: at
 * MAX_FAILED_LOGINS the account locks, here as at the login.
 */
import { appendAudit } from '../../audit/audit.ts';
import { assertPasswordPolicy } from '../../auth/password-policy.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { actorOf } from '../../auth/policies.ts';
import { countAccountFailure, lockedAt, type SessionUser } from '../../auth/sessions.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { AppError, notFound } from '../../errors.ts';

export type ChangePasswordInput = { currentPassword: string; newPassword: string };

export async function changePassword(
  store: Store,
  user: SessionUser,
  currentSessionId: string,
  input: ChangePasswordInput,
  now: Date,
): Promise<{ sessionsEnded: number }> {
  const row = await store.db
    .selectFrom('users')
    .select(['passwordHash', 'rowVersion', 'lockedUntil'])
    .where('id', '=', user.id)
    .executeTakeFirst();
  if (!row) throw notFound('该用户');
  if (lockedAt(row.lockedUntil, now)) throw new AppError('account-locked');
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    const counted = await inTransaction(store, async (tx) => {
      const c = await countAccountFailure(tx, user.id, now);
      await appendAudit(
        tx,
        actorOf(user),
        {
          action: 'session.login-failed',
          entity: 'user',
          entityId: user.id,
          orgId: user.orgId,
          after: { username: user.username, reason: 'wrong-password', failed: c.failures },
        },
        now,
      );
      return c;
    });
    if (lockedAt(counted.lockedUntil, now)) throw new AppError('account-locked');
    throw new AppError('validation', '当前密码不正确', 'currentPassword');
  }
  assertPasswordPolicy(input.newPassword, user.username, 'newPassword');
  if (await verifyPassword(row.passwordHash, input.newPassword))
    throw new AppError('validation', '新密码不能与当前密码相同', 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction(store, async (tx) => {
    const iso = now.toISOString();
    const updated = await tx.db
      .updateTable('users')
      .set({
        passwordHash,
        passwordChangedAt: iso,
        mustChangePassword: null,
        failedLogins: 0,
        updatedAt: iso,
        rowVersion: row.rowVersion + 1,
      })
      .where('id', '=', user.id)
      .where('rowVersion', '=', row.rowVersion)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('stale', '密码刚被修改过，请重新登录后再试');
    const deleted = await tx.db
      .deleteFrom('sessions')
      .where('userId', '=', user.id)
      .where('id', '<>', currentSessionId)
      .executeTakeFirst();
    const sessionsEnded = Number(deleted.numDeletedRows);
    await appendAudit(
      tx,
      actorOf(user),
      {
        action: 'user.password-change',
        entity: 'user',
        entityId: user.id,
        orgId: user.orgId,
        before: { mustChangePassword: user.mustChangePassword },
        after: { mustChangePassword: null, sessionsEnded },
      },
      now,
    );
    return { sessionsEnded };
  });
}
