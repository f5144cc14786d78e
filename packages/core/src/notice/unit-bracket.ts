/**
 * Units written in a bracket at the end of a paragraph: (牵头单位:…;责任单位:…), 〔…〕,
 * [责任单位:…], (A、B、C负责). Tells such a bracket from an ordinary parenthesis like (至少1人).
 */

import { extractSchedule } from '../extract/schedule.ts';
import type { OrgDirectory } from '../orgs/directory.ts';
import { resolveUnitPhrase } from '../orgs/resolve.ts';
import { foldWidth } from '../text/normalize.ts';
import { isCloseBracket, isOpenBracket, splitTopLevel, trailingBracket } from './brackets.ts';
import {
  clauseLabelAt,
  hasUnitLabel,
  isRuleClause,
  isSeparator,
  leadingLabel,
  stripQualifiers,
  UNIT_SUFFIX_RE,
  type UnitSource,
} from './units.ts';

const NOT_UNITS = new Set(['试行', '暂行', '草案', '修订', '修正', '征求意见稿', '送审稿']);

function looksLikeUnits(folded: string, opener: string, directory: OrgDirectory | null): boolean {
  // A clause that is a rule (排在第一位的为牵头单位, 以下任务均需各市政府落实) is judged as no unit.
  const content = splitTopLevel(folded.replace(/[。.\s]+$/, ''), (t, i) =>
    t[i] === ',' || t[i] === ';' ? 1 : 0,
  )
    .map((c) => c.text.trim())
    .filter((c) => c !== '' && !isRuleClause(c))
    .join(',');
  if (content === '') return false;
  if (hasUnitLabel(content)) return true;
  if (/(负责|牵头|配合)$/.test(content)) return true;
  if (/[0-9%]/.test(content)) return false;
  const names = splitTopLevel(content, isSeparator)
    .map((p) => stripQualifiers(p.text.trim()).name)
    .filter((n) => n.length > 0);
  if (names.length === 0 || names.some((n) => NOT_UNITS.has(n) || n.length > 30)) return false;
  if (directory && names.every((n) => resolveUnitPhrase(directory, n).resolution !== 'unresolved'))
    return true;
  const unitLike = names.every((n) => n.length >= 2 && UNIT_SUFFIX_RE.test(n));
  if (opener === '〔' || opener === '[') return unitLike;
  return unitLike && names.length >= 2;
}

export type FoundBracket = {
  sources: UnitSource[];
  /** Where the task text ends (the bracket's opener). */
  textEnd: number;
  /** A cut-off unit list: where the fragment that was dropped starts, and the fragment. */
  cutAt: number | null;
  cutText: string;
  /** Clauses of the bracket that set the deadline (市司法局牵头，2025年6月底前完成). */
  deadlines: { text: string; offset: number }[];
};

/** Words of a unit's name: a clause holding one is no bare schedule. */
const UNIT_WORD_RE = /局|委|办|厅|政府|部门|单位|中心|街道|乡镇|管委会|公司|集团/;
const NO_CONTEXT = { noticeYear: null, issuedAt: null };

/**
 * The clauses of a unit bracket split into units and schedules: `市司法局牵头，市财政局配合，
 * 2025年6月底前完成` → units `市司法局牵头，市财政局配合`, deadline `2025年6月底前完成`. A clause
 * is a schedule when it reads as one (a date, 每季度, 长期坚持) and names no unit. Runs of unit
 * clauses stay whole (a label goes on over its clauses). Offsets are relative to `content`.
 */
function scheduleClauses(
  content: string,
  folded: string,
): { units: { text: string; start: number }[]; deadlines: { text: string; start: number }[] } {
  const units: { text: string; start: number }[] = [];
  const deadlines: { text: string; start: number }[] = [];
  let runStart = -1;
  let runEnd = -1;
  const flush = () => {
    if (runStart >= 0) units.push({ text: content.slice(runStart, runEnd), start: runStart });
    runStart = -1;
  };
  for (const piece of splitTopLevel(folded, (t, i) => (t[i] === ',' || t[i] === ';' ? 1 : 0))) {
    const clause = piece.text.trim();
    if (!clause) continue;
    const start = piece.start + piece.text.indexOf(clause);
    const end = start + clause.length;
    const label = leadingLabel(clause);
    const schedule =
      label === null &&
      !UNIT_WORD_RE.test(clause) &&
      extractSchedule(content.slice(start, end), 0, NO_CONTEXT) !== null;
    if (schedule) {
      flush();
      deadlines.push({ text: content.slice(start, end), start });
    } else {
      if (runStart < 0) runStart = start;
      runEnd = end;
    }
  }
  flush();
  return { units, deadlines };
}

/** Labels that end a paragraph without a bracket: `…。牵头单位:市发改委;责任单位:市财政局`. */
function trailingLabels(text: string, folded: string, offset: number): FoundBracket | null {
  const at = clauseLabelAt(folded);
  if (at < 0) return null;
  return {
    sources: [{ text: text.slice(at), offset: offset + at, label: null }],
    textEnd: offset + at,
    cutAt: null,
    cutText: '',
    deadlines: [],
  };
}

