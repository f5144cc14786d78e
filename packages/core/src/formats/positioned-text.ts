/**
 * Rebuilds the lines of a notice from positioned text, as PDF and OFD hold it: runs of text with a
 * page, a baseline position and a width, and the ruling lines that draw table borders. The result
 * has the shape the .docx reader gives, so `parseNotice` reads every format the same way:
 *
 * - a paragraph is one line; its wrapped lines are joined (CJK without a space, Latin words with
 *   one), and a line that starts a numbered item or heading, is indented, or follows a short line
 *   starts a new one;
 * - a table row is one line with its cells joined by ` | `; a cell that continues a vertical merge
 *   from the row above is written as 〃 (only known when the table has ruling lines), a cell
 *   covered by a horizontal merge is empty; the paragraphs of one cell are joined by a space;
 * - page numbers (`— 3 —`, `- 3 -`, `第 3 页`) and headers or footers repeated on several pages
 *   are dropped; a table that goes on over a page break stays one table, its repeated header row
 *   is dropped and a row split by the break is joined again.
 *
 * Coordinates are top-down (y grows down the page) in any unit; thresholds are relative to the
 * font size, so PDF points and OFD millimetres work alike.
 */
import { DITTO } from './docx.ts';

/** A run of text on one baseline. `y` is the baseline, `size` the font size, `width` the advance. */
export type TextRun = { x: number; y: number; width: number; size: number; text: string };

/** An axis-aligned ruling line (a table border), from (x1, y1) to (x2, y2) with x1 ≤ x2, y1 ≤ y2. */
export type Ruling = { x1: number; y1: number; x2: number; y2: number };

/** One page: its size, its text runs and its ruling lines, all in the same top-down units. */
export type PageLayout = { width: number; height: number; runs: TextRun[]; rulings: Ruling[] };

/** `mergesMarked`: every table had ruling lines, so vertical merges are written as 〃. */
export type LayoutText = { text: string; mergesMarked: boolean; notes: string[] };

/** A run with its right edge and a page index, after cleaning. */
type Run = TextRun & { right: number; page: number };

/** Runs that share a baseline band, sorted left to right. */
type Band = { page: number; y: number; size: number; runs: Run[]; left: number; right: number };

/** A rectangle on a page (top-down). */
type Box = { left: number; top: number; right: number; bottom: number };

/** A table as cells per row; `null` marks the continuation of a vertical merge. */
type TableRows = (string | null)[][];

/**
 * The part of a table on one page: its rows, and per cell whether it goes on the merged cell above
 * (whatever that holds), which tells how a merge cut by a page break goes on.
 */
type TableFragment = { rows: TableRows; continued: boolean[][] };

/** What a page is made of, top to bottom. */
type Block =
  | { kind: 'line'; band: Band }
  | { kind: 'table'; table: TableFragment; top: number; bottom: number; ruled: boolean };

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2010-\u201f\u2026]/u;
const WORD_END = /[A-Za-z0-9]$/;
const WORD_START = /^[A-Za-z0-9(]/;

/** Starts of a numbered item, heading or similar line that never continues the line before. */
const NEW_ITEM =
  /^(?:\d{1,3}\s*[.．、)）]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|第[一二三四五六七八九十百\d]+[章节条部分项]|附件|附表|[①-⑳]|[★●◆■□☆○◇·•])/u;

/** Page numbers as printed in a margin. */
const PAGE_NUMBER =
  /^(?:[—–\-－―~～]+\s*\d{1,4}\s*[—–\-－―~～]+|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$/u;

/** How far from a baseline (in font sizes) a run still counts as on the same line. */
const BAND_TOLERANCE = 0.45;
/** Share of the page height at the top and at the bottom where headers, footers and page numbers live. */
const MARGIN_SHARE = 0.12;

// ───────────────────────────── runs and bands ─────────────────────────────

/** Median of numbers (0 for none). */
function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Drops blank runs (a PDF's space glyphs: gaps are measured instead) and trims the rest. */
function cleanRuns(runs: readonly TextRun[], page: number): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const text = run.text.replace(/\p{Cc}|\u00ad|\ufeff/gu, '');
    if (text.trim() === '' || !(run.size > 0) || !Number.isFinite(run.x + run.y + run.width)) continue;
    const lead = text.length - text.trimStart().length;
    const trimmed = text.trim();
    const perChar = run.width / Math.max(text.length, 1);
    const x = run.x + lead * perChar;
    const width = Math.max(trimmed.length * perChar, 0);
    out.push({ ...run, x, width, text: trimmed, right: x + width, page });
  }
  return out;
}

