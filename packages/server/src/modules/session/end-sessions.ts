/**
 * 退出登录设备: end one session by its key, or all of a user's sessions but (optionally) the
 * current one ("sign out everywhere"). A user ends only their own; the coordinator anyone's.
 * Audited with how many ended; ending nothing changes nothing.
 */
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { notFound } from '../../errors.ts';

/** End the session whose key (SESSION_KEY_PATTERN) is `key`; `ownerId` limits it to that user's sessions. */
export async function endSession(
  store: Store,
  actor: Actor,
  key: string,
  ownerId: string | null,
  now: Date,
): Promise<{ sessionsEnded: number }> {
  return inTransaction(store, async (tx) => {
    let q = tx.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .select(['sessions.id', 'sessions.userId', 'users.username', 'users.orgId'])
      .where('sessions.id', 'like', `${key}%`);
    if (ownerId) q = q.where('sessions.userId', '=', ownerId);
    const found = await q.execute();
    if (found.length !== 1) throw notFound('该登录设备（可能已退出）');
    const s = found[0]!;
    await tx.db.deleteFrom('sessions').where('id', '=', s.id).execute();
    await appendAudit(
      tx,
      actor,
      {
        action: 'session.end',
        entity: 'user',
        entityId: s.userId,
        orgId: s.orgId,
        after: { username: s.username, session: key, sessionsEnded: 1 },
      },
      now,
    );
    return { sessionsEnded: 1 };
  });
}

/** End every session of a user, but `keepId` (the stored id of the current session) when given. */
export async function endSessionsOf(
  store: Store,
  actor: Actor,
  userId: string,
  keepId: string | null,
  now: Date,
): Promise<{ sessionsEnded: number }> {
  return inTransaction(store, async (tx) => {
    const user = await tx.db
      .selectFrom('users')
      .select(['id', 'username', 'orgId'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw notFound('该用户');
    let q = tx.db.deleteFrom('sessions').where('userId', '=', userId);
    if (keepId) q = q.where('id', '<>', keepId);
    const sessionsEnded = Number((await q.executeTakeFirst()).numDeletedRows);
    if (sessionsEnded === 0) return { sessionsEnded };
    await appendAudit(
      tx,
      actor,
      {
        action: 'session.end-all',
        entity: 'user',
        entityId: userId,
        orgId: user.orgId,
        after: { username: user.username, sessionsEnded, keptCurrent: keepId !== null },
      },
      now,
    );
    return { sessionsEnded };
  });
}
