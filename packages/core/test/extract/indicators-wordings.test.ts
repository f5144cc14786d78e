/**
 * Indicators: wordings seen in task lists published by other governments (docs/extraction-rules.md,
 * "Indicators"): inclusion brackets (不含6亩), amounts of money, counts with measure words, rates
 * kept or brought to a level, changes — and the figures that look like them but are no targets.
 */
import { describe, expect, it } from 'vitest';
import { extractIndicators } from '../../src/extract/indicators.ts';
import type { Indicator } from '../../src/types.ts';

type Found = Omit<Indicator, 'span'>;

/** Indicators of a text, each checked against its span, returned without the span. */
function inds(text: string, bare = true): Found[] {
  const offset = 7;
  const found = extractIndicators(text, offset, { noticeYear: 2024, bare });
  let last = -1;
  for (const i of found) {
    expect(text.slice(i.span.start - offset, i.span.end - offset)).toBe(i.raw);
    expect(i.span.start).toBeGreaterThan(last);
    last = i.span.end - 1;
  }
  return found.map(({ span: _span, ...rest }) => rest);
}

function one(text: string, bare = true): Found {
  const found = inds(text, bare);
  expect(found, text).toHaveLength(1);
  return found[0]!;
}

/** [raw, comparator, value, unit, subject] of each indicator. */
function brief(text: string, bare = true): [string, string, number, string | null, string][] {
  return inds(text, bare).map((i) => [i.raw, i.comparator, i.value, i.unit, i.subject]);
}

describe('inclusion brackets: (不含) leaves the number out, (含) keeps it in', () => {
  it.each<[string, string, Indicator['comparator'], number, string | null]>([
    ['对6亩以下（不含6亩）的地块', '6亩以下（不含6亩）', '<', 6, '亩'],
    ['流转土地6亩以下（不含）的农户', '6亩以下（不含）', '<', 6, '亩'],
    ['流转土地6亩以下（含）的农户', '6亩以下（含）', '<=', 6, '亩'],
    ['流转土地6亩（含6亩）以下的农户', '6亩（含6亩）以下', '<=', 6, '亩'],
    ['流转土地6亩（不含）以下的农户', '6亩（不含）以下', '<', 6, '亩'],
    ['吸纳就业50人以上（不含）的企业', '50人以上（不含）', '>', 50, '人'],
    ['吸纳就业50人以上（含本数）的企业', '50人以上（含本数）', '>=', 50, '人'],
    ['吸纳就业50人（含）以上的企业', '50人（含）以上', '>=', 50, '人'],
    ['吸纳就业50人以上(不包括50人)的企业', '50人以上(不包括50人)', '>', 50, '人'],
    ['优良率提高到90%以上（不含）', '提高到90%以上（不含）', '>', 90, '%'],
    ['补助资金10万元以内（不含10万元）', '10万元以内（不含10万元）', '<', 10, '万元'],
  ])('%s', (text, raw, comparator, value, unit) => {
    expect(one(text, false)).toMatchObject({ raw, comparator, value, unit });
  });

  it('对6亩以下（不含6亩）的地块 names 地块, not the preposition 对', () => {
    expect(one('对6亩以下（不含6亩）的地块', false).subject).toBe('地块');
  });

  it('a bracket that is no inclusion stays out of the target', () => {
    expect(brief('完成投资1亿元以上（含中央资金）', false)).toEqual([
      ['1亿元以上', '>=', 1, '亿元', '完成投资'],
    ]);
    // (不含5亩) is about another number: 6亩 stands with no suffix.
    expect(inds('流转土地6亩（不含5亩）以下', false)).toEqual([]);
  });

  it.each<[string, Indicator['comparator']]>([
    ['单个项目奖补超过50万元', '>'],
    ['空置率低于5%', '<'],
    ['参训人数少于30人', '<'],
    ['满意率不低于95%', '>='],
    ['培训不少于3次', '>='],
    ['面积200亩以上', '>='],
  ])('%s → %s', (text, comparator) => {
    expect(one(text, false).comparator).toBe(comparator);
  });
});

