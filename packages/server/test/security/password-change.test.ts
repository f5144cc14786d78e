/**
 * Changing passwords (security audit, finding 8): a password an administrator set or generated is
 * changed at first login, and one older than the expiry setting at the next login; until then the
 * API answers only /api/me, /api/session and the change itself. A user changes their own password
 * with the current one, which ends their other sessions. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILED_LOGINS } from '../../src/auth/sessions.ts';
import { bootstrap } from '../../src/bootstrap.ts';
import { DIALECTS, openTestStore, PASSWORD, type TestApp, testApp } from '../helpers/harness.ts';

const NEW_PASSWORD = 'Spring-rain-2026';

describe.each(DIALECTS)('password changes on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  beforeAll(async () => {
    t = await testApp(dialect);
    coord = await t.login('coord');
  });
  afterAll(async () => {
    await t?.close();
  });

  const userRow = (username: string) =>
    t.store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const lastAudit = (action: string) =>
    t.store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', action)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();

  const change = (cookie: string, currentPassword: string, newPassword: string) =>
    t.request(cookie, 'POST', '/api/me/password', { currentPassword, newPassword });

  async function expectOnlyPasswordChange(cookie: string, why: RegExp) {
    const me = await t.request(cookie, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    for (const [method, url] of [
      ['GET', '/api/deliverables'],
      ['GET', '/api/me/sessions'],
      ['GET', '/api/notifications'],
      ['POST', '/api/notifications/read-all'],
    ] as const) {
      const res = await t.request(cookie, method, url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('password-change-required');
      expect(res.json().error.message).toMatch(why);
    }
    return me.json();
  }

  it('makes a user the coordinator created change the password at first login, and nothing else first', async () => {
    const created = await t.request(coord, 'POST', '/api/users', {
      username: 'cz-chen',
      password: 'Given-by-coord-1',
      role: 'reporter',
      orgId: await t.orgId('市财政局'),
    });
    expect(created.statusCode).toBe(201);
    const cookie = await t.login('cz-chen', 'Given-by-coord-1');
    const me = await expectOnlyPasswordChange(cookie, /首次登录请先修改密码/);
    expect(me.user).toMatchObject({ username: 'cz-chen', mustChangePassword: 'initial' });

    const wrong = await change(cookie, 'not-the-one-1', NEW_PASSWORD);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toEqual({
      code: 'validation',
      message: '当前密码不正确',
      field: 'currentPassword',
    });
    const weak = await change(cookie, 'Given-by-coord-1', 'cz-chen-2026A');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toEqual({
      code: 'validation',
      message: '密码不能包含用户名',
      field: 'newPassword',
    });
    const same = await change(cookie, 'Given-by-coord-1', 'Given-by-coord-1');
    expect(same.json().error).toMatchObject({ field: 'newPassword', message: '新密码不能与当前密码相同' });
    expect((await userRow('cz-chen')).mustChangePassword).toBe('initial');

    const changed = await change(cookie, 'Given-by-coord-1', NEW_PASSWORD);
    expect(changed.statusCode).toBe(200);
    expect((await t.request(cookie, 'GET', '/api/deliverables')).statusCode).toBe(200);
    expect((await t.request(cookie, 'GET', '/api/me')).json().user.mustChangePassword).toBeNull();
    const row = await userRow('cz-chen');
    expect(row.passwordChangedAt).toBe(t.clock.now().toISOString());
    const audit = await lastAudit('user.password-change');
    expect(audit.entityId).toBe(row.id);
    expect(audit.actorName).toBe('cz-chen');
    expect(audit.afterJson ?? '').not.toContain('argon2');
    expect(
      (await t.request(null, 'POST', '/api/session', { username: 'cz-chen', password: 'Given-by-coord-1' }))
        .statusCode,
    ).toBe(401);
    expect(await t.login('cz-chen', NEW_PASSWORD)).toMatch(/^luoshi_session=/);
  });

  it('lets the coordinator create a user who chose their own password, without the first-login change', async () => {
    const created = await t.request(coord, 'POST', '/api/users', {
      username: 'cz-zhou',
      password: 'Chosen-by-zhou-7',
      role: 'viewer',
      mustChangePassword: false,
    });
    expect(created.statusCode).toBe(201);
    const cookie = await t.login('cz-zhou', 'Chosen-by-zhou-7');
    expect((await t.request(cookie, 'GET', '/api/deliverables')).statusCode).toBe(200);
  });

  it('makes the user change a password the coordinator reset, and ends their other sessions when they do', async () => {
    const name = await t.user('leader', '市财政局');
    const row = await userRow(name);
    const reset = await t.request(coord, 'POST', `/api/users/${row.id}/password`, {
      password: 'Reset-by-coord-3',
    });
    expect(reset.statusCode).toBe(200);
    const first = await t.login(name, 'Reset-by-coord-3');
    const second = await t.login(name, 'Reset-by-coord-3');
    await expectOnlyPasswordChange(first, /首次登录请先修改密码/);
    const changed = await change(first, 'Reset-by-coord-3', NEW_PASSWORD);
    expect(changed.json()).toEqual({ sessionsEnded: 1 });
    expect((await t.request(second, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await t.request(first, 'GET', '/api/deliverables')).statusCode).toBe(200);
  });

  it('counts a wrong current password as a failed login: a borrowed session cannot guess it', async () => {
    const name = await t.user('viewer');
    const cookie = await t.login(name);
    for (let i = 1; i < MAX_FAILED_LOGINS; i++)
      expect((await change(cookie, `guess-number-${i}`, NEW_PASSWORD)).json().error.field).toBe(
        'currentPassword',
      );
    const last = await change(cookie, 'guess-number-5', NEW_PASSWORD);
    expect(last.statusCode).toBe(423);
    expect(last.json().error.code).toBe('account-locked');
    expect((await change(cookie, PASSWORD, NEW_PASSWORD)).statusCode).toBe(423);
    expect(
      (await t.request(null, 'POST', '/api/session', { username: name, password: PASSWORD })).statusCode,
    ).toBe(423);
    const failed = await t.store.db
      .selectFrom('auditLog')
      .select('afterJson')
      .where('actorName', '=', name)
      .where('action', '=', 'session.login-failed')
      .execute();
    expect(failed.length).toBeGreaterThanOrEqual(MAX_FAILED_LOGINS);
    t.clock.advance(16 * 60_000);
    const fresh = await t.login(name);
    expect((await change(fresh, PASSWORD, NEW_PASSWORD)).statusCode).toBe(200);
    expect((await userRow(name)).failedLogins).toBe(0);
  });

  it('makes a password older than the expiry setting be changed at the next login', async () => {
    const name = await t.user('reporter', '市教育局');
    const viewer = await t.login(await t.user('viewer'));
    expect(
      (await t.request(viewer, 'PUT', '/api/settings/security', { passwordMaxAgeDays: 90 })).statusCode,
    ).toBe(403);
    for (const bad of [-1, 1.5, 4000, '90'])
      expect(
        (await t.request(coord, 'PUT', '/api/settings/security', { passwordMaxAgeDays: bad })).json().error,
      ).toMatchObject({ code: 'validation', field: 'passwordMaxAgeDays' });
    const set = await t.request(coord, 'PUT', '/api/settings/security', { passwordMaxAgeDays: 90 });
    expect(set.json()).toEqual({ passwordMaxAgeDays: 90 });
    expect((await t.request(coord, 'GET', '/api/settings/security')).json()).toEqual({
      passwordMaxAgeDays: 90,
    });
    const audit = await lastAudit('settings.update');
    expect(audit.entityId).toBe('security');
    expect(audit.afterJson).toBe(JSON.stringify({ passwordMaxAgeDays: 90 }));

    t.clock.advance(89 * 86_400_000);
    const early = await t.login(name);
    expect((await t.request(early, 'GET', '/api/deliverables')).statusCode).toBe(200);
    t.clock.advance(2 * 86_400_000);
    const late = await t.login(name);
    const me = await expectOnlyPasswordChange(late, /密码已过期/);
    expect(me.user.mustChangePassword).toBe('expired');
    // The sessions made before stay usable until they end; the next login asks again.
    await change(late, PASSWORD, NEW_PASSWORD);
    expect((await t.request(late, 'GET', '/api/deliverables')).statusCode).toBe(200);
    const again = await t.login(name, NEW_PASSWORD);
    expect((await t.request(again, 'GET', '/api/deliverables')).statusCode).toBe(200);

    // 0 turns expiry off again; the coordinator's own old password then still works.
    coord = await t.login('coord');
    await change(coord, PASSWORD, NEW_PASSWORD);
    await t.request(coord, 'PUT', '/api/settings/security', { passwordMaxAgeDays: 0 });
    expect((await t.request(coord, 'GET', '/api/settings/security')).json()).toEqual({
      passwordMaxAgeDays: 0,
    });
  });
});

describe.each(DIALECTS)('the first administrator on %s', (dialect) => {
  it('must change a generated password at first login; a LUOSHI_ADMIN_PASSWORD that breaks the policy is refused', async () => {
    const now = new Date('2025-03-10T02:00:00Z');
    const weak = await openTestStore(dialect);
    try {
      await expect(bootstrap(weak, { adminPassword: 'admin-12345' }, now)).rejects.toThrow(
        /LUOSHI_ADMIN_PASSWORD 不符合密码规则：密码不能包含用户名/,
      );
      expect(await weak.db.selectFrom('users').select('id').execute()).toEqual([]);
      const given = await bootstrap(weak, { adminPassword: 'Chosen-at-setup-9' }, now);
      expect(given).toEqual({ generatedPassword: null, createdAdmin: true });
      const row = await weak.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(row.mustChangePassword).toBeNull();
    } finally {
      await weak.dispose();
    }
    const store = await openTestStore(dialect);
    try {
      const boot = await bootstrap(store, { adminPassword: null }, now);
      expect(boot.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
      const row = await store.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ username: 'admin', mustChangePassword: 'initial' });
    } finally {
      await store.dispose();
    }
  });
});
