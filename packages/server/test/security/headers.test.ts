/**
 * Security headers (security audit, finding 11): the web app, its files, the API and its errors all
 * carry a strict CSP (no inline script, framed by nobody), X-Frame-Options DENY, Referrer-Policy,
 * Permissions-Policy and nosniff. The evidence preview keeps its own sandboxing CSP
 * (reports/evidence-inline.test.ts).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../helpers/harness.ts';

function directives(res: LightMyRequestResponse): Map<string, string[]> {
  const csp = String(res.headers['content-security-policy'] ?? '');
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

function expectSecurityHeaders(res: LightMyRequestResponse, what: string) {
  const csp = directives(res);
  expect(csp.get('default-src'), what).toEqual(["'self'"]);
  expect(csp.get('script-src'), what).toEqual(["'self'"]);
  expect(csp.get('object-src'), what).toEqual(["'none'"]);
  expect(csp.get('base-uri'), what).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  for (const values of csp.values()) {
    expect(values, what).not.toContain("'unsafe-eval'");
    expect(values, what).not.toContain('*');
  }
  expect(csp.get('script-src'), what).not.toContain("'unsafe-inline'");
  expect(res.headers['x-frame-options'], what).toBe('DENY');
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(['no-referrer', 'strict-origin-when-cross-origin'], what).toContain(res.headers['referrer-policy']);
  const permissions = String(res.headers['permissions-policy']);
  for (const feature of ['camera', 'microphone', 'geolocation'])
    expect(permissions, what).toContain(`${feature}=()`);
}

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'luoshi-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(
      join(webDir, 'index.html'),
      '<!doctype html><title>落实</title><div id="root"></div><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log("app")');
    t = await testApp('sqlite', { config: { webDir } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends them with the web app, a page path and an asset', async () => {
    for (const url of ['/', '/my-work', '/assets/app.js']) {
      const res = await t.request(null, 'GET', url);
      expect(res.statusCode, url).toBe(200);
      expectSecurityHeaders(res, url);
    }
  });

  it('sends them with API answers and errors', async () => {
    const cookie = await t.login('coord');
    const cases: [string | null, string, number][] = [
      [null, '/api/health', 200],
      [cookie, '/api/me', 200],
      [null, '/api/me', 401],
      [null, '/api/missing', 404],
      [null, '/assets/missing.js', 404],
    ];
    for (const [c, url, status] of cases) {
      const res = await t.request(c, 'GET', url);
      expect(res.statusCode, url).toBe(status);
      expectSecurityHeaders(res, url);
    }
  });
});
