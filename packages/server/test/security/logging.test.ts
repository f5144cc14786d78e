/**
 * The server log (security audit, finding 10): a 5xx is logged (pino JSON) with a request id that the
 * answer carries as well (error.requestId, X-Request-Id); every response names its request; the
 * access log is a setting; no password, cookie or calendar secret reaches any log line. The 5xx is a
 * real one: the app's database connection is closed under it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';
import { loadDefaultOrgs } from '../../src/bootstrap.ts';
import { fixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { type OpenStore, openStore } from '../../src/db/store.ts';
import { buildApp } from '../../src/http/app.ts';
import { createUser } from '../../src/modules/users/create-user.ts';
import { DIALECTS, openTestStore, PASSWORD } from '../helpers/harness.ts';

type Line = Record<string, unknown> & { level: number; msg?: string; reqId?: string };

/** A server whose log is captured, on its own connection to a test database (to close under it). */
async function loggedApp(dialect: (typeof DIALECTS)[number], env: Record<string, string>) {
  const store = await openTestStore(dialect);
  const clock = fixedClock('2025-03-10T02:00:00.000Z');
  await loadDefaultOrgs(store, clock.now());
  await createUser(
    store,
    SYSTEM_ACTOR,
    { username: 'coord', password: PASSWORD, role: 'coordinator', orgId: null },
    clock.now(),
  );
  const own: OpenStore = await openStore({ databaseUrl: store.url, dataDir: store.dataDir });
  const raw: string[] = [];
  const config = loadConfig({ DATA_DIR: store.dataDir, ...env });
  const app = await buildApp({ store: own, clock, config }, { log: { write: (line) => raw.push(line) } });
  return {
    app,
    store,
    own,
    raw,
    lines: () => raw.map((l) => JSON.parse(l) as Line),
    async close() {
      await app.close();
      await own.close().catch(() => undefined);
      await store.dispose();
    },
  };
}

describe.each(DIALECTS)('the server log on %s', (dialect) => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const a of open.splice(0)) await a.close();
  });

  it('logs a 5xx with the request id its answer carries, and no password or cookie anywhere', async () => {
    const a = await loggedApp(dialect, { ACCESS_LOG: 'true' });
    open.push(a);
    const login = await a.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'coord', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const token = login.cookies.find((c) => c.name === 'luoshi_session')!.value;
    const cookie = `luoshi_session=${token}`;
    const me = await a.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    // A wrong password, a calendar feed with its secret in the path.
    await a.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'coord', password: 'wrong-Secret-77' },
    });
    await a.app.inject({ method: 'GET', url: '/api/calendar/some-org/feed-secret-1234.ics' });

    // The database goes away under the running app.
    await a.own.close();
    const failed = await a.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(failed.statusCode).toBe(500);
    const body = failed.json() as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('internal');
    expect(body.error.message).toBe('服务器内部错误');
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed.headers['x-request-id']).toBe(body.error.requestId);

    const lines = a.lines();
    const errors = lines.filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    const logged = errors[0]!;
    expect(logged.reqId).toBe(body.error.requestId);
    expect(logged.msg).toBe('request failed');
    expect(logged.req).toEqual({ method: 'GET', url: '/api/me', ip: '127.0.0.1' });
    expect(logged.res).toEqual({ statusCode: 500 });
    expect(typeof (logged.err as { stack?: unknown }).stack).toBe('string');

    // The access log: one line per request, with its status; the calendar secret replaced.
    const access = lines.filter((l) => l.msg === 'request completed');
    expect(access.map((l) => (l.res as { statusCode: number }).statusCode)).toEqual([
      200, 200, 401, 404, 500,
    ]);
    expect(access.map((l) => (l.req as { url: string }).url)).toContain(
      '/api/calendar/some-org/[redacted].ics',
    );
    expect(new Set(access.map((l) => l.reqId)).size).toBe(5);

    const text = a.raw.join('');
    for (const secret of [PASSWORD, 'wrong-Secret-77', token, 'feed-secret-1234'])
      expect(text, secret).not.toContain(secret);
  });

  it('logs no request when ACCESS_LOG is off, still every failure, and names every response', async () => {
    const a = await loggedApp(dialect, {});
    open.push(a);
    const answers = [
      await a.app.inject({ method: 'GET', url: '/api/health' }),
      await a.app.inject({ method: 'GET', url: '/api/me' }),
      await a.app.inject({ method: 'GET', url: '/api/no-such-thing' }),
      await a.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { origin: 'http://127.0.0.1:4500' },
        payload: {},
      }),
      await a.app.inject({ method: 'GET', url: '/api/reports/%FF%FE' }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 404, 403, 400]);
    const ids = answers.map((r) => r.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Only a failure of the server carries the id in its body.
    for (const r of answers.slice(1)) expect(r.json().error).not.toHaveProperty('requestId');
    expect(a.lines()).toEqual([]);

    await a.own.close();
    const failed = await a.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'coord', password: PASSWORD },
    });
    expect(failed.statusCode).toBe(500);
    const lines = a.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.reqId).toBe(failed.json().error.requestId);
    expect(a.raw.join('')).not.toContain(PASSWORD);
  });
});

describe('LOG_LEVEL and ACCESS_LOG', () => {
  it('default to info without access lines, and refuse what they cannot mean', () => {
    const c = loadConfig({});
    expect(c.logLevel).toBe('info');
    expect(c.accessLog).toBe(false);
    expect(loadConfig({ LOG_LEVEL: 'warn', ACCESS_LOG: 'true' })).toMatchObject({
      logLevel: 'warn',
      accessLog: true,
    });
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ ACCESS_LOG: 'maybe' })).toThrow(/ACCESS_LOG/);
  });
});
