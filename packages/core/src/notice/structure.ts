/**
 * The structure of a notice, inferred before it is walked: its lines as the document meant them
 * (a table flattened one cell per line rebuilt into rows, items run on in one paragraph split),
 * where the list begins and ends (a covering notice before it, a signature, 抄送 or closing prose
 * after it), and which numbering scheme numbers the tasks — the one whose items carry
 * responsibility (unit labels, unit brackets, a …负责 / …牵头 clause). Levels above it are
 * sections and subsections; levels below it are parts of a task.
 */
import type { OrgDirectory } from '../orgs/directory.ts';
import { parseChineseNumber } from '../text/chinese-number.ts';
import { responsibilityClause } from './clauses.ts';
import { DATE_RE, ORG_SUFFIX_RE, toIsoDate } from './head.ts';
import {
  cellSeparator,
  endsComplete,
  isPageNumber,
  type Line,
  type Numbering,
  numbering,
  SCHEME_RANK,
  type Scheme,
  type TableCell,
  tableCells,
} from './lines.ts';
import { headerWord, readHeader } from './table.ts';
import { unitBracket } from './unit-bracket.ts';
import { hasUnitLabel } from './units.ts';

/** What each numbering scheme is in this notice. */
export type Levels = {
  task: Scheme;
  section: Scheme | null;
  subsection: Scheme | null;
  /** Levels above the subsections the plan has no place for (第一部分 above 一、, …). */
  skipped: Scheme[];
  /** Items with responsibility / items, per scheme: why the task level was chosen. */
  counts: Partial<Record<Scheme, { items: number; responsible: number }>>;
};

export type Structure = {
  lines: Line[];
  bodyStart: number;
  /** Where the closing of the notice begins (exclusive end of the list). */
  bodyEnd: number;
  levels: Levels | null;
  /** The signature after the list (issuer and signing date), when the notice is signed there. */
  closing: { issuer: string | null; issuedAt: string | null; line: number } | null;
  /** What the reader chose and why, for a person to read (the import wizard shows it). */
  explanation: string[];
};

const SCHEME_WORDS: Readonly<Record<Scheme, string>> = {
  part: '“第一部分”',
  cn: '“一、”',
  'paren-cn': '“（一）”',
  arabic: '“1.”',
  'paren-arabic': '“（1）”',
  circled: '“①”',
};

/** Lines of a mirror site's metadata table: 索引号 | … | 发布机构 | … */
const META_RE =
  /索\s*引\s*号|发文字号|发布机构|制发机构|发文机关|成文日期|发布日期|主题分类|公开方式|有\s*效\s*性|信息来源/;

export function isMetaLine(line: Line): boolean {
  return META_RE.test(line.folded) && (line.folded.includes('|') || /^\s*\S{2,6}\s*[:：]/.test(line.folded));
}

/** Closing lines: 抄送, 印发, (此件公开发布), 附件 lists after the signature. */
const CLOSING_RE =
  /^\s*(?:抄送|抄报|印发|主送)\s*[:：]|^\s*\(此件.{0,12}\)\s*$|^\s*.{2,30}(?:办公室|办公厅)\s*\d{4}\s*年.{1,8}印发\s*$/;

/** What a web page puts after a document: share, print and close links, QR codes. */
const PAGE_END_RE =
  /扫一扫|打印本页|关闭窗口|分享到|【打印】|【关闭】|返回顶部|浏览次数|责任编辑|用户登录|立即注册|还没有账号/;

function isDateLine(folded: string): boolean {
  const t = folded.trim();
  const m = DATE_RE.exec(t);
  return m !== null && m.index === 0 && m[0].length === t.length;
}

function isSignatureLine(folded: string): boolean {
  const t = folded.trim();
  return t.length >= 2 && t.length <= 30 && ORG_SUFFIX_RE.test(t) && !/[:。,;、|]/.test(t);
}

/** One cell alone on its line, written with a closing bar (`市司法局 |`). */
function barCell(line: Line): boolean {
  const t = line.folded.trim();
  return t.endsWith('|') && t.indexOf('|') === t.length - 1;
}

