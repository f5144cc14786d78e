import { DITTO } from './docx.ts';
import { NoticeFileError } from './notice-file-error.ts';
import {
  attrValue,
  decodeXmlBytes,
  parseXml,
  type XmlElement,
  type XmlHandler,
  XmlSyntaxError,
} from './xml-reader.ts';
import { type ZipArchive, zipKey } from './zip.ts';

const SHEET_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://purl.oclc.org/ooxml/spreadsheetml/main',
]);
const RELATIONSHIP_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://purl.oclc.org/ooxml/officeDocument/relationships',
]);

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const MAX_COLUMN = 16384; // XFD
const MAX_ROW = 1048576;
/** Row visits plus cells looked at while blanking merged cells, per sheet. */
export const MERGE_BUDGET = 5_000_000;

export type SheetEntry = { name: string; hidden: boolean; relId: string };
export type Workbook = { sheets: SheetEntry[]; date1904: boolean };
export type Relationship = { target: string; type: string; external: boolean };
/** How a number is shown: as a date, a time, both, a percentage, or as it is. */
export type NumberStyle = 'general' | 'date' | 'time' | 'datetime' | 'percent';

export type XlsxText = { text: string; notes: string[] };

function corrupt(reason: string): NoticeFileError {
  return new NoticeFileError('corrupt', `corrupt .xlsx: ${reason}`, `.xlsx 文件已损坏：${reason}`);
}

function parsePart(bytes: Uint8Array, part: string, handler: XmlHandler): void {
  try {
    parseXml(decodeXmlBytes(bytes), handler);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw corrupt(`${part} is not well-formed XML (${error.message})`);
    throw error;
  }
}

/** A SpreadsheetML element of this local name. */
function isSheet(element: XmlElement, local: string): boolean {
  return element.local === local && SHEET_NAMESPACES.has(element.ns);
}