/**
 * The units (and deadlines) of the closed bracket `folded[open..close]`, or null when it is an
 * ordinary parenthesis (（试行）, （至少1人）). Offsets are in the source.
 */
function readBracket(
  text: string,
  folded: string,
  open: number,
  close: number,
  offset: number,
  directory: OrgDirectory | null,
): { sources: UnitSource[]; deadlines: { text: string; offset: number }[] } | null {
  const from = open + 1;
  const content = text.slice(from, close);
  const contentFolded = folded.slice(from, close);
  const split = scheduleClauses(content, contentFolded);
  const judged =
    split.deadlines.length === 0 ? contentFolded : split.units.map((u) => foldWidth(u.text)).join(',');
  if (split.units.length === 0 || !looksLikeUnits(judged, folded[open]!, directory)) return null;
  const whole = split.deadlines.length === 0;
  return {
    sources: whole
      ? [{ text: content, offset: offset + from, label: null }]
      : split.units.map((u) => ({ text: u.text, offset: offset + from + u.start, label: null })),
    deadlines: split.deadlines.map((d) => ({ text: d.text, offset: offset + from + d.start })),
  };
}

/** Openers of a bracket that may hold units (width folded): not quotes or book titles. */
const UNIT_OPENERS = '([〔';
/** What ends a clause or sentence around a bracket. */
const SENTENCE_END = '。;!?';

/** Does a unit bracket's text name at least one unit (市司法局牵头), not only words (负责)? */
function namesAUnit(content: string): boolean {
  return splitTopLevel(content, isSeparator).some((p) => {
    const name = stripQualifiers(p.text.trim()).name;
    return name.length >= 2 && UNIT_SUFFIX_RE.test(name);
  });
}

/**
 * The unit brackets inside a task's text, one per measure: `…加强执法。(市司法局牵头)…推进公开。
 * (市政府办牵头,市数据局配合)` → the first bracket (the trailing one is `unitBracket`'s). A bracket
 * counts where it closes a clause or sentence — a sentence end before it, or 。;, a line end or
 * the end of the text after it — and reads as units; ordinary parentheses ((试行), (至少1人),
 * (2023-2025年)) and brackets inside other brackets, quotes or titles are not taken. `text`
 * starts at `offset` in the source; the sources carry source offsets.
 */
export function innerUnitBrackets(
  text: string,
  offset: number,
  directory: OrgDirectory | null,
): UnitSource[] {
  const folded = foldWidth(text);
  const trailing = trailingBracket(folded);
  const last = trailing?.closed ? trailing.open : -1;
  const sources: UnitSource[] = [];
  let depth = 0;
  let open = -1;
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]!;
    // < and > are comparisons in a task's text (PM2.5<35), never brackets.
    if (ch === '<' || ch === '>') continue;
    if (isOpenBracket(ch)) {
      if (depth === 0) open = i;
      depth++;
      continue;
    }
    if (!isCloseBracket(ch) || depth === 0) continue;
    depth--;
    if (depth > 0 || open === last || !UNIT_OPENERS.includes(folded[open]!)) continue;
    let before = open;
    while (before > 0 && folded[before - 1] === ' ') before--;
    let after = i + 1;
    while (after < folded.length && folded[after] === ' ') after++;
    const atEnd =
      before === 0 ||
      SENTENCE_END.includes(folded[before - 1]!) ||
      folded[before - 1] === '\n' ||
      after === folded.length ||
      SENTENCE_END.includes(folded[after]!) ||
      folded[after] === '\n';
    if (!atEnd || !namesAUnit(folded.slice(open + 1, i))) continue;
    const read = readBracket(text, folded, open, i, offset, directory);
    if (read) sources.push(...read.sources);
  }
  return sources;
}

/** Find the unit bracket (or trailing unit labels) that ends `text`, which starts at `offset` in the source. */
export function unitBracket(
  text: string,
  offset: number,
  directory: OrgDirectory | null,
  atEndOfSource: boolean,
): FoundBracket | null {
  const folded = foldWidth(text);
  const found = trailingBracket(folded);
  if (!found) return trailingLabels(text, folded, offset);
  const opener = folded[found.open]!;
  if (found.closed) {
    const read = readBracket(text, folded, found.open, found.close, offset, directory);
    if (read === null) return trailingLabels(text, folded, offset);
    return { ...read, textEnd: offset + found.open, cutAt: null, cutText: '' };
  }
  // The source ends inside the bracket: keep the units written in full, drop the cut fragment.
  if (!atEndOfSource) return trailingLabels(text, folded, offset);
  const content = folded.slice(found.open + 1);
  if (!hasUnitLabel(content) && !looksLikeUnits(content, opener, directory)) return null;
  let cut = -1;
  for (const piece of splitTopLevel(content, isSeparator)) if (piece.start > 0) cut = piece.start;
  const keep = cut > 0 ? text.slice(found.open + 1, found.open + 1 + cut) : '';
  const fragmentStart = Math.max(cut, 0);
  const fragment = text.slice(found.open + 1 + fragmentStart).trim();
  return {
    sources: keep ? [{ text: keep, offset: offset + found.open + 1, label: null }] : [],
    textEnd: offset + found.open,
    cutAt: offset + found.open + 1 + fragmentStart,
    cutText: fragment,
    deadlines: [],
  };
}
