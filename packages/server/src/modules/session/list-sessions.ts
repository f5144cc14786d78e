/**
 * 登录设备: the sessions still in force, newest activity first — a user's own, or (for the
 * coordinator) everyone's with who they belong to. A session is shown by a short key (the first
 * 16 hex digits of its stored hash), never by its token or full hash.
 */
import { ABSOLUTE_DAYS } from '../../auth/sessions.ts';
import type { Store } from '../../db/store.ts';

export const SESSION_KEY_LENGTH = 16;
/** A session key as the API takes it: hex digits only, so it is safe inside a LIKE prefix. */
export const SESSION_KEY_PATTERN = /^[0-9a-f]{16}$/;

export type SessionView = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  address: string | null;
  userAgent: string | null;
  /** The session this request came with. */
  current: boolean;
  user: { id: string; username: string; displayName: string };
};

export function sessionKey(storedId: string): string {
  return storedId.slice(0, SESSION_KEY_LENGTH);
}

export async function listSessions(
  store: Store,
  opts: { userId?: string; currentSessionId: string | null },
  now: Date,
): Promise<SessionView[]> {
  const iso = now.toISOString();
  const oldestAlive = new Date(now.getTime() - ABSOLUTE_DAYS * 86_400_000).toISOString();
  let q = store.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      'sessions.id',
      'sessions.createdAt',
      'sessions.lastSeenAt',
      'sessions.expiresAt',
      'sessions.address',
      'sessions.userAgent',
      'users.id as userId',
      'users.username',
      'users.displayName',
    ])
    .where('sessions.expiresAt', '>', iso)
    .where('sessions.createdAt', '>', oldestAlive)
    .where('users.active', '=', 1);
  if (opts.userId) q = q.where('sessions.userId', '=', opts.userId);
  const rows = await q.orderBy('sessions.lastSeenAt', 'desc').orderBy('sessions.id').execute();
  return rows.map((r) => ({
    id: sessionKey(r.id),
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    expiresAt: r.expiresAt,
    address: r.address,
    userAgent: r.userAgent,
    current: r.id === opts.currentSessionId,
    user: { id: r.userId, username: r.username, displayName: r.displayName },
  }));
}
