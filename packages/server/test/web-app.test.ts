/** The server serves the built web app: its files, index.html for page paths, JSON 404s for the rest. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './helpers/harness.ts';

describe('serving the web app', () => {
  let t: TestApp;
  beforeAll(async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'luoshi-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>落实</title><div id="root"></div>');
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log("app")');
    t = await testApp('sqlite', { config: { webDir } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers / and every page path with index.html, so links into the app work', async () => {
    for (const url of ['/', '/my-work', '/deliverables/abc', '/plans/import?x=1']) {
      const res = await t.request(null, 'GET', url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves the files, and a missing file or API path is a JSON 404', async () => {
    const js = await t.request(null, 'GET', '/assets/app.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    for (const url of ['/assets/missing.js', '/api/missing']) {
      const res = await t.request(null, 'GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not-found');
    }
  });
});
