/**
 * Helpers shared by the obligation and indicator extractors: the folded text with its clause and
 * sentence starts (precomputed, so every look-back is O(1)), span building and small word lists.
 * Everything here is pure.
 */
import { foldWidth } from '../text/normalize.ts';
import type { Span } from '../types.ts';

/** What the obligation extractor needs to know of the notice. */
export type ExtractContext = { noticeYear: number | null; issuedAt: string | null };

/** Characters that end a clause (in the folded text). */
export const CLAUSE_BREAKS: ReadonlySet<string> = new Set([',', ';', '。', '!', '?', ':', '\n', '\r']);

/** Characters that end a sentence (in the folded text): the spec counts from the last 。. */
export const SENTENCE_BREAKS: ReadonlySet<string> = new Set(['。', '!', '?', '\n', '\r']);

/** Characters that end the words of an activity (clause breaks, quotes and brackets). */
export const ACTIVITY_BREAKS: ReadonlySet<string> = new Set([...CLAUSE_BREAKS, '“', '”', '"', '《', '》']);

/** Characters that end a listed item: clause breaks and the enumeration comma. */
export const ITEM_BREAKS: ReadonlySet<string> = new Set([...ACTIVITY_BREAKS, '、', '(', ')']);

export type TextIndex = {
  /**
   * The text matched on, in its original width: the original with the line breaks of a wrapped
   * paragraph taken out (see `joinBreaks`); activities and subjects are sliced from it.
   */
  text: string;
  /** The width-folded `text` (same length): every match runs on it. */
  folded: string;
  /** The original text: every `raw` is sliced from it (with `rawOf`). */
  source: string;
  /** Offset in `source` of each character of `text` (null when they are the same). */
  origin: Int32Array | null;
  /** For each offset, where its sentence starts (just after the previous 。!? or newline). */
  sentenceStart: Int32Array;
  /** For each offset, where its clause starts (just after the previous clause break). */
  clauseStart: Int32Array;
};

/** A text with its line breaks taken out, and where each of its characters came from. */
export type Joined = { text: string; origin: Int32Array };

/** A line break after one of these ends a sentence or a clause and stays. */
const KEEP_BREAK_AFTER: ReadonlySet<string> = new Set(['。', '!', '?', ';', ':', '\n']);

/**
 * Take out the line breaks that wrap a sentence (text copied from a PDF breaks lines anywhere:
 * 2025年6\n月底前), with the spaces around them; a break after a sentence or clause end stays.
 * `text` is width-folded. Returns null when there is nothing to take out. Linear.
 */
export function joinBreaks(text: string, keepAfter: ReadonlySet<string> = KEEP_BREAK_AFTER): Joined | null {
  if (!text.includes('\n')) return null;
  const out: string[] = [];
  const origin: number[] = [];
  let removed = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '\n') {
      out.push(ch);
      origin.push(i);
      continue;
    }
    let k = out.length;
    while (k > 0 && (out[k - 1] === ' ' || out[k - 1] === '\r')) k--;
    if (k === 0 || keepAfter.has(out[k - 1]!)) {
      out.push(ch);
      origin.push(i);
      continue;
    }
    out.length = k;
    origin.length = k;
    while (text[i + 1] === ' ' || text[i + 1] === '\r') i++;
    removed = true;
  }
  if (!removed) return null;
  origin.push(text.length);
  return { text: out.join(''), origin: Int32Array.from(origin) };
}

/** The original offsets of the range [start, end) of an indexed text. */
export function originalRange(ix: TextIndex, start: number, end: number): { start: number; end: number } {
  if (ix.origin === null) return { start, end };
  const s = ix.origin[start] ?? ix.source.length;
  const e = end > start ? (ix.origin[end - 1] ?? ix.source.length - 1) + 1 : s;
  return { start: s, end: e };
}

/** The original text of the range [start, end) of an indexed text. */
export function rawOf(ix: TextIndex, start: number, end: number): string {
  const r = originalRange(ix, start, end);
  return ix.source.slice(r.start, r.end);
}

/** The document span of the range [start, end) of an indexed text that starts at `offset`. */
export function spanOf(ix: TextIndex, offset: number, start: number, end: number): Span {
  const r = originalRange(ix, start, end);
  return span(offset, r.start, r.end);
}

export function indexText(source: string): TextIndex {
  const wide = foldWidth(source);
  const joined = joinBreaks(wide);
  let text = source;
  let folded = wide;
  let origin: Int32Array | null = null;
  if (joined !== null) {
    origin = joined.origin;
    folded = joined.text;
    const chars: string[] = [];
    for (let i = 0; i < folded.length; i++) chars.push(source[origin[i]!]!);
    text = chars.join('');
  }
  const n = folded.length;
  const sentenceStart = new Int32Array(n + 1);
  const clauseStart = new Int32Array(n + 1);
  let s = 0;
  let c = 0;
  for (let i = 0; i <= n; i++) {
    sentenceStart[i] = s;
    clauseStart[i] = c;
    const ch = folded[i];
    if (ch === undefined) break;
    if (SENTENCE_BREAKS.has(ch)) s = i + 1;
    if (CLAUSE_BREAKS.has(ch)) c = i + 1;
  }
  return { text, folded, source, origin, sentenceStart, clauseStart };
}

export function at(arr: Int32Array, i: number): number {
  return arr[Math.max(0, Math.min(i, arr.length - 1))] ?? 0;
}

export function span(offset: number, start: number, end: number): Span {
  return { start: offset + start, end: offset + end };
}

/** Run a sticky regular expression at `pos`; null when it does not match there. */
export function execAt(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

/**
 * Every match of a global regular expression that starts at a distinct offset: after each match
 * the search resumes one character after its start, so matches may overlap (the callers resolve
 * overlaps). The expression is cloned, so the shared one keeps no state.
 */
export function allMatches(re: RegExp, s: string): RegExpExecArray[] {
  const r = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const out: RegExpExecArray[] = [];
  for (let m = r.exec(s); m !== null; m = r.exec(s)) {
    out.push(m);
    r.lastIndex = m.index + 1;
  }
  return out;
}

/** Skip spaces forward from `i`. */
export function skipSpaces(s: string, i: number): number {
  let j = i;
  while (j < s.length && s[j] === ' ') j++;
  return j;
}

/** The first word of `words` that `s` starts with at `pos`, or null. */
export function wordAt(s: string, pos: number, words: readonly string[]): string | null {
  for (const w of words) if (s.startsWith(w, pos)) return w;
  return null;
}

/** Remove leading words of a list, repeatedly (longest listed first). */
export function stripLeading(s: string, words: readonly string[]): string {
  let out = s.trim();
  for (let guard = 0; guard < 40; guard++) {
    const w = wordAt(out, 0, words);
    if (w === null || w.length === 0) break;
    out = out.slice(w.length).trim();
  }
  return out;
}

/** Remove trailing words of a list, repeatedly. */
export function stripTrailing(s: string, words: readonly string[]): string {
  let out = s.trim();
  for (let guard = 0; guard < 40; guard++) {
    const w = words.find((x) => x.length > 0 && out.endsWith(x));
    if (w === undefined) break;
    out = out.slice(0, out.length - w.length).trim();
  }
  return out;
}

/** Index in a sorted list of the last value < `x`, or -1 (binary search). */
export function lastBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month; with no year, a common (non-leap) year. */
export function daysInMonth(month: number, year: number | null): number {
  if (month === 2) return year !== null && isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A `YYYY-MM-DD` date, or null. */
export function parseIsoDate(s: string | null): { year: number; month: number; day: number } | null {
  if (s === null || s.length < 10) return null;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day };
}
