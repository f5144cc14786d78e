/** Editing one account, deactivating, unlocking and resetting passwords, on SQLite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, PASSWORD, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('editing users on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  beforeAll(async () => {
    t = await testApp(dialect);
    coord = await t.login('coord');
  });
  afterAll(async () => {
    await t?.close();
  });

  const byName = (username: string) =>
    t.store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const auditOf = (action: string, entityId: string) =>
    t.store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', action)
      .where('entityId', '=', entityId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
  const auditCount = async () =>
    Number(
      (
        await t.store.db
          .selectFrom('auditLog')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('lists users with their version, and edits name, role, unit and e-mail with an audit record', async () => {
    const name = await t.user('reporter', '市财政局');
    const u = await byName(name);
    const list = await t.request(coord, 'GET', '/api/users');
    expect(list.json().users.find((x: { id: string }) => x.id === u.id)).toMatchObject({ rowVersion: 1 });
    const res = await t.request(coord, 'PATCH', `/api/users/${u.id}`, {
      rowVersion: 1,
      displayName: '张三',
      role: 'leader',
      orgId: await t.orgId('市教育局'),
      email: 'zhang@example.cn',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      displayName: '张三',
      role: 'leader',
      orgId: 'education',
      rowVersion: 2,
    });
    expect(res.json()).not.toHaveProperty('passwordHash');
    const audit = await auditOf('user.update', u.id);
    expect(audit.actorName).toBe('coord');
    expect(JSON.parse(audit.beforeJson!)).toEqual({
      displayName: name,
      role: 'reporter',
      orgId: 'finance',
      email: null,
    });
    expect(JSON.parse(audit.afterJson!)).toEqual({
      displayName: '张三',
      role: 'leader',
      orgId: 'education',
      email: 'zhang@example.cn',
    });
    // The same values again: nothing written.
    const count = await auditCount();
    const same = await t.request(coord, 'PATCH', `/api/users/${u.id}`, {
      rowVersion: 2,
      displayName: '张三',
    });
    expect(same.json().rowVersion).toBe(2);
    expect(await auditCount()).toBe(count);
  });

  it('refuses bad edits with the field named and changes nothing', async () => {
    const name = await t.user('reporter', '市财政局');
    const u = await byName(name);
    const me = await byName('coord');
    const count = await auditCount();
    const cases: [string, Record<string, unknown>, number, string, RegExp][] = [
      [u.id, { rowVersion: 1, orgId: null }, 400, 'orgId', /必须属于一个单位/],
      [u.id, { rowVersion: 1, role: 'leader', orgId: null }, 400, 'orgId', /必须属于一个单位/],
      [u.id, { rowVersion: 1, orgId: 'nowhere' }, 400, 'orgId', /不存在/],
      [u.id, { rowVersion: 1, role: 'boss' }, 400, 'role', /./],
      [u.id, { rowVersion: 1, email: 'not-an-address' }, 400, 'email', /邮箱格式不正确/],
      [u.id, { rowVersion: 0, displayName: '迟到' }, 409, 'rowVersion', /已被他人修改/],
      [me.id, { rowVersion: me.rowVersion, active: false }, 409, 'active', /不能停用自己的账号/],
      [me.id, { rowVersion: me.rowVersion, role: 'viewer' }, 409, 'role', /不能取消自己的管理员角色/],
    ];
    for (const [id, body, status, field, message] of cases) {
      const res = await t.request(coord, 'PATCH', `/api/users/${id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
      expect(res.json().error.message).toMatch(message);
    }
    expect(await byName(name)).toEqual(u);
    expect(await byName('coord')).toEqual(me);
    expect(await auditCount()).toBe(count);
    expect((await t.request(coord, 'PATCH', '/api/users/nobody', { rowVersion: 1 })).statusCode).toBe(404);
  });

  it('deactivates a user: their session stops working and they cannot log in; reactivating lets them back', async () => {
    const name = await t.user('reporter', '市教育局');
    const u = await byName(name);
    const theirs = await t.login(name);
    expect((await t.request(theirs, 'GET', '/api/me')).statusCode).toBe(200);
    const res = await t.request(coord, 'PATCH', `/api/users/${u.id}`, { rowVersion: 1, active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(0);
    expect((await t.request(theirs, 'GET', '/api/me')).statusCode).toBe(401);
    const login = await t.request(null, 'POST', '/api/session', { username: name, password: PASSWORD });
    expect(login.statusCode).toBe(401);
    const audit = await auditOf('user.deactivate', u.id);
    expect(JSON.parse(audit.beforeJson!)).toEqual({ active: 1 });
    expect(JSON.parse(audit.afterJson!)).toEqual({ active: 0, sessionsEnded: 1 });
    const sessions = await t.store.db
      .selectFrom('sessions')
      .select('id')
      .where('userId', '=', u.id)
      .execute();
    expect(sessions).toEqual([]);

    const back = await t.request(coord, 'PATCH', `/api/users/${u.id}`, { rowVersion: 2, active: true });
    expect(back.statusCode).toBe(200);
    await auditOf('user.activate', u.id);
    expect(await t.login(name)).toMatch(/^luoshi_session=/);
  });

  it('unlocks a locked account', async () => {
    const name = await t.user('reporter', '市财政局');
    const u = await byName(name);
    for (let i = 0; i < 5; i++)
      await t.request(null, 'POST', '/api/session', { username: name, password: 'wrong-password' });
    expect(
      (await t.request(null, 'POST', '/api/session', { username: name, password: PASSWORD })).statusCode,
    ).toBe(423);
    const list = await t.request(coord, 'GET', '/api/users');
    expect(list.json().users.find((x: { id: string }) => x.id === u.id).lockedUntil).not.toBeNull();
    const res = await t.request(coord, 'POST', `/api/users/${u.id}/unlock`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ unlocked: true });
    const audit = await auditOf('user.unlock', u.id);
    expect(JSON.parse(audit.afterJson!)).toEqual({ lockedUntil: null, failedLogins: 0 });
    expect(await t.login(name)).toMatch(/^luoshi_session=/);
    const count = await auditCount();
    expect((await t.request(coord, 'POST', `/api/users/${u.id}/unlock`)).json()).toEqual({ unlocked: false });
    expect(await auditCount()).toBe(count);
  });

  it('resets a password: the old one and the old sessions stop working, the new one logs in', async () => {
    const name = await t.user('leader', '市财政局');
    const u = await byName(name);
    const old = await t.login(name);
    const count = await auditCount();
    const short = await t.request(coord, 'POST', `/api/users/${u.id}/password`, { password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({
      field: 'password',
      message: expect.stringMatching(/至少10位/),
    });
    expect(await auditCount()).toBe(count);
    expect((await byName(name)).passwordHash).toBe(u.passwordHash);

    const res = await t.request(coord, 'POST', `/api/users/${u.id}/password`, { password: 'new-secret-42' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sessionsEnded: 1 });
    expect((await t.request(old, 'GET', '/api/me')).statusCode).toBe(401);
    expect(
      (await t.request(null, 'POST', '/api/session', { username: name, password: PASSWORD })).statusCode,
    ).toBe(401);
    expect(await t.login(name, 'new-secret-42')).toMatch(/^luoshi_session=/);
    const audit = await auditOf('user.password-reset', u.id);
    expect(audit.afterJson).toBe(JSON.stringify({ sessionsEnded: 1, mustChangePassword: 'initial' }));
    const row = await byName(name);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const all = await t.store.db.selectFrom('auditLog').select(['beforeJson', 'afterJson']).execute();
    for (const a of all) {
      expect(a.afterJson ?? '').not.toContain('argon2');
      expect(a.beforeJson ?? '').not.toContain('argon2');
    }
  });

  it('lets only the coordinator manage accounts', async () => {
    const name = await t.user('reporter', '市财政局');
    const u = await byName(name);
    const leader = await t.login(await t.user('leader', '市财政局'));
    expect(
      (await t.request(leader, 'PATCH', `/api/users/${u.id}`, { rowVersion: 1, active: false })).statusCode,
    ).toBe(403);
    expect(
      (await t.request(leader, 'POST', `/api/users/${u.id}/password`, { password: 'x'.repeat(10) }))
        .statusCode,
    ).toBe(403);
    expect((await t.request(leader, 'POST', `/api/users/${u.id}/unlock`)).statusCode).toBe(403);
    expect(await byName(name)).toEqual(u);
  });
});
