/** The 完成时限 column: a short phrase that is all schedule, read leniently. */
import { describe, expect, it } from 'vitest';
import { extractSchedule } from '../../src/extract/schedule.ts';
import type { Obligation } from '../../src/types.ts';

const CTX = { noticeYear: 2024, issuedAt: '2024-07-04' };

const QUARTER_ENDS = [
  { month: 3, day: 31, endOfMonth: true },
  { month: 6, day: 30, endOfMonth: true },
  { month: 9, day: 30, endOfMonth: true },
  { month: 12, day: 31, endOfMonth: true },
];

describe('extractSchedule', () => {
  it.each<[string, Partial<Obligation>]>([
    ['2024年12月底前', { kind: 'once', date: '2024-12-31', confidence: 'high' }],
    ['2024年底前', { kind: 'once', date: '2024-12-31', confidence: 'high' }],
    ['2024年6月', { kind: 'once', date: '2024-06-30', confidence: 'low' }],
    ['2024年', { kind: 'once', date: '2024-12-31', confidence: 'low' }],
    ['2024年6月30日', { kind: 'once', date: '2024-06-30', confidence: 'high' }],
    ['6月', { kind: 'once', date: '2025-06-30', yearInferred: true, confidence: 'low' }],
    ['10月底', { kind: 'once', date: '2024-10-31', yearInferred: true }],
    ['每季度', { kind: 'quarterly', endOfMonth: true, dates: QUARTER_ENDS, confidence: 'low' }],
    ['每月', { kind: 'monthly', endOfMonth: true, confidence: 'low' }],
    ['每年', { kind: 'annual', month: 12, day: 31, endOfMonth: true, confidence: 'low' }],
    ['每周', { kind: 'frequency', count: 1, per: 'week', confidence: 'low' }],
    ['每年3月1日前', { kind: 'annual', month: 3, day: 1, confidence: 'high' }],
    ['明年', { kind: 'once', date: '2025-12-31', yearInferred: true }],
  ])('%s', (cell, want) => {
    const s = extractSchedule(cell, 500, CTX);
    expect(s).not.toBeNull();
    expect(s?.ongoing).toBe(false);
    expect(s?.raw).toBe(cell);
    expect(s?.span).toEqual({ start: 500, end: 500 + cell.length });
    expect(s?.obligations).toHaveLength(1);
    expect(s?.obligations[0]).toMatchObject({
      ...want,
      raw: cell,
      span: { start: 500, end: 500 + cell.length },
    });
  });

  it.each(['长期坚持', '持续推进', '常态化开展', '长期'])('%s is ongoing, with no deadline', (cell) => {
    expect(extractSchedule(cell, 0, CTX)).toEqual({
      raw: cell,
      span: { start: 0, end: cell.length },
      obligations: [],
      ongoing: true,
    });
  });

  it('reads a deadline and an ongoing duty together, trimming the cell', () => {
    const s = extractSchedule('  2024年12月底前完成，长期坚持 ', 10, CTX);
    expect(s?.raw).toBe('2024年12月底前完成，长期坚持');
    expect(s?.span).toEqual({ start: 12, end: 29 });
    expect(s?.ongoing).toBe(true);
    expect(s?.obligations.map((o) => [o.kind, o.raw, o.date, o.activity])).toEqual([
      ['once', '2024年12月底前', '2024-12-31', '完成'],
    ]);
  });

  it.each(['', '  ', '立即', '按要求', '—'])('names no schedule: %j', (cell) => {
    expect(extractSchedule(cell, 0, CTX)).toBeNull();
  });
});
