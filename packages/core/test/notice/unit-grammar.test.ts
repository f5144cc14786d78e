/**
 * The unit grammar: lists, 等, 会同, 牵头/配合, labels, rules (排在第一位…), qualifiers, names
 * written together, and the unit brackets of several measures in one task — each wording as
 * published notices write it.
 */
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../src/notice/parse-notice.ts';
import { innerUnitBrackets, unitBracket } from '../../src/notice/unit-bracket.ts';
import { gluedNames, parseUnits } from '../../src/notice/units.ts';
import type { UnitRef } from '../../src/types.ts';
import { defaultDirectory } from '../helpers/fixtures.ts';

const directory = defaultDirectory();

/** The units of one task's bracket (or a bare unit phrase), as [raw, role]. */
function read(text: string): ReturnType<typeof parseUnits> {
  const found = unitBracket(text, 0, directory, true);
  return parseUnits(found ? found.sources : [{ text, offset: 0 }], directory);
}

const roles = (units: UnitRef[]) => units.map((u) => [u.raw, u.role]);

describe('会同', () => {
  it('X会同有关部门负责 → X leads, 有关部门 co (vague)', () => {
    const { units } = read('1.建立健全行政执法监督制度。（市司法局会同有关部门负责）');
    expect(units.map((u) => [u.raw, u.role, u.resolution, u.qualifiers])).toEqual([
      ['市司法局', 'lead', 'named', []],
      ['有关部门', 'co', 'vague', ['负责']],
    ]);
  });

  it('X会同A、B负责 → X leads, A and B co', () => {
    const { units } = read('2.开展行政执法案卷评查。（市司法局会同市财政局、市教育局负责）');
    expect(roles(units)).toEqual([
      ['市司法局', 'lead'],
      ['市财政局', 'co'],
      ['市教育局', 'co'],
    ]);
  });

  it('由X会同Y: the 由 is not part of the name; 会同县 stays a place', () => {
    expect(roles(read('由市司法局会同市财政局负责').units)).toEqual([
      ['市司法局', 'lead'],
      ['市财政局', 'co'],
    ]);
    expect(read('会同县人民政府负责').units.map((u) => u.raw)).toEqual(['会同县人民政府']);
  });
});

describe('等 and 和 / 与 between units', () => {
  it('A、B等和各省级人民政府负责 → A, B, 各省级人民政府', () => {
    const { units } = read('（市发改委、市财政局等和各省级人民政府负责）');
    expect(units.map((u) => [u.raw, u.role, u.qualifiers])).toEqual([
      ['市发改委', 'lead', []],
      ['市财政局', 'co', ['等']],
      ['各省级人民政府', 'each', ['负责']],
    ]);
  });

  it('A、B等与各地区按职责分工负责 → A, B, 各地区', () => {
    const { units } = read('（市发改委、市财政局等与各地区按职责分工负责）');
    expect(units.map((u) => [u.raw, u.qualifiers])).toEqual([
      ['市发改委', []],
      ['市财政局', ['等']],
      ['各地区', ['按职责分工负责']],
    ]);
  });

  it('A等国务院相关部门及各地区: the group after 等 is a unit of its own', () => {
    const { units } = read('（财政部、工业和信息化部等国务院相关部门及各地区按职责分工负责）');
    expect(units.map((u) => u.raw)).toEqual(['财政部', '工业和信息化部', '国务院相关部门', '各地区']);
    expect(
      read('（国家电网有限公司等相关部门和单位及各地区按职责分工负责）').units.map((u) => u.raw),
    ).toEqual(['国家电网有限公司', '相关部门和单位', '各地区']);
  });

  it('keeps 和 inside a name and 等有关部门 as a qualifier', () => {
    expect(read('市住房和城乡建设局、市人力资源和社会保障局负责').units.map((u) => u.raw)).toEqual([
      '市住房和城乡建设局',
      '市人力资源和社会保障局',
    ]);
    expect(read('市委宣传部和市文明办负责').units.map((u) => u.raw)).toEqual(['市委宣传部', '市文明办']);
    expect(
      read('（国家发展改革委、海关总署与海南省人民政府按职责分工负责）').units.map((u) => u.raw),
    ).toEqual(['国家发展改革委', '海关总署', '海南省人民政府']);
    const { units } = read('市司法局、市财政局等有关部门');
    expect(units.map((u) => [u.raw, u.qualifiers])).toEqual([
      ['市司法局', []],
      ['市财政局', ['等有关部门']],
    ]);
    expect(read('各高等学校负责').units.map((u) => u.raw)).toEqual(['各高等学校']);
  });
});

