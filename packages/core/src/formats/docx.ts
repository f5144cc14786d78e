import { attrValue, parseXml, type XmlElement } from './xml-reader.ts';

const WORD_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);
const MARKUP_COMPATIBILITY = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** Word elements whose content is not part of the visible text. */
const SKIPPED = new Set([
  'del', // tracked deletion
  'moveFrom', // tracked move, old place
  'delText',
  'delInstrText',
  'instrText', // field codes
  'rt', // ruby (phonetic) text
  'pPr', // paragraph properties (tab stops, …)
  'rPr',
  'sectPr',
  'tblPr',
  'tblGrid',
]);

/** Cap on w:gridSpan / w:gridBefore / w:gridAfter so a hostile value cannot blow up a row. */
const MAX_SPAN = 1000;

/**
 * Tables (and text boxes) nested deeper than this are read as plain paragraphs of the cell (text
 * box) that holds them. Each nesting level copies the text of the levels inside it once, so the
 * cap keeps the work linear in the size of the document.
 */
export const MAX_NESTING = 16;

/** Elements that only mean something inside a table that has a frame. */
const TABLE_PARTS = new Set([
  'tr',
  'tc',
  'trPr',
  'tcPr',
  'gridBefore',
  'gridAfter',
  'gridSpan',
  'vMerge',
  'hMerge',
]);

/**
 * Written for a cell that continues a vertical merge (同上): the text would otherwise say nothing
 * of the merge, and an empty cell would read the same as one left blank.
 */
export const DITTO = '\u3003';

type Chunk = { text: string; spaced: boolean };
type Flow = { kind: 'para' | 'textbox'; chunks: Chunk[] };
/** `continued`: the cell goes on a merge from the row above (`vertical`) or the cell before it. */
type Cell = {
  kind: 'cell';
  chunks: Chunk[];
  span: number;
  continued: 'vertical' | 'horizontal' | null;
};
/** A cell's text, or null where it goes on a vertical merge whose first cell holds text. */
type Row = { cells: (string | null)[]; before: number; after: number; deleted: boolean };
type Table = { kind: 'table'; rows: (string | null)[][]; row: Row | null };
type Body = { kind: 'body'; lines: string[] };
type Frame = Body | Table | Flow | Cell;

export type DocxText = { text: string; notes: string[] };

/** Joins chunks: plain chunks touch, `spaced` chunks (nested tables, text boxes) get a space around them. */
function joinChunks(chunks: readonly Chunk[]): string {
  let out = '';
  let previousSpaced = false;
  for (const chunk of chunks) {
    if (chunk.text.length === 0) continue;
    if (out.length > 0 && (chunk.spaced || previousSpaced)) out += ' ';
    out += chunk.text;
    previousSpaced = chunk.spaced;
  }
  return out;
}

function spanValue(element: XmlElement): number {
  const value = Number.parseInt(attrValue(element, 'val') ?? '', 10);
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), MAX_SPAN) : 0;
}

/**
 * The body of `word/document.xml` as lines: one per paragraph outside tables, one per table row
 * (cells joined with ` | `). See `readNoticeFile` for the exact rules.
 */
