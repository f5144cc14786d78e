/**
 * The corpus of real task lists (fixtures/notices/corpus/, each stored as published with a
 * hand-made expectation): every expectation is well formed, the parser gets at least the share of
 * expected facts it got when this floor was last raised, and each hard kind of layout is checked
 * on a real document that shows it.
 */
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../src/notice/parse-notice.ts';
import type { Plan, Task } from '../../src/types.ts';
import { type CorpusDocument, corpusDocuments, norm, scoreDocument } from '../helpers/corpus.ts';
import { defaultDirectory } from '../helpers/fixtures.ts';

/** Raise it when the parser gets better; never lower it to make a change pass. */
const FLOOR = 0.99;

const KINDS = new Set([
  'one-cell-per-line',
  'blank-line-cells',
  'header-broken',
  'number-alone',
  'covering-notice',
  'mirror-lines',
  'run-on',
  'numbering-unusual',
  'preamble-paragraphs',
  'closing-text',
  'several-brackets',
  'unit-joining-words',
  'meta-rule',
  'row-spanning-cells',
  'units-no-separator',
  'each-leads',
  'label-variants',
  'title-two-lines',
  'money-figures',
  'merged-section-columns',
]);

const docs = corpusDocuments();

function doc(prefix: string): CorpusDocument {
  const found = docs.find((d) => d.name.startsWith(`${prefix}_`));
  if (!found) throw new Error(`corpus document ${prefix} is missing`);
  return found;
}

function plan(prefix: string): Plan {
  return parseNotice(doc(prefix).text, { directory: defaultDirectory() });
}

const units = (t: Task) => t.units.map((u) => norm(u.raw));
const starts = (p: Plan) => p.tasks.map((t) => norm(t.text).slice(0, 8));

describe('the corpus', () => {
  it('holds real documents from every level, each with a well-formed expectation', () => {
    expect(docs.length).toBeGreaterThanOrEqual(30);
    const levels = new Set(docs.map((d) => d.expected.source.level));
    for (const level of ['national', 'province', 'city', 'county', 'township', 'zone'])
      expect(levels, level).toContain(level);
    for (const d of docs) {
      expect(d.expected.tasks.length, d.name).toBeGreaterThan(0);
      for (const k of d.expected.kinds) expect(KINDS, `${d.name}: ${k}`).toContain(k);
      for (const t of d.expected.tasks) {
        // Every expected phrase is in the text as written (spaces and line breaks aside).
        expect(norm(d.text), `${d.name}: ${t.starts}`).toContain(norm(t.starts));
        for (const u of t.units ?? []) expect(norm(d.text), `${d.name}: ${u}`).toContain(norm(u));
      }
    }
  });

  it(`gets at least ${FLOOR * 100}% of the expected facts`, () => {
    let found = 0;
    let total = 0;
    for (const d of docs) {
      const s = scoreDocument(d);
      found += s.found;
      total += s.total;
    }
    expect(found / total).toBeGreaterThanOrEqual(FLOOR);
  });
});