/** Groups runs into baseline bands, top to bottom; a run joins a band within BAND_TOLERANCE. */
function toBands(runs: readonly Run[]): Band[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const bands: Band[] = [];
  for (const run of sorted) {
    const last = bands.at(-1);
    if (last && run.y - last.y <= BAND_TOLERANCE * Math.min(run.size, last.size)) {
      last.runs.push(run);
    } else {
      bands.push({ page: run.page, y: run.y, size: run.size, runs: [run], left: 0, right: 0 });
    }
  }
  for (const band of bands) finishBand(band);
  return bands;
}

/** Sorts a band's runs left to right and sets its extent and (largest common) size. */
function finishBand(band: Band): void {
  band.runs.sort((a, b) => a.x - b.x);
  band.left = Math.min(...band.runs.map((r) => r.x));
  band.right = Math.max(...band.runs.map((r) => r.right));
  band.size = median(band.runs.map((r) => r.size));
}

/** Whether a space belongs between two pieces of text that touch or nearly touch. */
function needsSpace(before: string, after: string): boolean {
  return WORD_END.test(before) && WORD_START.test(after);
}

/**
 * Joins runs of one line. A gap wider than a third of the font size is a space between Latin words
 * and nothing between CJK text (a PDF puts a little room between CJK and Latin glyphs); a gap wider
 * than two font sizes is always a space.
 */
function joinRuns(runs: readonly Run[]): string {
  let out = '';
  let previous: Run | null = null;
  for (const run of runs) {
    if (previous !== null) {
      const gap = run.x - previous.right;
      const size = Math.min(run.size, previous.size);
      const cjk = CJK.test(out.at(-1) ?? '') || CJK.test(run.text[0] ?? '');
      if (gap > 2 * size || (!cjk && gap > size / 3) || (gap > size / 8 && needsSpace(out, run.text))) {
        out += ' ';
      }
    }
    out += run.text;
    previous = run;
  }
  return out.replace(/\s+/g, ' ');
}

/**
 * Joins a wrapped line to the text before it: one space between Latin words, nothing within CJK
 * text or a number (a CJK line may break anywhere, even inside a figure).
 */
function joinWrapped(before: string, after: string): string {
  if (before === '') return after;
  if (after === '') return before;
  const last = before.at(-1)!;
  const first = after[0]!;
  const words = /[A-Za-z]/.test(last)
    ? /[A-Za-z0-9(]/.test(first)
    : /[0-9.,;:!?)]/.test(last) && /[A-Za-z]/.test(first);
  return words ? `${before} ${after}` : before + after;
}

/** Characters a line may not start with (kinsoku): they pull the character before them down too. */
const NO_LINE_START = /^[，。、；：！？）」』”’》〉】〕…·,.;:!?)\]]+/u;

/**
 * The advance of what would have had to fit at the end of the line before: the first word (Latin)
 * or character (CJK) of a line, with the punctuation that may not start a line and came along.
 */
