/**
 * Hang guard: every regular expression of the extractors, and the extractors themselves, finish on
 * worst-case input (100k repetitions of the prefixes that could make a pattern backtrack). The bound
 * is a hang guard only (2000 ms), not a speed benchmark.
 */
import { describe, expect, it } from 'vitest';
import { extractIndicators, INDICATOR_PATTERNS } from '../../src/extract/indicators.ts';
import { extractObligations, OBLIGATION_PATTERNS } from '../../src/extract/obligations.ts';
import { extractSchedule, SCHEDULE_PATTERNS } from '../../src/extract/schedule.ts';

const LENGTH = 100_000;
const BOUND_MS = 2000;

/** Prefixes that could make a pattern try many paths, each repeated to 100k characters. */
const UNITS = [
  '每年',
  '每年度的',
  '每年1月',
  '每年1月底前和',
  '1月底前、',
  '每半年',
  '每季度',
  '每季度结束后',
  '每季度首月',
  '每月',
  '每月1-',
  '每月1日至',
  '任期内',
  '每年至少组织',
  '、2次',
  '、至少',
  '不少于',
  '最长不超过',
  '至少',
  '达到',
  '达到 ',
  '控制在',
  '增长',
  '1',
  '１',
  '1.',
  '12',
  '1 ',
  '%',
  '%以上',
  '以上',
  '左右',
  '一',
  '十',
  '二〇',
  '年',
  '2024年',
  '二〇二四年',
  '截至2024年',
  '年底',
  '年内',
  '明年',
  '截至',
  '月',
  '1月',
  '12月',
  '1月1日',
  '日内',
  '个工作日',
  '个',
  '次',
  '1次',
  '的',
  '100%的',
  '100%的司法所',
  '率',
  '前',
  '(',
  ')',
  '、',
  ' ',
  'a',
  '长期',
  '第三季度',
  '三季度',
  '2025年第',
  '第',
  '季度',
  '完成',
  '完成年度目标的',
  '达到全年任务的80',
  '\n',
  ' \n',
  '2025年6\n',
];

function repeat(unit: string): string {
  return unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
}

/** Crafted inputs: the longest gaps a pattern allows, then a near miss, over and over. */
const CRAFTED: [string, string][] = [
  ['strong gap', repeat(`不少于${'本'.repeat(11)}`)],
  ['strong gap to digits', repeat(`不少于${'本'.repeat(12)}1`)],
  ['frequency gap', repeat(`每年${'组'.repeat(23)}`)],
  ['frequency gap to a number', repeat(`每年${'组'.repeat(24)}1`)],
  ['thirteen digits', repeat('1'.repeat(13))],
  ['numeral runs', repeat('一二三四五六七八九十百千万')],
  ['percent of', repeat(`100%的${'司'.repeat(15)}`)],
  ['dates with spaces', repeat('1 月 1 日 前 ')],
  ['ranges', repeat('每月1 - 2')],
  ['mixed', repeat('每年3月1日前,不少于5%以上。')],
  ['share gap', repeat(`完成${'年'.repeat(11)}的`)],
  ['share gap to a figure', repeat(`达到${'年'.repeat(12)}的8`)],
  ['wrapped lines', repeat('每季度\n末,2025年6\n月底前 \n ')],
];

const INPUTS: [string, string][] = [...UNITS.map((u): [string, string] => [`${u} ×`, repeat(u)]), ...CRAFTED];

const PATTERNS: [string, RegExp][] = [
  ...Object.entries(OBLIGATION_PATTERNS).map(([k, re]): [string, RegExp] => [`obligations.${k}`, re]),
  ...Object.entries(INDICATOR_PATTERNS).map(([k, re]): [string, RegExp] => [`indicators.${k}`, re]),
  ...Object.entries(SCHEDULE_PATTERNS).map(([k, re]): [string, RegExp] => [`schedule.${k}`, re]),
];

/** Try a pattern at every start offset (a sticky pattern becomes a global one for that). */
function runEverywhere(re: RegExp, s: string): number {
  const flags = `${re.flags.replace('y', '').replace('g', '')}g`;
  const r = new RegExp(re.source, flags);
  let n = 0;
  for (let m = r.exec(s); m !== null; m = r.exec(s)) {
    n++;
    r.lastIndex = m.index + 1;
  }
  return n;
}

describe('regular expressions on worst-case input', () => {
  it('covers every pattern of the extractors', () => {
    expect(PATTERNS.length).toBe(
      Object.keys(OBLIGATION_PATTERNS).length +
        Object.keys(INDICATOR_PATTERNS).length +
        Object.keys(SCHEDULE_PATTERNS).length,
    );
    expect(PATTERNS.length).toBeGreaterThanOrEqual(35);
  });

  it.each(PATTERNS)('%s completes on every worst-case input', (_name, re) => {
    for (const [label, input] of INPUTS) {
      const t0 = performance.now();
      runEverywhere(re, input);
      const ms = performance.now() - t0;
      expect(ms, `${label}: ${Math.round(ms)} ms`).toBeLessThan(BOUND_MS);
    }
  });
});

describe('extractors on worst-case input', () => {
  const ctx = { noticeYear: 2024, issuedAt: '2024-07-04' };
  it.each([
    ['extractObligations', (s: string) => extractObligations(s, 0, ctx).length],
    ['extractIndicators', (s: string) => extractIndicators(s, 0, ctx).length],
    ['extractSchedule', (s: string) => extractSchedule(s, 0, ctx)?.obligations.length ?? 0],
  ])('%s completes on every worst-case input', (_name, run) => {
    for (const [label, input] of INPUTS) {
      const t0 = performance.now();
      run(input);
      const ms = performance.now() - t0;
      expect(ms, `${label}: ${Math.round(ms)} ms`).toBeLessThan(BOUND_MS);
    }
  });
});
