/**
 * OFD notices (GB/T 33190): a zip whose OFD.xml names the document (DocBody/DocRoot), whose
 * Document.xml lists the pages (Pages/Page/@BaseLoc), and whose page Content.xml holds the text as
 * TextObject elements (Boundary "x y w h" in millimetres, Size, TextCode with X/Y and
 * DeltaX/DeltaY) and the table borders as PathObject elements. The positioned text goes to
 * `layoutToText`, as a PDF's does. Template pages (letterheads, page furniture) are not read.
 */
import { NoticeFileError } from './notice-file-error.ts';
import {
  type LayoutText,
  layoutToText,
  type PageLayout,
  type Ruling,
  type TextRun,
} from './positioned-text.ts';
import { resolvePartPath } from './xlsx.ts';
import { attrValue, decodeXmlBytes, parseXml, type XmlElement, XmlSyntaxError } from './xml-reader.ts';
import type { ZipArchive } from './zip.ts';
import { zipKey } from './zip.ts';

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** A4 in millimetres, for a document that does not say its page size. */
const A4 = { width: 210, height: 297 };

/** The error for an OFD file that is not what it should be. */
function corrupt(reason: string, cause?: unknown): NoticeFileError {
  return new NoticeFileError(
    'corrupt',
    `corrupt OFD: ${reason}`,
    `OFD 文件已损坏：${reason}`,
    cause === undefined ? undefined : { cause },
  );
}

/** Parses one XML part of the package; a missing part or bad XML is a `corrupt` error. */
function readPart(zip: ZipArchive, path: string, handler: Parameters<typeof parseXml>[1]): void {
  const bytes = zip.read([path]).get(zipKey(path));
  if (bytes === undefined) throw corrupt(`${path} missing`);
  try {
    parseXml(decodeXmlBytes(bytes), handler);
  } catch (error) {
    if (error instanceof XmlSyntaxError)
      throw corrupt(`${path} is not well-formed XML (${error.message})`, error);
    throw error;
  }
}

/** Numbers of a space-separated list (`"0 0 210 297"`). */
function numbers(text: string | undefined): number[] {
  return (text ?? '')
    .trim()
    .split(/[\s,]+/)
    .filter((s) => s !== '')
    .map(Number)
    .filter(Number.isFinite);
}

/** Expands an OFD delta list: `g 3 5.2` means three deltas of 5.2. */
export function expandDeltas(text: string | undefined): number[] {
  const tokens = (text ?? '')
    .trim()
    .split(/\s+/)
    .filter((s) => s !== '');
  const out: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k] === 'g') {
      const count = Math.min(Number(tokens[k + 1]), 100_000);
      const value = Number(tokens[k + 2]);
      for (let n = 0; n < count && Number.isFinite(value); n++) out.push(value);
      k += 2;
    } else if (Number.isFinite(Number(tokens[k]))) out.push(Number(tokens[k]));
  }
  return out;
}

/** The usual advance of a character with no DeltaX: a full em for CJK and full-width forms. */
function advance(char: string, size: number): number {
  return /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/u.test(char) ? size : size / 2;
}

/** A point through a matrix. */
function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** A `CTM` attribute, or the identity. */
function ctmOf(element: XmlElement): Matrix {
  const m = numbers(attrValue(element, 'CTM'));
  return m.length === 6 ? (m as Matrix) : IDENTITY;
}

/**
 * The runs of one TextCode: its characters placed by DeltaX from (X, Y) inside the object's
 * boundary, cut where a gap is wider than three characters (text spread over table columns).
 */