function firstWordWidth(band: Band): number {
  const run = band.runs[0]!;
  const perChar = run.width / Math.max(run.text.length, 1);
  // An opening bracket or quote may not end a line: it comes down with the character after it.
  const opening = /^[（(“‘《〈【〔「『]+/u.exec(run.text)?.[0].length ?? 0;
  const word = opening + (/^[A-Za-z0-9]+/.exec(run.text.slice(opening))?.[0].length ?? 1);
  const tail = NO_LINE_START.exec(run.text.slice(word))?.[0].length ?? 0;
  return perChar * (word + tail);
}

// ───────────────────────────── headers, footers, page numbers ─────────────────────────────

/** A band's text with digits folded, so `第 3 页` on each page is one repeated footer. */
function repeatKey(band: Band): string {
  return joinRuns(band.runs).replace(/\d+/g, '#').replace(/\s+/g, '');
}

/** Whether a band lies in the top or bottom margin of its page. */
function inMargin(band: Band, page: PageLayout): boolean {
  return band.y < page.height * MARGIN_SHARE || band.y > page.height * (1 - MARGIN_SHARE);
}

/**
 * Drops page numbers in the margins and lines repeated in the margins of at least two pages (and
 * of at least half of them): running headers and footers.
 */
function dropPageFurniture(bandsByPage: Band[][], pages: readonly PageLayout[], notes: string[]): Band[][] {
  const pagesWith = new Map<string, Set<number>>();
  bandsByPage.forEach((bands, index) => {
    for (const band of bands) {
      if (!inMargin(band, pages[index]!)) continue;
      const key = repeatKey(band);
      if (!pagesWith.has(key)) pagesWith.set(key, new Set());
      pagesWith.get(key)!.add(index);
    }
  });
  const minPages = Math.max(2, Math.ceil(pages.length / 2));
  let dropped = 0;
  const kept = bandsByPage.map((bands, index) =>
    bands.filter((band) => {
      if (!inMargin(band, pages[index]!)) return true;
      const text = joinRuns(band.runs).trim();
      const repeated = (pagesWith.get(repeatKey(band))?.size ?? 0) >= minPages;
      if (PAGE_NUMBER.test(text) || repeated) {
        dropped++;
        return false;
      }
      return true;
    }),
  );
  if (dropped > 0) notes.push(`dropped ${dropped} page number(s), header(s) or footer(s)`);
  return kept;
}

// ───────────────────────────── ruled tables ─────────────────────────────

/** Ruling lines shorter than this many font sizes are ignored (underlines of a glyph, dots). */
const MIN_RULING = 1;

/** Splits rulings into horizontal and vertical ones, dropping short and slanted ones. */
function splitRulings(rulings: readonly Ruling[], unit: number): { h: Ruling[]; v: Ruling[] } {
  const h: Ruling[] = [];
  const v: Ruling[] = [];
  for (const r of rulings) {
    const wide = r.x2 - r.x1;
    const tall = r.y2 - r.y1;
    if (tall <= unit * 0.3 && wide >= unit * MIN_RULING)
      h.push({ ...r, y1: (r.y1 + r.y2) / 2, y2: (r.y1 + r.y2) / 2 });
    else if (wide <= unit * 0.3 && tall >= unit * MIN_RULING)
      v.push({ ...r, x1: (r.x1 + r.x2) / 2, x2: (r.x1 + r.x2) / 2 });
  }
  return { h, v };
}

/** Whether two rulings touch or cross (within `slack`). */
function touches(a: Ruling, b: Ruling, slack: number): boolean {
  return a.x1 - slack <= b.x2 && b.x1 - slack <= a.x2 && a.y1 - slack <= b.y2 && b.y1 - slack <= a.y2;
}

/** Groups touching rulings into grids; a grid with two rows and two columns of lines is a table. */
function rulingGroups(h: readonly Ruling[], v: readonly Ruling[], slack: number): Ruling[][] {
  const all = [...h, ...v];
  const parent = all.map((_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]!]!;
    return k;
  };
  for (let a = 0; a < all.length; a++)
    for (let b = a + 1; b < all.length; b++) if (touches(all[a]!, all[b]!, slack)) parent[find(a)] = find(b);
  const groups = new Map<number, Ruling[]>();
  all.forEach((r, k) => {
    const root = find(k);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(r);
  });
  return [...groups.values()].filter((group) => {
    const xs = distinct(
      group.filter((r) => r.x1 === r.x2).map((r) => r.x1),
      slack,
    );
    const ys = distinct(
      group.filter((r) => r.y1 === r.y2).map((r) => r.y1),
      slack,
    );
    return xs.length >= 3 && ys.length >= 2;
  });
}

/** Sorted values with those closer than `slack` merged into one. */
function distinct(values: readonly number[], slack: number): number[] {
  const out: number[] = [];
  for (const value of [...values].sort((a, b) => a - b)) {
    if (out.length === 0 || value - out.at(-1)! > slack) out.push(value);
  }
  return out;
}

