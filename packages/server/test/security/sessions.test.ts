/**
 * Signed-in devices (security audit, "also expected"): a user lists their sessions with when,
 * where from and which browser, ends one or all others ("sign out everywhere"); the coordinator
 * sees everyone's and ends any. Every ending is audited. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, PASSWORD, type TestApp, testApp } from '../helpers/harness.ts';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

type SessionJson = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  address: string | null;
  userAgent: string | null;
  current: boolean;
  user: { username: string };
};

describe.each(DIALECTS)('signed-in devices on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function signIn(username: string, userAgent: string, remoteAddress: string): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username, password: PASSWORD },
      headers: { 'user-agent': userAgent },
      remoteAddress,
    });
    expect(res.statusCode).toBe(200);
    return `luoshi_session=${res.cookies.find((c) => c.name === 'luoshi_session')!.value}`;
  }
  const mine = async (cookie: string): Promise<SessionJson[]> => {
    const res = await t.request(cookie, 'GET', '/api/me/sessions');
    expect(res.statusCode).toBe(200);
    return res.json().sessions;
  };
  const userId = async (username: string) =>
    (
      await t.store.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
  const auditCount = async (action: string) =>
    (await t.store.db.selectFrom('auditLog').select('seq').where('action', '=', action).execute()).length;

  it('lists my sessions with address and browser, newest activity first, marking this one', async () => {
    const name = await t.user('reporter', '市财政局');
    const desk = await signIn(name, FIREFOX, '10.1.0.1');
    t.clock.advance(5 * 60_000);
    const phone = await signIn(name, PHONE, '10.1.0.2');
    const list = await mine(phone);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({
      userAgent: PHONE,
      address: '10.1.0.2',
      current: true,
      user: { username: name },
    });
    expect(list[1]).toMatchObject({ userAgent: FIREFOX, address: '10.1.0.1', current: false });
    expect(list[0]!.id).toMatch(/^[0-9a-f]{16}$/);
    const stored = await t.store.db.selectFrom('sessions').select('id').execute();
    for (const s of list) expect(stored.map((r) => r.id)).not.toContain(s.id);
    // Another user sees none of them.
    const other = await t.login(await t.user('reporter', '市财政局'));
    expect((await mine(other)).map((s) => s.id)).not.toContain(list[0]!.id);
    expect((await t.request(other, 'DELETE', `/api/me/sessions/${list[0]!.id}`)).statusCode).toBe(404);
    expect((await t.request(desk, 'GET', '/api/me')).statusCode).toBe(200);
  });

  it('ends one of my sessions, then all the others, keeping this one', async () => {
    const name = await t.user('reporter', '市财政局');
    const a = await signIn(name, FIREFOX, '10.2.0.1');
    const b = await signIn(name, PHONE, '10.2.0.2');
    const c = await signIn(name, FIREFOX, '10.2.0.3');
    const before = await auditCount('session.end');
    const bId = (await mine(b)).find((s) => s.current)!.id;
    const ended = await t.request(a, 'DELETE', `/api/me/sessions/${bId}`);
    expect(ended.json()).toEqual({ sessionsEnded: 1 });
    expect((await t.request(b, 'GET', '/api/me')).statusCode).toBe(401);
    expect(await auditCount('session.end')).toBe(before + 1);
    expect((await t.request(a, 'DELETE', `/api/me/sessions/${bId}`)).statusCode).toBe(404);
    expect((await t.request(a, 'DELETE', '/api/me/sessions/not-a-key')).json().error).toMatchObject({
      code: 'validation',
      field: 'id',
    });

    const others = await t.request(a, 'DELETE', '/api/me/sessions');
    expect(others.json()).toEqual({ sessionsEnded: 1 });
    expect((await t.request(c, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await t.request(a, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await mine(a)).map((s) => s.current)).toEqual([true]);
    const audit = await t.store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'session.end-all')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.afterJson!)).toMatchObject({
      username: name,
      sessionsEnded: 1,
      keptCurrent: true,
    });
  });

  it('signs out everywhere, this browser included', async () => {
    const name = await t.user('viewer');
    const a = await signIn(name, FIREFOX, '10.3.0.1');
    const b = await signIn(name, PHONE, '10.3.0.2');
    const all = await t.request(a, 'DELETE', '/api/me/sessions?scope=all');
    expect(all.json()).toEqual({ sessionsEnded: 2 });
    expect(String(all.headers['set-cookie'])).toMatch(/luoshi_session=;/);
    expect((await t.request(a, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await t.request(b, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it("shows the coordinator everyone's sessions and lets them end one or all of a user's", async () => {
    const coord = await t.login('coord');
    const name = await t.user('reporter', '市教育局');
    const a = await signIn(name, FIREFOX, '10.4.0.1');
    const b = await signIn(name, PHONE, '10.4.0.2');
    const res = await t.request(coord, 'GET', '/api/sessions');
    expect(res.statusCode).toBe(200);
    const theirs = (res.json().sessions as SessionJson[]).filter((s) => s.user.username === name);
    expect(theirs.map((s) => s.address).sort()).toEqual(['10.4.0.1', '10.4.0.2']);
    expect((res.json().sessions as SessionJson[]).find((s) => s.current)?.user.username).toBe('coord');

    const phoneId = theirs.find((s) => s.userAgent === PHONE)!.id;
    expect((await t.request(coord, 'DELETE', `/api/sessions/${phoneId}`)).json()).toEqual({
      sessionsEnded: 1,
    });
    expect((await t.request(b, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await t.request(a, 'GET', '/api/me')).statusCode).toBe(200);

    const id = await userId(name);
    expect((await t.request(coord, 'DELETE', `/api/users/${id}/sessions`)).json()).toEqual({
      sessionsEnded: 1,
    });
    expect((await t.request(a, 'GET', '/api/me')).statusCode).toBe(401);
    const audit = await t.store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'session.end-all')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actorName: 'coord', entityId: id });
  });

  it('keeps the sessions of all users from anyone but the coordinator', async () => {
    const leader = await t.login(await t.user('leader', '市财政局'));
    const coordSession = (await t.request(await t.login('coord'), 'GET', '/api/me/sessions')).json()
      .sessions[0];
    expect((await t.request(leader, 'GET', '/api/sessions')).statusCode).toBe(403);
    expect((await t.request(leader, 'DELETE', `/api/sessions/${coordSession.id}`)).statusCode).toBe(403);
    const id = await userId('coord');
    expect((await t.request(leader, 'DELETE', `/api/users/${id}/sessions`)).statusCode).toBe(403);
  });
});
