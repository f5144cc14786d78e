/**
 * The audit trail exported for the 安全审计: a period in Beijing days, CSV that Excel opens (BOM,
 * quoted cells, no formula) or JSON Lines, every record of the period and none outside it, and the
 * export itself recorded.
 */
import { DEFAULT_SETTINGS, parseCsv } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash } from '../../src/audit/audit.ts';
import { csvCell } from '../../src/modules/audit/export-audit.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('audit export on %s', (dialect) => {
  let t: TestApp;
  let coord: string;

  beforeAll(async () => {
    // 2025-03-09 23:30 in Beijing is 15:30 UTC: the first change belongs to the 9th, the others to the 10th and 11th.
    t = await testApp(dialect, { now: '2025-03-09T15:30:00.000Z' });
    coord = await t.login('coord');
    for (const [dueSoonWorkdays, step] of [
      [6, 0],
      [7, 60 * 60_000],
      [8, 24 * 60 * 60_000],
    ] as const) {
      t.clock.advance(step);
      // A day later the session has gone idle: sign in again.
      coord = await t.login('coord');
      const res = await t.request(coord, 'PUT', '/api/settings', { ...DEFAULT_SETTINGS, dueSoonWorkdays });
      expect(res.statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('exports one Beijing day as CSV that Excel reads, the export itself recorded', async () => {
    const res = await t.request(coord, 'GET', '/api/audit/export?from=2025-03-10&to=2025-03-10');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="audit-2025-03-10-2025-03-10.csv"');
    expect(res.body.startsWith('\uFEFF序号,时间（UTC）,操作人编号,操作人')).toBe(true);
    const rows = parseCsv(res.body).records.map((r) => r.cells);
    const header = rows[0]!;
    const records = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    // The second settings change (00:30 on the 10th in Beijing) — not the 9th's, not the 11th's.
    const settings = records.filter((r) => r['操作'] === 'settings.update');
    expect(settings.map((r) => JSON.parse(r['变更后']!).dueSoonWorkdays)).toEqual([7]);
    expect(res.headers['x-record-count']).toBe(String(records.length));

    const exported = await t.request(coord, 'GET', '/api/audit?entity=audit');
    expect(exported.json().entries[0]).toMatchObject({
      action: 'audit.export',
      actorName: 'coord',
      entityId: '2025-03-10..2025-03-10',
      after: { from: '2025-03-10', to: '2025-03-10', format: 'csv', count: records.length },
    });
  });

  it('exports JSON Lines whose records still verify against their hashes', async () => {
    const res = await t.request(coord, 'GET', '/api/audit/export?from=2025-03-01&to=2025-03-31&format=jsonl');
    expect(res.statusCode).toBe(200);
    const records = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.filter((r) => r.action === 'settings.update')).toHaveLength(3);
    for (const r of records) expect(auditHash(r)).toBe(r.hash);
    expect(records.map((r) => r.seq)).toEqual([...records.map((r) => r.seq)].sort((a, b) => a - b));
  });

  it('refuses a period that ends before it starts, an impossible day, and anyone but a coordinator', async () => {
    const backwards = await t.request(coord, 'GET', '/api/audit/export?from=2025-03-10&to=2025-03-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.field).toBe('to');
    const impossible = await t.request(coord, 'GET', '/api/audit/export?from=2025-02-30&to=2025-03-01');
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().error.field).toBe('from');
    const reporter = await t.login(await t.user('reporter', '市财政局'));
    const refused = await t.request(reporter, 'GET', '/api/audit/export?from=2025-03-01&to=2025-03-31');
    expect(refused.statusCode).toBe(403);
  });
});

describe('CSV cells', () => {
  it('keeps text that a spreadsheet would run as a formula as text, and quotes separators', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('市财政局,市教育局')).toBe('"市财政局,市教育局"');
    expect(csvCell('两行\r\n文字')).toBe('"两行\r\n文字"');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });
});