/** Whether some horizontal ruling at `y` covers `x` (or vertical ruling at `x` covers `y`). */
function covered(
  rulings: readonly Ruling[],
  x: number,
  y: number,
  horizontal: boolean,
  slack: number,
): boolean {
  return rulings.some((r) =>
    horizontal
      ? Math.abs(r.y1 - y) <= slack && r.x1 - slack <= x && x <= r.x2 + slack
      : Math.abs(r.x1 - x) <= slack && r.y1 - slack <= y && y <= r.y2 + slack,
  );
}

/** A grid cell and the merged region it belongs to. */
type Region = { top: number; left: number; bottom: number; right: number; bands: Band[] };

/**
 * The merged regions of a ruled grid: neighbouring grid cells with no ruling between them are one
 * cell. Returns for each grid position the region that holds it.
 */
function gridRegions(
  xs: readonly number[],
  ys: readonly number[],
  group: readonly Ruling[],
  slack: number,
): Region[][] {
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const h = group.filter((r) => r.y1 === r.y2);
  const v = group.filter((r) => r.x1 === r.x2);
  const regions: Region[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: Region[] = [];
    const midY = (ys[r]! + ys[r + 1]!) / 2;
    for (let c = 0; c < cols; c++) {
      const midX = (xs[c]! + xs[c + 1]!) / 2;
      const openLeft = c > 0 && !covered(v, xs[c]!, midY, false, slack);
      const openTop = r > 0 && !covered(h, midX, ys[r]!, true, slack);
      let region: Region;
      if (openTop) region = regions[r - 1]![c]!;
      else if (openLeft) region = row[c - 1]!;
      else region = { top: r, left: c, bottom: r, right: c, bands: [] };
      region.bottom = Math.max(region.bottom, r);
      region.right = Math.max(region.right, c);
      row.push(region);
    }
    regions.push(row);
  }
  return regions;
}

/**
 * The text of one cell from the pieces of its lines: a line that ends where the next one's first
 * character would still have fitted ended its paragraph (joined by a space), else it wrapped.
 */
function cellText(bands: readonly Band[], innerRight: number): string {
  let text = '';
  let previous: Band | null = null;
  for (const band of bands) {
    const line = joinRuns(band.runs).replaceAll('|', '｜');
    if (previous === null) text = line;
    else if (previous.right + firstWordWidth(band) <= innerRight - 0.15 * band.size) text = `${text} ${line}`;
    else text = joinWrapped(text, line);
    previous = band;
  }
  return text.trim();
}

/** Splits a band into the pieces that fall into each column between `edges` (left to right). */
function splitByColumns(band: Band, edges: readonly number[]): Map<number, Band> {
  const pieces = new Map<number, Band>();
  for (const run of band.runs) {
    const center = run.x + Math.min(run.width, run.size) / 2;
    let col = edges.findIndex((edge, k) => k + 1 < edges.length && center >= edge && center < edges[k + 1]!);
    if (col < 0) col = center < edges[0]! ? 0 : edges.length - 2;
    const piece = pieces.get(col);
    if (piece) piece.runs.push(run);
    else pieces.set(col, { ...band, runs: [run] });
  }
  for (const piece of pieces.values()) finishBand(piece);
  return pieces;
}

/** Reads a ruled table: its bands are cut into cells by the grid, merged regions become 〃. */
function readRuledTable(group: readonly Ruling[], bands: readonly Band[], slack: number): TableFragment {
  const xs = distinct(
    group.filter((r) => r.x1 === r.x2).map((r) => r.x1),
    slack,
  );
  const ys = distinct(
    group.filter((r) => r.y1 === r.y2).map((r) => r.y1),
    slack,
  );
  const regions = gridRegions(xs, ys, group, slack);
  for (const band of bands) {
    const mid = band.y - band.size * 0.35;
    let row = ys.findIndex((y, k) => k + 1 < ys.length && mid >= y && mid < ys[k + 1]!);
    if (row < 0) row = mid < ys[0]! ? 0 : ys.length - 2;
    for (const [col, piece] of splitByColumns(band, xs)) regions[row]![col]!.bands.push(piece);
  }
  // Left padding of each column: how far its text starts from the ruling (the right padding is alike).
  const padding = xs.slice(0, -1).map((x, col) => {
    const starts = regions.flatMap((row) =>
      row[col]!.bands.filter(() => row[col]!.left === col).map((b) => b.left - x),
    );
    return Math.max(0, Math.min(...starts.filter((s) => s >= 0), slack * 4));
  });
  const texts = new Map<Region, string>();
  const rows = regions.map((row, r) =>
    row.map((region, c) => {
      if (region.top < r) return region.left === c && textOf(region) !== '' ? null : '';
      if (region.left < c) return '';
      return textOf(region);
    }),
  );
  const continued = regions.map((row, r) => row.map((region, c) => region.top < r && region.left === c));
  return { rows, continued };

  function textOf(region: Region): string {
    let text = texts.get(region);
    if (text === undefined) {
      const lines = mergeBands(region.bands);
      text = cellText(lines, xs[region.right + 1]! - padding[region.left]!);
      texts.set(region, text);
    }
    return text;
  }
}

