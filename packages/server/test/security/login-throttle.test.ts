/**
 * Login lockout under parallel guessing (security audit, finding 1): failures are counted
 * atomically per account and per client address, on SQLite and PostgreSQL alike; a locked account
 * and an unknown name answer alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILED_LOGINS, MAX_FAILED_LOGINS_PER_ADDRESS } from '../../src/auth/sessions.ts';
import { DIALECTS, PASSWORD, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('login throttling on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  const attempt = (username: string, password: string, remoteAddress: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username, password },
      remoteAddress,
    });

  const statuses = (rs: { statusCode: number }[]) => {
    const n: Record<number, number> = {};
    for (const r of rs) n[r.statusCode] = (n[r.statusCode] ?? 0) + 1;
    return n;
  };

  it('locks an account under 30 parallel wrong passwords and refuses the right one while locked', async () => {
    const name = await t.user('reporter', '市财政局');
    const rs = await Promise.all(
      Array.from({ length: 30 }, () => attempt(name, 'wrong-password', '10.0.1.1')),
    );
    const n = statuses(rs);
    // Exactly the failures before the threshold are told "wrong password"; the rest are locked out.
    expect(n[401]).toBe(MAX_FAILED_LOGINS - 1);
    expect((n[423] ?? 0) + (n[429] ?? 0)).toBe(30 - (MAX_FAILED_LOGINS - 1));
    for (const r of rs.filter((x) => x.statusCode === 423))
      expect(r.json()).toEqual({
        error: { code: 'account-locked', message: '登录失败次数过多，账户已临时锁定，请稍后再试' },
      });
    const right = await attempt(name, PASSWORD, '10.0.1.2');
    expect(right.statusCode).toBe(423);
    expect(right.cookies).toEqual([]);
    const row = await t.store.db
      .selectFrom('users')
      .select(['lockedUntil'])
      .where('username', '=', name)
      .executeTakeFirstOrThrow();
    expect(row.lockedUntil! > t.clock.now().toISOString()).toBe(true);
    const locks = await t.store.db
      .selectFrom('auditLog')
      .select('action')
      .where('actorName', '=', name)
      .where('action', '=', 'user.locked')
      .execute();
    expect(locks).toHaveLength(1);
    const sessions = await t.store.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .select('sessions.id')
      .where('users.username', '=', name)
      .execute();
    expect(sessions).toEqual([]);
    t.clock.advance(16 * 60_000);
    expect((await attempt(name, PASSWORD, '10.0.1.2')).statusCode).toBe(200);
  });

  it('answers an unknown name as it answers a locked account', async () => {
    const real = await t.user('reporter', '市财政局');
    const ghost = 'no-such-user-anywhere';
    const realRs = await Promise.all(
      Array.from({ length: 12 }, () => attempt(real, 'wrong-password', '10.0.2.1')),
    );
    const ghostRs = await Promise.all(
      Array.from({ length: 12 }, () => attempt(ghost, 'wrong-password', '10.0.2.2')),
    );
    expect(statuses(ghostRs)).toEqual(statuses(realRs));
    expect(statuses(realRs)).toEqual({ 401: MAX_FAILED_LOGINS - 1, 423: 12 - (MAX_FAILED_LOGINS - 1) });
    const a = await attempt(real, PASSWORD, '10.0.2.3');
    const b = await attempt(ghost, PASSWORD, '10.0.2.4');
    expect(a.statusCode).toBe(423);
    expect(b.statusCode).toBe(a.statusCode);
    expect(b.json()).toEqual(a.json());
    // A fresh unknown name is told what a fresh account is told.
    const c = await attempt('another-ghost', 'x', '10.0.2.5');
    const d = await attempt(await t.user('viewer'), 'x', '10.0.2.6');
    expect(c.json()).toEqual(d.json());
    expect(c.statusCode).toBe(401);
  });

  it('rate-limits one client address guessing across many names, in parallel', async () => {
    const total = MAX_FAILED_LOGINS_PER_ADDRESS + 10;
    const rs = await Promise.all(
      Array.from({ length: total }, (_, i) => attempt(`spray-${i}`, 'Password1', '10.0.3.1')),
    );
    const n = statuses(rs);
    expect(n[401]).toBe(MAX_FAILED_LOGINS_PER_ADDRESS - 1);
    expect(n[429]).toBe(total - (MAX_FAILED_LOGINS_PER_ADDRESS - 1));
    const limited = rs.find((r) => r.statusCode === 429)!;
    expect(limited.json()).toEqual({
      error: { code: 'rate-limited', message: '登录尝试过于频繁，请稍后再试' },
    });
    // The address is refused even with a right password; another address is not.
    const coordFromThere = await attempt('coord', PASSWORD, '10.0.3.1');
    expect(coordFromThere.statusCode).toBe(429);
    expect((await attempt('coord', PASSWORD, '10.0.3.2')).statusCode).toBe(200);
    t.clock.advance(16 * 60_000);
    expect((await attempt('coord', PASSWORD, '10.0.3.1')).statusCode).toBe(200);
  });
});