function cellOf(line: Line): TableCell {
  const raw = line.folded;
  let end = raw.length;
  while (end > 0 && /[\s|]/.test(raw[end - 1]!)) end--;
  let start = 0;
  while (start < end && /\s/.test(raw[start]!)) start++;
  return { text: line.text.slice(start, end), folded: raw.slice(start, end), start: line.start + start };
}

const NUMBER_CELL_RE = /^\d{1,4}[.、]?$/;
/** A line of bars only (`|`, `||||`): the end of a row, or an empty one, in a one-cell-per-line table. */
const NOT_BAR_RE = /[^|\s]/;
const barsOnly = (t: string) => t.length > 0 && !NOT_BAR_RE.test(t);

/**
 * A table flattened one cell per line (`序号 |` / `工作任务 |` / …) or one cell per paragraph
 * between blank lines: from a run of single cells that opens with a header (two or more column
 * names), rows are rebuilt — a row starts at the next 序号, or every header-width cells where there
 * is no 序号 column — and each becomes one line holding its cells.
 */
function rebuildCellTables(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const table = cellRun(lines, i);
    if (!table) {
      out.push(lines[i]!);
      continue;
    }
    out.push(...table.rows);
    i = table.end - 1;
  }
  return out;
}

function cellRun(lines: Line[], from: number): { rows: Line[]; end: number } | null {
  const first = lines[from]!;
  const bars = barCell(first);
  if (!first.folded.trim() || cellSeparator(first, false) !== null) return null;
  // Collect single cells: bar cells, or (without bars) non-empty lines of at most 60 characters.
  // The header: up to 12 short single cells before the first 序号 value.
  const cells: { cell: TableCell; line: Line }[] = [];
  let j = from;
  const single = (l: Line) => (bars ? barCell(l) : cellSeparator(l, false) === null && !l.cells);
  for (; j < lines.length && cells.length < 12; j++) {
    const l = lines[j]!;
    const t = l.folded.trim();
    if (!t || isPageNumber(l.folded) || (bars && barsOnly(t))) continue;
    if (!single(l) || t.length > 14 || NUMBER_CELL_RE.test(t.replace(/\s*\|$/, ''))) break;
    cells.push({ cell: cellOf(l), line: l });
  }
  let width = headerWidth(cells.map((c) => c.cell));
  // A heading row right under the header (强化科技创新支撑能力。, (一)) is no column name.
  while (
    width > 2 &&
    !headerWord(cells[width - 1]!.cell.folded) &&
    !columnLike(cells[width - 1]!.cell.folded)
  )
    width--;
  if (width < 2 || !readHeader(cells.slice(0, width).map((c) => c.cell))) return null;
  cells.length = width;
  // Column names broken over two lines (责任 / 领导): joined where the first row is narrower.
  const merged = mergeHeaderFragments(
    cells.map((c) => c.cell),
    firstRowWidth(lines, lines.indexOf(cells[width - 1]!.line) + 1, single),
  );
  if (merged.length < width) {
    const last = cells[width - 1]!;
    cells.splice(
      0,
      width,
      ...merged.map((cell, k) => ({ cell, line: k === merged.length - 1 ? last.line : cells[0]!.line })),
    );
    width = merged.length;
  }
  const header = readHeader(cells.map((c) => c.cell))!;
  const noColumn = header.columns.indexOf('no');
  // The rows: single cells on, until the shape breaks (a line with cells of its own, or — without
  // bars, where prose looks like a cell — a row that would grow past the header's width).
  let inRow = 0;
  const spanning = new Set<TableCell>();
  for (j = lines.indexOf(cells[width - 1]!.line) + 1; j < lines.length; j++) {
    const l = lines[j]!;
    const t = l.folded.trim();
    if (!t || isPageNumber(l.folded) || (bars && barsOnly(t))) continue;
    if (!single(l) || PAGE_END_RE.test(t)) break;
    const cell = cellOf(l);
    // A heading row between rows (一、… merged over the whole width), or a sentence alone where a
    // row would start (强化科技创新支撑能力。 above the rows it heads).
    const rowDone = cells.length === width || inRow >= width;
    if (headingCell(cell) || (rowDone && spanningSentence(cell) && startsRowNext(lines, j + 1))) {
      if (!headingCell(cell)) spanning.add(cell);
      inRow = width;
      cells.push({ cell, line: l });
      continue;
    }
    const startsRow = noColumn >= 0 ? NUMBER_CELL_RE.test(cell.folded) : inRow === width;
    if (startsRow) inRow = 0;
    // Without bars prose after the table looks like cells: a row may grow past the header's width
    // only where rows are told by their 序号 (a unit cell of several paragraphs), and not twice over.
    else if (!bars && inRow >= (noColumn >= 0 ? 2 * width : width)) break;
    else if (cells.length === width && noColumn >= 0) break;
    inRow++;
    cells.push({ cell, line: l });
  }
  if (cells.length < width * 2) return null;
  const rows: Line[] = [];
  const push = (group: { cell: TableCell; line: Line }[]) => {
    const a = group[0]!.line;
    const b = group[group.length - 1]!.line;
    rows.push({
      no: a.no,
      start: a.start,
      end: b.end,
      text: a.text,
      folded: a.folded,
      cells: group.map((g) => g.cell),
    });
  };
  push(cells.slice(0, width));
  let row: { cell: TableCell; line: Line }[] = [];
  // The 序号 goes on from the first row's (a table may begin at 24).
  let expected: number | null = null;
  let endLine = from;
  const rest = cells.slice(width);
  for (let k = 0; k < rest.length; k++) {
    const c = rest[k]!;
    if (headingCell(c.cell) || spanning.has(c.cell)) {
      if (row.length > 0) push(row);
      row = [];
      // (一) alone, then its title alone: one heading.
      const next = rest[k + 1];
      const n = numbering(c.cell.folded);
      if (n && n.length >= c.cell.folded.length && next && spanning.has(next.cell)) {
        push([{ cell: joinCells(c.cell, next.cell), line: next.line }]);
        k++;
      } else push([c]);
      continue;
    }
    const value = NUMBER_CELL_RE.test(c.cell.folded) ? parseInt(c.cell.folded, 10) : null;
    // The next 序号; or a later one (an excerpt, rows left out under headings) once the row is full.
    const isNext =
      noColumn >= 0 &&
      value !== null &&
      (expected === null ||
        value === expected ||
        (value > expected && value - expected < 100 && row.length >= width - 1));
    if (isNext || (noColumn < 0 && row.length === width)) {
      if (row.length > 0) push(row);
      row = [];
      if (value !== null && isNext) expected = value + 1;
    }
    row.push(c);
    endLine = lines.indexOf(c.line, endLine);
  }
  if (row.length > 0) push(row);
  // Without bars, the run may have gone into the prose after the table: stop at the last row that
  // looks like a row (a number, then at least one more cell).
  return { rows, end: endLine + 1 };
}

