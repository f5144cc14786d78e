/**
 * Behind a TLS proxy (security audit, finding 5): with TRUST_PROXY naming the proxy, a request that
 * came over HTTPS (X-Forwarded-Proto) gets a Secure session cookie and Strict-Transport-Security, and
 * the client address (X-Forwarded-For) is the one the login throttle counts. Without TRUST_PROXY
 * those headers are anybody's to send and are ignored.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MAX_FAILED_LOGINS_PER_ADDRESS } from '../../src/auth/sessions.ts';
import { type Config, loadConfig, parseTrustProxy } from '../../src/config.ts';
import { DIALECTS, PASSWORD, type TestApp, testApp } from '../helpers/harness.ts';

function sessionCookie(res: LightMyRequestResponse) {
  const cookie = res.cookies.find((c) => c.name === 'luoshi_session');
  if (!cookie) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  return cookie;
}

describe('TRUST_PROXY', () => {
  it('reads true/false, a hop count, and addresses, CIDRs and range names; refuses anything else', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('TRUE')).toBe(true);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['yes please', '10.0.0.0/33', '10.0.0/8', 'proxy.example', '1.2.3.4,'])
      expect(() => parseTrustProxy(bad), bad).toThrow(/TRUST_PROXY/);
  });
});

describe('the session cookie and HSTS behind a TLS proxy', () => {
  const apps: TestApp[] = [];
  const app = async (trustProxy: Config['trustProxy']) => {
    const t = await testApp('sqlite', { config: { trustProxy } });
    apps.push(t);
    return t;
  };
  afterEach(async () => {
    for (const t of apps.splice(0)) await t.close();
  });

  const login = (t: TestApp, headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'coord', password: PASSWORD },
      headers,
      remoteAddress,
    });

  it('marks the cookie Secure and sends HSTS when a trusted proxy says the request came over HTTPS', async () => {
    const t = await app(true);
    const res = await login(t, { 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(res).secure).toBe(true);
    expect(sessionCookie(res).httpOnly).toBe(true);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    const page = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
    // Plain HTTP through the same proxy: no Secure (the browser would drop the cookie), no HSTS.
    const plain = await login(t, { 'x-forwarded-proto': 'http' });
    expect(sessionCookie(plain).secure).toBeUndefined();
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('ignores X-Forwarded-Proto without TRUST_PROXY', async () => {
    const t = await app(false);
    const res = await login(t, { 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(res).secure).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('believes only the proxies named by address or CIDR', async () => {
    const t = await app(['10.0.0.0/8']);
    const viaProxy = await login(t, { 'x-forwarded-proto': 'https' }, '10.1.2.3');
    expect(sessionCookie(viaProxy).secure).toBe(true);
    const direct = await login(t, { 'x-forwarded-proto': 'https' }, '192.0.2.9');
    expect(sessionCookie(direct).secure).toBeUndefined();
    expect(direct.headers['strict-transport-security']).toBeUndefined();
  });

  it('believes as many hops as TRUST_PROXY counts', async () => {
    const t = await app(1);
    const res = await login(t, { 'x-forwarded-proto': 'https' }, '10.9.9.9');
    expect(sessionCookie(res).secure).toBe(true);
  });
});

describe.each(DIALECTS)('the client address the login throttle counts on %s', (dialect) => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  /** Fail logins from `forwardedFor` through `proxy` until the address limit is reached. */
  const exhaust = async (t: TestApp, proxy: string, forwardedFor: string) => {
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_ADDRESS; i++)
      await t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: `guess-${i}`, password: 'wrong-password-1' },
        headers: { 'x-forwarded-for': forwardedFor },
        remoteAddress: proxy,
      });
  };
  const coordFrom = (t: TestApp, proxy: string, forwardedFor: string) =>
    t.app
      .inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'coord', password: PASSWORD },
        headers: { 'x-forwarded-for': forwardedFor },
        remoteAddress: proxy,
      })
      .then((r) => r.statusCode);

  it('is the X-Forwarded-For address behind a trusted proxy', async () => {
    const t = await testApp(dialect, { config: { trustProxy: ['10.0.0.0/8'] } });
    apps.push(t);
    await exhaust(t, '10.0.0.1', '203.0.113.7');
    // The guesser is refused whichever proxy it comes through; others behind the same proxy are not.
    expect(await coordFrom(t, '10.0.0.2', '203.0.113.7')).toBe(429);
    expect(await coordFrom(t, '10.0.0.1', '203.0.113.8')).toBe(200);
  });

  it('is the connection’s address without TRUST_PROXY: X-Forwarded-For is ignored', async () => {
    const t = await testApp(dialect);
    apps.push(t);
    await exhaust(t, '10.0.0.1', '203.0.113.7');
    expect(await coordFrom(t, '10.0.0.2', '203.0.113.7')).toBe(200);
    expect(await coordFrom(t, '10.0.0.1', '203.0.113.8')).toBe(429);
  });
});
