/** The source split into lines, each with its offsets and its width-folded form. */
import { foldWidth } from '../text/normalize.ts';

export type Line = {
  /** 1-based line number. */
  no: number;
  /** Offset of the first character of the line in the source. */
  start: number;
  /** Offset just past the last character (the newline excluded). */
  end: number;
  text: string;
  folded: string;
  /**
   * A table row rebuilt from a flattening that put its cells on lines of their own (one cell per
   * line, or cells between blank lines): its cells, each pointing into the source.
   */
  cells?: TableCell[];
  /** The cells stand one for one under the header's columns (a row rebuilt from a spaced line). */
  positional?: boolean;
};

export function splitLines(source: string): Line[] {
  const folded = foldWidth(source);
  const lines: Line[] = [];
  let start = 0;
  let no = 1;
  for (;;) {
    const nl = source.indexOf('\n', start);
    const end = nl < 0 ? source.length : nl;
    lines.push({ no, start, end, text: source.slice(start, end), folded: folded.slice(start, end) });
    if (nl < 0) break;
    start = nl + 1;
    no++;
  }
  return lines;
}

export const CN_DIGITS = '一二三四五六七八九十百零〇两';

const SECTION_RE = new RegExp(`^ {0,8}([${CN_DIGITS}]{1,4}) {0,2}[、.] {0,2}`);
// 第一部分 / 第二章 / 第三篇 (a section) and 第一节 (a subsection), spaces allowed between the characters.
const PART_RE = new RegExp(
  `^ {0,8}第 {0,2}([${CN_DIGITS}]{1,4}|\\d{1,2}) {0,2}(部 {0,2}分|章|篇|节) {0,4}[、.:]? {0,4}`,
);
// 一是… / 二是…: a heading only where the walker sees numbered tasks right after it.
const YISHI_RE = new RegExp(`^ {0,8}([${CN_DIGITS}]{1,3}) {0,2}是`);
// A page number copied from a PDF: — 2 —, - 12 -, 第2页, 第 2 页 共 9 页.
const PAGE_RE =
  /^ {0,8}(?:(?:- {0,2}){1,4} {0,2}\d{1,4} {0,3}(?:- {0,2}){1,4}|第 {0,2}\d{1,4} {0,2}页(?: {0,3}[,/]? {0,3}共 {0,2}\d{1,4} {0,2}页)?) {0,8}$/;
const SUBSECTION_RE = new RegExp(`^ {0,8}\\( {0,2}([${CN_DIGITS}]{1,4}) {0,2}\\) {0,2}[、.]? {0,2}`);
// 1. / 1、 / 12．; `1.5%` could be a figure, which the walker settles by the numbering sequence.
const TASK_RE = /^ {0,8}(\d{1,4}) {0,2}[、.](?! {0,2}$) {0,2}/;
const DECIMAL_RE = /^ {0,8}\d{1,4}\.\d/;
const PAREN_TASK_RE = /^ {0,8}\( {0,2}(\d{1,3}) {0,2}\) {0,2}/;
// ① … ⑳ (U+2460–2473), and ㈠ … ㈩ (U+3220–3229) as (一) … (十).
const CIRCLED_RE = /^ {0,8}([\u2460-\u2473]) {0,2}[、.]? {0,2}/;
const PAREN_IDEOGRAPH_RE = /^ {0,8}([\u3220-\u3229]) {0,2}[、.]? {0,2}/;

/**
 * The numbering schemes of a notice, from the highest level an official document uses to the
 * lowest: 第一部分 / 一、 / (一) / 1. / (1) / ①. Which of them numbers the tasks is inferred per
 * notice (see structure.ts).
 */
export type Scheme = 'part' | 'cn' | 'paren-cn' | 'arabic' | 'paren-arabic' | 'circled';

export const SCHEME_RANK: Readonly<Record<Scheme, number>> = {
  part: 0,
  cn: 1,
  'paren-cn': 2,
  arabic: 3,
  'paren-arabic': 4,
  circled: 5,
};

export type Numbering = {
  kind: 'section' | 'subsection' | 'task' | 'paren-task';
  scheme: Scheme;
  no: string;
  length: number;
  /** 第一部分 / 第一章 / 第一篇 / 第一节 rather than 一、 / (一). */
  part?: boolean;
  /** `1.5…`: a task number only if it continues the sequence, else a decimal figure. */
  decimalLike?: boolean;
};

/** Recognize the numbering that starts a (folded) line or cell. */
export function numbering(folded: string): Numbering | null {
  let m = SECTION_RE.exec(folded);
  if (m) return { kind: 'section', scheme: 'cn', no: m[1]!, length: m[0].length };
  m = PART_RE.exec(folded);
  if (m)
    return m[2] === '节'
      ? { kind: 'subsection', scheme: 'paren-cn', no: m[1]!, length: m[0].length, part: true }
      : { kind: 'section', scheme: 'part', no: m[1]!, length: m[0].length, part: true };
  m = SUBSECTION_RE.exec(folded);
  if (m) return { kind: 'subsection', scheme: 'paren-cn', no: m[1]!, length: m[0].length };
  m = PAREN_IDEOGRAPH_RE.exec(folded);
  if (m)
    return {
      kind: 'subsection',
      scheme: 'paren-cn',
      no: '一二三四五六七八九十'[m[1]!.charCodeAt(0) - 0x3220]!,
      length: m[0].length,
    };
  m = TASK_RE.exec(folded);
  if (m)
    return {
      kind: 'task',
      scheme: 'arabic',
      no: m[1]!,
      length: m[0].length,
      decimalLike: DECIMAL_RE.test(folded),
    };
  m = PAREN_TASK_RE.exec(folded);
  if (m) return { kind: 'paren-task', scheme: 'paren-arabic', no: m[1]!, length: m[0].length };
  m = CIRCLED_RE.exec(folded);
  if (m)
    return {
      kind: 'paren-task',
      scheme: 'circled',
      no: String(m[1]!.charCodeAt(0) - 0x2460 + 1),
      length: m[0].length,
    };
  return null;
}

