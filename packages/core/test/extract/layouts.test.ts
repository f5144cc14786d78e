/**
 * Targets and schedules in the other layouts met in the wild (test/fixtures/notices/layouts):
 * numbered paragraphs with growth targets, a paragraph of goals, relative years.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractIndicators } from '../../src/extract/indicators.ts';
import { extractObligations } from '../../src/extract/obligations.ts';

function layout(name: string): string {
  return readFileSync(new URL(`../fixtures/notices/layouts/${name}`, import.meta.url), 'utf8');
}

/** The line that starts with `head`, with its offset in the document. */
function lineStarting(doc: string, head: string): { text: string; offset: number } {
  let offset = 0;
  for (const line of doc.split('\n')) {
    if (line.startsWith(head)) return { text: line, offset };
    offset += line.length + 1;
  }
  throw new Error(`no line starts with ${head}`);
}

function checkSpans(
  doc: string,
  items: readonly { raw: string; span: { start: number; end: number } }[],
): void {
  for (const i of items) expect(doc.slice(i.span.start, i.span.end)).toBe(i.raw);
}

describe('02 立山区 (numbered goals with 牵头单位 lines)', () => {
  const doc = layout('02_lishan-zdgz-fgfa-2023.txt');

  it.each([
    ['1.', '增长6.2%左右', 6.2, '地区生产总值增长'],
    ['2.', '增长5%左右', 5, '规模上工业增加值增长'],
    ['3.', '增长15%左右', 15, '固定资产投资增长'],
    ['4.', '增长9%左右', 9, '社会消费品零售总额增长'],
    ['5.', '增长8%左右', 8, '一般公共预算收入增长'],
  ])('goal %s %s', (head, raw, value, subject) => {
    const line = lineStarting(doc, head);
    const task = { text: line.text.slice(head.length), offset: line.offset + head.length };
    const found = extractIndicators(task.text, task.offset, { noticeYear: 2023 });
    expect(found.map(({ span: _s, ...rest }) => rest)).toEqual([
      { raw, comparator: '=', value, unit: '%', year: null, subject, approx: true, confidence: 'high' },
    ]);
    checkSpans(doc, found);
    expect(extractObligations(task.text, task.offset, { noticeYear: 2023, issuedAt: '2023-03-28' })).toEqual(
      [],
    );
  });

  it.each(['6.居民收入增长与经济增长基本同步。', '7.其他主要经济指标不低于全市平均水平。'])(
    'a goal with no figure gives nothing: %s',
    (head) => {
      const line = lineStarting(doc, head.slice(0, 6));
      expect(extractIndicators(line.text, line.offset, { noticeYear: 2023 })).toEqual([]);
    },
  );
});

describe('05 下陆区 (a paragraph of goals, then 1. 2. tasks with [责任单位:…])', () => {
  const doc = layout('05_xialu-zfgzbg-rwfj-2023.txt');
  const ctx = { noticeYear: 2023, issuedAt: '2022-12-27' };

  it('reads the six goals of the paragraph, 控制在4%以内 as <= 4 %', () => {
    const line = lineStarting(doc, '2023年经济社会发展的主要预期目标是');
    const found = extractIndicators(line.text, line.offset, ctx);
    expect(found.map((i) => [i.subject, i.comparator, i.value, i.unit, i.approx ?? false])).toEqual([
      ['地区生产总值增长', '=', 5, '%', true],
      ['规模以上工业增加值增长', '=', 8, '%', true],
      ['固定资产投资增长', '=', 12, '%', true],
      ['社会消费品零售总额增长', '=', 10, '%', true],
      ['一般公共预算收入增长', '=', 12, '%', true],
      ['城镇登记失业率', '<=', 4, '%', false],
    ]);
    expect(found[5]?.raw).toBe('控制在4%以内');
    checkSpans(doc, found);
    expect(extractObligations(line.text, line.offset, ctx)).toEqual([]);
  });

  it('reads 明年7月份建成 as once in the year after the notice year, inferred', () => {
    const line = lineStarting(doc, '1.秉承');
    const found = extractObligations(line.text, line.offset, ctx);
    expect(found.map(({ span: _s, ...rest }) => rest)).toEqual([
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
    checkSpans(doc, found);
    // 一期核心区 is a phase, not a target.
    expect(extractIndicators(line.text, line.offset, ctx)).toEqual([]);
  });
});

describe.each(['08_gangcheng-fgf-zdrw-fgfa-2021.txt', '11_sichuan-xdlt-135-ssfa-2022.txt'])(
  '%s (no schedules or targets)',
  (name) => {
    it('finds nothing in any line', () => {
      const doc = layout(name);
      let offset = 0;
      for (const line of doc.split('\n')) {
        expect(extractObligations(line, offset, { noticeYear: 2022, issuedAt: null }), line).toEqual([]);
        expect(extractIndicators(line, offset, { noticeYear: 2022 }), line).toEqual([]);
        offset += line.length + 1;
      }
    });
  },
);