function textCodeRuns(
  text: string,
  origin: { x: number; y: number; size: number; ctm: Matrix },
  deltas: number[],
): TextRun[] {
  const chars = [...text];
  const runs: TextRun[] = [];
  const scale = Math.sqrt(Math.abs(origin.ctm[0] * origin.ctm[3] - origin.ctm[1] * origin.ctm[2])) || 1;
  let x = 0;
  let start = 0;
  let startX = 0;
  const flush = (end: number, endX: number): void => {
    if (end <= start) return;
    const [px, py] = apply(origin.ctm, startX, 0);
    runs.push({
      x: origin.x + px,
      y: origin.y + py,
      width: (endX - startX) * scale,
      size: origin.size * scale,
      text: chars.slice(start, end).join(''),
    });
  };
  for (let k = 0; k < chars.length; k++) {
    const step = deltas[k] ?? advance(chars[k]!, origin.size);
    const own = advance(chars[k]!, origin.size);
    if (k + 1 < chars.length && step > 3 * origin.size) {
      flush(k + 1, x + own);
      start = k + 1;
      startX = x + step;
    }
    x += k + 1 < chars.length ? step : own;
  }
  flush(chars.length, x);
  return runs;
}

/** The straight segments of an AbbreviatedData path (`M x y L x y … C`), through `m` and `at`. */
function pathRulings(data: string, m: Matrix, at: { x: number; y: number }): Ruling[] {
  const tokens = data.trim().split(/\s+/);
  const out: Ruling[] = [];
  let start: [number, number] | null = null;
  let point: [number, number] | null = null;
  const line = (to: [number, number]): void => {
    if (!point) return;
    const [ax, ay] = point;
    const [bx, by] = to;
    if (Math.abs(ax - bx) < 0.2 || Math.abs(ay - by) < 0.2)
      out.push({ x1: Math.min(ax, bx), y1: Math.min(ay, by), x2: Math.max(ax, bx), y2: Math.max(ay, by) });
  };
  const place = (x: string | undefined, y: string | undefined): [number, number] => {
    const [px, py] = apply(m, Number(x), Number(y));
    return [at.x + px, at.y + py];
  };
  for (let k = 0; k < tokens.length; k++) {
    const op = tokens[k];
    if (op === 'M' || op === 'S') {
      point = start = place(tokens[k + 1], tokens[k + 2]);
      k += 2;
    } else if (op === 'L') {
      const to = place(tokens[k + 1], tokens[k + 2]);
      line(to);
      point = to;
      k += 2;
    } else if (op === 'C' || op === 'Z') {
      if (start) line(start);
      point = start;
    } else if (op === 'Q') k += 4;
    else if (op === 'B') k += 6;
    else if (op === 'A') k += 7;
  }
  return out.filter((r) => Number.isFinite(r.x1 + r.y1 + r.x2 + r.y2));
}

/** The runs and rulings of one page's Content.xml, and the page size when the page gives one. */
function readPage(zip: ZipArchive, path: string, size: { width: number; height: number }): PageLayout {
  const runs: TextRun[] = [];
  const rulings: Ruling[] = [];
  const page: PageLayout = { ...size, runs, rulings };
  const stack: string[] = [];
  let object: { x: number; y: number; size: number; ctm: Matrix; stroke: boolean } | null = null;
  let code: { x: number | null; y: number | null; deltas: number[]; text: string } | null = null;
  let pen = { x: 0, y: 0 };
  let text = '';
  readPart(zip, path, {
    open: (element) => {
      stack.push(element.local);
      const box = numbers(attrValue(element, 'Boundary'));
      if (element.local === 'TextObject' || element.local === 'PathObject') {
        object = {
          x: box[0] ?? 0,
          y: box[1] ?? 0,
          size: Number(attrValue(element, 'Size') ?? 0) || 3.5,
          ctm: ctmOf(element),
          stroke: attrValue(element, 'Stroke') !== 'false',
        };
        pen = { x: 0, y: 0 };
      } else if (element.local === 'TextCode' && object) {
        const x = attrValue(element, 'X');
        const y = attrValue(element, 'Y');
        code = {
          x: x === undefined ? null : Number(x),
          y: y === undefined ? null : Number(y),
          deltas: expandDeltas(attrValue(element, 'DeltaX')),
          text: '',
        };
      } else if (element.local === 'AbbreviatedData' || element.local === 'PhysicalBox') text = '';
    },
    close: (element) => {
      stack.pop();
      const current = object as typeof object;
      if (element.local === 'TextCode' && code && current) {
        const x = code.x ?? pen.x;
        const y = code.y ?? pen.y;
        const found = textCodeRuns(
          code.text,
          { ...current, x: current.x, y: current.y, ctm: shifted(current.ctm, x, y) },
          code.deltas,
        );
        runs.push(...found);
        const last = found.at(-1);
        pen = { x: last ? x + (last.x + last.width - current.x - x) : x, y };
        code = null;
      } else if (element.local === 'AbbreviatedData' && current?.stroke) {
        rulings.push(...pathRulings(text, current.ctm, current));
      } else if (element.local === 'PhysicalBox' && stack.at(-1) === 'Area') {
        const box = numbers(text);
        if (box.length === 4 && box[2]! > 0 && box[3]! > 0)
          Object.assign(page, { width: box[2], height: box[3] });
      } else if (element.local === 'TextObject' || element.local === 'PathObject') object = null;
    },
    text: (chunk) => {
      if (code) code.text += chunk;
      else if (stack.at(-1) === 'AbbreviatedData' || stack.at(-1) === 'PhysicalBox') text += chunk;
    },
  });
  return page;
}

