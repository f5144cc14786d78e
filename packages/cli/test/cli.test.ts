/** The luoshi CLI, run in-process through `main` and once as a real child process. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '@luoshi/core';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.ts';

const root = new URL('../../../', import.meta.url).pathname;
const reference = join(root, 'packages/core/data/notices/yingtan-2024-25.txt');
const dir = mkdtempSync(join(tmpdir(), 'luoshi-cli-'));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main({
    argv,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

describe('luoshi parse --json', () => {
  let plan: Plan;
  beforeAll(async () => {
    const r = await run('parse', reference, '--json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    plan = JSON.parse(r.out) as Plan;
  });

  it('prints exactly one JSON document with the notice head', () => {
    expect(plan.notice).toMatchObject({
      title: expect.stringContaining('任务清单的通知'),
      docNumber: '鹰府字〔2024〕25号',
      issuer: '鹰潭市人民政府',
      issuedAt: '2024-07-04',
    });
  });

  it('has sections, tasks, units, obligations, indicators and diagnostics in the documented shape', () => {
    expect(plan.sections).toHaveLength(7);
    expect(plan.sections[0]).toMatchObject({ no: '一', title: '坚持党对法治政府建设的领导' });
    expect(plan.sections[0]!.subsections[0]).toMatchObject({
      no: '一',
      title: '认真落实党委统一领导法治政府建设',
    });
    expect(plan.tasks).toHaveLength(51);
    const t1 = plan.tasks[0]!;
    expect(t1).toMatchObject({
      no: 1,
      section: '坚持党对法治政府建设的领导',
      subsection: '认真落实党委统一领导法治政府建设',
    });
    expect(typeof t1.text).toBe('string');
    expect(t1.units[0]).toMatchObject({ raw: '市政府各部门', role: 'each' });
    expect(t1.units[0]!.orgs).toContain('市司法局');
    expect(t1.obligations[0]).toMatchObject({
      kind: 'annual',
      month: 3,
      day: 1,
      span: { start: expect.any(Number) },
    });
    const t10 = plan.tasks[9]!;
    expect(t10.obligations[0]).toMatchObject({ kind: 'semiannual' });
    const t47 = plan.tasks[46]!;
    expect(t47.indicators[0]).toMatchObject({ comparator: '>=', value: 90, unit: '%', year: null });
    expect(Array.isArray(plan.diagnostics)).toBe(true);
  });
});

describe('luoshi parse (readable summary)', () => {
  it('prints the head, counts, each task with its lead and units, and the diagnostics', async () => {
    const r = await run('parse', reference);
    expect(r.code).toBe(0);
    expect(r.out).toContain('文号：鹰府字〔2024〕25号');
    expect(r.out).toContain('任务 51');
    expect(r.out).toContain('部分 7');
    expect(r.out).toContain('小节 25');
    expect(r.out).toMatch(/ {4}3\. 各级政府及其部门主要负责人/);
    expect(r.out).toContain('牵头：市司法局');
    expect(r.out).toContain('各自负责：市政府各部门(10个单位)');
    expect(r.out).toContain('时限 每年：每年3月1日前');
    expect(r.out).toContain('诊断');
  });
});

describe('bad input: non-zero exit, one line on stderr, nothing on stdout', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a missing file', () => join(dir, 'missing.txt'), /不存在|no such file/],
    ['a directory', () => dir, /目录|directory/],
    [
      'an empty file',
      () => {
        const p = join(dir, 'empty.txt');
        writeFileSync(p, '');
        return p;
      },
      /empty|空/,
    ],
    [
      'a binary file',
      () => {
        const p = join(dir, 'binary.txt');
        writeFileSync(p, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0xff, 0xfe]));
        return p;
      },
      /binary|二进制/,
    ],
    [
      'a text with no task list',
      () => {
        const p = join(dir, 'prose.txt');
        writeFileSync(p, '今天天气很好。\n我们去公园散步，看到了很多花。\n');
        return p;
      },
      /no task list|未找到任务清单/,
    ],
  ];
  it('suggests --list-start-line when no list is found, and reads every paragraph from the marked line', async () => {
    const p = join(dir, 'stars.txt');
    writeFileSync(
      p,
      ['某县关于做好有关工作的通知', '各乡镇：', '★抓好安全生产大检查。', '★推进政务公开标准化。', ''].join(
        '\n',
      ),
    );
    const none = await run('parse', p);
    expect(none.code).not.toBe(0);
    expect(none.err).toContain('--list-start-line');
    const marked = await run('parse', p, '--list-start-line', '3', '--json');
    expect(marked.code).toBe(0);
    expect(JSON.parse(marked.out).tasks.map((t: { text: string }) => t.text)).toEqual([
      '★抓好安全生产大检查。',
      '★推进政务公开标准化。',
    ]);
    const bad = await run('parse', p, '--list-start-line', 'x');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--list-start-line');
  });

  for (const [name, make, message] of cases) {
    it(`rejects ${name}`, async () => {
      const r = await run('parse', make(), '--json');
      expect(r.code).not.toBe(0);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    });
  }

  it('rejects an unknown command and a missing argument with usage', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    const r = await run('parse');
    expect(r.code).toBe(2);
    expect(r.err).toContain('用法');
  });

  it('names the line and field of a bad org directory', async () => {
    const p = join(dir, 'bad-orgs.csv');
    writeFileSync(p, 'id,name,kind,parent,aliases,tags,code,note\nx,市某局,部门,,,,,\n');
    const r = await run('parse', reference, '--orgs', p);
    expect(r.code).not.toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain('第2行 kind');
  });
});

describe('luoshi parse --orgs', () => {
  it('resolves units against the directory given', async () => {
    const p = join(dir, 'orgs.csv');
    writeFileSync(
      p,
      [
        'id,name,kind,parent,aliases,tags,code,note',
        'root,鹰潭市人民政府,government,,市政府,,,',
        'sfj,市司法局,department,root,,,,',
        'czj,市财政局,department,root,,law-enforcement,,',
      ].join('\n'),
    );
    const r = await run('parse', reference, '--json', '--orgs', p);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out) as Plan;
    const t3 = plan.tasks[2]!;
    expect(t3.units.find((u) => u.raw === '其他市政府部门')?.orgs).toEqual(['市财政局']);
    expect(plan.unresolved).toContain('市行政审批局');
    expect(plan.diagnostics.some((d) => d.code === 'unit-unresolved')).toBe(true);
  });
});

describe('luoshi parse on .docx and .xlsx files made here', () => {
  it('reads a .docx whose table carries the list', async () => {
    const cell = (text: string, rowSpan = 1) =>
      new TableCell({ rowSpan, children: [new Paragraph({ children: [new TextRun(text)] })] });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun('鹰潭市人民政府关于印发测试任务清单的通知')],
            }),
            new Paragraph('鹰府字〔2024〕30号'),
            new Paragraph('2024年8月1日'),
            new Table({
              rows: [
                new TableRow({ children: [cell('序号'), cell('任务'), cell('责任单位')] }),
                new TableRow({
                  children: [
                    cell('1'),
                    cell('每年3月1日前报告上一年度法治政府建设情况。'),
                    cell('市司法局、市财政局', 2),
                  ],
                }),
                new TableRow({ children: [cell('2'), cell('每年至少组织1次专项监督。')] }),
              ],
            }),
          ],
        },
      ],
    });
    const p = join(dir, 'notice.docx');
    writeFileSync(p, await Packer.toBuffer(doc));
    const r = await run('parse', p, '--json');
    expect(r.err).toBe('');
    const plan = JSON.parse(r.out) as Plan;
    expect(plan.notice).toMatchObject({ docNumber: '鹰府字〔2024〕30号', issuedAt: '2024-08-01' });
    expect(plan.tasks.map((t) => t.no)).toEqual([1, 2]);
    expect(plan.tasks[1]!.units).toMatchObject([
      { raw: '市司法局', role: 'lead', inherited: true },
      { raw: '市财政局', role: 'co', inherited: true },
    ]);
    expect(plan.tasks[1]!.obligations[0]).toMatchObject({ kind: 'frequency', count: 1, per: 'year' });
  });

  it('reads an .xlsx ledger with 牵头单位, 责任单位 and 完成时限 columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('任务清单');
    ws.addRow(['序号', '重点任务', '牵头单位', '责任单位', '完成时限']);
    ws.addRow([
      1,
      '建立全市行政执法数据归集共享机制。',
      '市司法局',
      '市行政审批局、市发改委',
      '2024年12月底前',
    ]);
    ws.addRow([2, '推广网上执法办案的移动终端应用。', '市司法局', '市财政局', '每年11月底前']);
    ws.addRow([3, '推进法治宣传阵地建设的有效覆盖。', '', '', '']);
    ws.mergeCells('C3:C4');
    ws.mergeCells('D3:D4');
    const p = join(dir, 'ledger.xlsx');
    writeFileSync(p, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await run('parse', p, '--json');
    expect(r.err).toBe('');
    const plan = JSON.parse(r.out) as Plan;
    expect(plan.tasks).toHaveLength(3);
    expect(plan.tasks[0]!.units.map((u) => [u.raw, u.role])).toEqual([
      ['市司法局', 'lead'],
      ['市行政审批局', 'co'],
      ['市发改委', 'co'],
    ]);
    expect(plan.tasks[0]!.obligations).toMatchObject([{ kind: 'once', date: '2024-12-31' }]);
    expect(plan.tasks[1]!.obligations).toMatchObject([{ kind: 'annual', month: 11, day: 30 }]);
    expect(plan.tasks[2]!.units.map((u) => [u.raw, u.inherited])).toEqual([
      ['市司法局', true],
      ['市财政局', true],
    ]);
  });
});

describe('the installed bin', () => {
  it('runs as a child process through node_modules/.bin/luoshi', () => {
    const bin = join(root, 'node_modules/.bin/luoshi');
    const out = execFileSync(bin, ['parse', reference, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out).tasks).toHaveLength(51);
    const bad = spawnSync(bin, ['parse', join(dir, 'nope.txt')], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
