/**
 * Notices for the PDF and OFD readers: the same notice as a .docx (built with `docx`), as a PDF
 * (that .docx converted by LibreOffice) and as an OFD (laid out here, text placed character by
 * character, table borders drawn as paths), so a test can check every route gives one plan.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import {
  AlignmentType,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import { parseNotice } from '../../src/notice/parse-notice.ts';
import type { Plan } from '../../src/types.ts';
import { defaultDirectory } from './fixtures.ts';

/** Marks a cell that goes on the vertical merge of the cell above. */
export const MERGED = Symbol('merged');

/** A cell: its paragraphs (`\n`-separated), or MERGED. */
export type NoticeCell = string | typeof MERGED;

/** A notice: paragraphs, then an optional table, then closing paragraphs. */
export type NoticeContent = {
  head: string[];
  table?: { header: string[]; rows: NoticeCell[][]; widths: number[] };
  tail: string[];
};

const TASKS: [string, string, string, string][] = [
  [
    '健全依法决策机制，严格落实《重大行政决策程序暂行条例》，推进重大行政决策目录化管理，提高决策质量和效率。',
    '市司法局',
    '市政府各部门',
    '2024年12月底前',
  ],
  [
    '深化“放管服”改革，全面推行证明事项告知承诺制，持续优化法治化营商环境，每季度末报送工作进展情况。',
    '市行政审批局',
    '市市场监管局\n市发改委',
    '2024年10月底前',
  ],
  ['加强行政执法队伍建设，每年至少组织1次全市行政执法人员培训。', '市司法局', '各区(市)政府', '长期坚持'],
  [
    '推进政府部门权责清单标准化建设，适时组织评估，对调整后的权责清单在5个工作日内向机构编制部门报备。',
    '市委编办',
    '市行政审批局、市司法局',
    '2024年9月30日前',
  ],
  [
    '推广网上执法办案的移动终端应用和APP掌上执法，提升执法效率和规范性。',
    '市司法局',
    '市政府各部门',
    '2024年11月底前',
  ],
];

/** The rows of the task table: tasks 1–20, a unit cell merged over three rows, wrapped texts. */
function taskRows(count: number): NoticeCell[][] {
  const rows: NoticeCell[][] = [];
  for (let k = 0; k < count; k++) {
    const [task, lead, support, due] = TASKS[k % TASKS.length]!;
    const merged = k % 5 === 1 || k % 5 === 2;
    rows.push([
      String(k + 1),
      k < TASKS.length ? task : `${task}（第${k + 1}项）`,
      merged ? MERGED : lead,
      support,
      due,
    ]);
  }
  return rows;
}

/** A notice with a head, a 20-row task table over two pages, and a signature. */
export const TABLE_NOTICE: NoticeContent = {
  head: [
    '鹰潭市人民政府关于印发2024年法治政府建设工作任务清单的通知',
    '鹰府字〔2024〕25号',
    '各区(市)人民政府，市政府各部门：',
    '现将《2024年法治政府建设工作任务清单》印发给你们，请认真贯彻落实。各地各部门要高度重视，明确责任分工，确保各项任务按时完成。',
  ],
  table: {
    header: ['序号', '工作任务', '牵头单位', '配合单位', '完成时限'],
    rows: taskRows(20),
    widths: [8, 40, 16, 20, 16],
  },
  tail: ['鹰潭市人民政府', '2024年7月4日'],
};

/** A notice of numbered paragraphs with （牵头单位：…） brackets, long enough to wrap. */
export const PROSE_NOTICE: NoticeContent = {
  head: [
    '鹰潭市人民政府办公室关于做好2024年法治政府建设重点工作的通知',
    '鹰府办字〔2024〕8号',
    '各区(市)人民政府，市政府各部门：',
    '为深入推进法治政府建设，经市政府同意，现就做好2024年重点工作通知如下。',
    '一、完善依法行政制度体系',
    '1.健全行政规范性文件动态清理机制，对不适应改革发展要求的规范性文件及时修改或废止，并于2024年11月底前提交清理结果。（牵头单位：市司法局；配合单位：市政府各部门）',
    '2.建立备案审查联席会议机制，定期就规范性文件备案审查情况进行研究，切实提升备案质量，每季度末报送工作进展情况。（牵头单位：市政府办；配合单位：市司法局）',
    '二、严格规范公正文明执法',
    '3.落实企业“安静生产期”制度，每月1-25日期间各级行政执法部门原则上不入园对企业开展行政执法检查。（牵头单位：市司法局；配合单位：市市场监管局、市行政审批局，各区(市)政府）',
    '4.加强行政执法队伍建设，2024年12月底前完成全市行政执法人员轮训，确保执法人员熟练掌握执法规范和操作流程。（牵头单位：市司法局；配合单位：市人社局）',
  ],
  tail: ['鹰潭市人民政府办公室', '2024年3月1日'],
};