/** Puts a cell's pieces that share a baseline together again, top to bottom. */
function mergeBands(pieces: readonly Band[]): Band[] {
  const lines: Band[] = [];
  for (const piece of [...pieces].sort((a, b) => a.y - b.y)) {
    const last = lines.at(-1);
    if (last && piece.y - last.y <= BAND_TOLERANCE * Math.min(piece.size, last.size)) {
      last.runs.push(...piece.runs);
      finishBand(last);
    } else lines.push({ ...piece, runs: [...piece.runs] });
  }
  return lines;
}

// ───────────────────────────── tables without rulings ─────────────────────────────

/** Header words of a task table: a band with three or more of them, set apart, starts a table. */
const HEADER_WORD = /序号|编号|任务|事项|内容|措施|单位|部门|时限|时间|期限|备注|责任|牵头|配合|分工|目标/;

/** Pieces of a band separated by gaps of at least one font size (the cells of a table row). */
function segments(band: Band): Band[] {
  const out: Band[] = [];
  for (const run of band.runs) {
    const last = out.at(-1);
    if (last && run.x - last.right < band.size) {
      last.runs.push(run);
      last.right = run.right;
    } else out.push({ ...band, runs: [run], left: run.x, right: run.right });
  }
  return out;
}

/**
 * The column edges of a header band, or null when it is not the header of a table. A column starts
 * where the text of the lines below starts again and again between two header cells (body text is
 * set flush left, a header may be centred), else halfway between the header cells.
 */
function headerEdges(band: Band, below: readonly Band[], pageWidth: number): number[] | null {
  const cells = segments(band);
  if (cells.length < 3 || cells.filter((cell) => HEADER_WORD.test(joinRuns(cell.runs))).length < 3)
    return null;
  const starts = below.flatMap((b) => b.runs.map((run) => run.x));
  const near = 0.2 * band.size;
  const edges = [0];
  for (let k = 1; k < cells.length; k++) {
    const from = cells[k - 1]!.right;
    const inside = starts.filter((x) => x >= from && x <= cells[k]!.left + near);
    const repeated = inside.filter((x) => inside.filter((y) => Math.abs(y - x) < near).length >= 2);
    edges.push(repeated.length > 0 ? Math.min(...repeated) - near : (from + cells[k]!.left) / 2);
  }
  edges.push(pageWidth);
  return edges;
}

/** Whether a band fits the columns: no run reaches far across an edge between columns. */
function fitsColumns(band: Band, edges: readonly number[]): boolean {
  return band.runs.every((run) =>
    edges.slice(1, -1).every((edge) => run.x >= edge - band.size || run.right <= edge + band.size),
  );
}

/**
 * Reads a table without rulings from its header band on: columns are the header's, a band with
 * text in the first column starts a row, any other band goes on the cells of the row above. Ends
 * at a band that does not fit the columns, after a gap of more than three lines, or at a band that
 * would go on a cell but does not start where that column's text starts (a right-aligned signature).
 */
