/**
 * A returned report's files can be replaced: the unit deletes a file, adds another and hands it in
 * again; a file whose content is already attached is refused, so a resubmitted report never carries
 * the same file twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { PDF, PNG, snapshot, upload, type World, world } from './world.ts';

describe.each(DIALECTS)('replacing evidence of a returned report on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await world(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  type Ev = { id: string; fileName: string; sha256: string };
  const evidenceOf = async (id: string) =>
    (await t.request(w.cookies.reporter, 'GET', `/api/reports/${id}`)).json().report.evidence as Ev[];

  it('deletes and adds files on a returned report, refuses the same content twice, resubmits without duplicates', async () => {
    const c = w.cookies;
    const created = await upload(t, c.reporter, `/api/deliverables/${w.leadId}/reports`, [
      { name: 'narrative', value: '已完成一季度预决算公开工作，公开率100%。' },
      { name: 'submit', value: 'true' },
      { name: 'evidence', filename: '公开情况.pdf', content: PDF, contentType: 'application/pdf' },
      { name: 'evidence', filename: '旧截图.png', content: PNG, contentType: 'image/png' },
    ]);
    expect(created.statusCode).toBe(201);
    const report = created.json().report as { id: string; rowVersion: number; status: string };
    expect(report.status).toBe('submitted');
    const returned = await t.request(c.coord, 'POST', `/api/reports/${report.id}/return`, {
      rowVersion: report.rowVersion,
      reason: '截图不清晰，请更换。',
    });
    expect(returned.statusCode).toBe(200);

    // The same content again, under its own or another name, is refused and changes nothing.
    const before = await snapshot(t);
    for (const filename of ['公开情况.pdf', '公开情况（副本）.pdf']) {
      const again = await upload(t, c.reporter, `/api/reports/${report.id}/evidence`, [
        { name: 'evidence', filename, content: PDF, contentType: 'application/pdf' },
      ]);
      expect(again.statusCode).toBe(400);
      expect(again.json().error).toMatchObject({
        code: 'validation',
        field: 'evidence',
        message: expect.stringContaining('不能重复添加'),
      });
    }
    const twiceInOne = await upload(t, c.reporter, `/api/reports/${report.id}/evidence`, [
      { name: 'evidence', filename: 'a.txt', content: Buffer.from('新材料') },
      { name: 'evidence', filename: 'b.txt', content: Buffer.from('新材料') },
    ]);
    expect(twiceInOne.statusCode).toBe(400);
    expect(twiceInOne.json().error.message).toBe(
      '佐证材料「b.txt」与已上传的「a.txt」内容相同，不能重复添加',
    );
    expect(await snapshot(t)).toEqual(before);

    // The old screenshot goes (with its audit record), a new one comes.
    const old = (await evidenceOf(report.id)).find((e) => e.fileName === '旧截图.png')!;
    const del = await t.request(c.reporter, 'DELETE', `/api/reports/${report.id}/evidence/${old.id}`);
    expect(del.statusCode).toBe(200);
    const audit = await t.store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'evidence.remove')
      .where('entityId', '=', old.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.beforeJson!)).toMatchObject({ fileName: '旧截图.png', reportId: report.id });
    const fresh = Buffer.concat([PNG, Buffer.from('新截图')]);
    const added = await upload(t, c.reporter, `/api/reports/${report.id}/evidence`, [
      { name: 'evidence', filename: '新截图.png', content: fresh, contentType: 'image/png' },
    ]);
    expect(added.statusCode).toBe(201);

    const current = (await t.request(c.reporter, 'GET', `/api/reports/${report.id}`)).json().report;
    const sub = await t.request(c.reporter, 'POST', `/api/reports/${report.id}/submit`, {
      rowVersion: current.rowVersion,
    });
    expect(sub.statusCode).toBe(200);
    const files = (await evidenceOf(report.id)).map((e) => e.fileName).sort();
    expect(files).toEqual(['公开情况.pdf', '新截图.png'].sort());
    expect(new Set((await evidenceOf(report.id)).map((e) => e.sha256)).size).toBe(2);

    // Handed in: nothing can be removed any more.
    const late = await t.request(
      c.reporter,
      'DELETE',
      `/api/reports/${report.id}/evidence/${current.evidence[0].id}`,
    );
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('只能从草稿或被退回的报告中删除佐证材料');
  });
});
