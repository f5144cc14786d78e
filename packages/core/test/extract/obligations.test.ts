/**
 * Obligations: one test per row of the obligations table of docs/extraction-rules.md, then the
 * variants real notices use.
 */
import { describe, expect, it } from 'vitest';
import { type ExtractContext, extractObligations } from '../../src/extract/obligations.ts';
import type { Obligation } from '../../src/types.ts';

const CTX: ExtractContext = { noticeYear: 2024, issuedAt: '2024-07-04' };

/** Obligations of a text, each checked against its span, returned without the span. */
function obs(text: string, ctx: ExtractContext = CTX, offset = 100): Omit<Obligation, 'span'>[] {
  const found = extractObligations(text, offset, ctx);
  let last = -1;
  for (const o of found) {
    expect(text.slice(o.span.start - offset, o.span.end - offset)).toBe(o.raw);
    expect(o.span.start).toBeGreaterThan(last);
    last = o.span.end - 1;
  }
  return found.map(({ span: _span, ...rest }) => rest);
}

describe('obligations table (docs/extraction-rules.md)', () => {
  it.each<[string, string, Omit<Obligation, 'span'>[]]>([
    [
      '每年3月1日前',
      '每年3月1日前,市政府报告上一年度法治政府建设情况。',
      [
        {
          kind: 'annual',
          raw: '每年3月1日前',
          month: 3,
          day: 1,
          confidence: 'high',
          activity: '市政府报告上一年度法治政府建设情况',
        },
      ],
    ],
    [
      '每年11月底前',
      '于每年11月底前提出立法计划建议',
      [
        {
          kind: 'annual',
          raw: '每年11月底前',
          month: 11,
          day: 30,
          endOfMonth: true,
          confidence: 'high',
          activity: '提出立法计划建议',
        },
      ],
    ],
    [
      '每年8月初',
      '每年8月初开展下年度政府立法建议项目申报',
      [
        {
          kind: 'annual',
          raw: '每年8月初',
          month: 8,
          day: 10,
          approx: 'early',
          confidence: 'high',
          activity: '开展下年度政府立法建议项目申报',
        },
      ],
    ],
    [
      '4月1日前 in a sentence that already said 每年',
      '每年3月1日前报告,并在4月1日前向社会公开。',
      [
        { kind: 'annual', raw: '每年3月1日前', month: 3, day: 1, confidence: 'high', activity: '报告' },
        { kind: 'annual', raw: '4月1日前', month: 4, day: 1, confidence: 'high', activity: '向社会公开' },
      ],
    ],
    [
      '每年1月底前和7月底前',
      '于每年1月底前和7月底前提交发文目录',
      [
        {
          kind: 'semiannual',
          raw: '每年1月底前和7月底前',
          dates: [
            { month: 1, day: 31, endOfMonth: true },
            { month: 7, day: 31, endOfMonth: true },
          ],
          confidence: 'high',
          activity: '提交发文目录',
        },
      ],
    ],
    [
      '每半年',
      '每半年报告工作进展',
      [
        {
          kind: 'semiannual',
          raw: '每半年',
          dates: [
            { month: 6, day: 30, endOfMonth: true },
            { month: 12, day: 31, endOfMonth: true },
          ],
          confidence: 'low',
          activity: '报告工作进展',
        },
      ],
    ],
    [
      '每季度',
      '每季度报送工作进展',
      [
        {
          kind: 'quarterly',
          raw: '每季度',
          endOfMonth: true,
          dates: [
            { month: 3, day: 31, endOfMonth: true },
            { month: 6, day: 30, endOfMonth: true },
            { month: 9, day: 30, endOfMonth: true },
            { month: 12, day: 31, endOfMonth: true },
          ],
          confidence: 'low',
          activity: '报送工作进展',
        },
      ],
    ],
    [
      '每季度末',
      '每季度末报送工作进展',
      [
        {
          kind: 'quarterly',
          raw: '每季度末',
          endOfMonth: true,
          dates: [
            { month: 3, day: 31, endOfMonth: true },
            { month: 6, day: 30, endOfMonth: true },
            { month: 9, day: 30, endOfMonth: true },
            { month: 12, day: 31, endOfMonth: true },
          ],
          confidence: 'high',
          activity: '报送工作进展',
        },
      ],
    ],
    [
      '每月5日前',
      '每月5日前报送数据',
      [{ kind: 'monthly', raw: '每月5日前', day: 5, confidence: 'high', activity: '报送数据' }],
    ],
    [
      '截至2024年底',
      '截至2024年底,实现全覆盖',
      [{ kind: 'once', raw: '截至2024年底', date: '2024-12-31', confidence: 'high', activity: '实现全覆盖' }],
    ],
    [
      '2024年底前',
      '2024年底前完成清理',
      [{ kind: 'once', raw: '2024年底前', date: '2024-12-31', confidence: 'high', activity: '完成清理' }],
    ],
    [
      '2024年12月底前',
      '2024年12月底前完成清理',
      [{ kind: 'once', raw: '2024年12月底前', date: '2024-12-31', confidence: 'high', activity: '完成清理' }],
    ],
    [
      '11月底前 with no 每年 and no year (not yet past at issue: the notice year)',
      '11月底前完成评估',
      [
        {
          kind: 'once',
          raw: '11月底前',
          date: '2024-11-30',
          yearInferred: true,
          confidence: 'low',
          activity: '完成评估',
        },
      ],
    ],
    [
      '3个月内',
      '制定整改方案,3个月内报送整改落实情况',
      [
        {
          kind: 'relative',
          raw: '3个月内',
          amount: 3,
          unit: 'month',
          direction: 'after',
          trigger: '制定整改方案',
          confidence: 'high',
          activity: '报送整改落实情况',
        },
      ],
    ],
    [
      '5个工作日内',
      '对调整后的权责清单,行政机关需在5个工作日内向机构编制部门报备',
      [
        {
          kind: 'relative',
          raw: '5个工作日内',
          amount: 5,
          unit: 'workday',
          direction: 'after',
          trigger: '对调整后的权责清单',
          confidence: 'high',
          activity: '向机构编制部门报备',
        },
      ],
    ],
    [
      '15日内',
      '收到投诉,15日内答复',
      [
        {
          kind: 'relative',
          raw: '15日内',
          amount: 15,
          unit: 'day',
          direction: 'after',
          trigger: '收到投诉',
          confidence: 'high',
          activity: '答复',
        },
      ],
    ],
    [
      '10天内',
      '发现问题,10天内整改',
      [
        {
          kind: 'relative',
          raw: '10天内',
          amount: 10,
          unit: 'day',
          direction: 'after',
          trigger: '发现问题',
          confidence: 'high',
          activity: '整改',
        },
      ],
    ],
    [
      '上会前2个工作日内',
      '上会前2个工作日内送审的文件原则上不安排议题',
      [
        {
          kind: 'relative',
          raw: '上会前2个工作日内',
          amount: 2,
          unit: 'workday',
          direction: 'before',
          trigger: '上会',
          confidence: 'high',
          activity: '送审的文件原则上不安排议题',
        },
      ],
    ],
    [
      '每月1-25日',
      '每月1-25日期间,原则上不入园检查',
      [
        {
          kind: 'window',
          raw: '每月1-25日期间',
          per: 'month',
          fromDay: 1,
          toDay: 25,
          confidence: 'high',
          activity: '原则上不入园检查',
        },
      ],
    ],
    [
      '每月1日至25日',
      '每月1日至25日不入园检查',
      [
        {
          kind: 'window',
          raw: '每月1日至25日',
          per: 'month',
          fromDay: 1,
          toDay: 25,
          confidence: 'high',
          activity: '不入园检查',
        },
      ],
    ],
    [
      '每年至少组织1次专项监督、2次行政案卷评查',
      '每年至少组织1次专项监督、2次行政案卷评查。',
      [
        {
          kind: 'frequency',
          raw: '每年至少组织1次',
          count: 1,
          per: 'year',
          atLeast: true,
          confidence: 'high',
          activity: '专项监督',
        },
        {
          kind: 'frequency',
          raw: '2次',
          count: 2,
          per: 'year',
          atLeast: true,
          confidence: 'high',
          activity: '行政案卷评查',
        },
      ],
    ],
    [
      '每年学法不少于1次',
      '各级政府常务会议每年学法不少于1次;',
      [
        {
          kind: 'frequency',
          raw: '每年学法不少于1次',
          count: 1,
          per: 'year',
          atLeast: true,
          confidence: 'high',
          activity: '学法',
        },
      ],
    ],
    [
      '任期内至少接受1次',
      '部门负责人任期内至少接受1次法治培训。',
      [
        {
          kind: 'frequency',
          raw: '任期内至少接受1次',
          count: 1,
          per: 'term',
          atLeast: true,
          confidence: 'high',
          activity: '法治培训',
        },
      ],
    ],
  ])('%s', (_row, text, want) => {
    expect(obs(text)).toEqual(want);
  });

  it('11月底前 already past at issue falls in the next year', () => {
    expect(obs('11月底前完成评估', { noticeYear: 2024, issuedAt: '2024-12-05' })).toEqual([
      {
        kind: 'once',
        raw: '11月底前',
        date: '2025-11-30',
        yearInferred: true,
        confidence: 'low',
        activity: '完成评估',
      },
    ]);
    // The issue day itself is not past.
    expect(obs('12月5日前完成', { noticeYear: 2024, issuedAt: '2024-12-05' })[0]?.date).toBe('2024-12-05');
  });

  it('a limit of a rule is not an obligation (一般不少于5个工作日，最长不超过15个工作日)', () => {
    expect(obs('保证足够的合法性审查时间，一般不少于5个工作日，最长不超过15个工作日。')).toEqual([]);
    expect(obs('审查时间不超过15个工作日内')).toEqual([]);
  });
});