describe('amounts of money', () => {
  it.each<[string, number, string]>([
    ['4000万元', 4000, '万元'],
    ['1亿元', 1, '亿元'],
    ['1.5亿元', 1.5, '亿元'],
    ['专项债券3.65万亿元', 3.65, '万亿元'],
  ])('%s standing alone is >= %s %s', (text, value, unit) => {
    expect(one(text)).toMatchObject({ raw: text.replace('专项债券', ''), comparator: '>=', value, unit });
  });

  it('财政投入3000万元: the subject is the words before; the comparator is not written (low confidence)', () => {
    expect(one('财政投入3000万元。')).toEqual({
      raw: '3000万元',
      comparator: '>=',
      value: 3000,
      unit: '万元',
      year: null,
      subject: '财政投入',
      confidence: 'low',
    });
  });

  it('完成投资20亿元以上 and 争取资金不少于5000万元 read with or without bare figures', () => {
    for (const bare of [true, false]) {
      expect(brief('完成投资20亿元以上', bare)).toEqual([['20亿元以上', '>=', 20, '亿元', '完成投资']]);
      expect(brief('争取资金不少于5000万元', bare)).toEqual([
        ['不少于5000万元', '>=', 5000, '万元', '争取资金'],
      ]);
    }
  });

  it('约1.5万亿元 is 1.5 万亿元, not 1.5 万', () => {
    expect(one('中央对地方转移支付增加约1.5万亿元', false)).toMatchObject({
      comparator: '=',
      value: 1.5,
      unit: '万亿元',
      approx: true,
    });
  });

  it('a range (100万元至300万元) is no target', () => {
    expect(inds('对年应纳税所得额100万元至300万元部分减半征收')).toEqual([]);
  });
});

describe('counts with measure words', () => {
  it.each<[string, number, string, string]>([
    ['培育龙头企业10家', 10, '家', '培育龙头企业'],
    ['新建5所', 5, '所', '新建'],
    ['新建5所乡镇幼儿园', 5, '所', '乡镇幼儿园'],
    ['建成20个', 20, '个', '建成'],
    ['建成20个村级综合服务站', 20, '个', '村级综合服务站'],
    ['新建农桥3座', 3, '座', '新建农桥'],
    ['建设四好农村路50公里', 50, '公里', '建设四好农村路'],
    ['新改建农村户用卫生厕所1000户', 1000, '户', '新改建农村户用卫生厕所'],
    ['筹集保障性租赁住房200套', 200, '套', '筹集保障性租赁住房'],
    ['出台惠企政策12项', 12, '项', '出台惠企政策'],
    ['盘活存量土地400亩', 400, '亩', '盘活存量土地'],
    ['新增16个“文化驿站”', 16, '个', '文化驿站'],
    ['推动30条生产线投产', 30, '条', '生产线'],
  ])('%s', (text, value, unit, subject) => {
    expect(one(text)).toMatchObject({ comparator: '>=', value, unit, subject, confidence: 'low' });
  });

  it('力争全年盘活僵尸企业10家,盘活存量土地400亩 gives two targets', () => {
    expect(brief('力争 全年盘活僵尸企业10家,盘活存量土地400亩。')).toEqual([
      ['10家', '>=', 10, '家', '盘活僵尸企业'],
      ['400亩', '>=', 400, '亩', '盘活存量土地'],
    ]);
  });

  it('a count with a comparator word keeps it (不少于30个, 至少建成1个)', () => {
    expect(brief('完成村庄规划编制不少于30个。')).toEqual([
      ['不少于30个', '>=', 30, '个', '完成村庄规划编制'],
    ]);
    expect(one('每个乡镇至少建成1个分类示范村').comparator).toBe('>=');
  });

  it('bare figures are read only when asked (off by default)', () => {
    expect(inds('培育龙头企业10家', false)).toEqual([]);
    expect(inds('财政投入3000万元', false)).toEqual([]);
  });
});