export function docxToText(xml: string): DocxText {
  const body: Body = { kind: 'body', lines: [] };
  const frames: Frame[] = [body];
  /** Word local name, or `{ns}local` for other namespaces, of each open element. */
  const path: string[] = [];
  let skipDepth = 0;
  let inText = false;
  /** Open tables and text boxes that have frames, and those too deep to get one. */
  let tableDepth = 0;
  let textBoxDepth = 0;
  let transparentTables = 0;
  let transparentTextBoxes = 0;
  const counts = { nestedTables: 0, textBoxes: 0, deletions: 0, deletedRows: 0, tooDeep: 0 };

  const top = (): Frame => frames[frames.length - 1]!;
  const parent = (): string => path[path.length - 1] ?? '';

  const addToFlow = (text: string): void => {
    const frame = top();
    if (frame.kind !== 'body' && frame.kind !== 'table') frame.chunks.push({ text, spaced: false });
  };

  /** Gives a finished block (paragraph, text box or nested table) to the frame that holds it. */
  const deliver = (text: string, spaced: boolean): void => {
    const frame = top();
    if (frame.kind === 'body') frame.lines.push(text);
    // Paragraphs of one cell are kept apart by a space: units are often listed one per paragraph.
    else if (frame.kind !== 'table') frame.chunks.push({ text, spaced: spaced || frame.kind === 'cell' });
  };

  const openWord = (local: string, element: XmlElement): void => {
    const frame = top();
    if (local === 'tbl' && (transparentTables > 0 || tableDepth >= MAX_NESTING)) {
      if (transparentTables === 0) counts.tooDeep++;
      transparentTables++;
      return;
    }
    if (local === 'txbxContent' && (transparentTextBoxes > 0 || textBoxDepth >= MAX_NESTING)) {
      transparentTextBoxes++;
      return;
    }
    // Rows and cells of a table too deep to get a frame add nothing but their paragraphs.
    if (transparentTables > 0 && TABLE_PARTS.has(local)) return;
    switch (local) {
      case 'p':
        // Inside a text box too deep for a frame, runs go straight to the paragraph that holds it.
        if (transparentTextBoxes === 0) frames.push({ kind: 'para', chunks: [] });
        return;
      case 't':
        if (parent() === 'r') inText = true;
        return;
      case 'tab':
      case 'ptab':
      case 'br':
      case 'cr':
        if (parent() === 'r') addToFlow(' ');
        return;
      case 'noBreakHyphen':
        if (parent() === 'r') addToFlow('-');
        return;
      case 'tbl':
        tableDepth++;
        frames.push({ kind: 'table', rows: [], row: null });
        return;
      case 'tr':
        if (frame.kind === 'table') frame.row = { cells: [], before: 0, after: 0, deleted: false };
        return;
      case 'gridBefore':
      case 'gridAfter':
        if (frame.kind === 'table' && frame.row !== null && parent() === 'trPr') {
          if (local === 'gridBefore') frame.row.before = spanValue(element);
          else frame.row.after = spanValue(element);
        }
        return;
      case 'tc':
        frames.push({ kind: 'cell', chunks: [], span: 1, continued: null });
        return;
      case 'gridSpan':
        if (frame.kind === 'cell' && parent() === 'tcPr') frame.span = Math.max(1, spanValue(element));
        return;
      case 'vMerge':
        if (frame.kind === 'cell' && parent() === 'tcPr' && attrValue(element, 'val') !== 'restart') {
          frame.continued = 'vertical';
        }
        return;
      case 'hMerge':
        if (frame.kind === 'cell' && parent() === 'tcPr' && attrValue(element, 'val') === 'continue') {
          frame.continued ??= 'horizontal';
        }
        return;
      case 'txbxContent':
        textBoxDepth++;
        frames.push({ kind: 'textbox', chunks: [] });
        return;
    }
  };

  const closeWord = (local: string): void => {
    const frame = top();
    if (local === 'tbl' && transparentTables > 0) {
      transparentTables--;
      return;
    }
    if (local === 'txbxContent' && transparentTextBoxes > 0) {
      transparentTextBoxes--;
      return;
    }
    if (transparentTables > 0 && TABLE_PARTS.has(local)) return;
    switch (local) {
      case 't':
        inText = false;
        return;
      case 'p':
      case 'txbxContent': {
        if (frame.kind !== (local === 'p' ? 'para' : 'textbox')) return;
        if (frame.kind !== 'para' && frame.kind !== 'textbox') return;
        if (local === 'p' && transparentTextBoxes > 0) return;
        frames.pop();
        const text = joinChunks(frame.chunks).replaceAll('\r', ' ').replaceAll('\n', ' ');
        if (frame.kind === 'textbox') {
          counts.textBoxes++;
          textBoxDepth--;
        }
        // A paragraph inside a paragraph can only come from a text box: keep it apart.
        deliver(text, frame.kind === 'textbox' || top().kind === 'para');
        return;
      }
      case 'tc': {
        if (frame.kind !== 'cell') return;
        frames.pop();
        const table = top();
        if (table.kind !== 'table') return;
        if (table.row === null) table.row = { cells: [], before: 0, after: 0, deleted: false };
        if (frame.continued === 'vertical') {
          // The cell above at the same grid position: text (or a merge going on from text) is
          // marked; a merge of empty cells stays empty.
          const above = table.rows.at(-1)?.[table.row.before + table.row.cells.length];
          table.row.cells.push(above === null || (above !== undefined && above !== '') ? null : '');
        } else {
          table.row.cells.push(frame.continued ? '' : joinChunks(frame.chunks).replaceAll('|', '｜'));
        }
        for (let k = 1; k < frame.span; k++) table.row.cells.push('');
        return;
      }
      case 'tr': {
        if (frame.kind !== 'table' || frame.row === null) return;
        const row = frame.row;
        frame.row = null;
        if (row.deleted) {
          counts.deletedRows++;
          return;
        }
        const cells: (string | null)[] = [];
        for (let k = 0; k < row.before; k++) cells.push('');
        cells.push(...row.cells);
        for (let k = 0; k < row.after; k++) cells.push('');
        frame.rows.push(cells);
        return;
      }
      case 'tbl': {
        if (frame.kind !== 'table') return;
        frames.pop();
        tableDepth--;
        const holder = top();
        if (holder.kind === 'body') {
          for (const cells of frame.rows) holder.lines.push(cells.map((c) => c ?? DITTO).join(' | '));
          return;
        }
        counts.nestedTables++;
        const flat = frame.rows
          .map((cells) => cells.filter((cell) => cell !== null && cell.length > 0).join(' '))
          .filter((line) => line.length > 0)
          .join(' ');
        deliver(flat, true);
        return;
      }
    }
  };

  parseXml(xml, {
    open: (element) => {
      const word = WORD_NAMESPACES.has(element.ns);
      const key = word ? element.local : `{${element.ns}}${element.local}`;
      if (skipDepth > 0) {
        skipDepth++;
      } else if (word && SKIPPED.has(element.local)) {
        skipDepth = 1;
        if (element.local === 'del' || element.local === 'moveFrom') {
          const frame = top();
          if (
            element.local === 'del' &&
            parent() === 'trPr' &&
            frame.kind === 'table' &&
            frame.row !== null
          ) {
            frame.row.deleted = true;
          } else if (parent() !== 'rPr') counts.deletions++;
        }
      } else if (element.ns === MARKUP_COMPATIBILITY && element.local === 'Fallback') {
        skipDepth = 1; // the mc:Choice already holds the same content
      } else if (word) {
        openWord(element.local, element);
      }
      path.push(key);
    },
    close: (element) => {
      path.pop();
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      if (WORD_NAMESPACES.has(element.ns)) closeWord(element.local);
    },
    text: (text) => {
      if (inText && skipDepth === 0) addToFlow(text);
    },
  });

  const notes: string[] = [];
  if (counts.deletions > 0) notes.push(`ignored ${counts.deletions} tracked deletion(s)`);
  if (counts.deletedRows > 0) notes.push(`ignored ${counts.deletedRows} deleted table row(s)`);
  if (counts.nestedTables > 0)
    notes.push(`flattened ${counts.nestedTables} nested table(s) into their cells`);
  if (counts.textBoxes > 0)
    notes.push(`added the text of ${counts.textBoxes} text box(es) to their paragraphs`);
  if (counts.tooDeep > 0) notes.push(`read tables nested more than ${MAX_NESTING} deep as paragraphs`);
  return { text: body.lines.join('\n'), notes };
}
