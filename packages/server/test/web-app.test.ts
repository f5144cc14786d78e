/** The server serves the built web app: its files, index.html for page paths, JSON 404s for the rest. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './helpers/harness.ts';

const BIG = `/* 落实 */ ${'export const a = "督办";\n'.repeat(2000)}`;

describe('serving the web app', () => {
  let t: TestApp;
  beforeAll(async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'luoshi-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>落实</title><div id="root"></div>');
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log("app")');
    // A built bundle with the compressed copies the build writes beside it.
    writeFileSync(join(webDir, 'assets', 'big-abc123.js'), BIG);
    writeFileSync(join(webDir, 'assets', 'big-abc123.js.br'), brotliCompressSync(BIG));
    writeFileSync(join(webDir, 'assets', 'big-abc123.js.gz'), gzipSync(BIG));
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

  it('sends the Brotli copy to a browser that takes it, gzip to one that takes only gzip, and caches hashed assets for a year', async () => {
    const get = (encoding: string | null) =>
      t.app.inject({
        method: 'GET',
        url: '/assets/big-abc123.js',
        headers: encoding ? { 'accept-encoding': encoding } : {},
      });
    const br = await get('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.rawPayload.length).toBeLessThan(BIG.length / 10);
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(BIG);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toContain('accept-encoding');
    expect((await get('gzip')).headers['content-encoding']).toBe('gzip');
    const plain = await get(null);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BIG);
    // The page is revalidated every time, so people get a new build at once.
    expect((await t.request(null, 'GET', '/my-work')).headers['cache-control']).toBe('no-cache');
  });
});
