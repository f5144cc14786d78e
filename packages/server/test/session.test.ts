/** Sessions, users, errors and the audit chain, on SQLite and PostgreSQL alike. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit.ts';
import { DIALECTS, PASSWORD, type TestApp, testApp } from './helpers/harness.ts';

describe.each(DIALECTS)('sessions and users on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs in with an HttpOnly cookie, tells who I am and what I may do, logs out', async () => {
    const res = await t.request(null, 'POST', '/api/session', { username: 'coord', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    const cookie = `luoshi_session=${res.cookies[0]!.value}`;
    const me = await t.request(cookie, 'GET', '/api/me');
    expect(me.json()).toMatchObject({
      user: { username: 'coord', role: 'coordinator' },
      org: { name: '市司法局' },
      permissions: { publishPlans: true, submitReports: false },
    });
    expect((await t.request(cookie, 'DELETE', '/api/session')).statusCode).toBe(200);
    const after = await t.request(cookie, 'GET', '/api/me');
    expect(after.statusCode).toBe(401);
    expect(after.json()).toEqual({ error: { code: 'unauthenticated', message: '请先登录' } });
  });

  it('rejects a wrong password in Chinese, and locks the account after five failures', async () => {
    const name = await t.user('reporter', '市财政局');
    for (let i = 0; i < 4; i++) {
      const r = await t.request(null, 'POST', '/api/session', { username: name, password: 'wrong-password' });
      expect(r.statusCode).toBe(401);
      expect(r.json().error).toEqual({ code: 'invalid-credentials', message: '用户名或密码错误' });
    }
    const fifth = await t.request(null, 'POST', '/api/session', {
      username: name,
      password: 'wrong-password',
    });
    expect(fifth.statusCode).toBe(423);
    // Locked: even the right password is refused until the lock runs out.
    const right = await t.request(null, 'POST', '/api/session', { username: name, password: PASSWORD });
    expect(right.statusCode).toBe(423);
    t.clock.advance(16 * 60_000);
    expect(await t.login(name)).toMatch(/^luoshi_session=/);
  });

  it('expires a session after eight idle hours', async () => {
    const cookie = await t.login('coord');
    expect((await t.request(cookie, 'GET', '/api/me')).statusCode).toBe(200);
    t.clock.advance(8 * 3_600_000 + 60_000);
    expect((await t.request(cookie, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('validates bodies and names the field; rejects bad JSON, wrong types and oversized bodies', async () => {
    const missing = await t.request(null, 'POST', '/api/session', { password: 'x' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'validation', field: 'username' });
    const badJson = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('bad-json');
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/xml' },
      payload: '<x/>',
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error.code).toBe('unsupported-media-type');
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(2_000_000), password: 'y' }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toBe('上传内容过大');
  });

  it('lets a coordinator create users and refuses everyone else', async () => {
    const coord = await t.login('coord');
    const created = await t.request(coord, 'POST', '/api/users', {
      username: 'jiaoyu1',
      password: 'long-enough-1',
      role: 'reporter',
      orgId: await t.orgId('市教育局'),
    });
    expect(created.statusCode).toBe(201);
    const reporter = await t.login('jiaoyu1', 'long-enough-1');
    const denied = await t.request(reporter, 'POST', '/api/users', {
      username: 'sneaky',
      password: 'long-enough-1',
      role: 'coordinator',
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toBe('没有权限执行此操作');
    const noUnit = await t.request(coord, 'POST', '/api/users', {
      username: 'nounit',
      password: 'long-enough-1',
      role: 'reporter',
    });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.field).toBe('orgId');
    const dup = await t.request(coord, 'POST', '/api/users', {
      username: 'jiaoyu1',
      password: 'long-enough-1',
      role: 'viewer',
    });
    expect(dup.statusCode).toBe(409);
    const users = await t.store.db
      .selectFrom('users')
      .select('username')
      .where('username', '=', 'sneaky')
      .execute();
    expect(users).toEqual([]);
  });

  it('records every change in a hash chain that detects tampering', async () => {
    const before = await verifyAuditChain(t.store);
    expect(before.ok).toBe(true);
    expect(before.count).toBeGreaterThan(80); // the directory import, users, logins
    const created = await t.store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'user.create')
      .where(
        'entityId',
        '=',
        (
          await t.store.db
            .selectFrom('users')
            .select('id')
            .where('username', '=', 'jiaoyu1')
            .executeTakeFirstOrThrow()
        ).id,
      )
      .executeTakeFirstOrThrow();
    expect(created.actorName).toBe('coord');
    expect(JSON.parse(created.afterJson!)).toMatchObject({ username: 'jiaoyu1', role: 'reporter' });
    expect(created.afterJson).not.toContain('argon2');
    await t.store.db
      .updateTable('auditLog')
      .set({ actorName: 'someone-else' })
      .where('seq', '=', created.seq)
      .execute();
    const after = await verifyAuditChain(t.store);
    expect(after.ok).toBe(false);
    expect(after.problem?.seq).toBe(created.seq);
  });

  it('documents its routes at /api/openapi.json', async () => {
    const doc = (await t.request(null, 'GET', '/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/session', '/api/me', '/api/users']));
    expect(doc.paths['/api/session'].post.requestBody.content['application/json'].schema.required).toEqual([
      'username',
      'password',
    ]);
  });
});