/** Does the next cell after line `from` start a row or a heading (a 序号, 一、, (一))? */
function startsRowNext(lines: Line[], from: number): boolean {
  for (let k = from; k < lines.length && k < from + 20; k++) {
    const t = lines[k]!.folded.trim().replace(/\s*\|$/, '');
    if (!t || barsOnly(t) || isPageNumber(lines[k]!.folded)) continue;
    return NUMBER_CELL_RE.test(t) || numbering(t) !== null;
  }
  return false;
}

/** Could this short cell be a column name (a word, no sentence, no numbering)? */
function columnLike(folded: string): boolean {
  return folded.length <= 8 && !/[。;,:]/.test(folded) && numbering(folded) === null;
}

/** A sentence alone where a row would start: a heading spanning the table (强化科技创新支撑能力。). */
function spanningSentence(cell: TableCell): boolean {
  const t = cell.folded;
  return (
    t.length >= 4 &&
    t.length <= 40 &&
    /[。:]$/.test(t) &&
    !NUMBER_CELL_RE.test(t) &&
    !/(?:局|委|办|院|政府|中心|单位|部门|处|室|会|镇|乡|街道)[。]?$/.test(t)
  );
}

/** Two cells read as one (a heading's numbering and its title on lines of their own). */
function joinCells(a: TableCell, b: TableCell): TableCell {
  return { text: `${a.text}${b.text}`, folded: `${a.folded}${b.folded}`, start: a.start };
}

