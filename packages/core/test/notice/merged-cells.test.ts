/**
 * Merged cells: a unit cell that says 〃 or 同上 takes the units of the cell above, like an empty
 * cell in text where merged cells became empty. When the reader marks merges (.docx, .xlsx), an
 * empty 配合单位 cell is truly empty: no co-units.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readNoticeFile } from '../../src/formats/read-notice-file.ts';
import { parseNotice } from '../../src/notice/parse-notice.ts';
import type { Plan } from '../../src/types.ts';
import { defaultDirectory } from '../helpers/fixtures.ts';

const directory = defaultDirectory();

const HEADER = '序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限';
const T1 = '每年组织开展一次行政执法案卷评查。';
const T2 = '建立涉企行政执法诉求沟通机制。';
const T3 = '在法院服务大厅设立行政复议受理窗口。';
const T4 = '推进行政复议规范化建设。';

function table(rows: string[][]): string {
  return ['法治政府建设任务清单', HEADER, ...rows.map((r) => r.join(' | '))].join('\n');
}

/** Each task's units as [raw, role, inherited]. */
function units(plan: Plan): [string, string, boolean][][] {
  return plan.tasks.map((t) => t.units.map((u) => [u.raw, u.role, u.inherited] as [string, string, boolean]));
}

function codes(plan: Plan): string[] {
  return plan.diagnostics.map((d) => d.code);
}

describe('a unit cell that says 〃 or 同上', () => {
  const rows = (lead2: string, co2: string, lead3: string): string[][] => [
    ['1', T1, '市司法局', '市财政局', '2025年12月底前'],
    ['2', T2, lead2, co2, '2025年6月底前'],
    ['3', T3, lead3, '市教育局', '2025年9月底前'],
  ];

  it('inherits the cell above exactly as an empty cell does', () => {
    const marked = parseNotice(table(rows('〃', '同上', '同上')), { directory });
    const empty = parseNotice(table(rows('', '', '')), { directory });
    expect(units(marked)).toEqual([
      [
        ['市司法局', 'lead', false],
        ['市财政局', 'co', false],
      ],
      [
        ['市司法局', 'lead', true],
        ['市财政局', 'co', true],
      ],
      [
        ['市司法局', 'lead', true],
        ['市教育局', 'co', false],
      ],
    ]);
    expect(units(marked)).toEqual(units(empty));
    expect(codes(marked)).toEqual(codes(empty));
    // The inherited units point at the cells above, not at the 〃.
    const first = marked.tasks[0]!.units.map((u) => u.span);
    expect(marked.tasks[1]!.units.map((u) => u.span)).toEqual(first);
    expect(marked.tasks[2]!.units[0]!.span).toEqual(first[0]);
    // 同上 is not an unresolved unit.
    expect(marked.unresolved).toEqual([]);
  });

  it('does not open a heading named 〃 when a heading column is merged', () => {
    const text = [
      '序号 | 类别 | 工作任务 | 牵头单位',
      `1 | 一、执法监督 | ${T1} | 市司法局`,
      `2 | 〃 | ${T2} | 〃`,
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.sections.map((s) => s.title)).toEqual(['执法监督']);
    expect(plan.tasks.map((t) => t.section)).toEqual(['执法监督', '执法监督']);
    expect(units(plan)[1]).toEqual([['市司法局', 'lead', true]]);
  });
});

describe('mergesMarked: the reader wrote merged cells as 〃', () => {
  const text = table([
    ['1', T1, '市司法局', '市财政局', '2025年12月底前'],
    ['2', T2, '〃', '〃', '2025年6月底前'],
    ['3', T3, '', '', '2025年9月底前'],
    ['4', T4, '市教育局', '同上', '2025年10月底前'],
  ]);

  it('reads an empty 配合单位 cell as no co-units; an empty 牵头单位 cell still inherits', () => {
    const plan = parseNotice(text, { directory, mergesMarked: true });
    expect(units(plan)).toEqual([
      [
        ['市司法局', 'lead', false],
        ['市财政局', 'co', false],
      ],
      [
        ['市司法局', 'lead', true],
        ['市财政局', 'co', true],
      ],
      [['市司法局', 'lead', true]],
      // 同上 under an empty 配合单位 cell: nothing to take.
      [['市教育局', 'lead', false]],
    ]);
    expect(codes(plan)).not.toContain('task-no-units');
  });

  it('without it, an empty 配合单位 cell inherits as before', () => {
    const plan = parseNotice(text, { directory });
    expect(units(plan)[2]).toEqual([
      ['市司法局', 'lead', true],
      ['市财政局', 'co', true],
    ]);
    expect(units(plan)[3]).toEqual([
      ['市教育局', 'lead', false],
      ['市财政局', 'co', true],
    ]);
  });

  it('an .xlsx read and parsed: a merged 牵头单位 cell inherits, a blank 配合单位 cell stays empty', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('任务清单');
    ws.addRow(['序号', '工作任务', '牵头单位', '配合单位', '完成时限']);
    ws.addRow([1, T1, '市司法局', '市财政局', '2025年12月底前']);
    ws.addRow([2, T2, null, '市教育局', '2025年6月底前']);
    ws.addRow([3, T3, '市财政局', null, '2025年9月底前']);
    ws.mergeCells('C2:C3');
    const read = readNoticeFile(new Uint8Array(await wb.xlsx.writeBuffer()), '任务清单.xlsx');
    expect(read.mergesMarked).toBe(true);
    const plan = parseNotice(read.text, { directory, mergesMarked: read.mergesMarked });
    expect(units(plan)).toEqual([
      [
        ['市司法局', 'lead', false],
        ['市财政局', 'co', false],
      ],
      [
        ['市司法局', 'lead', true],
        ['市教育局', 'co', false],
      ],
      [['市财政局', 'lead', false]],
    ]);
  });
});

describe('a 完成时限 cell that says 〃 or 同上', () => {
  it('gives the deadline of the cell above; an empty one gives none', () => {
    const plan = parseNotice(
      table([
        ['1', T1, '市司法局', '市财政局', '2025年12月底前'],
        ['2', T2, '市司法局', '市财政局', '〃'],
        ['3', T3, '市司法局', '市教育局', '同上'],
        ['4', T4, '市司法局', '市教育局', ''],
      ]),
      { directory },
    );
    // (Task 1's text also says 每年…一次: a frequency, not from the cell.)
    const deadlines = plan.tasks.map((t) =>
      t.obligations.filter((o) => o.kind === 'once').map((o) => [o.kind, o.date, o.raw]),
    );
    expect(deadlines).toEqual([
      [['once', '2025-12-31', '2025年12月底前']],
      [['once', '2025-12-31', '2025年12月底前']],
      [['once', '2025-12-31', '2025年12月底前']],
      [],
    ]);
    // The inherited deadline points at the cell it was written in.
    const span = plan.tasks[1]!.obligations[0]!.span;
    expect(plan.source.slice(span.start, span.end)).toBe('2025年12月底前');
    expect(span.start).toBeLessThan(plan.tasks[0]!.span.end + 40);
  });
});