describe('rates kept, brought to a level, or changed', () => {
  it.each<[string, Indicator['comparator'], number, string | null, string]>([
    ['行政村生活垃圾收运处置覆盖率保持100%', '=', 100, '%', '行政村生活垃圾收运处置覆盖率'],
    ['覆盖率保持在100%', '=', 100, '%', '覆盖率'],
    ['覆盖率保持在95%以上', '>=', 95, '%', '覆盖率'],
    ['覆盖率达到100%', '>=', 100, '%', '覆盖率'],
    ['确保粮食作物病虫害统防统治覆盖率不低于95%', '>=', 95, '%', '粮食作物病虫害统防统治覆盖率'],
    ['农村自来水普及率提高到90%以上', '>=', 90, '%', '农村自来水普及率'],
    ['城镇调查失业率控制在5%以内', '<=', 5, '%', '城镇调查失业率'],
  ])('%s', (text, comparator, value, unit, subject) => {
    expect(one(text)).toMatchObject({ comparator, value, unit, subject, confidence: 'high' });
  });

  it('保持 N% without 在 is read with bare figures only; 保持10年不变 never', () => {
    expect(inds('覆盖率保持100%', false)).toEqual([]);
    expect(inds('政策保持10年不变')).toEqual([]);
  });

  it('实现全覆盖 has no figure: nothing', () => {
    expect(inds('实现全覆盖')).toEqual([]);
    expect(inds('农村生活垃圾收运处置体系实现全覆盖。')).toEqual([]);
  });

  it('下降10% / 降低10个百分点: the size of the change, at least (the verb stays in the subject)', () => {
    expect(one('单位地区生产总值能耗下降10%')).toMatchObject({
      raw: '下降10%',
      comparator: '>=',
      value: 10,
      unit: '%',
      subject: '单位地区生产总值能耗下降',
      confidence: 'low',
    });
    expect(one('化肥使用强度降低10个百分点')).toMatchObject({
      raw: '降低10个百分点',
      comparator: '>=',
      value: 10,
      unit: '百分点',
      subject: '化肥使用强度降低',
    });
    expect(one('能耗下降10%左右')).toMatchObject({ comparator: '=', approx: true });
    expect(one('能耗下降到5%以下')).toMatchObject({ raw: '下降到5%以下', comparator: '<=', value: 5 });
  });
});

describe('figures that look like targets and are none (with bare figures on)', () => {
  it.each([
    '2023年',
    '2025年6月30日前完成',
    '根据《国务院办公厅关于印发…的通知》(国办发〔2023〕5号)',
    '按照石府办字〔2025〕9号文件要求',
    '落实第3项任务',
    '依照条例第5条规定',
    '进入全省前3名',
    '排名第1名',
    '年满60周岁的老人',
    '一、优化营商环境（12项）',
    '共12项',
    '从3个方面推进',
    '明确133项具体任务,涉及34个牵头单位',
    '细化15项具体任务,涉及10个责任单位',
    '每1000人拥有',
    '新建3-5家',
    '新建3至5家',
    '已建成建筑垃圾中转站3个、分类池10个;其余点位已启动建设流程。',
    '目前有5家企业',
    '实施“5个1”工程',
    '制定《3年行动计划》',
    '拨打12345热线',
    '5个工作日内办结',
    '用时3个月',
    '近3年',
    '实现“一个前台三个岗”',
    '建立一个机制',
    '每年至少组织1次专项监督',
  ])('finds nothing in %j', (text) => {
    expect(inds(text)).toEqual([]);
  });

  it('a list number before the words is no part of the subject (3 . 新建…10个)', () => {
    expect(one('3 . 新建改造城市口袋公园10个').subject).toBe('新建改造城市口袋公园');
  });

  it('a bracket of units before the words is no part of the subject', () => {
    expect(one('（国家发展改革委等按职责分工负责）安排资金1000亿元').subject).toBe('安排资金');
  });

  it('本年度总投资6000万元 names 总投资', () => {
    expect(inds('本年度总投资6000万元的19个项目完成投资3000万元。').map((i) => [i.raw, i.subject])).toEqual([
      ['6000万元', '总投资'],
      ['19个', '项目'],
      ['3000万元', '19个项目完成投资'],
    ]);
  });
});
