/// <reference path="./pdfjs-worker.d.ts" />
/**
 * PDF notices: the text runs of each page with their positions, and the ruling lines that draw
 * table borders, read with pdfjs-dist (its legacy build, which runs on Node 20) and handed to
 * `layoutToText`. In Node pdfjs runs its worker in the same thread; the worker module is imported
 * here so nothing is loaded by a relative URL. CJK fonts need the packed CMaps and the standard
 * font data that ship with pdfjs-dist, found next to its package.json.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { NoticeFileError } from './notice-file-error.ts';
import {
  type LayoutText,
  layoutToText,
  type PageLayout,
  type Ruling,
  type TextRun,
} from './positioned-text.ts';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfPage = Awaited<ReturnType<Awaited<ReturnType<Pdfjs['getDocument']>['promise']>['getPage']>>;
type Matrix = [number, number, number, number, number, number];

/** More pages than any notice has; a bigger file is refused before its pages are read. */
export const MAX_PDF_PAGES = 2000;

let loaded: Promise<Pdfjs> | null = null;

/** Loads pdfjs once, with its worker module in this thread (no worker thread in Node). */
function pdfjs(): Promise<Pdfjs> {
  loaded ??= (async () => {
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // Sets globalThis.pdfjsWorker, which pdfjs uses instead of loading a worker script.
    await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return lib;
  })();
  return loaded;
}

/** The directories of pdfjs-dist's CMaps, standard fonts and wasm decoders (with a trailing `/`). */
function dataDirectories(): { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const dir = (name: string): string => `${join(root, name)}/`;
  return { cMapUrl: dir('cmaps'), standardFontDataUrl: dir('standard_fonts'), wasmUrl: dir('wasm') };
}

/** Multiplies two PDF matrices: `m` applied after `n`. */
function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

/** A point through a matrix. */
function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The positioned text runs of a page, in top-down page units (points). */
async function pageRuns(page: PdfPage, view: Matrix): Promise<TextRun[]> {
  const content = await page.getTextContent();
  const runs: TextRun[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const t = item.transform as Matrix;
    // Only text set upright: rotated stamps and margin notes are not part of the notice text.
    if (Math.abs(t[1]) > 1e-3 || Math.abs(t[2]) > 1e-3 || t[0] <= 0) continue;
    const [x, y] = apply(view, t[4], t[5]);
    const size = Math.hypot(t[2], t[3]) || item.height;
    runs.push({ x, y, width: item.width, size, text: item.str });
  }
  return runs;
}

/** Whether an operator paints a path by stroking it (every edge is a line) or by filling it. */
function paintKind(lib: Pdfjs, op: number): 'stroke' | 'fill' | null {
  const { OPS } = lib;
  if ([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke].includes(op))
    return 'stroke';
  if (op === OPS.closeEOFillStroke) return 'stroke';
  if (op === OPS.fill || op === OPS.eoFill) return 'fill';
  return null;
}

/** The straight segments of a path (pdfjs path data: 0 moveTo, 1 lineTo, 2 curveTo, 3 quadratic, 4 close). */
function pathSegments(data: ArrayLike<number>, m: Matrix): { points: [number, number][]; closed: boolean }[] {
  const paths: { points: [number, number][]; closed: boolean }[] = [];
  let current: { points: [number, number][]; closed: boolean } | null = null;
  for (let k = 0; k < data.length; ) {
    const code = data[k]!;
    if (code === 0) {
      current = { points: [apply(m, data[k + 1]!, data[k + 2]!)], closed: false };
      paths.push(current);
      k += 3;
    } else if (code === 1) {
      current?.points.push(apply(m, data[k + 1]!, data[k + 2]!));
      k += 3;
    } else if (code === 2) {
      current = null; // curves draw no ruling
      k += 7;
    } else if (code === 3) {
      current = null;
      k += 5;
    } else {
      if (current) current.closed = true;
      current = null;
      k += 1;
    }
  }
  return paths;
}

/**
 * Ruling lines of a path: every axis-aligned edge of a stroked path, and filled rectangles thin
 * enough to be a line (how many PDF writers draw table borders).
 */