/** 一是 / 二是 at the start of a (folded) line: its numeral and the length it takes. */
export function yishi(folded: string): { no: string; length: number } | null {
  const m = YISHI_RE.exec(folded);
  return m ? { no: m[1]!, length: m[0].length } : null;
}

/** A line that is only a page number (text copied from a PDF). */
export function isPageNumber(folded: string): boolean {
  return PAGE_RE.test(folded);
}

/**
 * Remove the spaces a web page or a PDF puts between Chinese characters (一、 总 体 要 求 →
 * 总体要求); a space between two Latin letters or digits stays.
 */
export function compact(text: string): string {
  return text.replace(/\s+/g, (ws, at: number, all: string) => {
    const before = all[at - 1] ?? '';
    const after = all[at + ws.length] ?? '';
    return /[A-Za-z0-9]/.test(before) && /[A-Za-z0-9]/.test(after) ? ' ' : '';
  });
}

/** Every regular expression of the line reader (the tests run each on worst-case input). */
export const LINE_PATTERNS = {
  SECTION_RE,
  PART_RE,
  YISHI_RE,
  PAGE_RE,
  CIRCLED_RE,
  PAREN_IDEOGRAPH_RE,
} as const;

/** A tab row with a cell that opens a quote it does not close on this line. */
export function opensQuotedCell(line: Line): boolean {
  if (!line.text.includes('\t') || count(line.text, '"') % 2 === 0) return false;
  const last = line.text.split('\t').at(-1)!.trimStart();
  return last.startsWith('"');
}

/**
 * Join the lines of a row pasted from Excel whose cell holds line breaks: Excel writes such a cell
 * in double quotes (`3\t"第一行\n第二行"\t市司法局`). A tab row whose last cell opens a quote goes
 * on to the line where the quotes balance (at most 50 lines; a quote never closed joins nothing).
 */
export function joinQuotedRows(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!opensQuotedCell(line)) {
      out.push(line);
      continue;
    }
    let quotes = count(line.text, '"');
    let j = i;
    while (quotes % 2 === 1 && j + 1 < lines.length && j - i < 50) {
      j++;
      quotes += count(lines[j]!.text, '"');
    }
    if (quotes % 2 === 1) {
      out.push(line);
      continue;
    }
    const parts = lines.slice(i, j + 1);
    out.push({
      no: line.no,
      start: line.start,
      end: lines[j]!.end,
      text: parts.map((l) => l.text).join('\n'),
      folded: parts.map((l) => l.folded).join('\n'),
    });
    i = j;
  }
  return out;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * The cell separator of a table row: `|` (a flattened web table, or a row from .docx/.xlsx) or a tab
 * (rows pasted from Excel). A row needs two separators, or one inside a table already begun.
 */
export function cellSeparator(line: Line, inTable: boolean): '|' | '\t' | null {
  if (line.cells) return '|';
  const bars = count(line.text, '|');
  if (bars >= 2 || (inTable && bars >= 1)) return '|';
  const tabs = count(line.text, '\t');
  if (tabs >= 2 || (inTable && tabs >= 1)) return '\t';
  return null;
}

export type TableCell = { text: string; folded: string; start: number };

/** Split a table row into trimmed cells with their offsets in the source. */
export function tableCells(line: Line, separator: '|' | '\t'): TableCell[] {
  if (line.cells) return line.cells;
  const cells: TableCell[] = [];
  let from = 0;
  for (;;) {
    const bar = line.text.indexOf(separator, from);
    const to = bar < 0 ? line.text.length : bar;
    const raw = line.folded.slice(from, to);
    let lead = raw.length - raw.trimStart().length;
    let trimmed = raw.trim();
    // A cell Excel wrapped in quotes (it holds line breaks): the text is inside them.
    if (separator === '\t' && trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
      const inner = trimmed.slice(1, -1);
      lead += 1 + (inner.length - inner.trimStart().length);
      trimmed = inner.trim();
    }
    const start = from + lead;
    cells.push({
      text: line.text.slice(start, start + trimmed.length),
      folded: trimmed,
      start: line.start + start,
    });
    if (bar < 0) break;
    from = bar + 1;
  }
  return cells;
}

/** Text ends like a finished sentence or a closed bracket. */
export function endsComplete(folded: string): boolean {
  const t = folded.trimEnd();
  return t.length > 0 && '。!?;.)]〕》”"’'.includes(t[t.length - 1]!);
}