/** A .docx of a notice: first paragraph centred (the title), the table with its header repeated on each page. */
export async function noticeDocx(
  content: NoticeContent,
  options: { pageNumbers?: boolean } = {},
): Promise<Buffer> {
  const children: (Paragraph | Table)[] = content.head.map(
    (text, k) =>
      new Paragraph({
        children: [new TextRun(text)],
        alignment: k === 0 ? AlignmentType.CENTER : AlignmentType.LEFT,
        indent: k >= 3 ? { firstLine: 420 } : undefined,
      }),
  );
  if (content.table) children.push(docxTable(content.table));
  for (const text of content.tail)
    children.push(new Paragraph({ children: [new TextRun(text)], alignment: AlignmentType.RIGHT }));
  const footers = options.pageNumbers
    ? {
        default: new Footer({
          children: [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
            }),
          ],
        }),
      }
    : undefined;
  return Packer.toBuffer(new Document({ sections: [{ footers, children }] }));
}

/** The Word table of a notice table. */
function docxTable(table: NonNullable<NoticeContent['table']>): Table {
  const cell = (text: NoticeCell, width: number, merge: 'restart' | 'continue' | null): TableCell =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      children: (text === MERGED ? [''] : text.split('\n')).map((p) => new Paragraph(p)),
      ...(merge
        ? { verticalMerge: merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE }
        : {}),
    });
  const rows = [table.header, ...table.rows].map(
    (cells, r, all) =>
      new TableRow({
        tableHeader: r === 0,
        children: cells.map((text, c) => {
          const next = all[r + 1]?.[c];
          const merge = text === MERGED ? 'continue' : next === MERGED ? 'restart' : null;
          return cell(text, table.widths[c]!, merge);
        }),
      }),
  );
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
}

/** A .docx holding nothing but a picture: what a scanned notice saved as .docx looks like. */
export async function imageOnlyDocx(): Promise<Buffer> {
  const picture = new ImageRun({
    type: 'png',
    data: grayPng(200, 120),
    transformation: { width: 400, height: 240 },
  });
  return Packer.toBuffer(
    new Document({ sections: [{ children: [new Paragraph({ children: [picture] })] }] }),
  );
}

/** A small striped grayscale PNG. */
function grayPng(width: number, height: number): Buffer {
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) rows.push((x + y) % 16 < 8 ? 30 : 230);
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** CRC-32 of PNG chunks. */
function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Converts .docx files to PDF with LibreOffice (one run for all), in a profile of its own so runs
 * in parallel do not collide. Throws when `soffice` is missing: CI installs it, nothing is skipped.
 */
