/** Who may touch reports and evidence, and what bad uploads and bad requests get: both databases. */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { blobFiles, PDF, PNG, snapshot, upload, type World, world } from './world.ts';

const LIMIT = 64 * 1024;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe.each(DIALECTS)('report security and uploads on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let reportId: string;
  let evidenceId: string;
  beforeAll(async () => {
    t = await testApp(dialect, { config: { uploadLimitBytes: LIMIT } });
    w = await world(t);
    const r = await upload(t, w.cookies.reporter, `/api/deliverables/${w.leadId}/reports`, [
      { name: 'narrative', value: '一季度预决算公开工作已经完成。' },
      {
        name: 'evidence',
        filename: '../../../tmp/luoshi-evil.txt',
        content: '公开网址：https://example.org\n',
      },
    ]);
    expect(r.statusCode).toBe(201);
    reportId = r.json().report.id;
    evidenceId = r.json().report.evidence[0].id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores a path-traversal file name safely and downloads it under a clean name', async () => {
    const row = await t.store.db
      .selectFrom('evidence')
      .selectAll()
      .where('id', '=', evidenceId)
      .executeTakeFirstOrThrow();
    expect(row.fileName).toBe('luoshi-evil.txt');
    expect(existsSync('/tmp/luoshi-evil.txt')).toBe(false);
    expect(blobFiles(t.store.dataDir)).toEqual([`${row.sha256.slice(0, 2)}/${row.sha256}`]);
    const res = await t.request(w.cookies.reporter, 'GET', `/api/evidence/${evidenceId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="luoshi-evil.txt"; filename*=UTF-8''luoshi-evil.txt`,
    );
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toBe('公开网址：https://example.org\n');
    // Control and direction-override characters are dropped from names.
    const tricky = await upload(t, w.cookies.reporter, `/api/reports/${reportId}/evidence`, [
      { name: 'evidence', filename: 'C:\\Users\\x\\报告\u202Efdp.txt', content: 'ok\n' },
    ]);
    expect(tricky.statusCode).toBe(201);
    expect(tricky.json().evidence[0].fileName).toBe('报告fdp.txt');
  });

  it('refuses files of a type not allowed, naming the file, and stores nothing', async () => {
    const before = await snapshot(t);
    const bad: [string, Buffer | string, string][] = [
      ['../../etc/passwd', 'root:x:0:0\n', '文件「passwd」的类型不受支持'],
      ['setup.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]), '文件「setup.exe」的类型不受支持'],
      [
        '通知.pdf',
        '<!DOCTYPE html><html><script>alert(1)</script></html>',
        '文件「通知.pdf」的内容与扩展名 .pdf 不符',
      ],
      ['readme.txt', '<html><body onload="x()"></body></html>', '文件「readme.txt」的内容与扩展名 .txt 不符'],
      ['photo.jpg', PNG, '文件「photo.jpg」的内容与扩展名 .jpg 不符'],
      ['binary.txt', Buffer.from([0x41, 0x00, 0x42]), '文件「binary.txt」的内容与扩展名 .txt 不符'],
    ];
    for (const [filename, content, message] of bad) {
      const create = await upload(t, w.cookies.coReporter, `/api/deliverables/${w.coId}/reports`, [
        { name: 'narrative', value: '附上材料' },
        { name: 'evidence', filename, content },
      ]);
      expect(create.statusCode, filename).toBe(415);
      expect(create.json().error.code).toBe('unsupported-media-type');
      expect(create.json().error.message).toContain(message);
      const add = await upload(t, w.cookies.reporter, `/api/reports/${reportId}/evidence`, [
        { name: 'evidence', filename: 'ok.pdf', content: PDF },
        { name: 'evidence', filename, content },
      ]);
      expect(add.statusCode, filename).toBe(415);
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('refuses an oversized file with 413: no report, no blob, no temp file', async () => {
    const before = await snapshot(t);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(LIMIT, 0x20)]);
    const create = await upload(t, w.cookies.coReporter, `/api/deliverables/${w.coId}/reports`, [
      { name: 'narrative', value: '大文件' },
      { name: 'evidence', filename: '扫描件.pdf', content: big },
    ]);
    expect(create.statusCode).toBe(413);
    expect(create.json().error).toMatchObject({
      code: 'payload-too-large',
      message: '文件「扫描件.pdf」超过 0.1 MB 的大小限制',
    });
    const add = await upload(t, w.cookies.reporter, `/api/reports/${reportId}/evidence`, [
      { name: 'evidence', filename: '扫描件.pdf', content: big },
    ]);
    expect(add.statusCode).toBe(413);
    const after = await snapshot(t);
    expect(after).toEqual(before);
    expect(after.blobs.some((f) => f.startsWith('tmp/'))).toBe(false);
  });

  it('refuses wrong content types with 415 and changes nothing', async () => {
    const before = await snapshot(t);
    const asText = (method: 'POST' | 'PATCH', url: string, type: string, payload: string) =>
      t.app.inject({ method, url, headers: { cookie: w.cookies.reporter, 'content-type': type }, payload });
    const cases = [
      await asText('PATCH', `/api/reports/${reportId}`, 'text/plain', '{"rowVersion":1,"narrative":"x"}'),
      await asText(
        'POST',
        `/api/reports/${reportId}/submit`,
        'application/x-www-form-urlencoded',
        'rowVersion=1',
      ),
      await asText('POST', `/api/deliverables/${w.leadId}/reports`, 'text/plain', 'narrative'),
      await asText('POST', `/api/reports/${reportId}/evidence`, 'application/json', '{"file":"x"}'),
      await asText('POST', `/api/deliverables/${w.leadId}/extensions`, 'text/plain', 'x'),
    ];
    for (const res of cases) {
      expect(res.statusCode).toBe(415);
      expect(res.json().error.code).toBe('unsupported-media-type');
    }
    const multipartOnJson = await upload(t, w.cookies.reporter, `/api/reports/${reportId}/submit`, [
      { name: 'rowVersion', value: '1' },
    ]);
    expect(multipartOnJson.statusCode).toBe(415);
    expect(await snapshot(t)).toEqual(before);
  });

  it('lets the unit delete evidence from a draft only', async () => {
    const report = (await t.request(w.cookies.reporter, 'GET', `/api/reports/${reportId}`)).json().report;
    const extra = report.evidence.find((e: { fileName: string }) => e.fileName === '报告fdp.txt');
    const del = await t.request(
      w.cookies.reporter,
      'DELETE',
      `/api/reports/${reportId}/evidence/${extra.id}`,
    );
    expect(del.statusCode).toBe(200);
    const audit = await t.store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'evidence.remove')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.beforeJson!)).toMatchObject({ fileName: '报告fdp.txt' });
    expect(
      (await t.request(w.cookies.reporter, 'DELETE', `/api/reports/${reportId}/evidence/${extra.id}`))
        .statusCode,
    ).toBe(404);
    const sub = await t.request(w.cookies.reporter, 'POST', `/api/reports/${reportId}/submit`, {
      rowVersion: report.rowVersion,
    });
    expect(sub.statusCode).toBe(200);
    const before = await snapshot(t);
    const late = await t.request(
      w.cookies.reporter,
      'DELETE',
      `/api/reports/${reportId}/evidence/${evidenceId}`,
    );
    expect(late.statusCode).toBe(409);
    const lateAdd = await upload(t, w.cookies.reporter, `/api/reports/${reportId}/evidence`, [
      { name: 'evidence', filename: 'late.pdf', content: PDF },
    ]);
    expect(lateAdd.statusCode).toBe(409);
    expect(await snapshot(t)).toEqual(before);
  });

  it('gives another unit’s reporter 403 on every read and write, and a viewer 403 on every write', async () => {
    const { stranger, viewer } = w.cookies;
    const before = await snapshot(t);
    const file = [{ name: 'evidence', filename: 'x.pdf', content: PDF }] as const;
    const body = { rowVersion: 2, narrative: '越权修改的内容，越权修改的内容', reason: '越权退回理由' };
    for (const cookie of [stranger, viewer]) {
      const writes = [
        await t.request(cookie, 'POST', `/api/deliverables/${w.leadId}/reports`, { narrative: '越权填报' }),
        await upload(t, cookie, `/api/deliverables/${w.leadId}/reports`, [...file]),
        await t.request(cookie, 'PATCH', `/api/reports/${reportId}`, {
          rowVersion: 2,
          narrative: body.narrative,
        }),
        await upload(t, cookie, `/api/reports/${reportId}/evidence`, [...file]),
        await t.request(cookie, 'DELETE', `/api/reports/${reportId}/evidence/${evidenceId}`),
        await t.request(cookie, 'POST', `/api/reports/${reportId}/submit`, { rowVersion: 2 }),
        await t.request(cookie, 'POST', `/api/reports/${reportId}/approve`, { rowVersion: 2 }),
        await t.request(cookie, 'POST', `/api/reports/${reportId}/accept`, { rowVersion: 2 }),
        await t.request(cookie, 'POST', `/api/reports/${reportId}/return`, {
          rowVersion: 2,
          reason: body.reason,
        }),
        await t.request(cookie, 'GET', '/api/review-queue'),
      ];
      for (const [i, res] of writes.entries())
        expect(res.statusCode, `${cookie === stranger ? 'stranger' : 'viewer'} #${i}`).toBe(403);
    }
    const reads = [
      `/api/deliverables/${w.leadId}/reports`,
      `/api/deliverables/${w.leadId}/inputs`,
      `/api/reports/${reportId}`,
      `/api/evidence/${evidenceId}`,
    ];
    for (const url of reads) {
      const res = await t.request(stranger, 'GET', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect((await t.request(viewer, 'GET', url)).statusCode, url).toBe(200);
    }
    expect((await t.request(null, 'GET', `/api/evidence/${evidenceId}`)).statusCode).toBe(401);
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers 404 for unknown ids', async () => {
    const { reporter, coord } = w.cookies;
    const res = [
      await t.request(reporter, 'POST', `/api/deliverables/${UNKNOWN}/reports`, { narrative: '不存在' }),
      await t.request(reporter, 'GET', `/api/deliverables/${UNKNOWN}/reports`),
      await t.request(reporter, 'GET', `/api/deliverables/${UNKNOWN}/inputs`),
      await t.request(reporter, 'GET', `/api/reports/${UNKNOWN}`),
      await t.request(reporter, 'PATCH', `/api/reports/${UNKNOWN}`, { rowVersion: 1 }),
      await t.request(reporter, 'POST', `/api/reports/${UNKNOWN}/submit`, { rowVersion: 1 }),
      await upload(t, reporter, `/api/reports/${UNKNOWN}/evidence`, [
        { name: 'evidence', filename: 'a.pdf', content: PDF },
      ]),
      await t.request(reporter, 'DELETE', `/api/reports/${reportId}/evidence/${UNKNOWN}`),
      await t.request(reporter, 'GET', `/api/evidence/${UNKNOWN}`),
      await t.request(coord, 'POST', `/api/reports/${UNKNOWN}/accept`, { rowVersion: 1 }),
      await t.request(coord, 'POST', `/api/reports/${UNKNOWN}/return`, {
        rowVersion: 1,
        reason: '找不到的报告',
      }),
    ];
    for (const [i, r] of res.entries()) {
      expect(r.statusCode, `#${i}`).toBe(404);
      expect(r.json().error.code).toBe('not-found');
    }
  });
});