/** A matrix with the translation (x, y) applied before it: where a TextCode's origin lies. */
function shifted(m: Matrix, x: number, y: number): Matrix {
  const [px, py] = apply(m, x, y);
  return [m[0], m[1], m[2], m[3], px, py];
}

/** The text of one element (its first occurrence) in a part, with the attributes of each `Page`. */
function readDocumentRoot(zip: ZipArchive): string {
  let root: string | null = null;
  let inRoot = false;
  readPart(zip, 'OFD.xml', {
    open: (element) => {
      if (element.local === 'DocRoot' && root === null) {
        inRoot = true;
        root = '';
      }
    },
    close: (element) => {
      if (element.local === 'DocRoot') inRoot = false;
    },
    text: (chunk) => {
      if (inRoot) root += chunk;
    },
  });
  const path = (root ?? '').trim();
  if (path === '') throw corrupt('OFD.xml names no DocRoot');
  return resolvePartPath('', path);
}

/** The page Content.xml paths of a Document.xml, in order, and its default page size. */
function readDocument(
  zip: ZipArchive,
  path: string,
): { pages: string[]; size: { width: number; height: number } } {
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const pages: string[] = [];
  const stack: string[] = [];
  let size = A4;
  let box = '';
  readPart(zip, path, {
    open: (element) => {
      if (element.local === 'Page' && stack.at(-1) === 'Pages') {
        const loc = attrValue(element, 'BaseLoc');
        if (loc) pages.push(resolvePartPath(folder, loc));
      }
      if (element.local === 'PhysicalBox') box = '';
      stack.push(element.local);
    },
    close: (element) => {
      stack.pop();
      if (element.local === 'PhysicalBox' && stack.at(-1) === 'PageArea' && stack.includes('CommonData')) {
        const b = numbers(box);
        if (b.length === 4 && b[2]! > 0 && b[3]! > 0) size = { width: b[2]!, height: b[3]! };
      }
    },
    text: (chunk) => {
      if (stack.at(-1) === 'PhysicalBox') box += chunk;
    },
  });
  return { pages, size };
}

/**
 * Reads an OFD package into text (the first document of it). Throws `NoticeFileError`: `corrupt`
 * when a part is missing or not XML, `empty` when it has no text.
 */
export function ofdToText(zip: ZipArchive): LayoutText & { pages: number } {
  const { pages, size } = readDocument(zip, readDocumentRoot(zip));
  if (pages.length === 0) throw corrupt('the document has no pages');
  const layouts = pages.map((path) => readPage(zip, path, size));
  return { ...layoutToText(layouts), pages: layouts.length };
}