describe('牵头 / 配合 and 部门分工', () => {
  it('X牵头，A、B配合 → X lead, A and B co', () => {
    expect(roles(read('（市司法局牵头，市财政局、市教育局配合）').units)).toEqual([
      ['市司法局', 'lead'],
      ['市财政局', 'co'],
      ['市教育局', 'co'],
    ]);
  });

  it('A、B牵头，C配合 → both lead', () => {
    expect(roles(read('（市发改委、市财政局牵头，市教育局配合）').units)).toEqual([
      ['市发改委', 'lead'],
      ['市财政局', 'lead'],
      ['市教育局', 'co'],
    ]);
  });

  it('部门分工：X牵头，各地、各部门配合 (a label line)', () => {
    const text = [
      '鹰潭市人民政府关于印发测试清单的通知',
      '2025年3月1日',
      '1.全面推行行政执法公示制度。',
      '部门分工：市司法局牵头，各地、各部门配合',
      '2.推进政务公开。',
      '责任分工：市政府办牵头，市行政审批局配合',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.tasks.map((t) => [t.text, roles(t.units)])).toEqual([
      [
        '全面推行行政执法公示制度。',
        [
          ['市司法局', 'lead'],
          ['各地', 'co'],
          ['各部门', 'co'],
        ],
      ],
      [
        '推进政务公开。',
        [
          ['市政府办', 'lead'],
          ['市行政审批局', 'co'],
        ],
      ],
    ]);
  });

  it('分工 as a label only where it stands alone (具体分工 is not one)', () => {
    expect(roles(read('分工：市司法局牵头，市财政局配合').units)).toEqual([
      ['市司法局', 'lead'],
      ['市财政局', 'co'],
    ]);
  });
});

