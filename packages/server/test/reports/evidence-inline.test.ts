/**
 * Evidence shown in the browser (GET /api/evidence/{id}?inline=1): images and PDFs inline with a
 * sandboxing CSP, every other file an attachment whatever is asked, the type the one checked on
 * upload; the same access rules as a download. Both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { PDF, PNG, snapshot, upload, type World, world } from './world.ts';

const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml')]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');

describe.each(DIALECTS)('evidence shown inline on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let reportId: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await world(t);
    // What the client claims as a part's type is ignored: the bytes and extension decide.
    const r = await upload(t, w.cookies.reporter, `/api/deliverables/${w.leadId}/reports`, [
      { name: 'narrative', value: '一季度预决算公开工作已经完成，附现场照片和公开文件。' },
      { name: 'evidence', filename: '现场照片.png', content: PNG, contentType: 'text/html' },
      { name: 'evidence', filename: '公开文件.pdf', content: PDF, contentType: 'image/svg+xml' },
      { name: 'evidence', filename: '台账.docx', content: DOCX, contentType: 'application/pdf' },
      { name: 'evidence', filename: '动图.gif', content: GIF },
      {
        name: 'evidence',
        filename: '说明.txt',
        content: '公开网址：https://example.org\n',
        contentType: 'image/png',
      },
    ]);
    expect(r.statusCode).toBe(201);
    for (const e of r.json().report.evidence as { id: string; fileName: string }[]) ids[e.fileName] = e.id;
    // Handed in, so the coordinator may read it; a draft of the co-unit takes the refused uploads.
    const report = r.json().report as { id: string; rowVersion: number };
    const submitted = await t.request(w.cookies.reporter, 'POST', `/api/reports/${report.id}/submit`, {
      rowVersion: report.rowVersion,
    });
    expect(submitted.statusCode).toBe(200);
    const draft = await t.request(w.cookies.coReporter, 'POST', `/api/deliverables/${w.coId}/reports`, {
      narrative: '配合单位的草稿',
    });
    expect(draft.statusCode).toBe(201);
    reportId = draft.json().report.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (cookie: string | null, id: string, query = '') =>
    t.request(cookie, 'GET', `/api/evidence/${id}${query}`);

  it('sends a PNG, a GIF and a PDF inline when asked, with nosniff and a sandboxing CSP', async () => {
    const cases: [string, string, Buffer][] = [
      ['现场照片.png', 'image/png', PNG],
      ['动图.gif', 'image/gif', GIF],
      ['公开文件.pdf', 'application/pdf', PDF],
    ];
    for (const [name, type, bytes] of cases) {
      const id = ids[name] ?? '';
      for (const cookie of [w.cookies.coord, w.cookies.reporter, w.cookies.viewer]) {
        const res = await get(cookie, id, '?inline=1');
        expect(res.statusCode, name).toBe(200);
        expect(res.headers['content-type'], name).toBe(type);
        expect(res.headers['content-disposition'], name).toBe(
          `inline; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        );
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        const csp = String(res.headers['content-security-policy']);
        expect(csp.split(';').map((d) => d.trim())).toEqual(
          expect.arrayContaining(['sandbox', "default-src 'none'", "frame-ancestors 'self'"]),
        );
        expect(csp).not.toContain('allow-scripts');
        // The app's frame-ancestors 'none' does not replace it: the preview is framed by this site.
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.rawPayload.equals(bytes), name).toBe(true);
      }
    }
  });

  it('sends the same files as attachments without ?inline=1 or with ?inline=0', async () => {
    for (const query of ['', '?inline=0']) {
      const res = await get(w.cookies.coord, ids['现场照片.png'] ?? '', query);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(String(res.headers['content-disposition'])).toMatch(/^attachment; /);
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('always sends Office files and text as attachments, even with ?inline=1', async () => {
    const cases: [string, string][] = [
      ['台账.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['说明.txt', 'text/plain; charset=utf-8'],
    ];
    for (const [name, type] of cases) {
      const res = await get(w.cookies.coord, ids[name] ?? '', '?inline=1');
      expect(res.statusCode, name).toBe(200);
      expect(res.headers['content-type'], name).toBe(type);
      expect(res.headers['content-disposition'], name).toBe(
        `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('refuses HTML and SVG on upload, and never sends such a stored row inline', async () => {
    const before = await snapshot(t);
    const pages: [string, string][] = [
      ['页面.html', '<!DOCTYPE html><html><script>alert(1)</script></html>'],
      ['标志.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
      ['伪装.png', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ];
    for (const [filename, content] of pages) {
      const res = await upload(t, w.cookies.coReporter, `/api/reports/${reportId}/evidence`, [
        { name: 'evidence', filename, content, contentType: 'image/png' },
      ]);
      expect(res.statusCode, filename).toBe(415);
    }
    expect(await snapshot(t)).toEqual(before);

    // Rows that did not come through today's upload checks (older data, a hand-edited database):
    // a markup type, or an image type under a name that is not an image, are only ever downloaded.
    const png = await t.store.db
      .selectFrom('evidence')
      .selectAll()
      .where('id', '=', ids['现场照片.png'] ?? '')
      .executeTakeFirstOrThrow();
    const rows: [string, string, string][] = [
      ['标志.svg', 'image/svg+xml', 'application/octet-stream'],
      ['页面.html', 'text/html', 'application/octet-stream'],
      ['页面.html', 'image/png', 'image/png'],
    ];
    for (const [fileName, contentType, served] of rows) {
      const id = newId();
      await t.store.db
        .insertInto('evidence')
        .values({ ...png, id, fileName, contentType })
        .execute();
      const res = await get(w.cookies.coord, id, '?inline=1');
      expect(res.statusCode, fileName).toBe(200);
      expect(res.headers['content-type'], `${fileName} ${contentType}`).toBe(served);
      expect(String(res.headers['content-disposition']), fileName).toMatch(/^attachment; /);
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      await t.store.db.deleteFrom('evidence').where('id', '=', id).execute();
    }
  });

  it("keeps the access rules: another unit's reporter gets 403, no session 401, a bad flag 400", async () => {
    for (const name of ['现场照片.png', '公开文件.pdf']) {
      const id = ids[name] ?? '';
      const res = await get(w.cookies.stranger, id, '?inline=1');
      expect(res.statusCode, name).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect(res.headers['content-disposition']).toBeUndefined();
      expect((await get(null, id, '?inline=1')).statusCode).toBe(401);
    }
    const bad = await get(w.cookies.coord, ids['现场照片.png'] ?? '', '?inline=yes');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('inline 只能是 0 或 1');
  });
});
