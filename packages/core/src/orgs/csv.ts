/**
 * A small RFC 4180 CSV reader and writer, written for files a coordinator edits in Excel:
 * an optional UTF-8 BOM, `,` separators, `"` quoting with `""` escapes, fields that span lines,
 * and CRLF, LF or CR line ends. It reads character by character (no regular expressions), so
 * its time is linear in the input.
 */

/** One record: its cells and the 1-based line on which it starts. */
export type CsvRecord = { line: number; cells: string[] };

export type CsvParseResult = {
  records: CsvRecord[];
  /** Set when the text ends inside a quoted field: where that field's opening quote stands. */
  unterminated: { line: number; cell: number } | null;
};

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/**
 * Split CSV text into records. Lenient where Excel is: a quote in the middle of an unquoted
 * field is kept as text, and text after a closing quote is appended to the field. Never throws.
 */
export function parseCsv(text: string): CsvParseResult {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let field = '';
  /** The current record has begun (some character or separator was read). */
  let started = false;

  const endRecord = (): void => {
    cells.push(field);
    records.push({ line: recordLine, cells });
    cells = [];
    field = '';
    started = false;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (!started) recordLine = line;
    if (c === QUOTE && field === '') {
      // A quoted field: read up to the closing quote.
      const openLine = line;
      started = true;
      i++;
      let closed = false;
      let chunkStart = i;
      while (i < n) {
        const q = text.charCodeAt(i);
        if (q === QUOTE) {
          field += text.slice(chunkStart, i);
          if (text.charCodeAt(i + 1) === QUOTE) {
            field += '"';
            i += 2;
            chunkStart = i;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (q === LF) line++;
        else if (q === CR && text.charCodeAt(i + 1) !== LF) line++;
        i++;
      }
      if (!closed) return { records, unterminated: { line: openLine, cell: cells.length } };
      continue;
    }
    if (c === COMMA) {
      started = true;
      cells.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === LF || c === CR) {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      endRecord();
      line++;
      continue;
    }
    // Plain text up to the next separator or line end (a quote inside it is kept as text).
    started = true;
    const from = i;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === COMMA || d === LF || d === CR) break;
      i++;
    }
    field += text.slice(from, i);
  }
  if (started || field !== '' || cells.length > 0) endRecord();
  return { records, unterminated: null };
}

/** Quote a cell when it needs it (separator, quote, line break, or spaces at either end). */
export function formatCsvCell(value: string): string {
  const needs =
    value.includes(',') ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    value !== value.trim();
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Join rows into CSV text with CRLF line ends (what Excel writes), ending with a line break. */
export function formatCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  let out = '';
  for (const row of rows) out += `${row.map(formatCsvCell).join(',')}\r\n`;
  return out;
}