describe('a bracket that states who leads (排在第一位的部门为牵头部门，下同)', () => {
  it('reads the units, keeps the rule as a note and carries it to the tasks after', () => {
    const text = [
      '鹰潭市人民政府关于印发测试清单的通知',
      '2025年3月1日',
      '1.开展行政执法培训。（市司法局、市财政局、市教育局负责，排在第一位的部门为牵头部门，下同）',
      '2.推进数据共享。（市行政审批局、市发改委负责）',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    const rule = '排在第一位的部门为牵头部门，下同';
    expect(plan.tasks.map((t) => [roles(t.units), t.notes])).toEqual([
      [
        [
          ['市司法局', 'lead'],
          ['市财政局', 'co'],
          ['市教育局', 'co'],
        ],
        [rule],
      ],
      [
        [
          ['市行政审批局', 'lead'],
          ['市发改委', 'co'],
        ],
        [rule],
      ],
    ]);
    expect(plan.unresolved).toEqual([]);
  });

  it('reads a rule about the tasks after it (以下任务措施均需各市政府落实，不再列出) as a note', () => {
    const { units, notes } = read(
      '1.排查危险废物产生量。（省生态环境厅牵头，各市政府负责落实，以下任务措施均需各市政府落实，不再列出）',
    );
    expect(roles(units)).toEqual([
      ['省生态环境厅', 'lead'],
      ['各市政府', 'each'],
    ]);
    expect(notes.map((n) => n.text)).toEqual(['以下任务措施均需各市政府落实，不再列出']);
  });
});

describe('qualifiers are never part of a name', () => {
  it.each<[string, string, string[]]>([
    ['市司法局按职责分工', '市司法局', ['按职责分工']],
    ['市司法局分别负责', '市司法局', ['分别负责']],
    ['市司法局按职责分工负责', '市司法局', ['按职责分工负责']],
    ['市政府负总责', '市政府', ['负总责']],
    ['市司法局按照职责', '市司法局', ['按照职责']],
    ['由市司法局牵头', '市司法局', ['牵头']],
    ['市司法局等有关部门按职责分工负责', '市司法局', ['等有关部门', '按职责分工负责']],
  ])('%s', (phrase, raw, qualifiers) => {
    const [unit] = read(phrase).units;
    expect([unit!.raw, unit!.qualifiers]).toEqual([raw, qualifiers]);
  });

  it('A、B分别牵头 → both lead; A、B分别负责 → the first leads as usual', () => {
    expect(read('（市司法局、市财政局分别牵头）').units.map((u) => [u.raw, u.role, u.qualifiers])).toEqual([
      ['市司法局', 'lead', []],
      ['市财政局', 'lead', ['分别牵头']],
    ]);
    expect(read('（市司法局、市财政局分别负责）').units.map((u) => [u.raw, u.role, u.qualifiers])).toEqual([
      ['市司法局', 'lead', []],
      ['市财政局', 'co', ['分别负责']],
    ]);
  });

  it('负总责 leads', () => {
    expect(roles(read('（市政府负总责，市司法局具体负责）').units)).toEqual([
      ['市政府', 'lead'],
      ['市司法局', 'co'],
    ]);
  });
});

describe('two units written without a separator', () => {
  it.each<[string, string[]]>([
    ['市行政审批局市司法局', ['市行政审批局', '市司法局']],
    ['县发改局县财政局', ['县发改局', '县财政局']],
    ['市委宣传部（市新闻办）市文明办', ['市委宣传部（市新闻办）', '市文明办']],
    ['县委组织部县委宣传部', ['县委组织部', '县委宣传部']],
    ['县农业农村局各乡镇人民政府', ['县农业农村局', '各乡镇人民政府']],
    ['市委政法委', ['市委政法委']],
    ['市人民政府办公室', ['市人民政府办公室']],
    ['县委组织部', ['县委组织部']],
    ['市公安局交警支队', ['市公安局交警支队']],
    ['市委宣传部（市新闻办）', ['市委宣传部（市新闻办）']],
    ['市纪委市监委', ['市纪委市监委']],
    ['县纪委县监委', ['县纪委县监委']],
    ['市委市政府督查室', ['市委市政府督查室']],
    ['市政府各部门', ['市政府各部门']],
    ['国务院各部门', ['国务院各部门']],
    ['月湖区市场监管局', ['月湖区市场监管局']],
    ['市生态环境局石溪分局', ['市生态环境局石溪分局']],
  ])('%s', (phrase, names) => {
    expect(read(phrase).units.map((u) => u.raw)).toEqual(names);
  });

  it('splits a table cell, the first leading', () => {
    const text = [
      '鹰潭市人民政府关于印发测试清单的通知',
      '序号 | 工作任务 | 责任单位 | 完成时限',
      '1 | 推进证明事项告知承诺制。 | 市行政审批局市司法局 | 2025年6月底前',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.tasks[0]!.units.map((u) => [u.raw, u.role, u.resolution])).toEqual([
      ['市行政审批局', 'lead', 'named'],
      ['市司法局', 'co', 'named'],
    ]);
  });

  it('uses the directory: a name it knows is never split', () => {
    expect(gluedNames('市纪委市监委', directory)).toEqual([0]);
    expect(gluedNames('市行政审批局市司法局', directory)).toEqual([0, 6]);
  });
});

describe('labels in other wordings', () => {
  it('reads 牵头责任单位 / 协同责任单位 / 配合责任单位 / 牵头负责领导 label lines', () => {
    const text = [
      '鹰潭市人民政府关于印发测试清单的通知',
      '2025年3月1日',
      '1.推进行政执法“三项制度”。',
      '牵头责任单位：市司法局',
      '协同责任单位：市财政局',
      '牵头负责领导：张三',
      '2.推进政务服务“一网通办”。',
      '牵头责任单位：市行政审批局',
      '配合责任单位：市政府办、市发改委',
      '分管市领导：李四、王五',
      '3.完善人才引进机制。',
      '责任科室：市人社局',
      '联系领导：赵六',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.tasks.map((t) => [roles(t.units), t.leaders])).toEqual([
      [
        [
          ['市司法局', 'lead'],
          ['市财政局', 'co'],
        ],
        ['张三'],
      ],
      [
        [
          ['市行政审批局', 'lead'],
          ['市政府办', 'co'],
          ['市发改委', 'co'],
        ],
        ['李四', '王五'],
      ],
      [[['市人社局', 'lead']], ['赵六']],
    ]);
  });

  it('reads them in a bracket', () => {
    const { units, leaders } = read(
      '1.推进公开。（牵头责任单位：市政府办；协同责任单位：市司法局；分管县领导：张三）',
    );
    expect(roles(units)).toEqual([
      ['市政府办', 'lead'],
      ['市司法局', 'co'],
    ]);
    expect(leaders).toEqual(['张三']);
  });

  it('reads them as table column headers (分管省领导, 配合责任单位)', () => {
    const text = [
      '鹰潭市人民政府关于印发测试清单的通知',
      '序号 | 工作任务 | 牵头责任单位 | 配合责任单位 | 分管省领导 | 完成时限',
      '1 | 推进数据共享。 | 市行政审批局 | 市发改委 | 张三 | 2025年6月底前',
      '2 | 开展专项督查。 | 市政府办 | 市司法局 | 李四 | 每季度',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.tasks.map((t) => [roles(t.units), t.leaders])).toEqual([
      [
        [
          ['市行政审批局', 'lead'],
          ['市发改委', 'co'],
        ],
        ['张三'],
      ],
      [
        [
          ['市政府办', 'lead'],
          ['市司法局', 'co'],
        ],
        ['李四'],
      ],
    ]);
  });

  it('reads labels written in traditional characters (責任單位)', () => {
    expect(roles(read('1.實施城區道路安全暢通工程。(責任單位:市司法局)').units)).toEqual([
      ['市司法局', 'lead'],
    ]);
  });
});

describe('the unit brackets of several measures in one task', () => {
  const task = '加强行政执法。（市司法局牵头）推进政务公开。（市政府办牵头，市数据局配合）';

  it('finds every bracket that closes a measure, not the trailing one', () => {
    const sources = innerUnitBrackets(task, 100, directory);
    expect(sources.map((s) => [s.text, s.offset])).toEqual([
      ['市司法局牵头', 100 + task.indexOf('市司法局')],
    ]);
  });

  it('takes a bracket before 。 or ；, and at a line end', () => {
    const text =
      '加强执法（市司法局牵头）；推进公开（市政府办、市发改委负责）。\n完善机制（市财政局牵头）\n开展评估。（市教育局负责）';
    expect(innerUnitBrackets(text, 0, directory).map((s) => s.text)).toEqual([
      '市司法局牵头',
      '市政府办、市发改委负责',
      '市财政局牵头',
    ]);
  });

  it('leaves ordinary parentheses and brackets mid-sentence alone', () => {
    const text =
      '印发《实施办法（试行）》。配备不少于5%（至少1人）。制定规划（2023—2025年）。建立（市司法局牵头）机制。（市司法局负责）';
    expect(innerUnitBrackets(text, 0, directory)).toEqual([]);
  });

  it('gives the units of all brackets together with unitBracket (as finishDraft would)', () => {
    const trailing = unitBracket(task, 0, directory, false)!;
    const { units } = parseUnits([...innerUnitBrackets(task, 0, directory), ...trailing.sources], directory);
    expect(units.map((u) => [u.raw, u.role, task.slice(u.span.start, u.span.end)])).toEqual([
      ['市司法局', 'lead', '市司法局'],
      ['市政府办', 'lead', '市政府办'],
      ['市数据局', 'co', '市数据局'],
    ]);
  });

  it('names a unit once when two brackets name it', () => {
    const text = '加强执法。（市司法局、市财政局负责）推进公开。（市政府办牵头，市司法局配合）';
    const trailing = unitBracket(text, 0, directory, false)!;
    const { units } = parseUnits([...innerUnitBrackets(text, 0, directory), ...trailing.sources], directory);
    expect(roles(units)).toEqual([
      ['市司法局', 'co'],
      ['市财政局', 'co'],
      ['市政府办', 'lead'],
    ]);
  });
});

describe('collectives of several levels and padded names', () => {
  const list = (text: string) =>
    parseUnits([{ text, offset: 0, label: 'responsible' }], directory).units.map((u) => u.raw);

  it('keeps 各县、市、区政府 and 各区、县级市 whole, but not across a comma', () => {
    expect(list('市发展改革委、各县、市、区政府')).toEqual(['市发展改革委', '各县、市、区政府']);
    expect(list('市人社局、各区、县级市')).toEqual(['市人社局', '各区、县级市']);
    expect(list('县司法局、各有关部门，乡镇人民政府按职责分工分别负责')).toEqual([
      '县司法局',
      '各有关部门',
      '乡镇人民政府',
    ]);
  });

  it('reads leaders padded to three characters, even run together', () => {
    expect(parseUnits([{ text: '陆　明俞　悦', offset: 0, label: 'leader' }], directory).leaders).toEqual([
      '陆明',
      '俞悦',
    ]);
    expect(parseUnits([{ text: '王俊、柯相国', offset: 0, label: 'leader' }], directory).leaders).toEqual([
      '王俊',
      '柯相国',
    ]);
  });
});
