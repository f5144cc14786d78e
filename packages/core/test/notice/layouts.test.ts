/**
 * The other layouts met in the wild (openings of real notices, each cut off in its last task):
 * label lines, inline [brackets], 〔brackets〕 and (brackets) with labels, headings that are tasks.
 */
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../src/notice/parse-notice.ts';
import type { Plan, Task } from '../../src/types.ts';
import { defaultDirectory, fixtureText } from '../helpers/fixtures.ts';

function parse(name: string): Plan {
  return parseNotice(fixtureText(`notices/layouts/${name}`), { directory: defaultDirectory() });
}

function units(t: Task): [string, string][] {
  return t.units.map((u) => [u.raw, u.role]);
}

describe('label lines (立山区 鞍立政发〔2023〕2号)', () => {
  const plan = parse('02_lishan-zdgz-fgfa-2023.txt');

  it('reads the head', () => {
    expect(plan.notice).toMatchObject({
      title: '立山区人民政府关于印发《立山区政府2023年重点工作任务分解和责任分工方案》的通知',
      docNumber: '鞍立政发〔2023〕2号',
      issuer: '立山区人民政府',
      issuedAt: '2023-03-28',
      addressees: ['立山经济开发区', '各街道办事处', '各区直部门', '各有关单位'],
      listTitle: '立山区政府2023年重点工作任务分解和责任分工方案',
    });
    expect(plan.layout).toBe('labels');
  });

  it('takes 牵头单位 as lead and 责任单位 as co-units', () => {
    expect(plan.tasks).toHaveLength(7);
    expect(plan.sections.map((s) => s.title)).toEqual(['经济社会发展的主要预期目标']);
    expect(units(plan.tasks[0]!)).toEqual([
      ['区发改局', 'lead'],
      ['立山经济开发区', 'co'],
      ['全区经济运行各专班', 'each'],
    ]);
    expect(units(plan.tasks[3]!)).toEqual([
      ['区商务局', 'lead'],
      ['各街道', 'each'],
      ['区市场局', 'co'],
    ]);
    expect(plan.tasks[0]!.text).toBe('努力实现地区生产总值增长6.2%左右。');
  });

  it('reads approximate growth targets', () => {
    expect(plan.tasks[0]!.indicators).toMatchObject([
      { comparator: '=', value: 6.2, unit: '%', approx: true },
    ]);
    expect(plan.tasks[2]!.indicators).toMatchObject([{ value: 15, unit: '%' }]);
  });

  it('reports the cut-off last task as incomplete, with no invented units', () => {
    const last = plan.tasks[6]!;
    expect(last.no).toBe(7);
    expect(last.incomplete).toBe(true);
    expect(last.units).toEqual([]);
    expect(plan.diagnostics.some((d) => d.code === 'task-incomplete' && d.task === 7)).toBe(true);
  });

  it('warns that the 鹰潭 directory does not fit a 立山区 notice and lists unresolved units', () => {
    expect(plan.diagnostics.some((d) => d.code === 'directory-mismatch')).toBe(true);
    expect(plan.unresolved).toContain('区发改局');
    const d = plan.diagnostics.find((x) => x.code === 'unit-unresolved');
    expect(d).toMatchObject({ line: 27, column: 6 });
  });
});

describe('inline [责任单位:…] (2023年区政府工作报告重点任务分解)', () => {
  const plan = parse('05_xialu-zfgzbg-rwfj-2023.txt');

  it('reads the head despite the page navigation', () => {
    expect(plan.notice).toMatchObject({
      title: '区人民政府办公室关于印发2023年区政府工作报告重点任务分解的通知',
      issuer: '区人民政府办公室',
      issuedAt: '2022-12-27',
      addressees: ['长乐山工业园区', '各街办', '区政府各部门', '市垂管各单位'],
      implements: '《区政府工作报告》',
      listTitle: '2023年区政府工作报告重点任务分解',
    });
  });

  it('takes the bracket at the end of the paragraph as the units, the first leading', () => {
    expect(plan.tasks).toHaveLength(2);
    const t = plan.tasks[0]!;
    expect(units(t)).toEqual([
      ['老街办', 'lead'],
      ['区招商服务中心', 'co'],
      ['长乐投资有限公司', 'co'],
    ]);
    expect(t.text.endsWith('实现一期核心区明年年底满园运营。')).toBe(true);
    expect(t.section).toBe('坚定不移推进融圈入群,构建“四园”并进发展格局');
    expect(t.subsection).toBe('抓机遇、引龙头,加快建设老鹳庙临空跨境电商产业园');
    expect(t.obligations.filter((o) => o.kind === 'once').map((o) => o.date)).toEqual([
      '2023-07-31',
      '2023-11-30',
      '2023-12-31',
    ]);
  });

  it('reports the cut-off second task', () => {
    expect(plan.tasks[1]).toMatchObject({ no: 2, incomplete: true, units: [] });
  });
});