describe('obligation variants met in notices', () => {
  it.each<[string, Partial<Obligation>]>([
    ['3月1日之前报送材料', { kind: 'once', raw: '3月1日之前', date: '2025-03-01', yearInferred: true }],
    ['9月1日以前报送材料', { kind: 'once', raw: '9月1日以前', date: '2024-09-01', yearInferred: true }],
    [
      '每年12月4日开展宪法宣传',
      { kind: 'annual', raw: '每年12月4日', month: 12, day: 4, confidence: 'high' },
    ],
    ['每年4月1日之前公开', { kind: 'annual', raw: '每年4月1日之前', month: 4, day: 1 }],
    [
      '8月中旬开展评查',
      { kind: 'once', raw: '8月中旬', date: '2024-08-20', approx: 'mid', confidence: 'low' },
    ],
    ['9月下旬完成', { kind: 'once', raw: '9月下旬', date: '2024-09-30', approx: 'late', confidence: 'low' }],
    ['每年6月中旬开展', { kind: 'annual', raw: '每年6月中旬', month: 6, day: 20, approx: 'mid' }],
    ['每年2月底前报送', { kind: 'annual', raw: '每年2月底前', month: 2, day: 28, endOfMonth: true }],
    ['每年年底前报送', { kind: 'annual', raw: '每年年底前', month: 12, day: 31, endOfMonth: true }],
    [
      '每季度结束后10日内报送进展',
      {
        kind: 'quarterly',
        raw: '每季度结束后10日内',
        amount: 10,
        unit: 'day',
        direction: 'after',
        trigger: '季度结束',
        confidence: 'high',
        activity: '报送进展',
      },
    ],
    [
      '每季度首月10日前报送',
      { kind: 'quarterly', raw: '每季度首月10日前', day: 10, confidence: 'high', activity: '报送' },
    ],
    ['每月10日前报送', { kind: 'monthly', raw: '每月10日前', day: 10, confidence: 'high' }],
    ['每月底前报送', { kind: 'monthly', raw: '每月底前', endOfMonth: true, confidence: 'high' }],
    ['每月上旬报送', { kind: 'monthly', raw: '每月上旬', day: 10, approx: 'early' }],
    ['每月调度一次进展', { kind: 'frequency', raw: '每月调度一次', count: 1, per: 'month', atLeast: false }],
    ['每月报送进展', { kind: 'monthly', raw: '每月', endOfMonth: true, confidence: 'low' }],
    [
      '年底前完成清理',
      {
        kind: 'once',
        raw: '年底前',
        date: '2024-12-31',
        yearInferred: true,
        confidence: 'low',
        activity: '完成清理',
      },
    ],
    [
      '力争年内完成',
      { kind: 'once', raw: '年内', date: '2024-12-31', yearInferred: true, confidence: 'low' },
    ],
    ['今年底前完成', { kind: 'once', raw: '今年底前', date: '2024-12-31', yearInferred: true }],
    [
      '确保明年7月份建成',
      {
        kind: 'once',
        raw: '明年7月份',
        date: '2025-07-31',
        yearInferred: true,
        confidence: 'low',
        activity: '建成',
      },
    ],
    [
      '明年年底满园运营',
      { kind: 'once', raw: '明年年底', date: '2025-12-31', yearInferred: true, activity: '满园运营' },
    ],
    ['到2025年,建成体系', { kind: 'once', raw: '到2025年', date: '2025-12-31', confidence: 'low' }],
    ['2024年6月30日前完成', { kind: 'once', raw: '2024年6月30日前', date: '2024-06-30', confidence: 'high' }],
    ['二〇二四年十二月底前完成', { kind: 'once', raw: '二〇二四年十二月底前', date: '2024-12-31' }],
    [
      '2024年6月完成',
      { kind: 'once', raw: '2024年6月', date: '2024-06-30', confidence: 'low', activity: '完成' },
    ],
    ['2024年上半年前完成', { kind: 'once', raw: '2024年上半年前', date: '2024-06-30', confidence: 'high' }],
    ['每年至少组织一次专项监督', { kind: 'frequency', raw: '每年至少组织一次', count: 1, atLeast: true }],
    [
      '每年开展两次检查',
      { kind: 'frequency', raw: '每年开展两次', count: 2, atLeast: false, activity: '检查' },
    ],
    ['每年开展十二次检查', { kind: 'frequency', raw: '每年开展十二次', count: 12 }],
    ['每年开展1次以上检查', { kind: 'frequency', raw: '每年开展1次以上', count: 1, atLeast: true }],
    [
      '每季度至少召开1次调度会',
      { kind: 'frequency', per: 'quarter', count: 1, atLeast: true, activity: '调度会' },
    ],
    ['每半年报告一次', { kind: 'frequency', per: 'halfyear', count: 1, activity: '报告' }],
    ['每周通报1次', { kind: 'frequency', per: 'week', count: 1, activity: '通报' }],
    [
      '收到申请之日起15日内作出决定',
      { kind: 'relative', raw: '收到申请之日起15日内', trigger: '收到申请', direction: 'after', amount: 15 },
    ],
    [
      '自受理之日起10个工作日内办结',
      { kind: 'relative', raw: '受理之日起10个工作日内', trigger: '受理', unit: 'workday', amount: 10 },
    ],
    [
      '会议召开前3日内报送材料',
      { kind: 'relative', raw: '会议召开前3日内', direction: 'before', trigger: '会议召开' },
    ],
    ['发现问题,三个月内整改到位', { kind: 'relative', raw: '三个月内', amount: 3, unit: 'month' }],
  ])('%s', (text, want) => {
    const found = obs(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject(want);
  });

  it.each([
    '长期坚持',
    '持续推进',
    '常态化开展',
    '每年组织开展评议',
    '每人每年接受不少于60学时的培训',
    '2024年7月4日召开会议',
    '3月15日消费者权益日',
    '提交上一年度和当年上半年发文目录',
    '当年被诉较多的行政机关',
    '2024年度完成50%',
    '2023年至2025年',
    '十二个月',
    '一次性告知',
    '开展年度法治政府建设督察工作',
    '依托“12·4”国家宪法日',
    '',
  ])('finds nothing in %j', (text) => {
    expect(obs(text)).toEqual([]);
  });

  it('reads 3月、6月、9月、12月底前 after 每年 as four dates', () => {
    expect(obs('每年3月、6月、9月、12月底前报送')).toEqual([
      {
        kind: 'quarterly',
        raw: '每年3月、6月、9月、12月底前',
        dates: [
          { month: 3, day: 31, endOfMonth: true },
          { month: 6, day: 30, endOfMonth: true },
          { month: 9, day: 30, endOfMonth: true },
          { month: 12, day: 31, endOfMonth: true },
        ],
        confidence: 'high',
        activity: '报送',
      },
    ]);
  });

  it('gives the semiannual 1月底前和7月底前 once, not also two annual ones', () => {
    const found = obs('于每年1月底前和7月底前提交上一年度和当年上半年发文目录。1月底前不再另报。');
    expect(found.map((o) => [o.kind, o.raw])).toEqual([
      ['semiannual', '每年1月底前和7月底前'],
      ['once', '1月底前'],
    ]);
  });

  it('reads 每年 only within the sentence: after a 。 a bare date is one-off', () => {
    const found = obs('每年3月1日前报告。4月1日前向社会公开。');
    expect(found.map((o) => [o.kind, o.raw, o.date])).toEqual([
      ['annual', '每年3月1日前', undefined],
      ['once', '4月1日前', '2025-04-01'],
    ]);
  });

  it('takes the year of an earlier date of the same sentence', () => {
    const found = obs('2024年6月底前完成摸底,9月底前完成整改。');
    expect(found.map((o) => [o.raw, o.date, o.yearInferred, o.confidence])).toEqual([
      ['2024年6月底前', '2024-06-30', undefined, 'high'],
      ['9月底前', '2024-09-30', true, 'low'],
    ]);
  });

  it('keeps month and day when no year is known', () => {
    expect(obs('11月底前完成', { noticeYear: null, issuedAt: null })).toEqual([
      {
        kind: 'once',
        raw: '11月底前',
        month: 11,
        day: 30,
        endOfMonth: true,
        yearInferred: true,
        confidence: 'low',
        activity: '完成',
      },
    ]);
    expect(obs('年底前完成', { noticeYear: null, issuedAt: '2023-03-28' })[0]?.date).toBe('2023-12-31');
  });

  it('gives several obligations of one text in order, each with its own activity', () => {
    const text = '确保仓储物流区明年7月份建成、商业引导区明年11月份建成,并实现一期核心区明年年底满园运营。';
    expect(obs(text, { noticeYear: 2023, issuedAt: '2022-12-27' })).toEqual([
      {
        kind: 'once',
        raw: '明年7月份',
        date: '2024-07-31',
        yearInferred: true,
        confidence: 'low',
        activity: '建成',
      },
      {
        kind: 'once',
        raw: '明年11月份',
        date: '2024-11-30',
        yearInferred: true,
        confidence: 'low',
        activity: '建成',
      },
      {
        kind: 'once',
        raw: '明年年底',
        date: '2024-12-31',
        yearInferred: true,
        confidence: 'low',
        activity: '满园运营',
      },
    ]);
  });

  it('works on full-width text and reports offsets into the original', () => {
    const text = '于每年１１月底前提出建议，３个月内报送。';
    const found = extractObligations(text, 1000, CTX);
    expect(found.map((o) => o.raw)).toEqual(['每年１１月底前', '３个月内']);
    expect(found[0]).toMatchObject({ kind: 'annual', month: 11, day: 30, span: { start: 1001, end: 1008 } });
    expect(found[1]).toMatchObject({ kind: 'relative', amount: 3, trigger: '于每年１１月底前提出建议' });
  });
});