function pathRulings(paths: ReturnType<typeof pathSegments>, kind: 'stroke' | 'fill'): Ruling[] {
  const out: Ruling[] = [];
  for (const { points, closed } of paths) {
    if (kind === 'fill') {
      if (points.length < 4 || points.length > 5) continue;
      const xs = points.map((p) => p[0]);
      const ys = points.map((p) => p[1]);
      const box = { x1: Math.min(...xs), y1: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys) };
      if (Math.min(box.x2 - box.x1, box.y2 - box.y1) <= 3) out.push(box);
      continue;
    }
    const ring = closed ? [...points, points[0]!] : points;
    for (let k = 1; k < ring.length; k++) {
      const [ax, ay] = ring[k - 1]!;
      const [bx, by] = ring[k]!;
      if (Math.abs(ax - bx) < 0.5 || Math.abs(ay - by) < 0.5)
        out.push({ x1: Math.min(ax, bx), y1: Math.min(ay, by), x2: Math.max(ax, bx), y2: Math.max(ay, by) });
    }
  }
  return out;
}

/** The ruling lines of a page (top-down points), following the graphics state's matrices. */
async function pageRulings(lib: Pdfjs, page: PdfPage, view: Matrix): Promise<Ruling[]> {
  const { OPS } = lib;
  const list = await page.getOperatorList();
  const stack: Matrix[] = [];
  let ctm: Matrix = view;
  const out: Ruling[] = [];
  for (let k = 0; k < list.fnArray.length; k++) {
    const op = list.fnArray[k]!;
    const args = list.argsArray[k] as unknown[] | null;
    if (op === OPS.save) stack.push(ctm);
    else if (op === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (op === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (op === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = args?.[0] as Matrix | null | undefined;
      if (Array.isArray(matrix) || ArrayBuffer.isView(matrix))
        ctm = multiply(ctm, Array.from(matrix) as Matrix);
    } else if (op === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (op === OPS.constructPath && args) {
      const kind = paintKind(lib, args[0] as number);
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (kind && data) out.push(...pathRulings(pathSegments(data, ctm), kind));
    }
  }
  return out;
}

/** Reads the layout of one page. */
async function readPage(lib: Pdfjs, page: PdfPage): Promise<PageLayout> {
  const viewport = page.getViewport({ scale: 1 });
  const view = viewport.transform as Matrix;
  const [runs, rulings] = await Promise.all([pageRuns(page, view), pageRulings(lib, page, view)]);
  return { width: viewport.width, height: viewport.height, runs, rulings };
}

/** The error for a PDF pdfjs cannot open. */
function openError(error: unknown): NoticeFileError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return new NoticeFileError(
      'unsupported',
      'the PDF is password-protected; remove the password, or provide the .docx',
      '该 PDF 设有密码保护，无法读取，请取消密码后重新导出，或提供 .docx 文件',
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new NoticeFileError('corrupt', `corrupt PDF: ${detail}`, `PDF 文件已损坏：${detail}`, {
    cause: error,
  });
}

/**
 * Reads a PDF notice into text (see `layoutToText`). Throws `NoticeFileError`: `unsupported` for a
 * password-protected PDF or one without extractable text (a scan), `corrupt` when it cannot be read.
 */
export async function pdfToText(bytes: Uint8Array): Promise<LayoutText & { pages: number }> {
  const lib = await pdfjs();
  // pdfjs takes over (detaches) the buffer it is given: give it a copy.
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    ...dataDirectories(),
    cMapPacked: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: lib.VerbosityLevel.ERRORS,
  });
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (error) {
      throw openError(error);
    }
    if (doc.numPages > MAX_PDF_PAGES) {
      throw new NoticeFileError(
        'unsupported',
        `the PDF has ${doc.numPages} pages, more than ${MAX_PDF_PAGES}`,
        `PDF 共 ${doc.numPages} 页，超过 ${MAX_PDF_PAGES} 页的上限`,
      );
    }
    const pages: PageLayout[] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await readPage(lib, await doc.getPage(n)));
    if (pages.every((page) => page.runs.length === 0)) {
      throw new NoticeFileError(
        'unsupported',
        'the PDF has no extractable text (a scan?); provide a PDF with text, or the .docx',
        '该 PDF 没有可提取的文字（可能是扫描件），请提供文字版 PDF 或 .docx 文件',
      );
    }
    return { ...layoutToText(pages), pages: pages.length };
  } finally {
    await task.destroy();
  }
}