/** Undoes the `_xHHHH_` escapes OOXML uses for characters XML cannot hold. */
export function unescapeOoxml(text: string): string {
  let at = text.indexOf('_x');
  if (at < 0) return text;
  let out = '';
  let copied = 0;
  while (at >= 0) {
    let next = at + 1;
    if (at + 6 < text.length && text.charCodeAt(at + 6) === 0x5f) {
      const hex = text.slice(at + 2, at + 6);
      let valid = true;
      for (let k = 0; k < 4; k++) {
        const code = hex.charCodeAt(k);
        const digit =
          (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
        if (!digit) valid = false;
      }
      if (valid) {
        out += text.slice(copied, at) + String.fromCharCode(Number.parseInt(hex, 16));
        copied = at + 7;
        next = at + 7;
      }
    }
    at = text.indexOf('_x', next);
  }
  return out + text.slice(copied);
}

/** `B12` → column 2, row 12 (1-based); row 0 when the reference has no row. Null when not a reference. */
export function parseCellRef(ref: string): { col: number; row: number } | null {
  let k = 0;
  let col = 0;
  while (k < ref.length) {
    const code = ref.charCodeAt(k) & ~0x20; // upper case
    if (code < 0x41 || code > 0x5a) break;
    col = col * 26 + (code - 0x40);
    if (col > MAX_COLUMN) return null;
    k++;
  }
  if (k === 0) return null;
  let row = 0;
  for (; k < ref.length; k++) {
    const code = ref.charCodeAt(k);
    if (code < 0x30 || code > 0x39) return null;
    row = row * 10 + (code - 0x30);
    if (row > MAX_ROW) return null;
  }
  return { col, row };
}

export function parseWorkbook(bytes: Uint8Array): Workbook {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  parsePart(bytes, WORKBOOK, {
    open: (element) => {
      if (isSheet(element, 'workbookPr')) {
        const value = attrValue(element, 'date1904');
        date1904 = value === '1' || value === 'true';
      } else if (isSheet(element, 'sheet')) {
        const state = attrValue(element, 'state');
        const relId = element.attrs.find((a) => a.local === 'id' && RELATIONSHIP_NAMESPACES.has(a.ns))?.value;
        sheets.push({
          name: attrValue(element, 'name') ?? `sheet ${sheets.length + 1}`,
          hidden: state === 'hidden' || state === 'veryHidden',
          relId: relId ?? '',
        });
      }
    },
  });
  return { sheets, date1904 };
}

export function parseRelationships(bytes: Uint8Array, part: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  parsePart(bytes, part, {
    open: (element) => {
      if (element.local !== 'Relationship') return;
      const id = attrValue(element, 'Id');
      if (id === undefined || rels.has(id)) return;
      rels.set(id, {
        target: attrValue(element, 'Target') ?? '',
        type: attrValue(element, 'Type') ?? '',
        external: attrValue(element, 'TargetMode') === 'External',
      });
    },
  });
  return rels;
}

/** Resolves a relationship target against the folder of the part that holds it. */
export function resolvePartPath(folder: string, target: string): string {
  const segments = target.startsWith('/') ? [] : folder.split('/').filter((s) => s.length > 0);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}

/** The text of each `<si>`: its `<t>`, or its rich-text runs `<r><t>` joined (phonetic runs skipped). */
export function parseSharedStrings(bytes: Uint8Array, part: string): string[] {
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  parsePart(bytes, part, {
    open: (element) => {
      if (!SHEET_NAMESPACES.has(element.ns)) return;
      if (element.local === 'si') current = [];
      else if (element.local === 'rPh') phonetic++;
      else if (element.local === 't' && current !== null && phonetic === 0) inText = true;
    },
    close: (element) => {
      if (!SHEET_NAMESPACES.has(element.ns)) return;
      if (element.local === 't') inText = false;
      else if (element.local === 'rPh') phonetic--;
      else if (element.local === 'si' && current !== null) {
        strings.push(unescapeOoxml(current.join('')));
        current = null;
      }
    },
    text: (text) => {
      if (inText && current !== null) current.push(text);
    },
  });
  return strings;
}

const BUILTIN_STYLES = new Map<number, NumberStyle>();
for (const id of [14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58])
  BUILTIN_STYLES.set(id, 'date');
for (const id of [18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56]) BUILTIN_STYLES.set(id, 'time');
BUILTIN_STYLES.set(22, 'datetime');
BUILTIN_STYLES.set(9, 'percent');
BUILTIN_STYLES.set(10, 'percent');

/** Classifies a number format code by its first section (quoted text, escapes and colours ignored). */
export function classifyFormat(code: string): NumberStyle {
  if (code.trim().toLowerCase() === 'general') return 'general';
  let date = false;
  let time = false;
  let month = false;
  let percent = false;
  for (let k = 0; k < code.length; k++) {
    const ch = code[k]!;
    if (ch === ';') break;
    if (ch === '"') {
      const end = code.indexOf('"', k + 1);
      if (end < 0) break;
      k = end;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      k++;
    } else if (ch === '[') {
      const end = code.indexOf(']', k + 1);
      if (end < 0) break;
      const inner = code.slice(k + 1, end).toLowerCase();
      if (inner.length > 0 && [...inner].every((c) => c === 'h' || c === 'm' || c === 's')) time = true;
      k = end;
    } else {
      const lower = ch.toLowerCase();
      if (lower === 'y' || lower === 'd' || ch === '年' || ch === '日') date = true;
      else if (lower === 'h' || lower === 's' || ch === '时' || ch === '秒') time = true;
      else if (lower === 'm' || ch === '月') month = true;
      else if (ch === '%') percent = true;
      else if (code.startsWith('上午', k) || code.startsWith('AM/PM', k) || code.startsWith('am/pm', k))
        time = true;
    }
  }
  if (month && !time) date = true;
  if (date) return time ? 'datetime' : 'date';
  if (time) return 'time';
  return percent ? 'percent' : 'general';
}

/** The number style of each cell format (`<cellXfs><xf>`), by index. */
export function parseStyles(bytes: Uint8Array, part: string): NumberStyle[] {
  const custom = new Map<number, NumberStyle>();
  const styles: NumberStyle[] = [];
  let inCellXfs = false;
  parsePart(bytes, part, {
    open: (element) => {
      if (!SHEET_NAMESPACES.has(element.ns)) return;
      if (element.local === 'numFmt') {
        const id = Number.parseInt(attrValue(element, 'numFmtId') ?? '', 10);
        if (Number.isFinite(id)) custom.set(id, classifyFormat(attrValue(element, 'formatCode') ?? ''));
      } else if (element.local === 'cellXfs') {
        inCellXfs = true;
      } else if (element.local === 'xf' && inCellXfs) {
        const id = Number.parseInt(attrValue(element, 'numFmtId') ?? '0', 10);
        styles.push(custom.get(id) ?? BUILTIN_STYLES.get(id) ?? 'general');
      }
    },
    close: (element) => {
      if (isSheet(element, 'cellXfs')) inCellXfs = false;
    },
  });
  return styles;
}

/** Like Excel's General format: integers without `.0`, others to 15 significant digits. */
export function formatGeneral(value: number): string {
  if (Number.isInteger(value)) return String(value === 0 ? 0 : value);
  return String(Number(value.toPrecision(15)));
}

const DAY_MS = 86_400_000;
const LAST_SERIAL = 2_958_465; // 9999-12-31

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** A date serial as `2024年12月31日`, `14:30` or `2024年12月31日 14:30`; null when out of range. */
export function formatDateSerial(
  serial: number,
  style: 'date' | 'time' | 'datetime',
  date1904: boolean,
): string | null {
  if (serial < 0 || serial > LAST_SERIAL) return null;
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86_400);
  if (seconds >= 86_400) {
    days++;
    seconds -= 86_400;
  }
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  const ss = seconds % 60;
  const time = `${pad2(hh)}:${pad2(mm)}${ss > 0 ? `:${pad2(ss)}` : ''}`;
  if (style === 'time') return time;
  let date: string;
  if (!date1904 && days === 60) {
    date = '1900年2月29日'; // the day Excel (after Lotus 1-2-3) believes exists
  } else {
    const epoch = date1904
      ? Date.UTC(1904, 0, 1)
      : days > 60
        ? Date.UTC(1899, 11, 30)
        : Date.UTC(1899, 11, 31);
    const d = new Date(epoch + days * DAY_MS);
    date = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  }
  return style === 'datetime' ? `${date} ${time}` : date;
}

