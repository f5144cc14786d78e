/**
 * Properties of the extractors: they never throw, on random text or on real task texts mutated at
 * random, and every span they return is inside the text and points at its `raw`.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractIndicators } from '../../src/extract/indicators.ts';
import { extractObligations } from '../../src/extract/obligations.ts';
import { extractSchedule } from '../../src/extract/schedule.ts';
import type { Indicator, Obligation } from '../../src/types.ts';

const DOC = readFileSync(new URL('../../data/notices/yingtan-2024-25.txt', import.meta.url), 'utf8');

/** The texts of the reference tasks (the cell after the task number). */
const TASK_TEXTS: string[] = DOC.split('\n').flatMap((line) => {
  const cells = line.split('|');
  const i = cells.findIndex((c) => c.trim() !== '' && [...c.trim()].every((ch) => ch >= '0' && ch <= '9'));
  const text = i >= 0 ? cells[i + 1]?.trim() : undefined;
  return text ? [text] : [];
});

/** Pieces the extractors react to, so that random texts hit their paths. */
const TOKENS = [
  '每年',
  '每年度',
  '每半年',
  '每季度',
  '每月',
  '每周',
  '任期内',
  '月',
  '日',
  '号',
  '底',
  '末',
  '初',
  '中旬',
  '下旬',
  '份',
  '前',
  '之前',
  '以前',
  '内',
  '以内',
  '年',
  '年底',
  '年内',
  '明年',
  '今年',
  '截至',
  '到',
  '和',
  '、',
  ',',
  '，',
  '。',
  ';',
  '(',
  ')',
  '（',
  '）',
  '“',
  '”',
  '-',
  '至',
  '个',
  '工作日',
  '次',
  '名',
  '人',
  '学时',
  '%',
  '％',
  '以上',
  '以下',
  '左右',
  '不少于',
  '不超过',
  '最长不超过',
  '至少',
  '达到',
  '达',
  '完成',
  '实现',
  '配齐',
  '配备',
  '控制在',
  '增长',
  '的',
  '率',
  '每人',
  '每个',
  '有',
  '后',
  '起',
  '结束后',
  '首月',
  '0',
  '1',
  '2',
  '5',
  '12',
  '25',
  '2024',
  '６',
  '.',
  '一',
  '两',
  '十',
  '百',
  '〇',
  '二〇二四',
  '零',
  ' ',
  '\n',
  '建成',
  '专项监督',
  '司法所',
];

const CTX = { noticeYear: 2024, issuedAt: '2024-07-04' };

function checkObligations(text: string, offset: number, found: Obligation[]): void {
  let lastEnd = offset;
  for (const o of found) {
    expect(o.span.start).toBeGreaterThanOrEqual(lastEnd);
    expect(o.span.end).toBeGreaterThan(o.span.start);
    expect(o.span.end).toBeLessThanOrEqual(offset + text.length);
    expect(text.slice(o.span.start - offset, o.span.end - offset)).toBe(o.raw);
    expect(['high', 'low']).toContain(o.confidence);
    if (o.date !== undefined) {
      const d = new Date(`${o.date}T00:00:00Z`);
      expect(d.toISOString().slice(0, 10)).toBe(o.date);
    }
    if (o.month !== undefined) expect(o.month >= 1 && o.month <= 12).toBe(true);
    if (o.day !== undefined) expect(o.day >= 1 && o.day <= 31).toBe(true);
    if (o.count !== undefined) expect(Number.isInteger(o.count) && o.count >= 1).toBe(true);
    lastEnd = o.span.end;
  }
}

function checkIndicators(text: string, offset: number, found: Indicator[]): void {
  let lastEnd = offset;
  for (const i of found) {
    expect(i.span.start).toBeGreaterThanOrEqual(lastEnd);
    expect(i.span.end).toBeGreaterThan(i.span.start);
    expect(i.span.end).toBeLessThanOrEqual(offset + text.length);
    expect(text.slice(i.span.start - offset, i.span.end - offset)).toBe(i.raw);
    expect(Number.isFinite(i.value)).toBe(true);
    expect(['>=', '<=', '=', '>', '<']).toContain(i.comparator);
    lastEnd = i.span.end;
  }
}

function checkAll(text: string, offset: number): void {
  checkObligations(text, offset, extractObligations(text, offset, CTX));
  checkIndicators(text, offset, extractIndicators(text, offset, { noticeYear: 2024 }));
  const s = extractSchedule(text, offset, CTX);
  if (s !== null) {
    expect(text.slice(s.span.start - offset, s.span.end - offset)).toBe(s.raw);
    checkObligations(text, offset, s.obligations);
  }
}

const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((a) => a.join(''));

type Edit = { at: number; remove: number; insert: string };

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 6 }),
  insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })),
});

function mutate(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % (out.length + 1);
    out = out.slice(0, at) + e.insert + out.slice(at + e.remove);
  }
  return out;
}

describe('extractor properties', () => {
  it('finds the reference task texts to mutate', () => {
    expect(TASK_TEXTS).toHaveLength(51);
  });

  it('never throws on random strings; spans point at raw and stay in bounds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat({ max: 1_000_000 }), (text, offset) => {
        checkAll(text, offset);
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (text) => {
        checkAll(text, 0);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on strings made of the words it reads', () => {
    fc.assert(
      fc.property(tokenText, fc.nat({ max: 100_000 }), (text, offset) => {
        checkAll(text, offset);
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws on mutated real task texts', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: TASK_TEXTS.length - 1 }),
        fc.array(edit, { maxLength: 8 }),
        fc.nat({ max: 100_000 }),
        (k, edits, offset) => {
          checkAll(mutate(TASK_TEXTS[k] ?? '', edits), offset);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('moves every span by the offset and nothing else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TASK_TEXTS), fc.nat({ max: 100_000 }), (text, offset) => {
        const shift = <T extends { span: { start: number; end: number } }>(xs: T[], by: number) =>
          xs.map((x) => ({ ...x, span: { start: x.span.start + by, end: x.span.end + by } }));
        expect(extractObligations(text, offset, CTX)).toEqual(
          shift(extractObligations(text, 0, CTX), offset),
        );
        expect(extractIndicators(text, offset, CTX)).toEqual(shift(extractIndicators(text, 0, CTX), offset));
      }),
      { numRuns: 100 },
    );
  });

  it('reads full-width text as its half-width fold, with the original as raw', () => {
    const toFull = (s: string) =>
      [...s]
        .map((c) => {
          if (c >= '0' && c <= '9') return String.fromCharCode(c.charCodeAt(0) + 0xfee0);
          return c === '%' ? '％' : c === ',' ? '，' : c === '(' ? '（' : c === ')' ? '）' : c;
        })
        .join('');
    for (const text of TASK_TEXTS) {
      const full = toFull(text);
      const a = extractObligations(text, 0, CTX);
      const b = extractObligations(full, 0, CTX);
      expect(b.map((o) => o.span)).toEqual(a.map((o) => o.span));
      expect(b.map((o) => o.kind)).toEqual(a.map((o) => o.kind));
      const c = extractIndicators(text, 0, CTX);
      const d = extractIndicators(full, 0, CTX);
      expect(d.map((i) => [i.span, i.value, i.unit, i.comparator])).toEqual(
        c.map((i) => [i.span, i.value, i.unit, i.comparator]),
      );
      checkAll(full, 0);
    }
  });
});
