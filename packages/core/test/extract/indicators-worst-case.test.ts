/**
 * Hang guard for the indicator extractor with bare figures on (4000万元, 培育龙头企业10家) and the
 * inclusion brackets (6亩以下(不含6亩)): 100k-character inputs made of what those readings look at,
 * many targets in one sentence included. regex-worst-case.test.ts runs every exported pattern
 * (`bare` and `bracketed` among them) and the extractor with its default context; this file runs
 * the extractor with `bare: true`. The bound is a hang guard only (2000 ms), not a speed benchmark.
 */
import { describe, expect, it } from 'vitest';
import { extractIndicators } from '../../src/extract/indicators.ts';

const LENGTH = 100_000;
const BOUND_MS = 2000;

function repeat(unit: string): string {
  return unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
}

const UNITS = [
  '1个、',
  '1个',
  '10家',
  '培育龙头企业10家、',
  '4000万元',
  '1.5亿元,',
  '3个方面',
  '已建成3个、',
  '“5个',
  '《3个',
  '100万元至',
  '第3项',
  '(12项)',
  '6亩以下(不含6亩)',
  '6亩(含',
  '6亩(含6亩)以下、',
  '(不含',
  '(含)',
  '以上(不含)',
  '覆盖率保持100%、',
  '保持',
  '1个1',
  '1 个',
  '3 . 新建10个、',
  '(国家发展改革委负责)',
  '本年度总投资6000万元的19个项目',
];

describe('extractIndicators with bare figures on worst-case input', () => {
  it.each(UNITS)('completes on %j repeated', (unit) => {
    const input = repeat(unit);
    const t0 = performance.now();
    extractIndicators(input, 0, { noticeYear: 2024, bare: true });
    const ms = performance.now() - t0;
    expect(ms, `${Math.round(ms)} ms`).toBeLessThan(BOUND_MS);
  });

  it('reads every one of many targets in one sentence', () => {
    const found = extractIndicators(repeat('培育龙头企业10家、'), 0, { noticeYear: 2024, bare: true });
    expect(found.length).toBeGreaterThan(9000);
    expect(found.every((i) => i.subject === '培育龙头企业')).toBe(true);
  });
});