type SheetContext = { strings: readonly string[]; styles: readonly NumberStyle[]; date1904: boolean };
type SheetCounts = { dates: number; percents: number; missingStrings: number; mergesSkipped: number };

type PendingCell = {
  row: number;
  col: number;
  type: string;
  style: number;
  value: string[];
  inline: string[];
};

/** Cell text on one line: line breaks inside a cell become a space like docx cell paragraphs, `|` → `｜`. */
function cellLine(text: string): string {
  return text.replaceAll('\r', '').replaceAll('\n', ' ').replaceAll('|', '｜');
}

function cellText(cell: PendingCell, context: SheetContext, counts: SheetCounts): string {
  const value = cell.value.join('');
  switch (cell.type) {
    case 's': {
      const text = context.strings[Number.parseInt(value, 10)];
      if (text === undefined && value.trim() !== '') counts.missingStrings++;
      return text ?? '';
    }
    case 'inlineStr':
      return unescapeOoxml(cell.inline.join(''));
    case 'str':
      return unescapeOoxml(value);
    case 'b':
      return value.trim() === '' ? '' : value.trim() === '1' ? 'TRUE' : 'FALSE';
    case 'e':
    case 'd':
      return value.trim();
  }
  const trimmed = value.trim();
  if (trimmed === '') return '';
  const number = Number(trimmed);
  if (!Number.isFinite(number)) return trimmed;
  const style = context.styles[cell.style] ?? 'general';
  if (style === 'percent') {
    counts.percents++;
    return `${formatGeneral(number * 100)}%`;
  }
  if (style !== 'general') {
    const date = formatDateSerial(number, style, context.date1904);
    if (date !== null) {
      counts.dates++;
      return date;
    }
  }
  return formatGeneral(number);
}

/** Index of the first value >= `value` in an ascending array. */
function firstAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

type Merge = { top: number; left: number; bottom: number; right: number };