/** A cell that is a heading of its own (一、… / (一)…): a row spanning the table. */
function headingCell(cell: TableCell): boolean {
  const n = numbering(cell.folded);
  return n !== null && (n.scheme === 'cn' || n.scheme === 'paren-cn' || n.scheme === 'part');
}

/** The number of single cells from the first row's 序号 to the next one's (0 when unknown). */
function firstRowWidth(lines: Line[], from: number, single: (l: Line) => boolean): number {
  let n = 0;
  for (let j = from; j < lines.length && n < 20; j++) {
    const l = lines[j]!;
    const t = l.folded.trim().replace(/\s*\|$/, '');
    if (!t || isPageNumber(l.folded) || barsOnly(l.folded.trim())) continue;
    if (!single(l)) return 0;
    if (n > 0 && NUMBER_CELL_RE.test(t)) return n;
    n++;
  }
  return 0;
}

/**
 * Join header cells that are pieces of one column name (责任 + 领导, 第二季度 + 完成情况) while the
 * header is wider than the first row: a pair is joined when together they name a column and one
 * of them alone does not.
 */
function mergeHeaderFragments(cells: TableCell[], rowWidth: number): TableCell[] {
  const out = [...cells];
  for (let k = 0; k + 1 < out.length && out.length > rowWidth && rowWidth > 0; ) {
    const a = out[k]!;
    const b = out[k + 1]!;
    const joined = a.folded + b.folded;
    const fragment = headerWord(a.folded) === undefined || headerWord(b.folded) === undefined;
    if (fragment && headerWord(joined) !== undefined && headerWord(joined) !== 'no') {
      out.splice(k, 2, { text: a.text + b.text, folded: joined, start: a.start });
      continue;
    }
    k++;
  }
  return out;
}

/** How many leading cells of a run form a table header (two or more column names), or 0. */
function headerWidth(cells: TableCell[]): number {
  let width = 0;
  for (let k = 0; k < Math.min(cells.length, 12); k++) {
    if (NUMBER_CELL_RE.test(cells[k]!.folded)) break;
    width = k + 1;
  }
  if (width < 2) return 0;
  const header = readHeader(cells.slice(0, width));
  if (!header) return 0;
  // Every cell of a header names a column (or is one the header reader tolerates).
  return header.columns.filter((c) => c !== undefined).length >= Math.max(2, width / 2) ? width : 0;
}

/** `3` or `3 |` alone on its line, before a table row: the row's 序号 cell, put back in the row. */
function joinLoneNumbers(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.folded.trim().replace(/\s*\|$/, '');
    const next = lines[i + 1];
    if (
      /^\d{1,4}$/.test(t) &&
      next &&
      !line.cells &&
      cellSeparator(next, true) === '|' &&
      !next.cells &&
      !/^\s*\d{1,4}\s*\|/.test(next.folded)
    ) {
      const numberCell = cellOf(line);
      const rest = next.text.split('|');
      let at = next.start;
      const cells: TableCell[] = [numberCell];
      for (const piece of rest) {
        const lead = piece.length - piece.trimStart().length;
        const trimmed = piece.trim();
        cells.push({
          text: trimmed,
          folded: next.folded.slice(at - next.start + lead, at - next.start + lead + trimmed.length),
          start: at + lead,
        });
        at += piece.length + 1;
      }
      out.push({ ...next, no: line.no, start: line.start, cells });
      i++;
      continue;
    }
    out.push(line);
  }
  return out;
}

/** A row of a table whose cells are separated by spaces: its 序号, then a space. */
const SPACED_ROW_RE = /^\d{1,4} /;