describe('each hard kind, on a real document', () => {
  it('one cell per line, cells between blank lines (苍南 民生实事 进度表)', () => {
    const p = plan('45');
    expect(p.tasks).toHaveLength(13);
    expect(units(p.tasks[0]!)).toEqual(['县教育局']);
    expect(units(p.tasks[1]!)).toEqual(['县交通局']);
    expect(p.diagnostics.map((d) => d.message)).toContain('表格的单元格逐行排列，已按表头和序号重组为表格行');
  });

  it('one cell per line ending in | , a 序号 from 24, 分管 领导 spaced (崇川 民生实事)', () => {
    const p = plan('50');
    expect(p.tasks.map((t) => t.no)).toEqual([24, 25, 26]);
    expect(p.tasks.map((t) => t.leaders)).toEqual([['徐国江'], ['徐国江'], ['徐国江']]);
    expect(units(p.tasks[1]!)).toEqual(['城管局', '市政局', '环卫处', '崇川经济开发区', '各街道']);
    expect(p.tasks[1]!.units[0]!.role).toBe('lead');
  });

  it('a heading row inside a one-cell-per-line table names the leaders of its tasks (郧阳区)', () => {
    const p = plan('44');
    expect(p.sections.map((s) => s.title)).toEqual([
      '主要经济社会发展指标、发改、财政、行政审批、生态环境、营商环境、交通、金融、安全生产等工作目标',
    ]);
    expect(p.tasks[0]!.leaders).toEqual(['成坤', '柯相国', '王俊']);
    expect(units(p.tasks[0]!)).toEqual(['区发改局']);
  });

  it('heading rows alone in a one-cell-per-paragraph table, numbered or not (广州 穗府〔2021〕3号)', () => {
    const p = plan('76');
    expect(p.tasks.map((t) => [t.section, t.subsection])).toEqual([
      ['强化科技创新支撑能力', '加强战略科技力量建设'],
      ['强化科技创新支撑能力', '加强战略科技力量建设'],
      ['强化科技创新支撑能力', '加强战略科技力量建设'],
    ]);
    expect(p.tasks[0]!.leaders).toEqual(['王东']);
  });

  it('cells between single spaces on one line, two spaces a merged cell (平顶山 河长制 任务分解表)', () => {
    const p = plan('80');
    expect(p.tasks.map((t) => t.no)).toEqual([1, 2, 3]);
    expect(starts(p)).toEqual(['实施水资源消耗总', '落实万元国内生产', '抓好工业节水。加']);
    // 加强水资源保 护: a 类别 cell its line break split, merged down rows 2 and 3.
    expect(p.tasks.map((t) => norm(t.section))).toEqual([
      '加强水资源保护',
      '加强水资源保护',
      '加强水资源保护',
    ]);
    expect(p.tasks[2]!.units.filter((u) => u.role === 'lead').map((u) => u.raw)).toEqual([
      '市工业和信息化委',
      '水利局',
    ]);
    expect(units(p.tasks[0]!)).toContain('高新区党工委和管委会');
  });

  it('header cells broken over two lines (泗洲头镇: 责任 / 领导, 责任 / 科室)', () => {
    const p = plan('46');
    expect(p.tasks.map((t) => t.leaders)).toEqual([['欧乾震'], ['吴宇凡']]);
    expect(units(p.tasks[0]!)).toEqual(['白仙山水库工程政策处理工作领导小组']);
    expect(starts(p)).toEqual(['白仙山水库工程政', '现代化美丽城镇']);
  });

  it('a covering notice with its own 一、二、三 and a mirror metadata table before the list (金乡县)', () => {
    const p = plan('53');
    expect(p.notice).toMatchObject({ issuer: '金乡县人民政府', issuedAt: '2025-02-28' });
    expect(p.tasks[0]!.section).toBe('2025年主要预期目标');
    expect(norm(p.tasks[0]!.text)).toBe('地区生产总值增长6%');
    expect(p.tasks).toHaveLength(8);
  });

  it('a covering notice numbered 一、二、三 and a section heading that names the lead (沁县)', () => {
    const p = plan('52');
    expect(p.tasks).toHaveLength(4);
    for (const t of p.tasks) expect(units(t)).toEqual(['县示范区管委会']);
    expect(p.notice).toMatchObject({ issuer: '沁县人民政府办公室', issuedAt: '2025-05-18' });
  });

  it('assignments run on in one paragraph: 由A牵头，B配合，在9月底前完成…；由C牵头… (师宗县)', () => {
    const p = plan('57');
    expect(p.tasks).toHaveLength(4);
    expect(units(p.tasks[0]!)).toEqual(['县发展和改革局', '县委党校', '县政务服务管理局', '县自然资源局']);
    expect(p.tasks[0]!.obligations).toMatchObject([{ kind: 'once', date: '2022-09-30' }]);
  });

  it('a person leads and a unit carries out: X由王光玲牵头，九重镇落实 (淅川县)', () => {
    const p = plan('58');
    expect(p.tasks[0]!.leaders).toEqual(['王光玲']);
    expect(units(p.tasks[0]!)).toEqual(['九重镇']);
    expect(p.tasks.flatMap((t) => units(t))).not.toContain('王光玲');
  });

  it('items run on, a label after a comma (六安: 1、技能培训提升,牵头单位:市退役军人局。)', () => {
    const p = plan('54');
    expect(p.tasks.map((t) => units(t))).toEqual([
      ['市退役军人局'],
      ['市民政局'],
      ['市住建局'],
      ['市交通局'],
      ['市农业农村局'],
    ]);
    // The county ranking 1、金寨县;2、裕安区… above names no one responsible: no tasks.
    expect(starts(p).some((s) => s.startsWith('金寨县'))).toBe(false);
  });

  it('tasks numbered 一、 to 九、 with no sections above them (国办发〔2021〕45号)', () => {
    const p = plan('04');
    expect(p.sections).toEqual([]);
    expect(p.tasks.map((t) => t.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(
      p.diagnostics.some((d) => d.code === 'structure' && d.message.startsWith('任务层级：“一、”')),
    ).toBe(true);
  });

  it('(一) items that are the tasks, not subsections; 指导思想 and 基本原则 are no tasks (国办发〔2017〕48号)', () => {
    const p = plan('01');
    expect(p.tasks.map((t) => t.label)).toEqual(
      ['四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四'].map((n) => `（${n}）`),
    );
    expect(p.sections.flatMap((s) => s.subsections)).toEqual([]);
    expect(starts(p).some((s) => s.startsWith('指导思想'))).toBe(false);
    // (环境保护部、农业部牵头): both lead.
    expect(p.tasks[0]!.units.map((u) => [u.raw, u.role])).toEqual([
      ['环境保护部', 'lead'],
      ['农业部', 'lead'],
    ]);
  });

  it('the closing after the last task: signature and a date in 〇 numerals written ○ (华容县)', () => {
    const p = plan('61');
    expect(p.notice).toMatchObject({ issuer: '县防汛抗旱指挥部办公室', issuedAt: '2010-05-11' });
    expect(p.tasks.map((t) => units(t))).toEqual([['各乡镇'], ['丘山区乡镇'], ['农业部门']]);
  });

  it('the closing after the last task keeps its units and the notice date (国办发〔2022〕30号)', () => {
    const p = plan('03');
    const last = p.tasks.at(-1)!;
    expect(units(last)).toEqual(expect.arrayContaining(['各地区', '各部门']));
    expect(p.notice.issuedAt).toBe('2022-09-07');
  });

  it('several unit brackets in one task, one per measure (国发〔2022〕9号)', () => {
    const p = plan('05');
    expect(p.tasks).toHaveLength(52);
    const jobs = p.tasks.find((t) => norm(t.text).startsWith('大力拓宽就业渠道'))!;
    expect(units(jobs)).toEqual(
      expect.arrayContaining(['人力资源社会保障部', '国家发展改革委', '财政部', '税务总局']),
    );
  });

  it('unit phrases with joining words: X等国务院相关部门及各地区按职责分工负责 (国办发〔2022〕30号)', () => {
    const t = plan('03').tasks[1]!;
    expect(units(t)).toEqual(['市场监管总局', '工业和信息化部', '国务院相关部门', '各地区']);
    expect(t.units[0]!.role).toBe('lead');
  });

  it('a title after a reprint lead, its period in brackets; a collective with its other name in brackets; X、Y牵头督导 (潮州 打赢蓝天保卫战 2019)', () => {
    const p = plan('82');
    // 日前,潮州印发《…》。全文如下: — then the plan's own title.
    expect(p.notice.title).toBe('潮州市打赢蓝天保卫战实施方案(2019-2020年)');
    const [first, second] = p.tasks;
    // 各县、区人民政府(管委会): every county and district government, one unit (the rule carries it on).
    expect(units(first!)).toContain('各县、区人民政府(管委会)');
    expect(units(second!)).toContain('各县、区人民政府(管委会)');
    expect(units(first!)).not.toContain('区人民政府(管委会)');
    // The bracket the copy cuts off: 市生态环境局、发展和改革局、工业和信息化局牵头督导 lead.
    expect(second!.units.filter((u) => u.role === 'lead').map((u) => u.raw)).toEqual([
      '市生态环境局',
      '发展和改革局',
      '工业和信息化局',
    ]);
  });

  it('a rule in the first bracket: 以下任务措施均需各市政府落实，不再列出 is kept as a note (山东 2019)', () => {
    const t = plan('02').tasks[0]!;
    expect(t.notes.some((n) => n.includes('不再列出'))).toBe(true);
    expect(units(t)).toContain('省生态环境厅');
  });

  it('a collective of two levels stays one unit: 各区、县级市 (广州 人才集聚工程)', () => {
    const t = plan('20').tasks[0]!;
    expect(units(t)).toContain('各区、县级市');
    expect(units(t)).not.toContain('县级市');
  });

  it('leaders padded to three characters and run together: 陆 明俞 悦 (南陵县)', () => {
    expect(plan('71').tasks.map((t) => t.leaders)).toEqual([['俞悦'], ['陆明', '俞悦']]);
  });

  it('a collective of three levels: 各县、市、区政府 (滁州); a rule in brackets after the last unit (湖州)', () => {
    expect(units(plan('74').tasks[0]!)).toContain('各县、市、区政府');
    const t = plan('73').tasks[0]!;
    expect(units(t)).toEqual([
      '市经信局',
      '市财政局',
      '市发展改革委',
      '市人力社保局',
      '市金融办',
      '市税务局',
    ]);
    expect(t.notes).toEqual(['(列第一位者为工作牵头单位或汇总单位,下同)']);
  });

  it('a title broken over two lines (西平县 西政办〔2020〕20号)', () => {
    expect(plan('42').notice).toMatchObject({
      title: '关于印发西平县2020年度法治政府建设工作安排的通知',
      issuer: '西平县人民政府办公室',
      docNumber: '西政办〔2020〕20号',
    });
  });

  it('amounts of money are targets (沁县: 投资3000万元建设…)', () => {
    const t = plan('52').tasks[0]!;
    expect(t.indicators).toContainEqual(expect.objectContaining({ value: 3000, unit: '万元' }));
  });
});
