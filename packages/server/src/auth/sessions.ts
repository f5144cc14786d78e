/**
 * Sessions: a random token in an HttpOnly cookie, its SHA-256 in the database. Sessions expire
 * after a period of inactivity and at an absolute limit; logins lock after repeated failures.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { type Actor, type AuditEntry, appendAudit } from '../audit/audit.ts';
import type { PasswordChange, Role, User } from '../db/schema.ts';
import { inTransaction, type Store } from '../db/store.ts';
import { AppError } from '../errors.ts';
import { newSecret } from '../ids.ts';
import { getSecuritySettings, passwordExpired } from '../modules/settings/security-settings.ts';
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
  /** Set: the API refuses everything but /api/me, /api/session and changing the password. */
  mustChangePassword: PasswordChange | null;
};

/** The stored id of a session: SHA-256 of its token. */
export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toSessionUser(u: User): SessionUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    orgId: u.orgId,
    mustChangePassword: u.mustChangePassword,
  };
}

/** Why a login failed, as the audit trail records it (the caller is told less). */
export type LoginFailure = 'wrong-password' | 'locked' | 'unknown-name' | 'inactive' | 'rate-limited';

/** A header value fit to store: no control characters (PostgreSQL refuses NUL), at most `max` characters. */
function storable(value: string | null | undefined, max: number): string | null {
  if (!value) return null;
  const clean = [...value].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
  return clean.slice(0, max) || null;
}

/**
 * The audit record of a failed login: the name tried, the client address and why. A name with an
 * account is recorded on that account; any other name on entity 'login', so the trail shows
 * guessing too. The caller is told less than the trail keeps.
 */
function loginFailureRecord(
  attempt: { username: string; address: string },
  reason: LoginFailure,
  account: User | null,
  counted?: { failures: number; lockedNow: boolean },
): [Actor, AuditEntry] {
  return [
    account
      ? { id: account.id, name: account.username, orgId: account.orgId }
      : { id: null, name: attempt.username, orgId: null },
    {
      action: counted?.lockedNow ? 'user.locked' : 'session.login-failed',
      entity: account ? 'user' : 'login',
      entityId: account ? account.id : attempt.username,
      orgId: account?.orgId ?? null,
      after: {
        username: attempt.username,
        address: attempt.address,
        reason,
        ...(counted ? { failed: counted.failures } : {}),
      },
    },
  ];
}

async function auditLoginFailure(
  store: Store,
  attempt: { username: string; address: string },
  reason: LoginFailure,
  account: User | null,
  now: Date,
): Promise<void> {
  const [actor, entry] = loginFailureRecord(attempt, reason, account);
  await inTransaction(store, (tx) => appendAudit(tx, actor, entry, now));
}

/** Failed logins from one client address within ADDRESS_WINDOW_MINUTES before it is refused (rate-limited). */
export const MAX_FAILED_LOGINS_PER_ADDRESS = 30;
export const ADDRESS_WINDOW_MINUTES = 15;

type Count = { failures: number; lockedUntil: string | null };

/**
 * Count one failed login under a key of `loginThrottle`, atomically (one upsert … RETURNING): a key
 * locks for LOCK_MINUTES once `max` failures are counted; the count starts again when its window
 * (null: none) or its lock has run out.
 */
async function countThrottled(
  store: Store,
  key: string,
  max: number,
  windowMinutes: number | null,
  now: Date,
): Promise<Count> {
  const iso = now.toISOString();
  const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
  const windowStart =
    windowMinutes === null ? '' : new Date(now.getTime() - windowMinutes * 60_000).toISOString();
  const fresh = sql<boolean>`(login_throttle.window_start <= ${windowStart} or (login_throttle.locked_until is not null and login_throttle.locked_until <= ${iso}))`;
  const next = sql<number>`(case when ${fresh} then 1 else login_throttle.failures + 1 end)`;
  return store.db
    .insertInto('loginThrottle')
    .values({ key, failures: 1, windowStart: iso, lockedUntil: max <= 1 ? until : null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: next,
        windowStart: sql<string>`(case when ${fresh} then ${iso} else login_throttle.window_start end)`,
        lockedUntil: sql<
          string | null
        >`(case when login_throttle.locked_until > ${iso} then login_throttle.locked_until when ${next} >= ${max} then ${until} else null end)`,
      }),
    )
    .returning(['failures', 'lockedUntil'])
    .executeTakeFirstOrThrow();
}

/** Count one failed login of an account, atomically (one UPDATE … RETURNING); it locks at MAX_FAILED_LOGINS. */
export async function countAccountFailure(store: Store, userId: string, now: Date): Promise<Count> {
  const iso = now.toISOString();
  const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
  const next = sql<number>`(case when locked_until is not null and locked_until <= ${iso} then 1 else failed_logins + 1 end)`;
  const row = await store.db
    .updateTable('users')
    .set({
      failedLogins: next,
      lockedUntil: sql<
        string | null
      >`(case when locked_until > ${iso} then locked_until when ${next} >= ${MAX_FAILED_LOGINS} then ${until} else null end)`,
    })
    .where('id', '=', userId)
    .returning(['failedLogins', 'lockedUntil'])
    .executeTakeFirstOrThrow();
  return { failures: row.failedLogins, lockedUntil: row.lockedUntil };
}