/** The pieces of a line between single spaces, each pointing into the source (empty between two). */
function spacedPieces(line: Line, from: number): TableCell[] {
  const pieces: TableCell[] = [];
  const to = line.folded.trimEnd().length;
  let at = from;
  for (;;) {
    const space = line.folded.indexOf(' ', at);
    const end = space < 0 || space > to ? to : space;
    pieces.push({
      text: line.text.slice(at, end),
      folded: line.folded.slice(at, end),
      start: line.start + at,
    });
    if (end >= to) break;
    at = end + 1;
  }
  return pieces;
}

/** Pieces joined into one cell: from the first one's start to the last one's end. */
function spanOf(line: Line, pieces: TableCell[], at: number): TableCell {
  const real = pieces.filter((p) => p.folded);
  if (real.length === 0) return { text: '', folded: '', start: at };
  const a = real[0]!.start - line.start;
  const b = real.at(-1)!.start - line.start + real.at(-1)!.folded.length;
  return { text: line.text.slice(a, b), folded: line.folded.slice(a, b), start: real[0]!.start };
}

/**
 * A table a web page's text flattened with its cells on one line between single spaces (`序号 类别
 * 主要任务 细化措施 牵头单位 参与单位 责任单位` / `1 加强水资源保 护 严守… 实施… 市水利局 …`), where a
 * cell's own line breaks became spaces too and two spaces in a row mean an empty (merged) cell.
 * Under a line of column names only, each line that starts with a 序号 is a row: the columns after
 * the task column take one piece each from the end, the task column the piece before them, and the
 * pieces left go to the columns before it in order — a piece of one or two characters goes on the
 * one before (a cell broken by its line break), and the last of those columns takes what remains.
 */
function rebuildSpacedTables(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const names = line.cells || cellSeparator(line, false) !== null ? [] : spacedPieces(line, 0);
    const start = line.folded.length - line.folded.trimStart().length;
    const cells = names.filter((c) => c.folded);
    const header =
      start === 0 &&
      cells.length >= 3 &&
      cells.length === names.length &&
      cells.every((c) => headerWord(c.folded))
        ? readHeader(cells)
        : null;
    const textAt = header ? header.columns.lastIndexOf('text') : -1;
    if (header?.columns[0] !== 'no' || textAt < 1) {
      out.push(line);
      continue;
    }
    const tail = header.columns.length - textAt - 1;
    // The rows, and the blank lines between them as they are.
    const rows: Line[] = [];
    let last = i;
    for (let j = i + 1; j < lines.length; j++) {
      const row = lines[j]!;
      if (!row.folded.trim()) {
        rows.push(row);
        continue;
      }
      if (!SPACED_ROW_RE.test(row.folded.trimStart()) || row.cells || cellSeparator(row, false) !== null)
        break;
      const first = row.folded.length - row.folded.trimStart().length;
      const pieces = spacedPieces(row, first);
      if (pieces.length < tail + 2 || !pieces[pieces.length - tail - 1]!.folded) break;
      const after = pieces.slice(pieces.length - tail);
      const text = pieces[pieces.length - tail - 1]!;
      // The pieces between the 序号 and the task, a short piece joined to the one before it.
      const middle: TableCell[][] = [];
      for (const p of pieces.slice(1, pieces.length - tail - 1)) {
        const last = middle.at(-1);
        if (p.folded && p.folded.length <= 2 && last?.some((q) => q.folded)) last.push(p);
        else middle.push([p]);
      }
      const before: TableCell[] = [];
      for (let k = 1; k < textAt; k++) {
        const group = k === textAt - 1 ? middle.slice(k - 1).flat() : (middle[k - 1] ?? []);
        before.push(spanOf(row, group, text.start));
      }
      rows.push({ ...row, cells: [pieces[0]!, ...before, text, ...after], positional: true });
      last = j;
    }
    if (last === i) {
      out.push(line);
      continue;
    }
    out.push({ ...line, cells }, ...rows.slice(0, last - i));
    i = last;
  }
  return out;
}

/**
 * A table header broken over two rows of `|` cells (`序号 | 重点 | 牵头 | 完成` / ` | 工作 | 单位 |
 * 时限`): the first row is no header, and the two joined cell by cell name more columns than the
 * second alone. The rows become one header.
 */