function readOpenTable(
  bands: readonly Band[],
  start: number,
  edges: readonly number[],
): { table: TableFragment; end: number } {
  const rows: Band[][][] = [];
  let end = start;
  for (let k = start; k < bands.length; k++) {
    const band = bands[k]!;
    const gap = k > start ? band.y - bands[k - 1]!.y : 0;
    if (k > start && (!fitsColumns(band, edges) || gap > 3.5 * band.size)) break;
    const pieces = splitByColumns(band, edges);
    const flush = [...pieces].every(([col, piece]) => piece.left - edges[col]! < 0.8 * band.size);
    if (k > start && !pieces.has(0) && !flush) break;
    if (rows.length === 0 || pieces.has(0)) rows.push(edges.slice(0, -1).map(() => []));
    for (const [col, piece] of pieces) rows.at(-1)![col]!.push(piece);
    end = k + 1;
  }
  // A cell's text ends a little before the next column starts (or at the widest line of the column).
  const size = bands[start]!.size;
  const rights = edges
    .slice(0, -1)
    .map((_, col) =>
      Math.max(
        col + 2 < edges.length ? edges[col + 1]! - size : 0,
        ...rows.flatMap((row) => row[col]!.map((b) => b.right)),
      ),
    );
  const texts = rows.map((row) => row.map((cell, col) => cellText(cell, rights[col]!)));
  return { table: { rows: texts, continued: texts.map((row) => row.map(() => false)) }, end };
}

// ───────────────────────────── pages into blocks ─────────────────────────────

/** The blocks of one page: ruled tables where rulings make a grid, open tables, other lines. */
function pageBlocks(bands: readonly Band[], page: PageLayout): Block[] {
  const unit = median(bands.map((b) => b.size)) || 10;
  const slack = unit * 0.25;
  const { h, v } = splitRulings(page.rulings, unit);
  const tables = rulingGroups(h, v, slack).map((group) => ({ group, box: boxOf(group) }));
  const blocks: Block[] = [];
  const taken = new Set<number>();
  for (const { group, box } of tables) {
    const inside = bands
      .map((band, k) => [band, k] as const)
      .filter(([band]) => band.y - band.size * 0.35 > box.top && band.y - band.size * 0.35 < box.bottom);
    for (const [, k] of inside) taken.add(k);
    const table = readRuledTable(
      group,
      inside.map(([band]) => band),
      slack,
    );
    blocks.push({ kind: 'table', table, top: box.top, bottom: box.bottom, ruled: true });
  }
  for (let k = 0; k < bands.length; k++) {
    if (taken.has(k)) continue;
    const band = bands[k]!;
    const edges = headerEdges(band, bands.slice(k + 1), page.width);
    if (edges) {
      const free = bands.slice(k).findIndex((_, j) => taken.has(k + j));
      const limit = free < 0 ? bands.length : k + free;
      const { table, end } = readOpenTable(bands.slice(0, limit), k, edges);
      blocks.push({ kind: 'table', table, top: band.y - band.size, bottom: bands[end - 1]!.y, ruled: false });
      k = end - 1;
      continue;
    }
    blocks.push({ kind: 'line', band });
  }
  return blocks.sort((a, b) => blockTop(a) - blockTop(b));
}

/** The bounding box of some rulings. */
function boxOf(rulings: readonly Ruling[]): Box {
  return {
    left: Math.min(...rulings.map((r) => r.x1)),
    top: Math.min(...rulings.map((r) => r.y1)),
    right: Math.max(...rulings.map((r) => r.x2)),
    bottom: Math.max(...rulings.map((r) => r.y2)),
  };
}

/** Where a block starts on its page. */
function blockTop(block: Block): number {
  return block.kind === 'line' ? block.band.y : block.top;
}

// ───────────────────────────── blocks into lines ─────────────────────────────

/** The left and right text margins of the body: the usual line start and the widest line end. */
function margins(bands: readonly Band[]): { left: number; right: number } {
  if (bands.length === 0) return { left: 0, right: 0 };
  const lefts = bands.map((b) => Math.round(b.left));
  const counts = new Map<number, number>();
  for (const left of lefts) counts.set(left, (counts.get(left) ?? 0) + 1);
  const left = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  return { left, right: Math.max(...bands.map((b) => b.right)) };
}

/**
 * Whether `band` goes on the paragraph of `previous`: the previous line was full (the next line's
 * first character would not have fitted), this one starts at the left margin, has the same size,
 * and does not start a numbered item or heading.
 */
function continuesParagraph(previous: Band, band: Band, margin: { left: number; right: number }): boolean {
  if (Math.abs(previous.size - band.size) > 0.15 * band.size) return false;
  if (band.left > margin.left + 0.8 * band.size) return false;
  if (previous.right + firstWordWidth(band) <= margin.right - 0.15 * band.size) return false;
  return !NEW_ITEM.test(joinRuns(band.runs));
}

