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
const SUBSECTION_RE = new RegExp(`^ {0,8}\\( {0,2}([${CN_DIGITS}]{1,4}) {0,2}\\) {0,2}[、.]? {0,2}`);
// 1. / 1、 / 12．; `1.5%` could be a figure, which the walker settles by the numbering sequence.
const TASK_RE = /^ {0,8}(\d{1,4}) {0,2}[、.](?! {0,2}$) {0,2}/;
const DECIMAL_RE = /^ {0,8}\d{1,4}\.\d/;
const PAREN_TASK_RE = /^ {0,8}\( {0,2}(\d{1,3}) {0,2}\) {0,2}/;

export type Numbering = {
  kind: 'section' | 'subsection' | 'task' | 'paren-task';
  no: string;
  length: number;
  /** `1.5…`: a task number only if it continues the sequence, else a decimal figure. */
  decimalLike?: boolean;
};

/** Recognize the numbering that starts a (folded) line or cell. */
export function numbering(folded: string): Numbering | null {
  let m = SECTION_RE.exec(folded);
  if (m) return { kind: 'section', no: m[1]!, length: m[0].length };
  m = SUBSECTION_RE.exec(folded);
  if (m) return { kind: 'subsection', no: m[1]!, length: m[0].length };
  m = TASK_RE.exec(folded);
  if (m) return { kind: 'task', no: m[1]!, length: m[0].length, decimalLike: DECIMAL_RE.test(folded) };
  m = PAREN_TASK_RE.exec(folded);
  if (m) return { kind: 'paren-task', no: m[1]!, length: m[0].length };
  return null;
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
  const bars = count(line.text, '|');
  if (bars >= 2 || (inTable && bars >= 1)) return '|';
  const tabs = count(line.text, '\t');
  if (tabs >= 2 || (inTable && tabs >= 1)) return '\t';
  return null;
}

export type TableCell = { text: string; folded: string; start: number };

/** Split a table row into trimmed cells with their offsets in the source. */
export function tableCells(line: Line, separator: '|' | '\t'): TableCell[] {
  const cells: TableCell[] = [];
  let from = 0;
  for (;;) {
    const bar = line.text.indexOf(separator, from);
    const to = bar < 0 ? line.text.length : bar;
    const raw = line.folded.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
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