function joinBrokenHeaders(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i]!;
    const b = lines[i + 1];
    if (!b || a.cells || b.cells || cellSeparator(a, false) !== '|' || cellSeparator(b, true) !== '|') {
      out.push(a);
      continue;
    }
    const top = tableCells(a, '|');
    const bottom = tableCells(b, '|');
    if (top.length !== bottom.length || readHeader(top)) {
      out.push(a);
      continue;
    }
    const joined = top.map((c, k) => ({
      text: c.text + bottom[k]!.text,
      folded: c.folded + bottom[k]!.folded,
      start: c.start,
    }));
    const named = (cells: TableCell[]) => cells.filter((c) => c.folded && headerWord(c.folded)).length;
    if (
      !readHeader(joined) ||
      named(joined) <= named(bottom) ||
      joined.some((c) => NUMBER_CELL_RE.test(c.folded))
    ) {
      out.push(a);
      continue;
    }
    out.push({ ...a, end: b.end, cells: joined });
    i++;
  }
  return out;
}

/**
 * Items run on in one paragraph (`1.…责任单位:A、B。2.…`): a number that continues the sequence,
 * right after a sentence end, starts a line of its own.
 */
function splitRunOn(lines: Line[]): Line[] {
  const out: Line[] = [];
  let last = 0;
  const RUN_RE = /[。;](\s*)(\d{1,3})\s*[.、](?!\d)/g;
  for (const line of lines) {
    if (line.cells || cellSeparator(line, false) !== null) {
      out.push(line);
      continue;
    }
    const n = numbering(line.folded);
    if (n?.scheme === 'arabic' && !n.decimalLike) last = Number(n.no);
    let from = 0;
    RUN_RE.lastIndex = 0;
    for (let m = RUN_RE.exec(line.folded); m; m = RUN_RE.exec(line.folded)) {
      const no = Number(m[2]);
      if (last === 0 || no !== last + 1) continue;
      const at = m.index + 1 + m[1]!.length;
      out.push(piece(line, from, at));
      from = at;
      last = no;
    }
    out.push(from === 0 ? line : piece(line, from, line.text.length));
  }
  return out;
}

function piece(line: Line, from: number, to: number): Line {
  return {
    no: line.no,
    start: line.start + from,
    end: line.start + to,
    text: line.text.slice(from, to),
    folded: line.folded.slice(from, to),
  };
}

/** Does the text of one item carry responsibility? */
function carries(text: string, folded: string, directory: OrgDirectory | null): boolean {
  if (hasUnitLabel(folded)) return true;
  if (/(?:负责|牵头|配合)\s*[)\]〕]\s*[。.;]?\s*$/.test(folded)) return true;
  if (responsibilityClause(text, 0, text.length) !== null) return true;
  return unitBracket(text.trimEnd(), 0, directory, false) !== null;
}

type Item = { index: number; n: Numbering; responsible: boolean };

function itemsOf(lines: Line[], directory: OrgDirectory | null): Item[] {
  const starts: { index: number; n: Numbering }[] = [];
  let arabic = 0;
  lines.forEach((l, index) => {
    if (l.cells || cellSeparator(l, false) !== null) return;
    const n = numbering(l.folded);
    if (!n) return;
    // `1.5亿元` at the start of a line is a figure unless it goes on with the numbering.
    if (n.decimalLike && Number(n.no) !== arabic + 1 && Number(n.no) !== 1) return;
    if (n.scheme === 'arabic') arabic = Number(n.no);
    starts.push({ index, n });
  });
  return starts.map((s, k) => {
    const next = starts[k + 1]?.index ?? lines.length;
    let end = s.index + 1;
    while (end < next && !lines[end]!.cells && cellSeparator(lines[end]!, false) === null) end++;
    const block = lines.slice(s.index, end);
    const text = block.map((l) => l.text).join('\n');
    const folded = block.map((l) => l.folded).join('\n');
    return { ...s, responsible: carries(text.slice(s.n.length), folded.slice(s.n.length), directory) };
  });
}