describe('〔牵头单位:…,责任单位:…〕 and (牵头单位:…;责任单位:…) (钢城区 2021)', () => {
  const plan = parse('08_gangcheng-fgf-zdrw-fgfa-2021.txt');

  it('reads the head of a notice that starts at its addressees, named by its list title', () => {
    expect(plan.notice).toMatchObject({
      title: '深化“放管服”改革优化营商环境2021年重点任务分工方案',
      issuer: '济南市钢城区人民政府办公室',
      issuedAt: '2021-04-10',
      addressees: ['各街道(功能区)办事处(管委会)', '区政府各部门', '区属各企事业单位'],
      listTitle: '深化“放管服”改革优化营商环境2021年重点任务分工方案',
      implements: '《济南市人民政府办公厅关于印发深化“放管服”改革优化营商环境2021年重点任务分工方案的通知》',
    });
    expect(plan.notice.docNumber).toBeNull();
    expect(plan.diagnostics.find((d) => d.code === 'head-no-title')).toMatchObject({
      severity: 'info',
      message: '未找到通知标题，以清单标题“深化“放管服”改革优化营商环境2021年重点任务分工方案”作为标题',
    });
  });

  it('gives several leads and co-units, keeping qualifiers', () => {
    expect(plan.tasks.map((t) => t.no)).toEqual([1, 2, 3, 4, 5]);
    expect(plan.tasks[0]!.subsection).toBe('规范精简审批,进一步提高行政效能');
    expect(units(plan.tasks[0]!)).toEqual([
      ['区政府办公室', 'lead'],
      ['区政府有关部门', 'each'],
      ['各街道(功能区)', 'each'],
    ]);
    expect(units(plan.tasks[1]!)).toEqual([
      ['区政府办公室', 'lead'],
      ['区司法局', 'lead'],
      ['区行政审批服务局', 'lead'],
      ['区政府有关部门', 'each'],
    ]);
    const t3 = plan.tasks[2]!;
    expect(units(t3)).toEqual([
      ['区政府办公室', 'lead'],
      ['区司法局', 'co'],
    ]);
    expect(t3.units[1]!.qualifiers).toEqual(['等有关部门']);
    expect(t3.text.endsWith('编制并公布区级层面设定的行政备案事项清单。')).toBe(true);
  });

  it('keeps the fully written leads of the cut-off task and drops the cut fragment', () => {
    const t5 = plan.tasks[4]!;
    expect(t5.incomplete).toBe(true);
    expect(units(t5)).toEqual([
      ['区行政审批服务局', 'lead'],
      ['区发展改革局', 'lead'],
    ]);
    const d = plan.diagnostics.find((x) => x.code === 'task-incomplete');
    expect(d?.message).toContain('区政');
    expect(t5.text.endsWith('申报模式。')).toBe(true);
  });
});

describe('headings that are tasks, with a 下同 note (四川省 2022)', () => {
  const plan = parse('11_sichuan-xdlt-135-ssfa-2022.txt');

  it('reads the head', () => {
    expect(plan.notice).toMatchObject({
      issuer: '四川省发展和改革委员会',
      issuedAt: '2022-10-18',
      addressees: ['各市(州)人民政府', '省级有关部门(单位)'],
      listTitle: '四川省“十四五”现代流通体系建设实施方案',
    });
  });

  it('makes each (一) paragraph a task (the level that carries the units), not also a subsection', () => {
    expect(plan.tasks.map((t) => [t.no, t.label, t.section, t.subsection])).toEqual([
      [1, '(一)', '深化现代流通市场化改革', null],
      [2, '(二)', '深化现代流通市场化改革', null],
      [3, '(三)', '深化现代流通市场化改革', null],
    ]);
    expect(plan.sections[0]!.subsections).toEqual([]);
    expect(plan.tasks[0]!.text.startsWith('加强市场体系建设。推进高标准市场体系建设')).toBe(true);
    expect(plan.tasks[0]!.text.endsWith('综合改革试点。')).toBe(true);
  });

  it('keeps 按职责分工负责 as a qualifier and the 下同 sentence as a note carried forward', () => {
    const t1 = plan.tasks[0]!;
    // 具体任务均涉及相关市(州)人民政府…下同: the rule's units go to this task and the ones after it.
    expect(units(t1)).toEqual([
      ['省发展改革委', 'lead'],
      ['省市场监管局', 'co'],
      ['商务厅', 'co'],
      ['省大数据中心', 'co'],
      ['相关市(州)人民政府', 'each'],
    ]);
    expect(t1.units[3]!.qualifiers).toContain('按职责分工负责');
    const note = '具体任务均涉及相关市(州)人民政府,不再做分工,下同。';
    expect(t1.notes).toEqual([note]);
    expect(plan.tasks[1]!.notes).toEqual([note]);
    expect(units(plan.tasks[1]!)).toEqual([
      ['省市场监管局', 'lead'],
      ['相关市(州)人民政府', 'each'],
    ]);
  });

  it('reports the cut-off third task, which the 下同 rule still gives 相关市(州)人民政府', () => {
    expect(plan.tasks[2]).toMatchObject({ incomplete: true });
    expect(units(plan.tasks[2]!)).toEqual([['相关市(州)人民政府', 'each']]);
  });
});
