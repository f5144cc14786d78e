/**
 * Tables read by position under a header that names its columns (.xlsx ledgers, .docx tables, rows
 * pasted from Excel): 重点任务 grouping rows, 具体措施 as the task, separate 牵头/配合 columns, merged
 * cells inheriting, and a 类别 column repeated on every row.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readNoticeFile } from '../../src/formats/read-notice-file.ts';
import { parseNotice } from '../../src/notice/parse-notice.ts';
import { defaultDirectory } from '../helpers/fixtures.ts';

const directory = defaultDirectory();

describe('a ledger with 重点任务 and 具体措施 columns', () => {
  it('takes 具体措施 as the task and 重点任务 as its heading, merged cells inheriting', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['鹰潭市2025年法治政府建设重点任务台账']);
    ws.addRow(['序号', '重点任务', '具体措施', '牵头单位', '配合单位', '完成时限']);
    ws.addRow([
      1,
      '加强行政执法监督',
      '每年至少组织1次专项监督。',
      '市司法局',
      '市财政局、市教育局',
      '2025年12月底前',
    ]);
    ws.addRow([2, '', '建立涉企行政执法诉求沟通机制。', '', '', '2025年6月']);
    ws.addRow([
      3,
      '提升复议质效',
      '在法院服务大厅设立行政复议受理窗口，满意率达到90%以上。',
      '市司法局',
      '市法院',
      '长期坚持',
    ]);
    ws.mergeCells('B3:B4');
    ws.mergeCells('D3:D4');
    ws.mergeCells('E3:E4');
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { text } = readNoticeFile(bytes, '台账.xlsx');
    const plan = parseNotice(text, { directory });

    expect(plan.tasks.map((t) => [t.no, t.text, t.section])).toEqual([
      [1, '每年至少组织1次专项监督。', '加强行政执法监督'],
      [2, '建立涉企行政执法诉求沟通机制。', '加强行政执法监督'],
      [3, '在法院服务大厅设立行政复议受理窗口，满意率达到90%以上。', '提升复议质效'],
    ]);
    expect(plan.sections.map((s) => s.title)).toEqual(['加强行政执法监督', '提升复议质效']);
    expect(plan.tasks[0]!.units.map((u) => [u.raw, u.role, u.inherited])).toEqual([
      ['市司法局', 'lead', false],
      ['市财政局', 'co', false],
      ['市教育局', 'co', false],
    ]);
    expect(plan.tasks[1]!.units.map((u) => [u.raw, u.role, u.inherited])).toEqual([
      ['市司法局', 'lead', true],
      ['市财政局', 'co', true],
      ['市教育局', 'co', true],
    ]);
    expect(plan.tasks[0]!.obligations.map((o) => [o.kind, o.date ?? o.count])).toEqual(
      expect.arrayContaining([
        ['once', '2025-12-31'],
        ['frequency', 1],
      ]),
    );
    // 2025年6月 alone is a deadline in a 完成时限 column: the month's end.
    expect(plan.tasks[1]!.obligations).toMatchObject([{ kind: 'once', date: '2025-06-30' }]);
    expect(plan.tasks[2]!.indicators).toMatchObject([{ comparator: '>=', value: 90, unit: '%' }]);
    expect(plan.notice.listTitle).toBe('鹰潭市2025年法治政府建设重点任务台账');
    // A ledger has no notice head: its own title names it, and that is all there is to say.
    expect(plan.notice.title).toBe('鹰潭市2025年法治政府建设重点任务台账');
    expect(plan.diagnostics.map((d) => d.code)).toEqual([
      'head-no-title',
      'head-no-date',
      'head-no-doc-number',
    ]);
    expect(plan.diagnostics[0]!.severity).toBe('info');
  });
});

describe('a 类别 column repeated on every row, and tab-separated rows', () => {
  it('opens each heading once and reads the rows by position', () => {
    const text = [
      '测试清单',
      ['序号', '类别', '工作任务', '责任单位'].join('\t'),
      ['1', '依法决策', '落实重大行政决策目录公开制度。', '市政府办'].join('\t'),
      ['2', '依法决策', '健全法律顾问工作机制。', '市司法局'].join('\t'),
      ['3', '执法监督', '开展行政执法案卷评查。', '市司法局、市市场监管局'].join('\t'),
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.sections.map((s) => s.title)).toEqual(['依法决策', '执法监督']);
    expect(plan.tasks.map((t) => [t.no, t.section, t.units.map((u) => u.raw).join('、')])).toEqual([
      [1, '依法决策', '市政府办'],
      [2, '依法决策', '市司法局'],
      [3, '执法监督', '市司法局、市市场监管局'],
    ]);
  });
});

describe('a web table with a 序号 column, flattened with its merged leading cells dropped', () => {
  it('reads shifted rows by their content', () => {
    const text = [
      '测试清单',
      '序号 | 类别 | 工作任务 | 责任单位 |',
      '1 | 依法决策 | 落实重大行政决策目录公开制度。 | 市政府办 |',
      '2 | 健全法律顾问工作机制。 | 市司法局 | |',
      '3 | 执法监督 | 开展行政执法案卷评查。 | 市市场监管局 |',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.tasks.map((t) => [t.no, t.text, t.units.map((u) => u.raw).join('、')])).toEqual([
      [1, '落实重大行政决策目录公开制度。', '市政府办'],
      [2, '健全法律顾问工作机制。', '市司法局'],
      [3, '开展行政执法案卷评查。', '市市场监管局'],
    ]);
  });
});