/** The task level: the highest numbering scheme most of whose items carry responsibility. */
function inferLevels(items: Item[]): Levels | null {
  const counts: Levels['counts'] = {};
  for (const it of items) {
    const c = counts[it.n.scheme] ?? { items: 0, responsible: 0 };
    counts[it.n.scheme] = c;
    c.items++;
    if (it.responsible) c.responsible++;
  }
  const schemes = (Object.keys(counts) as Scheme[]).sort((a, b) => SCHEME_RANK[a] - SCHEME_RANK[b]);
  const task = schemes.find((s) => {
    const c = counts[s]!;
    return c.responsible >= 1 && c.responsible >= 0.4 * c.items;
  });
  if (!task) return null;
  let above = schemes.filter((s) => SCHEME_RANK[s] < SCHEME_RANK[task]);
  const skipped: Scheme[] = [];
  if (above.includes('part') && above.length > 1) {
    above = above.filter((s) => s !== 'part');
    skipped.push('part');
  }
  skipped.push(...above.slice(2));
  return { task, section: above[0] ?? null, subsection: above[1] ?? null, skipped, counts };
}

/** The role a numbered line has under the inferred levels. */
export function levelOf(
  n: Numbering,
  levels: Levels,
): { role: 'section' | 'subsection' | 'task' | 'below' | 'skipped'; no: string } {
  if (n.scheme === levels.task) {
    const value = /^\d+$/.test(n.no) ? Number(n.no) : (parseChineseNumber(n.no) ?? 0);
    return { role: 'task', no: String(value) };
  }
  if (n.scheme === levels.section) return { role: 'section', no: n.no };
  if (n.scheme === levels.subsection) return { role: 'subsection', no: n.no };
  if (SCHEME_RANK[n.scheme] > SCHEME_RANK[levels.task]) return { role: 'below', no: n.no };
  return { role: 'skipped', no: n.no };
}

/** The index of the first line of the list. */
function listStart(lines: Line[], levels: Levels | null, from: number): number {
  for (let i = from; i < lines.length; i++) {
    const l = lines[i]!;
    if (isMetaLine(l)) continue;
    if (l.cells || cellSeparator(l, false) !== null) return i;
    const n = numbering(l.folded);
    if (!n || n.decimalLike) continue;
    if (!levels) {
      if (n.kind !== 'paren-task') return i;
      continue;
    }
    const role = levelOf(n, levels).role;
    if (role !== 'below') return i;
  }
  return lines.length;
}

/**
 * Infer the structure of a notice from its lines. `fallbackStart` finds the body the old way when
 * no numbering scheme carries responsibility (tables, headings that are tasks, 一是 headings).
 */
