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
  /** The original text: every `raw` is sliced from it. */
  text: string;
  /** The width-folded text (same length): every match runs on it. */
  folded: string;
  /** For each offset, where its sentence starts (just after the previous 。!? or newline). */
  sentenceStart: Int32Array;
  /** For each offset, where its clause starts (just after the previous clause break). */
  clauseStart: Int32Array;
};

export function indexText(text: string): TextIndex {
  const folded = foldWidth(text);
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
  return { text, folded, sentenceStart, clauseStart };
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
