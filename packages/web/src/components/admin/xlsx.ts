/**
 * Read the first sheet of an .xlsx workbook in the browser, with nothing but the platform: the ZIP
 * container is walked by hand, its parts inflated with DecompressionStream('deflate-raw'), and the
 * sheet XML read with DOMParser. Rows keep their sheet row numbers (an empty row stays an empty
 * row), so a line the server names in the CSV made from it is the row Excel shows.
 */

type ZipEntry = { name: string; method: number; compressedSize: number; offset: number };

function u16(v: DataView, at: number): number {
  return v.getUint16(at, true);
}
function u32(v: DataView, at: number): number {
  return v.getUint32(at, true);
}

function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: the last 0x06054b50 within the final 64 KiB + 22 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (u32(view, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('不是有效的 .xlsx 文件（找不到 ZIP 目录）');
  const count = u16(view, end + 10);
  let at = u32(view, end + 16);
  const decoder = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || u32(view, at) !== 0x02014b50)
      throw new Error('不是有效的 .xlsx 文件（ZIP 目录损坏）');
    const nameLength = u16(view, at + 28);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.set(name, {
      name,
      method: u16(view, at + 10),
      compressedSize: u32(view, at + 20),
      offset: u32(view, at + 42),
    });
    at += 46 + nameLength + u16(view, at + 30) + u16(view, at + 32);
  }
  return entries;
}

async function readEntry(bytes: Uint8Array, e: ZipEntry): Promise<string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (u32(view, e.offset) !== 0x04034b50) throw new Error(`不是有效的 .xlsx 文件（${e.name} 损坏）`);
  const start = e.offset + 30 + u16(view, e.offset + 26) + u16(view, e.offset + 28);
  const data = bytes.slice(start, start + e.compressedSize);
  if (e.method === 0) return new TextDecoder().decode(data);
  if (e.method !== 8) throw new Error(`.xlsx 中的 ${e.name} 使用了不支持的压缩方式`);
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

function xml(text: string): Document {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) throw new Error('.xlsx 中的 XML 无法读取');
  return doc;
}

function byName(node: Document | Element, localName: string): Element[] {
  return Array.from(node.getElementsByTagNameNS('*', localName));
}

/** Text of a shared string or inline string: its runs, without phonetic (rPh) runs. */
function richText(si: Element): string {
  return byName(si, 't')
    .filter((t) => t.parentElement?.localName !== 'rPh')
    .map((t) => t.textContent ?? '')
    .join('');
}

/** "BC12" → column index 54 (0-based). */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

async function firstSheetPath(bytes: Uint8Array, entries: Map<string, ZipEntry>): Promise<string> {
  const book = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (book && rels) {
    const sheet = byName(xml(await readEntry(bytes, book)), 'sheet')[0];
    const rid =
      sheet?.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id') ??
      sheet?.getAttribute('r:id');
    const rel = byName(xml(await readEntry(bytes, rels)), 'Relationship').find(
      (r) => r.getAttribute('Id') === rid,
    );
    const target = rel?.getAttribute('Target');
    if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  }
  return 'xl/worksheets/sheet1.xml';
}

/** The first sheet as rows of cell text; row i of the result is sheet row i + 1. */
export async function readXlsxRows(file: Blob): Promise<string[][]> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const entries = zipEntries(bytes);
  const sheetEntry = entries.get(await firstSheetPath(bytes, entries));
  if (!sheetEntry) throw new Error('.xlsx 中没有工作表');
  const sharedEntry = entries.get('xl/sharedStrings.xml');
  const shared = sharedEntry ? byName(xml(await readEntry(bytes, sharedEntry)), 'si').map(richText) : [];
  const sheet = xml(await readEntry(bytes, sheetEntry));
  const rows: string[][] = [];
  let lastRow = 0;
  for (const row of byName(sheet, 'row')) {
    const r = Number(row.getAttribute('r')) || lastRow + 1;
    lastRow = r;
    const cells: string[] = [];
    let lastCol = -1;
    for (const c of Array.from(row.children).filter((x) => x.localName === 'c')) {
      const ref = c.getAttribute('r');
      const col = ref ? columnIndex(ref) : lastCol + 1;
      lastCol = col;
      const type = c.getAttribute('t');
      const v = byName(c, 'v')[0]?.textContent ?? '';
      let text: string;
      if (type === 's') text = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') text = byName(c, 'is')[0] ? richText(byName(c, 'is')[0]!) : '';
      else if (type === 'b') text = v === '1' ? 'TRUE' : 'FALSE';
      else text = v;
      while (cells.length < col) cells.push('');
      cells[col] = text;
    }
    while (rows.length < r - 1) rows.push([]);
    rows[r - 1] = cells;
  }
  // Every row as wide as the header (the first non-empty row), as a CSV file would be.
  const header = rows.find((r) => r.some((c) => c.trim() !== ''));
  let width = header?.length ?? 0;
  while (width > 0 && (header?.[width - 1] ?? '').trim() === '') width--;
  return rows.map((r) => {
    const padded = r.slice();
    while (padded.length < width) padded.push('');
    return padded;
  });
}

/** A CSV file's text: UTF-8 (with or without BOM), or GB18030 as Excel in Chinese saves it. */
export async function readCsvText(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
