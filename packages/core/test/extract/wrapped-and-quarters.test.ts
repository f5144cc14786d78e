/**
 * Schedules and targets in forms the reference notice does not use: quarters (2025年第三季度,
 * 三季度末前), 长期坚持 / 持续推进 (no date), a share of a target (完成年度目标的80%), and text
 * copied from a PDF whose line breaks fall inside a date or a figure.
 */
import { describe, expect, it } from 'vitest';
import { extractIndicators } from '../../src/extract/indicators.ts';
import { extractObligations } from '../../src/extract/obligations.ts';
import { extractSchedule } from '../../src/extract/schedule.ts';

const CTX = { noticeYear: 2025, issuedAt: '2025-01-22' };

describe('quarters as deadlines', () => {
  it.each([
    ['2025年第三季度', '2025-09-30', 'high'],
    ['2025年三季度末', '2025-09-30', 'high'],
    ['2025年第一季度前', '2025-03-31', 'high'],
    ['2025年第4季度', '2025-12-31', 'high'],
    ['第二季度', '2025-06-30', 'low'],
  ])('the 完成时限 cell %s falls due on %s', (cell, date, confidence) => {
    const s = extractSchedule(cell, 100, CTX);
    expect(s?.obligations).toHaveLength(1);
    expect(s?.obligations[0]).toMatchObject({ kind: 'once', date, confidence, raw: cell });
  });

  it('reads a quarter in a sentence only with 前 / 末 / 内 or a completion verb after it', () => {
    expect(extractObligations('2025年第三季度前完成年度目标的80%。', 0, CTX)).toMatchObject([
      { kind: 'once', date: '2025-09-30', raw: '2025年第三季度前' },
    ]);
    expect(extractObligations('三季度末前完成招标。', 0, CTX)).toMatchObject([
      { kind: 'once', date: '2025-09-30', yearInferred: true, confidence: 'low', raw: '三季度末前' },
    ]);
    expect(extractObligations('一季度启动试点，每季度通报进展。', 0, CTX).map((o) => o.kind)).toEqual([
      'quarterly',
    ]);
  });
});

describe('work with no end date', () => {
  it.each(['长期坚持', '持续推进', '常态化开展'])('%s sets no dated obligation', (cell) => {
    const s = extractSchedule(cell, 0, CTX);
    expect(s).toMatchObject({ ongoing: true, obligations: [] });
    expect(extractObligations(`开展专项行动，${cell}。`, 0, CTX)).toEqual([]);
  });
});

describe('a share of a target', () => {
  it('reads 完成年度目标的80% as at least 80% of the yearly target', () => {
    expect(extractIndicators('2025年第三季度前完成年度目标的80%。', 0, CTX)).toMatchObject([
      { comparator: '>=', value: 80, unit: '%', subject: '年度目标', raw: '完成年度目标的80%' },
    ]);
    expect(extractIndicators('全年组织促消费活动不少于20场次。', 0, CTX)).toMatchObject([
      { comparator: '>=', value: 20, unit: '场次' },
    ]);
  });
});

describe('text wrapped like a PDF', () => {
  it('reads a date broken over two lines, its raw and span taken from the text as written', () => {
    const text = '推动连锁商贸企业向乡镇\n延伸网点，2025年6\n月底前新建乡镇商贸中心不少于6个。';
    const [o] = extractObligations(text, 1000, CTX);
    expect(o).toMatchObject({ kind: 'once', date: '2025-06-30', raw: '2025年6\n月底前' });
    expect(text.slice(o!.span.start - 1000, o!.span.end - 1000)).toBe(o!.raw);
    expect(o!.activity).toBe('新建乡镇商贸中心不少于6个');
  });

  it('reads a figure and 每季度末 broken over lines', () => {
    const text = '带动社会投资\n4.5亿元以上，每季度 \n末报送进展。';
    expect(extractIndicators(text, 0, CTX)).toMatchObject([{ comparator: '>=', value: 4.5, unit: '亿元' }]);
    const [o] = extractObligations(text, 0, CTX);
    expect(o).toMatchObject({ kind: 'quarterly', confidence: 'high', raw: '每季度 \n末' });
  });

  it('keeps a line break after a sentence as a sentence break', () => {
    // 每年 in the first sentence does not make the second sentence's date annual.
    const text = '每年开展评估。\n11月底前完成清理。';
    expect(extractObligations(text, 0, CTX)).toMatchObject([{ kind: 'once', raw: '11月底前' }]);
  });
});