export function lockedAt(lockedUntil: string | null | undefined, now: Date): boolean {
  return !!lockedUntil && lockedUntil > now.toISOString();
}

/**
 * Check the password and count failures, atomically, per account and per client address: an
 * account locks after MAX_FAILED_LOGINS failures (423 account-locked), an address is refused after
 * MAX_FAILED_LOGINS_PER_ADDRESS failures in ADDRESS_WINDOW_MINUTES (429 rate-limited). A name without
 * an active account is counted and locked the same way, so a locked account and an unknown name
 * answer alike. Returns the new session token.
 */
export async function login(
  store: Store,
  username: string,
  password: string,
  now: Date,
  clientAddress = 'unknown',
  userAgent: string | null = null,
): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
  const attempt = { username, address: clientAddress };
  const addressKey = `addr:${clientAddress}`;
  const nameKey = `name:${username}`;
  const throttled = await store.db
    .selectFrom('loginThrottle')
    .select(['key', 'lockedUntil'])
    .where('key', 'in', [addressKey, nameKey])
    .execute();
  const lockOf = (key: string) => throttled.find((r) => r.key === key)?.lockedUntil;
  if (lockedAt(lockOf(addressKey), now)) {
    await auditLoginFailure(store, attempt, 'rate-limited', null, now);
    throw new AppError('rate-limited', '登录尝试过于频繁，请稍后再试');
  }
  const found = await store.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  // Hash even when the user does not exist, so timing does not tell which usernames exist.
  const ok = await verifyPassword(found?.passwordHash ?? DUMMY_HASH, password);
  const user = found?.active === 1 ? found : null;
  if (lockedAt(user ? user.lockedUntil : lockOf(nameKey), now)) {
    await auditLoginFailure(store, attempt, 'locked', user, now);
    throw new AppError('account-locked');
  }
  if (!user || !ok) {
    const address = await countThrottled(
      store,
      addressKey,
      MAX_FAILED_LOGINS_PER_ADDRESS,
      ADDRESS_WINDOW_MINUTES,
      now,
    );
    let name: Count;
    if (user) {
      name = await inTransaction(store, async (tx) => {
        const counted = await countAccountFailure(tx, user.id, now);
        const lockedNow = counted.failures === MAX_FAILED_LOGINS && lockedAt(counted.lockedUntil, now);
        const record = loginFailureRecord(attempt, 'wrong-password', user, {
          failures: counted.failures,
          lockedNow,
        });
        await appendAudit(tx, ...record, now);
        return counted;
      });
    } else {
      name = await countThrottled(store, nameKey, MAX_FAILED_LOGINS, null, now);
      await auditLoginFailure(store, attempt, found ? 'inactive' : 'unknown-name', null, now);
    }
    await forgetStale(store, now);
    if (lockedAt(name.lockedUntil, now)) throw new AppError('account-locked');
    if (lockedAt(address.lockedUntil, now))
      throw new AppError('rate-limited', '登录尝试过于频繁，请稍后再试');
    throw new AppError('invalid-credentials');
  }
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + IDLE_MINUTES * 60_000);
  const expired =
    user.mustChangePassword === null &&
    passwordExpired(await getSecuritySettings(store), user.passwordChangedAt, now);
  const signedIn = await inTransaction(store, async (tx) => {
    // Still unlocked when the session is made: a lock taken by a parallel guess since holds.
    const unlocked = await tx.db
      .updateTable('users')
      .set({
        failedLogins: 0,
        lockedUntil: null,
        ...(expired ? { mustChangePassword: 'expired' as const } : {}),
      })
      .where('id', '=', user.id)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', now.toISOString())]))
      .returningAll()
      .executeTakeFirst();
    if (!unlocked) throw new AppError('account-locked');
    await tx.db
      .insertInto('sessions')
      .values({
        id: tokenId(token),
        userId: user.id,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        lastSeenAt: now.toISOString(),
        address: storable(clientAddress, 100),
        userAgent: storable(userAgent, 300),
      })
      .execute();
    await appendAudit(
      tx,
      { id: user.id, name: user.username, orgId: user.orgId },
      {
        action: 'session.login',
        entity: 'user',
        entityId: user.id,
        ...(expired ? { after: { mustChangePassword: 'expired' } } : {}),
      },
      now,
    );
    return unlocked;
  });
  return { token, user: toSessionUser(signedIn), expiresAt };
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

/** Drop throttle rows a day old whose lock has run out. */
async function forgetStale(store: Store, now: Date): Promise<void> {
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  await store.db
    .deleteFrom('loginThrottle')
    .where('windowStart', '<', dayAgo)
    .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', now.toISOString())]))
    .execute();
}

export async function logout(store: Store, token: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('id', '=', tokenId(token)).execute();
}

// An argon2id hash of a random string, verified against when the username is unknown.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Vb3HrdC3Bq3uG2wUHxtAQyv0+7cX+JY2iN6c8cJp2k4';