export function inferStructure(
  original: Line[],
  directory: OrgDirectory | null,
  fallbackStart: (lines: Line[]) => number,
  listStartLine?: number,
): Structure {
  const explanation: string[] = [];
  let lines = rebuildCellTables(original);
  if (lines.length !== original.length) explanation.push('表格的单元格逐行排列，已按表头和序号重组为表格行');
  const beforeSpaced = lines;
  lines = rebuildSpacedTables(lines);
  if (lines.some((l, k) => l !== beforeSpaced[k]))
    explanation.push('表格的单元格以空格分隔写在一行，已按表头重组为表格行');
  lines = joinLoneNumbers(lines);
  lines = joinBrokenHeaders(lines);
  const beforeRunOn = lines.length;
  lines = splitRunOn(lines);
  if (lines.length !== beforeRunOn) explanation.push('多项任务写在同一段落中，已按编号拆分');

  const items = itemsOf(lines, directory);
  const levels = inferLevels(items);
  if (levels) {
    const c = levels.counts[levels.task]!;
    explanation.push(
      `任务层级：${SCHEME_WORDS[levels.task]}（${c.items}项中${c.responsible}项写明责任单位）` +
        (levels.section ? `；${SCHEME_WORDS[levels.section]}为部分标题` : '') +
        (levels.subsection ? `；${SCHEME_WORDS[levels.subsection]}为小标题` : ''),
    );
  }

  // The list begins after a covering notice's signature when the signature comes before the first
  // item that carries responsibility.
  const firstResponsible = items.find((it) => it.responsible && (!levels || it.n.scheme === levels.task));
  const firstTable = lines.findIndex((l) => !isMetaLine(l) && (l.cells || cellSeparator(l, false) !== null));
  const firstWork = Math.min(
    firstResponsible?.index ?? lines.length,
    firstTable < 0 ? lines.length : firstTable,
  );
  let from = 0;
  const marked = listStartLine === undefined ? -1 : lines.findIndex((l) => l.no >= listStartLine);
  if (marked >= 0) {
    from = marked;
    explanation.push(`清单从第${lines[marked]!.no}行开始（由使用者指定）`);
  } else
    for (let i = 1; i < firstWork && firstWork < lines.length; i++)
      if (isDateLine(lines[i]!.folded) && isSignatureLine(lines[i - 1]!.folded)) from = i + 1;
  const fallback = fallbackStart(lines.slice(from)) + from;
  let bodyStart = levels ? listStart(lines, levels, from) : fallback;
  // A 一是 heading before the first numbered line (the fixed reading finds those).
  const atFallback = lines[fallback];
  if (atFallback && fallback < bodyStart && numbering(atFallback.folded) === null && !atFallback.cells)
    bodyStart = fallback;
  if (from > 0 && bodyStart > from && explanation.length < 10) {
    const first = lines.slice(0, from).findIndex((l) => numbering(l.folded) !== null);
    if (first >= 0) explanation.push(`第${lines[from - 1]!.no}行之前是印发通知，清单从其后开始`);
  }
  if (bodyStart > firstWork && marked < 0) bodyStart = firstWork;
  if (marked >= 0 && bodyStart > marked && levels === null) bodyStart = marked;

  // The closing: a signature (issuer, date), 抄送 or 印发 after the last item with responsibility.
  const lastWork = Math.max(
    [...items].reverse().find((it) => it.responsible)?.index ?? -1,
    lines.findLastIndex((l) => l.cells !== undefined || cellSeparator(l, true) !== null),
    bodyStart,
  );
  let bodyEnd = lines.length;
  let closing: Structure['closing'] = null;
  for (let i = lastWork + 1; i < lines.length; i++) {
    const folded = lines[i]!.folded;
    if (CLOSING_RE.test(folded)) {
      bodyEnd = Math.min(bodyEnd, i);
      break;
    }
    if (isDateLine(folded)) {
      const signed = i > 0 && isSignatureLine(lines[i - 1]!.folded) && i - 1 > lastWork;
      const m = DATE_RE.exec(folded.trim())!;
      closing = {
        issuer: signed ? lines[i - 1]!.text.trim() : null,
        issuedAt: toIsoDate(m),
        line: lines[i]!.no,
      };
      bodyEnd = Math.min(bodyEnd, signed ? i - 1 : i);
      break;
    }
  }
  // A signature with no date after it, the last words of the page (六安市民生办, then only the
  // mirror site's 扫一扫 / 打印本页).
  if (closing === null && bodyEnd === lines.length)
    for (let i = lines.length - 1; i > lastWork; i--) {
      const folded = lines[i]!.folded;
      if (!folded.trim() || PAGE_END_RE.test(folded)) continue;
      const before = lines[i - 1]?.folded ?? '';
      if (isSignatureLine(folded) && folded.trim().length >= 4 && endsComplete(before)) {
        closing = { issuer: lines[i]!.text.trim(), issuedAt: null, line: lines[i]!.no };
        bodyEnd = i;
      }
      break;
    }
  if (bodyEnd < lines.length) explanation.push(`清单在第${lines[bodyEnd]!.no}行结束，其后为落款或抄送`);
  return { lines, bodyStart, bodyEnd, levels, closing, explanation };
}

/** Every regular expression of the structure reader (the tests run each on worst-case input). */
export const STRUCTURE_PATTERNS = {
  META_RE,
  CLOSING_RE,
  PAGE_END_RE,
  NOT_BAR_RE,
  NUMBER_CELL_RE,
  SPACED_ROW_RE,
} as const;