export function convertToPdf(dir: string, docxFiles: readonly string[]): string[] {
  mkdirSync(dir, { recursive: true });
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...docxFiles,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  return docxFiles.map((file) => {
    const pdf = join(dir, file.replace(/^.*\//, '').replace(/\.docx$/, '.pdf'));
    if (!existsSync(pdf)) throw new Error(`LibreOffice did not write ${pdf}`);
    return pdf;
  });
}

/** Writes a notice's .docx into `dir` and returns its path. */
export async function writeDocx(
  dir: string,
  name: string,
  content: NoticeContent,
  pageNumbers = false,
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.docx`);
  writeFileSync(path, await noticeDocx(content, { pageNumbers }));
  return path;
}

/** Reads a file as bytes. */
export function bytesOf(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

// ───────────────────────────── OFD ─────────────────────────────

/** Text placed on an OFD page (millimetres, top-down; `y` is the baseline). */
type OfdText = { x: number; y: number; size: number; text: string };
/** A straight line on an OFD page. */
type OfdLine = { x1: number; y1: number; x2: number; y2: number };
type OfdPage = { texts: OfdText[]; lines: OfdLine[] };

const PAGE = { width: 210, height: 297, left: 28, right: 182, top: 37, bottom: 260 };
const SIZE = 3.7; // 五号 (10.5 pt) in millimetres
const LEADING = 7;

/** Width of a character: a full em for CJK and full-width forms, half for the rest. */
function charWidth(char: string, size: number): number {
  return /[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”]/u.test(char) ? size : size / 2;
}

/** Splits text into lines no wider than `width`. */
function wrap(text: string, width: number, size: number, indent = 0): string[] {
  const lines: string[] = [];
  let line = '';
  let used = indent;
  for (const char of text) {
    const w = charWidth(char, size);
    if (used + w > width + 1e-6 && line !== '') {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += char;
    used += w;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Lays a notice out on OFD pages: paragraphs wrapped in the text area, the table ruled, a page number below. */
export function layoutOfd(content: NoticeContent, options: { ruled?: boolean } = {}): OfdPage[] {
  const ruled = options.ruled ?? true;
  const pages: OfdPage[] = [{ texts: [], lines: [] }];
  let y = PAGE.top;
  const page = (): OfdPage => pages.at(-1)!;
  const newPage = (): void => {
    pages.push({ texts: [], lines: [] });
    y = PAGE.top;
  };
  const width = PAGE.right - PAGE.left;
  const paragraph = (text: string, align: 'left' | 'center' | 'right', indent: number): void => {
    wrap(text, width, SIZE, indent).forEach((line, k) => {
      if (y + LEADING > PAGE.bottom) newPage();
      y += LEADING;
      const w = [...line].reduce((sum, c) => sum + charWidth(c, SIZE), 0);
      const x =
        align === 'center'
          ? PAGE.left + (width - w) / 2
          : align === 'right'
            ? PAGE.right - w
            : PAGE.left + (k === 0 ? indent : 0);
      page().texts.push({ x, y, size: SIZE, text: line });
    });
  };
  content.head.forEach((text, k) => {
    paragraph(text, k === 0 ? 'center' : 'left', k >= 3 ? 2 * SIZE : 0);
  });
  if (content.table) y = layoutTable(content.table, pages, y, ruled, newPage);
  for (const text of content.tail) paragraph(text, 'right', 0);
  pages.forEach((p, k) => {
    const label = `— ${k + 1} —`;
    p.texts.push({ x: PAGE.width / 2 - 8, y: 282, size: 3.5, text: label });
  });
  return pages;
}

/** Lays out a table from `top`; rows that do not fit go on a new page under a repeated header. */
function layoutTable(
  table: NonNullable<NoticeContent['table']>,
  pages: OfdPage[],
  top: number,
  ruled: boolean,
  newPage: () => void,
): number {
  const total = table.widths.reduce((a, b) => a + b, 0);
  const xs = [PAGE.left];
  for (const w of table.widths) xs.push(xs.at(-1)! + ((PAGE.right - PAGE.left) * w) / total);
  const pad = 1.5;
  let y = top + 2;
  const cellLines = (text: NoticeCell, col: number): string[] =>
    text === MERGED ? [] : text.split('\n').flatMap((p) => wrap(p, xs[col + 1]! - xs[col]! - 2 * pad, SIZE));
  /** Draws one row; `continues` says per column whether the cell goes on the merge above. */
  const drawRow = (cells: NoticeCell[], continues: boolean[]): void => {
    const lines = cells.map((cell, c) => cellLines(cell, c));
    const height = Math.max(1, ...lines.map((l) => l.length)) * LEADING + 2 * pad;
    const p = pages.at(-1)!;
    lines.forEach((cellText, c) => {
      cellText.forEach((line, k) => {
        p.texts.push({ x: xs[c]! + pad, y: y + pad + (k + 1) * LEADING - 1.6, size: SIZE, text: line });
      });
    });
    if (ruled) {
      for (const x of xs) p.lines.push({ x1: x, y1: y, x2: x, y2: y + height });
      xs.slice(0, -1).forEach((x, c) => {
        if (!continues[c]) p.lines.push({ x1: x, y1: y, x2: xs[c + 1]!, y2: y });
      });
      p.lines.push({ x1: xs[0]!, y1: y + height, x2: xs.at(-1)!, y2: y + height });
    }
    y += height;
  };
  const rowHeight = (cells: NoticeCell[]): number =>
    Math.max(1, ...cells.map((cell, c) => cellLines(cell, c).length)) * LEADING + 2 * pad;
  drawRow(table.header, []);
  table.rows.forEach((cells, r) => {
    if (y + rowHeight(cells) > PAGE.bottom) {
      newPage();
      y = PAGE.top + 2;
      drawRow(table.header, []);
    }
    // A merged cell's bottom border is drawn by the row below it only when the merge ends.
    const continues = cells.map((cell) => cell === MERGED);
    drawRow(cells, continues);
    const next = table.rows[r + 1];
    if (ruled && next) {
      // Remove the bottom border under cells the next row continues: redraw the row's bottom without them.
      const p = pages.at(-1)!;
      const bottom = p.lines.pop()!;
      xs.slice(0, -1).forEach((x, c) => {
        if (next[c] !== MERGED) p.lines.push({ x1: x, y1: bottom.y1, x2: xs[c + 1]!, y2: bottom.y1 });
      });
    }
  });
  return y;
}

/** Formats a number for OFD XML. */
function n(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** The Content.xml of one OFD page: a TextObject per line of text, a PathObject per line. */
function pageXml(page: OfdPage): string {
  let id = 100;
  const texts = page.texts.map((t) => {
    const chars = [...t.text];
    const deltas = chars.slice(0, -1).map((c) => n(charWidth(c, t.size)));
    const width = chars.reduce((sum, c) => sum + charWidth(c, t.size), 0);
    const escaped = t.text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
    return (
      `<ofd:TextObject ID="${id++}" Boundary="${n(t.x)} ${n(t.y - t.size)} ${n(width)} ${n(t.size * 1.4)}" Font="1" Size="${n(t.size)}">` +
      `<ofd:TextCode X="0" Y="${n(t.size)}" DeltaX="${deltas.join(' ')}">${escaped}</ofd:TextCode></ofd:TextObject>`
    );
  });
  const lines = page.lines.map(
    (l) =>
      `<ofd:PathObject ID="${id++}" Boundary="${n(l.x1)} ${n(l.y1)} ${n(l.x2 - l.x1 + 0.1)} ${n(l.y2 - l.y1 + 0.1)}" LineWidth="0.25">` +
      `<ofd:AbbreviatedData>M 0 0 L ${n(l.x2 - l.x1)} ${n(l.y2 - l.y1)}</ofd:AbbreviatedData></ofd:PathObject>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">` +
    `<ofd:Content><ofd:Layer ID="2">${texts.join('')}${lines.join('')}</ofd:Layer></ofd:Content></ofd:Page>`
  );
}

/** An OFD package of laid-out pages (one document, A4). */
export function ofdOf(pages: readonly OfdPage[]): Uint8Array {
  const ns = 'xmlns:ofd="http://www.ofdspec.org/2016"';
  const files: Record<string, Uint8Array> = {
    'OFD.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ${ns} Version="1.0" DocType="OFD"><ofd:DocBody>` +
        `<ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
    ),
    'Doc_0/Document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><ofd:Document ${ns}><ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID>` +
        `<ofd:PageArea><ofd:PhysicalBox>0 0 ${PAGE.width} ${PAGE.height}</ofd:PhysicalBox></ofd:PageArea>` +
        `<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>` +
        pages.map((_, k) => `<ofd:Page ID="${k + 1}" BaseLoc="Pages/Page_${k}/Content.xml"/>`).join('') +
        `</ofd:Pages></ofd:Document>`,
    ),
    'Doc_0/PublicRes.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><ofd:Res ${ns} BaseLoc="Res"><ofd:Fonts>` +
        `<ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>`,
    ),
  };
  pages.forEach((page, k) => {
    files[`Doc_0/Pages/Page_${k}/Content.xml`] = strToU8(pageXml(page));
  });
  return zipSync(files);
}

// ───────────────────────────── comparing plans ─────────────────────────────

/** What must not depend on the file format: tasks with their text, units (name, role, orgs) and deadlines. */
export function planSummary(plan: Plan): unknown {
  return {
    title: plan.notice.title,
    docNumber: plan.notice.docNumber,
    tasks: plan.tasks.map((task) => ({
      no: task.no,
      text: task.text,
      units: task.units.map((u) => ({ raw: u.raw, role: u.role, orgs: u.orgs })),
      deadlines: task.obligations.map((o) => ({ kind: o.kind, date: o.date, month: o.month, day: o.day })),
    })),
  };
}

/** Parses a notice text with the default directory. */
export function parse(text: string, mergesMarked: boolean): Plan {
  return parseNotice(text, { directory: defaultDirectory(), mergesMarked });
}
