/**
 * A table whose cells a web page's text put on one line between single spaces (平顶山市河长制办公室's
 * 主要任务分解表 in the corpus): under a line of column names only, each line that starts with a
 * 序号 is a row — the unit columns take the last pieces, the task column the piece before them,
 * the heading columns what is left (two spaces in a row: a merged cell; a piece of one or two
 * characters: the rest of a cell its line break split).
 */
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../src/notice/parse-notice.ts';
import type { Plan } from '../../src/types.ts';
import { defaultDirectory } from '../helpers/fixtures.ts';

const directory = defaultDirectory();
const parse = (lines: string[]) => parseNotice(lines.join('\n'), { directory });
const units = (p: Plan) => p.tasks.map((t) => t.units.map((u) => `${u.raw}/${u.role}`));
const explained = (p: Plan) => p.diagnostics.filter((d) => d.code === 'structure').map((d) => d.message);

describe('a table with its cells between spaces on one line', () => {
  const table = [
    '任务分解表',
    '序号 类别 主要任务 具体措施 牵头单位 配合单位 完成时限',
    '1 优化营商环 境 深化审批改革 推行告知承诺制,公布承诺事项清单。 市行政审批局 市司法局、市市场监管局 2024年6月底前',
    '2  压缩办理 时限 将企业开办时间压缩至1个工作日。 市市场监管局 市税务局 2024年底前',
    '3   推进电子证照在政务服务中全面应用。 市政务服务中心 市直各部门 2024年12月底前',
  ];

  it('rebuilds each row under the header and says so', () => {
    const p = parse(table);
    expect(p.tasks.map((t) => t.no)).toEqual([1, 2, 3]);
    expect(p.tasks.map((t) => t.text.slice(0, 6))).toEqual(['推行告知承诺', '将企业开办时', '推进电子证照']);
    expect(units(p)).toEqual([
      ['市行政审批局/lead', '市司法局/co', '市市场监管局/co'],
      ['市市场监管局/lead', '市税务局/co'],
      ['市政务服务中心/lead', '市直各部门/each'],
    ]);
    expect(p.tasks.map((t) => t.obligations.map((o) => (o.kind === 'once' ? o.date : o.kind)))).toEqual([
      ['2024-06-30'],
      ['2024-12-31'],
      ['2024-12-31'],
    ]);
    expect(explained(p)).toContain('表格的单元格以空格分隔写在一行，已按表头重组为表格行');
  });

  it('reads two spaces as a merged cell and a one-character piece as the rest of the cell before it', () => {
    const p = parse(table);
    // 优化营商环 境: one 类别 cell its line break split; rows 2 and 3 share it (merged down).
    expect(p.sections.map((s) => s.title.replace(/\s/g, ''))).toEqual(['优化营商环境']);
    expect(p.tasks.map((t) => t.section?.replace(/\s/g, ''))).toEqual([
      '优化营商环境',
      '优化营商环境',
      '优化营商环境',
    ]);
    // 压缩办理 时限: the 主要任务 cell of row 2, whole; row 3 has none of its own.
    expect(p.tasks.map((t) => t.subsection?.replace(/\s/g, ''))).toEqual([
      '深化审批改革',
      '压缩办理时限',
      '压缩办理时限',
    ]);
  });

  it('leaves numbered prose with spaces alone where no line names the columns', () => {
    const p = parse([
      '工作安排',
      '1 加强组织领导,建立工作专班。(市司法局牵头)',
      '2 强化督促检查,定期通报进展。(市政府督查室牵头)',
    ]);
    expect(explained(p)).not.toContain('表格的单元格以空格分隔写在一行，已按表头重组为表格行');
  });

  it('ends the table at a line that is no row (too few pieces for the columns)', () => {
    const p = parse([
      '序号 工作任务 责任单位 完成时限',
      '1 建成城市书房3个。 市文旅局 2024年底前',
      '2 另行安排',
      '附件说明:以上任务按季度报送进展。',
    ]);
    expect(p.tasks.map((t) => t.text.slice(0, 6))).toEqual(['建成城市书房']);
    expect(p.tasks.map((t) => t.units.map((u) => u.raw))).toEqual([['市文旅局']]);
  });
});
