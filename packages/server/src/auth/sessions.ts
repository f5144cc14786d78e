/**
 * Sessions: a random token in an HttpOnly cookie, its SHA-256 in the database. Sessions expire
 * after a period of inactivity and at an absolute limit; logins lock after repeated failures.
 */
import { createHash } from 'node:crypto';
import { appendAudit } from '../audit/audit.ts';
import type { Role, User } from '../db/schema.ts';
import { inTransaction, type Store } from '../db/store.ts';
import { AppError } from '../errors.ts';
import { newSecret } from '../ids.ts';
import { verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'luoshi_session';
export const IDLE_MINUTES = 8 * 60;
export const ABSOLUTE_DAYS = 7;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string | null;
};

function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toSessionUser(u: User): SessionUser {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, orgId: u.orgId };
}

/** Check the password, count failures, lock after MAX_FAILED_LOGINS; returns the new session token. */
export async function login(
  store: Store,
  username: string,
  password: string,
  now: Date,
): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
  const user = await store.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  // Hash even when the user does not exist, so timing does not tell which usernames exist.
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (user?.active !== 1) throw new AppError('invalid-credentials');
  if (user.lockedUntil && user.lockedUntil > now.toISOString()) throw new AppError('account-locked');
  if (!ok) {
    const failed = user.failedLogins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await inTransaction(store, async (tx) => {
      await tx.db
        .updateTable('users')
        .set({
          failedLogins: lock ? 0 : failed,
          lockedUntil: lock
            ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString()
            : user.lockedUntil,
        })
        .where('id', '=', user.id)
        .execute();
      await appendAudit(
        tx,
        { id: user.id, name: user.username, orgId: user.orgId },
        {
          action: lock ? 'user.locked' : 'session.login-failed',
          entity: 'user',
          entityId: user.id,
          after: { failed },
        },
        now,
      );
    });
    throw new AppError(lock ? 'account-locked' : 'invalid-credentials');
  }
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + IDLE_MINUTES * 60_000);
  await inTransaction(store, async (tx) => {
    await tx.db
      .updateTable('users')
      .set({ failedLogins: 0, lockedUntil: null })
      .where('id', '=', user.id)
      .execute();
    await tx.db
      .insertInto('sessions')
      .values({
        id: tokenId(token),
        userId: user.id,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        lastSeenAt: now.toISOString(),
      })
      .execute();
    await appendAudit(
      tx,
      { id: user.id, name: user.username, orgId: user.orgId },
      { action: 'session.login', entity: 'user', entityId: user.id },
      now,
    );
  });
  return { token, user: toSessionUser(user), expiresAt };
}

/** The user of a session token, sliding its idle expiry; null when unknown or expired. */
export async function sessionUser(store: Store, token: string, now: Date): Promise<SessionUser | null> {
  const id = tokenId(token);
  const row = await store.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .selectAll('users')
    .select(['sessions.expiresAt', 'sessions.createdAt as sessionCreatedAt', 'sessions.lastSeenAt'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (row?.active !== 1) return null;
  const iso = now.toISOString();
  const absolute = new Date(
    new Date(row.sessionCreatedAt).getTime() + ABSOLUTE_DAYS * 86_400_000,
  ).toISOString();
  if (row.expiresAt <= iso || absolute <= iso) {
    await store.db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  // Slide the idle window at most once a minute, to keep reads cheap.
  if (now.getTime() - new Date(row.lastSeenAt).getTime() > 60_000) {
    await store.db
      .updateTable('sessions')
      .set({ lastSeenAt: iso, expiresAt: new Date(now.getTime() + IDLE_MINUTES * 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return toSessionUser(row);
}

export async function logout(store: Store, token: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('id', '=', tokenId(token)).execute();
}

// An argon2id hash of a random string, verified against when the username is unknown.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Vb3HrdC3Bq3uG2wUHxtAQyv0+7cX+JY2iN6c8cJp2k4';
