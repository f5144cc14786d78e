/**
 * Indicators: one test per row of the comparator table and per bullet of the indicators section of
 * docs/extraction-rules.md, then units, numerals, subjects and the figures that are no targets.
 */
import { describe, expect, it } from 'vitest';
import { extractIndicators } from '../../src/extract/indicators.ts';
import type { Indicator } from '../../src/types.ts';

/** Indicators of a text, each checked against its span, returned without the span. */
function inds(text: string, noticeYear: number | null = 2024, offset = 50): Omit<Indicator, 'span'>[] {
  const found = extractIndicators(text, offset, { noticeYear });
  let last = -1;
  for (const i of found) {
    expect(text.slice(i.span.start - offset, i.span.end - offset)).toBe(i.raw);
    expect(i.span.start).toBeGreaterThan(last);
    last = i.span.end - 1;
  }
  return found.map(({ span: _span, ...rest }) => rest);
}

function one(text: string): Omit<Indicator, 'span'> {
  const found = inds(text);
  expect(found, text).toHaveLength(1);
  return found[0]!;
}

describe('comparator table (docs/extraction-rules.md)', () => {
  it.each<[string, string, Indicator['comparator'], number, string | null]>([
    ['不少于', '培训时间不少于5天', '>=', 5, '天'],
    ['不低于', '满意率不低于90%', '>=', 90, '%'],
    ['至少', '每季度检查至少3家企业', '>=', 3, '家'],
    ['…以上', '满意率90%以上', '>=', 90, '%'],
    ['达到', '满意率达到95%', '>=', 95, '%'],
    ['达', '细化率达100%', '>=', 100, '%'],
    ['完成', '2025年度完成100%', '>=', 100, '%'],
    ['实现', '覆盖面要实现100%', '>=', 100, '%'],
    ['不超过', '办理时限不超过15个工作日', '<=', 15, '工作日'],
    ['不高于', '差错率不高于1%', '<=', 1, '%'],
    ['最长不超过', '审查时间最长不超过15个工作日', '<=', 15, '工作日'],
    ['…以内', '误差3%以内', '<=', 3, '%'],
    ['…以下', '班级人数45人以下', '<=', 45, '人'],
    ['控制在…以内', '城镇登记失业率控制在4%以内', '<=', 4, '%'],
    ['超过', '投资超过3亿元', '>', 3, '亿元'],
    ['高于', '满意率高于95%', '>', 95, '%'],
    ['低于', '不良率低于2%', '<', 2, '%'],
    ['不满', '空置率不满5%', '<', 5, '%'],
    ['不足', '缺口不足3个', '<', 3, '个'],
    ['配齐', '要配齐2名专职人员', '=', 2, '名'],
    ['配备 N名', '每个乡镇配备2名调解员', '=', 2, '名'],
  ])('%s', (_row, text, comparator, value, unit) => {
    expect(one(text)).toMatchObject({ comparator, value, unit });
  });

  it('增长X%左右 is an approximate exact target', () => {
    expect(one('努力实现地区生产总值增长6.2%左右。')).toEqual({
      raw: '增长6.2%左右',
      comparator: '=',
      value: 6.2,
      unit: '%',
      year: null,
      subject: '地区生产总值增长',
      approx: true,
      confidence: 'high',
    });
  });
});