function parseMerge(ref: string): Merge | null {
  const [from, to] = ref.split(':');
  const a = parseCellRef(from ?? '');
  const b = parseCellRef(to ?? from ?? '');
  if (a === null || b === null || a.row === 0 || b.row === 0) return null;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/**
 * The rows of one worksheet, each as cells joined with ` | ` from column A to its last non-empty
 * cell. A cell below the top of a merged range that holds text is written as 〃 in the range's
 * left column (the others stay empty); a row with nothing but such marks is left out.
 */
export function sheetToLines(
  bytes: Uint8Array,
  part: string,
  context: SheetContext,
  counts: SheetCounts,
): string[] {
  /** Cell texts by row and column; null where a vertical merge goes on (written as 〃). */
  const rows = new Map<number, Map<number, string | null>>();
  const merges: Merge[] = [];
  let skip = 0;
  let row = 0;
  let col = 0;
  let cell: PendingCell | null = null;
  let target: string[] | null = null;
  let inInline = false;
  let phonetic = 0;

  parsePart(bytes, part, {
    open: (element) => {
      if (skip > 0 || !SHEET_NAMESPACES.has(element.ns)) {
        if (skip > 0 || element.local === 'extLst') skip++;
        return;
      }
      switch (element.local) {
        case 'extLst':
          skip = 1;
          return;
        case 'row': {
          const r = Number.parseInt(attrValue(element, 'r') ?? '', 10);
          row = Number.isFinite(r) && r > 0 && r <= MAX_ROW ? r : row + 1;
          col = 0;
          return;
        }
        case 'c': {
          const ref = parseCellRef(attrValue(element, 'r') ?? '');
          const r = ref !== null && ref.row > 0 ? ref.row : Math.max(row, 1);
          col = ref !== null ? ref.col : Math.min(col + 1, MAX_COLUMN);
          const style = Number.parseInt(attrValue(element, 's') ?? '0', 10);
          cell = { row: r, col, type: attrValue(element, 't') ?? 'n', style, value: [], inline: [] };
          return;
        }
        case 'v':
          if (cell !== null) target = cell.value;
          return;
        case 'is':
          inInline = true;
          return;
        case 'rPh':
          phonetic++;
          return;
        case 't':
          if (cell !== null && inInline && phonetic === 0) target = cell.inline;
          return;
        case 'mergeCell': {
          const merge = parseMerge(attrValue(element, 'ref') ?? '');
          if (merge !== null) merges.push(merge);
          return;
        }
      }
    },
    close: (element) => {
      if (skip > 0) {
        skip--;
        return;
      }
      if (!SHEET_NAMESPACES.has(element.ns)) return;
      switch (element.local) {
        case 'v':
        case 't':
          target = null;
          return;
        case 'is':
          inInline = false;
          return;
        case 'rPh':
          phonetic--;
          return;
        case 'c': {
          if (cell === null) return;
          const text = cellLine(cellText(cell, context, counts));
          if (text !== '') {
            let cells = rows.get(cell.row);
            if (cells === undefined) {
              cells = new Map();
              rows.set(cell.row, cells);
            }
            cells.set(cell.col, text);
          }
          cell = null;
        }
      }
    },
    text: (text) => {
      if (target !== null) target.push(text);
    },
  });

  const rowNumbers = [...rows.keys()].sort((a, b) => a - b);
  // Only the top-left cell of a merged range keeps its value; the rows below it are marked in the
  // left column when that value is not blank. Work touches only rows that exist, within a budget:
  // merged ranges that overlap by the thousand can only come from a hostile file.
  let budget = MERGE_BUDGET;
  for (const merge of merges) {
    const first = rows.get(merge.top)?.get(merge.left);
    const marked = typeof first === 'string' && first.trim() !== '';
    for (let k = firstAtLeast(rowNumbers, merge.top); k < rowNumbers.length; k++) {
      const r = rowNumbers[k]!;
      if (r > merge.bottom) break;
      const cells = rows.get(r)!;
      budget -= 1 + Math.min(merge.right - merge.left + 1, cells.size);
      if (budget < 0) {
        counts.mergesSkipped++;
        break;
      }
      const covered = (c: number): boolean =>
        c >= merge.left && c <= merge.right && (r !== merge.top || c !== merge.left);
      if (merge.right - merge.left < cells.size) {
        for (let c = merge.left; c <= merge.right; c++) if (covered(c)) cells.delete(c);
      } else {
        for (const c of cells.keys()) if (covered(c)) cells.delete(c);
      }
      if (marked && r !== merge.top) cells.set(merge.left, null);
    }
  }

  const lines: string[] = [];
  for (const r of rowNumbers) {
    const cells = rows.get(r)!;
    let last = 0;
    let filled = false;
    for (const [c, text] of cells) {
      if (text !== null && text.trim() === '') continue;
      if (text !== null) filled = true;
      if (c > last) last = c;
    }
    if (!filled) continue;
    const out: string[] = [];
    for (let c = 1; c <= last; c++) {
      const text = cells.get(c);
      out.push(text === null ? DITTO : (text ?? ''));
    }
    lines.push(out.join(' | '));
  }
  return lines;
}

/** Reads the visible worksheets of an .xlsx archive in workbook order. */
export function xlsxToText(zip: ZipArchive): XlsxText {
  const first = zip.read([WORKBOOK, WORKBOOK_RELS]);
  const workbookBytes = first.get(zipKey(WORKBOOK));
  if (workbookBytes === undefined) throw corrupt(`${WORKBOOK} missing`);
  const relsBytes = first.get(zipKey(WORKBOOK_RELS));
  if (relsBytes === undefined) throw corrupt(`${WORKBOOK_RELS} missing`);
  const workbook = parseWorkbook(workbookBytes);
  const rels = parseRelationships(relsBytes, WORKBOOK_RELS);

  const notes: string[] = [];
  const partOfType = (suffix: string, fallback: string): string => {
    for (const rel of rels.values()) {
      if (!rel.external && rel.type.endsWith(suffix)) return resolvePartPath('xl', rel.target);
    }
    return fallback;
  };
  const stringsPart = partOfType('/sharedStrings', 'xl/sharedStrings.xml');
  const stylesPart = partOfType('/styles', 'xl/styles.xml');

  const sheets: Array<{ name: string; part: string }> = [];
  for (const sheet of workbook.sheets) {
    if (sheet.hidden) {
      notes.push(`skipped hidden sheet "${sheet.name}"`);
      continue;
    }
    const rel = rels.get(sheet.relId);
    if (rel === undefined)
      throw corrupt(`no relationship ${sheet.relId || '(none)'} for sheet "${sheet.name}"`);
    if (!rel.type.endsWith('/worksheet')) {
      notes.push(`skipped sheet "${sheet.name}": not a worksheet`);
      continue;
    }
    sheets.push({ name: sheet.name, part: resolvePartPath('xl', rel.target) });
  }

  const parts = zip.read([stringsPart, stylesPart, ...sheets.map((s) => s.part)]);
  const stringsBytes = parts.get(zipKey(stringsPart));
  const stylesBytes = parts.get(zipKey(stylesPart));
  const context: SheetContext = {
    strings: stringsBytes === undefined ? [] : parseSharedStrings(stringsBytes, stringsPart),
    styles: stylesBytes === undefined ? [] : parseStyles(stylesBytes, stylesPart),
    date1904: workbook.date1904,
  };
  const counts: SheetCounts = { dates: 0, percents: 0, missingStrings: 0, mergesSkipped: 0 };

  const blocks: string[] = [];
  for (const sheet of sheets) {
    const bytes = parts.get(zipKey(sheet.part));
    if (bytes === undefined) throw corrupt(`${sheet.part} missing`);
    const lines = sheetToLines(bytes, sheet.part, context, counts);
    if (lines.length > 0) blocks.push(lines.join('\n'));
  }

  if (counts.dates > 0) notes.push(`wrote ${counts.dates} date cell(s) as YYYY年M月D日`);
  if (counts.percents > 0) notes.push(`wrote ${counts.percents} percentage cell(s) with %`);
  if (counts.missingStrings > 0)
    notes.push(`${counts.missingStrings} cell(s) refer to missing shared strings`);
  return { text: blocks.join('\n\n'), notes };
}
