/**
 * The structure inferred before a notice is walked (structure.ts): the task level is the numbering
 * whose items carry responsibility, items run on in one paragraph are split, tables flattened in
 * other ways are rebuilt, the list ends where the closing begins, paragraphs that name units are
 * tasks when nothing is numbered, and a person can mark where the list begins. The layouts here
 * are those no document of the corpus shows yet (a 序号 alone on its line, cells spanning rows,
 * section columns merged down an .xlsx), and small cases of each rule.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readNoticeFile } from '../../src/formats/read-notice-file.ts';
import { parseNotice } from '../../src/notice/parse-notice.ts';
import type { Plan } from '../../src/types.ts';
import { defaultDirectory } from '../helpers/fixtures.ts';

const directory = defaultDirectory();
const parse = (lines: string[], options = {}) => parseNotice(lines.join('\n'), { directory, ...options });
const units = (p: Plan) => p.tasks.map((t) => t.units.map((u) => `${u.raw}/${u.role}`));
const explained = (p: Plan) => p.diagnostics.filter((d) => d.code === 'structure').map((d) => d.message);

describe('the task level', () => {
  it('is 1﹒ (a small full stop) like 1.', () => {
    const p = parse([
      '测试清单',
      '一、健全制度',
      '1﹒加强规范性文件监督管理。（市司法局牵头）',
      '2﹒推进政府立法。（市司法局牵头）',
    ]);
    expect(p.tasks.map((t) => t.no)).toEqual([1, 2]);
    expect(p.tasks[0]!.section).toBe('健全制度');
  });

  it('is （1） where those items carry the units, and ① below it is a part of a task', () => {
    const p = parse([
      '测试清单',
      '一、优化服务',
      '（1）推行告知承诺制：',
      '①梳理事项清单；',
      '②公布承诺内容。（市司法局牵头，市行政审批局配合）',
      '（2）建立容缺受理机制。（市行政审批局负责）',
    ]);
    expect(p.tasks.map((t) => [t.no, t.section])).toEqual([
      [1, '优化服务'],
      [2, '优化服务'],
    ]);
    expect(p.tasks[0]!.text).toContain('②公布承诺内容');
    expect(units(p)).toEqual([['市司法局/lead', '市行政审批局/co'], ['市行政审批局/lead']]);
    expect(explained(p)[0]).toBe('任务层级：“（1）”（2项中1项写明责任单位）；“一、”为部分标题');
  });

  it('is 一、 when those items carry the units: thirty tasks, not thirty sections', () => {
    const cn = '一二三四五六七八九十';
    const no = (i: number) =>
      i < 10 ? cn[i]! : i < 20 ? `十${cn[i - 10] ?? ''}`.replace('十十', '二十') : `二十${cn[i - 20]!}`;
    const items = Array.from({ length: 30 }, (_, i) => `${no(i)}、第${i + 1}项工作要落实。（市司法局负责）`);
    const p = parse(['测试清单', ...items]);
    expect(p.tasks).toHaveLength(30);
    expect(p.sections).toEqual([]);
  });
});

describe('items run on in one paragraph', () => {
  it('splits 1.…。2.…。3.… where the numbers go on', () => {
    const p = parse([
      '测试清单',
      '1.推进机构职能优化。责任单位：县委编办。2.深化放管服改革，2023年6月底前完成。责任单位：县行政审批局。3.规范督查工作。责任单位：县政府办。',
    ]);
    expect(p.tasks.map((t) => t.no)).toEqual([1, 2, 3]);
    expect(units(p)).toEqual([['县委编办/lead'], ['县行政审批局/lead'], ['县政府办/lead']]);
    expect(p.tasks[1]!.obligations).toMatchObject([{ kind: 'once', date: '2023-06-30' }]);
  });

  it('leaves a figure like 1.5亿元 after a full stop alone', () => {
    const p = parse(['测试清单', '1.扩大有效投资。完成投资。1.5亿元用于基础设施。（市发改委负责）']);
    expect(p.tasks).toHaveLength(1);
  });
});

describe('the end of the list', () => {
  it('does not give the closing prose, the signature or the date to the last task', () => {
    const p = parse([
      '某县人民政府办公室关于印发2023年工作要点的通知',
      '各乡镇人民政府，县政府各部门：',
      '2023年工作要点',
      '一、重点任务',
      '1.推进机构职能优化。（县委编办牵头）',
      '2.加强规范性文件监督管理，2023年6月底前完成清理。（县司法局牵头，县直各部门配合）',
      '二、保障措施',
      '各单位要高度重视，2023年12月底前将落实情况报县司法局。',
      '某县人民政府办公室',
      '2023年3月1日',
      '（此件公开发布）',
    ]);
    expect(p.tasks).toHaveLength(2);
    expect(p.tasks[1]!.text).toBe('加强规范性文件监督管理，2023年6月底前完成清理。');
    expect(p.tasks[1]!.obligations.map((o) => o.date)).toEqual(['2023-06-30']);
    expect(p.notice).toMatchObject({ issuer: '某县人民政府办公室', issuedAt: '2023-03-01' });
    expect(p.diagnostics.some((d) => d.code === 'task-incomplete')).toBe(false);
  });

  it('keeps a task of several paragraphs whose last paragraph carries its own bracket', () => {
    const p = parse([
      '测试清单',
      '1.加强行政执法监督。（市司法局牵头）',
      '开展执法案卷评查，',
      '每年通报一次。（市政府办负责）',
      '2.推进政务公开。（市政府办负责）',
    ]);
    expect(p.tasks).toHaveLength(2);
    expect(units(p)[0]).toEqual(['市司法局/lead', '市政府办/co']);
  });
});

describe('tables flattened in other ways', () => {
  it('puts a 序号 alone on its line back into its row', () => {
    const p = parse([
      '测试清单',
      '序号 | 工作任务 | 牵头单位 | 完成时限',
      '1',
      '建立行政执法监督机制。 | 市司法局 | 2025年6月底前',
      '2',
      '推进政务公开标准化。 | 市政府办 | 2025年12月底前',
    ]);
    expect(p.tasks.map((t) => [t.no, t.text])).toEqual([
      [1, '建立行政执法监督机制。'],
      [2, '推进政务公开标准化。'],
    ]);
    expect(p.tasks.map((t) => t.obligations.map((o) => o.date))).toEqual([['2025-06-30'], ['2025-12-31']]);
  });

  it('joins a header broken over two rows of cells (重点 / 工作, 牵头 / 单位)', () => {
    const p = parse([
      '测试清单',
      '序号 | 重点 | 牵头 | 配合 | 完成',
      ' | 工作 | 单位 | 单位 | 时限',
      '1 | 建立行政执法监督机制。 | 市司法局 | 市财政局 | 2025年6月底前',
    ]);
    expect(units(p)).toEqual([['市司法局/lead', '市财政局/co']]);
    expect(p.tasks[0]!.obligations.map((o) => o.date)).toEqual(['2025-06-30']);
    expect(p.diagnostics.some((d) => d.code === 'row-not-understood')).toBe(false);
  });

  it('reads a row whose merged unit cell the flattening dropped by its content (the deadline stays a deadline)', () => {
    const p = parse([
      '测试清单',
      '序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限',
      '1 | 建立行政执法监督机制。 | 市司法局 | 市财政局 | 2025年6月底前',
      '2 | 推进行政执法公示制度。 | 市教育局 | 2025年9月底前',
    ]);
    expect(p.tasks[1]!.obligations.map((o) => o.date)).toEqual(['2025-09-30']);
    expect(p.tasks[1]!.units.map((u) => u.raw)).not.toContain('2025年9月底前');
  });

  it('reads an .xlsx whose section and subsection columns are merged down their blocks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('任务清单');
    ws.addRow(['序号', '一级任务', '二级任务', '重点任务', '牵头单位']);
    ws.addRow([1, '优化营商环境', '深化审批改革', '推行告知承诺制。', '市司法局']);
    ws.addRow([2, '', '', '建立容缺受理机制。', '市行政审批局']);
    ws.addRow([3, '', '加强监管', '推进双随机一公开。', '市市场监管局']);
    ws.addRow([4, '加强法治保障', '完善制度', '开展规范性文件清理。', '市司法局']);
    ws.mergeCells('B2:B4');
    ws.mergeCells('C2:C3');
    const read = readNoticeFile(new Uint8Array(await wb.xlsx.writeBuffer()), '任务清单.xlsx');
    const p = parseNotice(read.text, { directory, mergesMarked: read.mergesMarked });
    expect(p.tasks.map((t) => [t.section, t.subsection])).toEqual([
      ['优化营商环境', '深化审批改革'],
      ['优化营商环境', '深化审批改革'],
      ['优化营商环境', '加强监管'],
      ['加强法治保障', '完善制度'],
    ]);
  });
});

describe('no numbering and no table', () => {
  const notice = [
    'XX区人民政府办公室关于做好2024年营商环境优化工作的通知',
    '各街道办事处，区政府各部门：',
    '为进一步优化营商环境，现将有关事项通知如下：',
    '全面推行证明事项告知承诺制，年底前实现应承尽承。（区司法局牵头，区直各部门配合）',
    '深化“一件事一次办”改革，2024年6月底前上线20个事项。（区行政审批局牵头）',
    '加强涉企执法检查统筹，严格控制检查频次。',
    '责任单位：区司法局、区市场监管局',
    '各单位要高度重视，确保各项工作落到实处。',
    'XX区人民政府办公室',
    '2024年3月5日',
  ];

  it('takes each paragraph that names units as a task and says so', () => {
    const p = parse(notice);
    expect(p.tasks.map((t) => t.text)).toEqual([
      '全面推行证明事项告知承诺制，年底前实现应承尽承。',
      '深化“一件事一次办”改革，2024年6月底前上线20个事项。',
      '加强涉企执法检查统筹，严格控制检查频次。',
    ]);
    expect(units(p)[2]).toEqual(['区司法局/lead', '区市场监管局/co']);
    expect(explained(p)).toContain('任务没有编号，也不在表格中：已将写明责任单位的每个段落作为一项任务');
  });

  it('never answers 未找到任务清单 for a text with a paragraph that ends with a unit bracket', () => {
    const filler = fc.constantFrom(
      '各单位要高度重视。',
      '现将有关事项通知如下：',
      '加强组织领导，确保落实。',
      '',
    );
    fc.assert(
      fc.property(fc.array(filler, { maxLength: 8 }), fc.array(filler, { maxLength: 8 }), (before, after) => {
        const p = parse([
          '某市关于做好有关工作的通知',
          ...before,
          '推进政务公开标准化建设。（市政府办负责）',
          ...after,
        ]);
        expect(p.diagnostics.some((d) => d.code === 'no-tasks')).toBe(false);
        expect(p.tasks.some((t) => t.units.some((u) => u.raw === '市政府办'))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('starts the list where a person marked it, every paragraph from there on a task', () => {
    const text = [
      '某县关于做好2024年有关工作的通知',
      '各乡镇：',
      '现将有关事项通知如下。',
      '★抓好安全生产大检查。',
      '★推进政务公开标准化。',
    ];
    expect(parse(text).diagnostics.map((d) => d.code)).toContain('no-tasks');
    const p = parse(text, { listStartLine: 4 });
    expect(p.tasks.map((t) => t.text)).toEqual(['★抓好安全生产大检查。', '★推进政务公开标准化。']);
    expect(explained(p)).toContain('清单从第4行开始（由使用者指定）');
  });
});