describe('indicator bullets (docs/extraction-rules.md)', () => {
  it('达到 90%以上 is one indicator (>= 90 %), not two', () => {
    expect(inds('实现公共法律服务三大平台满意率达到 90%以上,促进服务型政府建设。')).toEqual([
      {
        raw: '达到 90%以上',
        comparator: '>=',
        value: 90,
        unit: '%',
        year: null,
        subject: '满意率',
        confidence: 'high',
      },
    ]);
  });

  it('2024年度完成50%,2025年度完成100% gives two indicators with their years', () => {
    const found = inds('落实专职人民调解员,2024年度完成50%,2025年度完成100%。');
    expect(found.map((i) => [i.raw, i.comparator, i.value, i.unit, i.year])).toEqual([
      ['完成50%', '>=', 50, '%', 2024],
      ['完成100%', '>=', 100, '%', 2025],
    ]);
  });

  it('截至2024年底,100%的司法所达到… takes the year of the deadline of its sentence', () => {
    expect(inds('保障人员力量,截至2024年底,100%的司法所达到规范化建设要求,实现“一个前台三个岗”。')).toEqual([
      {
        raw: '100%的司法所达到',
        comparator: '>=',
        value: 100,
        unit: '%',
        year: 2024,
        subject: '司法所',
        confidence: 'high',
      },
    ]);
  });

  it('a deadline of another sentence gives no year', () => {
    expect(inds('截至2024年底完成。100%的司法所达到要求。')[0]?.year).toBeNull();
  });

  it('不少于本单位执法人员总数5% (至少1人) gives >= 5 % and >= 1 人', () => {
    expect(inds('原则上按不少于本单位执法人员总数5%的要求配备法制审核人员(至少1人)。')).toEqual([
      {
        raw: '不少于本单位执法人员总数5%',
        comparator: '>=',
        value: 5,
        unit: '%',
        year: null,
        subject: '法制审核人员',
        confidence: 'high',
      },
      {
        raw: '至少1人',
        comparator: '>=',
        value: 1,
        unit: '人',
        year: null,
        subject: '法制审核人员',
        confidence: 'high',
      },
    ]);
  });

  it('每人每年…不少于60学时 is >= 60 学时 per 每人每年', () => {
    expect(inds('确保每人每年接受不少于60学时的公共法律知识培训。')).toEqual([
      {
        raw: '不少于60学时',
        comparator: '>=',
        value: 60,
        unit: '学时',
        year: null,
        subject: '公共法律知识培训',
        per: '每人每年',
        confidence: 'high',
      },
    ]);
  });

  it('至少有一个 is >= 1 个', () => {
    expect(inds('实现每个村(社区)至少有一个法治文化阵地。')).toEqual([
      {
        raw: '至少有一个',
        comparator: '>=',
        value: 1,
        unit: '个',
        year: null,
        subject: '法治文化阵地',
        per: '每个村(社区)',
        confidence: 'high',
      },
    ]);
  });

  it.each([
    ['新增就业不少于两千人', 2000, '人'],
    ['培训不少于十一次', 11, '次'],
    ['建设不少于二十五个站点', 25, '个'],
    ['配齐两名专职人员', 2, '名'],
    ['资金不低于五万元', 5, '万元'],
  ])('reads Chinese numerals: %s', (text, value, unit) => {
    expect(one(text)).toMatchObject({ value, unit });
  });

  it('reads a year written digit by digit (二〇二四年完成50%)', () => {
    expect(one('二〇二四年完成50%')).toMatchObject({ value: 50, year: 2024 });
  });

  it('a frequency (每年…1次) is an obligation, not an indicator', () => {
    expect(inds('每年至少组织1次专项监督、2次行政案卷评查。')).toEqual([]);
    expect(inds('各级政府常务会议每年学法不少于1次;政府各部门每年集体学法不少于2次。')).toEqual([]);
    expect(inds('部门负责人任期内至少接受1次法治培训。')).toEqual([]);
    // Without a period it is a target.
    expect(one('开展培训不少于3次')).toMatchObject({
      comparator: '>=',
      value: 3,
      unit: '次',
      subject: '开展培训',
    });
  });

  it.each([
    ['一般不少于5个工作日', '工作日'],
    ['用时不超过3个月', '月'],
    ['提高5个百分点', '百分点'],
    ['不少于3家', '家'],
    ['不少于12公里', '公里'],
    ['不低于500万元', '万元'],
    ['超过3亿元', '亿元'],
    ['至少有一个', '个'],
    ['不超过8小时', '小时'],
    ['不少于60学时', '学时'],
  ])('normalizes the unit of %s to %s', (text, unit) => {
    expect(one(text).unit).toBe(unit);
  });

  it('a figure with no unit has unit null', () => {
    expect(one('评分不低于85,')).toMatchObject({ value: 85, unit: null });
  });
});

describe('subjects, years and per', () => {
  it.each([
    ['2025年高频处罚事项裁量权细化率达100%', '裁量权细化率', 2025],
    ['行政机关负责人依法应当出庭应诉率应达到100%', '出庭应诉率', null],
    ['2024年全市所有的司法所远程法律服务终端覆盖面要实现100%', '司法所远程法律服务终端覆盖面', 2024],
    ['城镇登记失业率控制在4%以内', '城镇登记失业率', null],
    ['明年满意率达到95%', '满意率', 2025],
  ])('%s → %s', (text, subject, year) => {
    expect(one(text)).toMatchObject({ subject, year });
  });

  it('听证不少于4人、调查取证不少于2人 gives two indicators with their subjects', () => {
    expect(
      inds('按照“听证不少于4人、调查取证不少于2人”的办案人数规定').map((i) => [i.subject, i.value, i.unit]),
    ).toEqual([
      ['听证', 4, '人'],
      ['调查取证', 2, '人'],
    ]);
  });

  it('配齐2名 names what it counts', () => {
    expect(one('市、区(市)人民政府要配齐2名专职行政应诉工作人员,打造队伍。')).toMatchObject({
      raw: '配齐2名',
      comparator: '=',
      value: 2,
      unit: '名',
      subject: '专职行政应诉工作人员',
    });
  });

  it('shares the counted noun along an enumeration, and per 每个…', () => {
    expect(inds('逐步落实每个乡镇(街道)配备2名、村(社区)配备1名专职人民调解员。')).toEqual([
      {
        raw: '配备2名',
        comparator: '=',
        value: 2,
        unit: '名',
        year: null,
        subject: '专职人民调解员',
        per: '每个乡镇(街道)',
        confidence: 'high',
      },
      {
        raw: '配备1名',
        comparator: '=',
        value: 1,
        unit: '名',
        year: null,
        subject: '专职人民调解员',
        confidence: 'high',
      },
    ]);
  });

  it('takes the subject of the previous clause for a bare limit', () => {
    expect(
      inds('保证足够的合法性审查时间,一般不少于5个工作日,最长不超过15个工作日。').map((i) => i.subject),
    ).toEqual(['合法性审查时间', '合法性审查时间']);
  });

  it('a subject it cannot tell is empty and lowers the confidence', () => {
    expect(one('完成50%')).toMatchObject({ subject: '', confidence: 'low' });
  });
});

describe('figures that are no targets', () => {
  it.each([
    '其他主要经济指标不低于全市平均水平。',
    '当年败诉率高于全市平均值以及造成重大影响的',
    '实现“一块牌子标识亮”“一个前台三个岗”“干净亲民六间房”',
    '将12348法网、热线、实体平台深度融入',
    '依托“12·4”国家宪法日',
    '区(市)级以上人民政府',
    '规模以上工业',
    '实现一体化',
    '实现一期核心区满园运营',
    '推动各区(市)完成司法协理员定额',
    '不低于上一年度',
    '达到2025年目标',
    '完成12月的评估',
    '制定《“一升两降”工作实施方案》',
    '市下达的节能减排任务',
    '',
  ])('finds nothing in %j', (text) => {
    expect(inds(text)).toEqual([]);
  });
});