/** Cells joined as the .docx reader writes a table row. */
function rowLine(cells: readonly (string | null)[]): string {
  return cells.map((cell) => cell ?? DITTO).join(' | ');
}

/** Whether two rows hold the same text (a header row repeated on a new page). */
function sameRow(a: readonly (string | null)[], b: readonly (string | null)[]): boolean {
  return a.length === b.length && a.every((cell, k) => (cell ?? '') === (b[k] ?? ''));
}

/**
 * Goes on with the merges the page break cut (a break draws borders under and above every cell,
 * so only the text tells): the first cell after the break is empty, and either the last row before
 * it continues a merge (〃), or it holds text and the empty cell is itself merged over two rows or
 * more. That cell and the cells merged with it then go on the merge above.
 */
function carryMerges(last: readonly (string | null)[], fragment: TableFragment, start: number): void {
  last.forEach((cell, c) => {
    if (fragment.rows[start]?.[c] !== '' || cell === '') return;
    if (cell !== null && !fragment.continued[start + 1]?.[c]) return;
    fragment.rows[start]![c] = null;
    for (let r = start + 1; fragment.continued[r]?.[c] && fragment.rows[r]![c] === ''; r++)
      fragment.rows[r]![c] = null;
  });
}

/**
 * Continues a table from the previous page: drops the repeated header row, goes on with merges the
 * break cut, and joins a row the break split (its first cell empty) to the last row before it.
 */
function continueTable(previous: TableRows, fragment: TableFragment): TableRows {
  const width = previous[0]?.length ?? 0;
  const start =
    fragment.rows.length > 0 && previous.length > 0 && sameRow(fragment.rows[0]!, previous[0]!) ? 1 : 0;
  const last = previous.at(-1);
  if (last) carryMerges(last, fragment, start);
  let rest = fragment.rows.slice(start);
  const first = rest[0];
  if (first && last && first.length === width && (first[0] ?? '') === '' && (last[0] ?? '') !== '') {
    previous[previous.length - 1] = last.map((cell, k) => {
      const more = first[k];
      return more === null || more === undefined || more === '' ? cell : joinWrapped(cell ?? '', more);
    });
    rest = rest.slice(1);
  }
  previous.push(...rest);
  return previous;
}

/**
 * Rebuilds the text of positioned pages: paragraphs and table rows as the .docx reader writes
 * them. See the module comment for the rules.
 */
export function layoutToText(pages: readonly PageLayout[]): LayoutText {
  const notes: string[] = [];
  const bandsByPage = dropPageFurniture(
    pages.map((page, index) => toBands(cleanRuns(page.runs, index))),
    pages,
    notes,
  );
  const margin = margins(bandsByPage.flat());
  const lines: string[] = [];
  let openTable: TableRows | null = null;
  let previousBand: Band | null = null;
  let ruledTables = 0;
  let openTables = 0;

  const flushTable = (): void => {
    if (openTable) for (const row of openTable) lines.push(rowLine(row));
    openTable = null;
  };

  bandsByPage.forEach((bands, index) => {
    const blocks = pageBlocks(bands, pages[index]!);
    blocks.forEach((block, k) => {
      if (block.kind === 'table') {
        previousBand = null;
        if (openTable && k === 0 && openTable[0]?.length === block.table.rows[0]?.length) {
          openTable = continueTable(openTable, block.table);
        } else {
          flushTable();
          openTable = block.table.rows.map((row) => [...row]);
          if (block.ruled) ruledTables++;
          else openTables++;
        }
        return;
      }
      flushTable();
      const text = joinRuns(block.band.runs);
      if (previousBand && continuesParagraph(previousBand, block.band, margin)) {
        lines[lines.length - 1] = joinWrapped(lines.at(-1)!, text);
      } else lines.push(text);
      previousBand = block.band;
    });
    // A table that does not reach the end of its page does not go on over the break.
    const lastBlock = blocks.at(-1);
    if (lastBlock?.kind !== 'table') flushTable();
  });
  flushTable();
  if (ruledTables + openTables > 0)
    notes.push(
      `rebuilt ${ruledTables + openTables} table(s) from positions (${openTables} without ruling lines)`,
    );
  return { text: lines.join('\n'), mergesMarked: openTables === 0, notes };
}
