/**
 * PDF notices: a .docx made here is converted to PDF by LibreOffice (it must be installed: CI does,
 * and the test fails rather than skips without it), and the PDF must read to the plan of the .docx.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NoticeFileError, readNoticeFile, readNoticeFileAsync } from '../../src/formats/read-notice-file.ts';
import {
  bytesOf,
  convertToPdf,
  imageOnlyDocx,
  PROSE_NOTICE,
  parse,
  planSummary,
  TABLE_NOTICE,
  writeDocx,
} from '../helpers/positioned-notices.ts';

const dir = mkdtempSync(join(tmpdir(), 'luoshi-pdf-'));
const files: Record<'table' | 'prose' | 'scan', { docx: string; pdf: string }> = {
  table: { docx: '', pdf: '' },
  prose: { docx: '', pdf: '' },
  scan: { docx: '', pdf: '' },
};

async function readError(bytes: Uint8Array, name: string): Promise<NoticeFileError> {
  try {
    await readNoticeFileAsync(bytes, name);
  } catch (error) {
    if (error instanceof NoticeFileError) return error;
    throw error;
  }
  throw new Error('expected a NoticeFileError');
}

beforeAll(async () => {
  files.table.docx = await writeDocx(dir, 'table', TABLE_NOTICE, true);
  files.prose.docx = await writeDocx(dir, 'prose', PROSE_NOTICE, true);
  files.scan.docx = join(dir, 'scan.docx');
  writeFileSync(files.scan.docx, await imageOnlyDocx());
  const pdfs = convertToPdf(dir, [files.table.docx, files.prose.docx, files.scan.docx]);
  files.table.pdf = pdfs[0]!;
  files.prose.pdf = pdfs[1]!;
  files.scan.pdf = pdfs[2]!;
}, 180_000);

describe('a notice with a task table, as PDF', () => {
  it('reads to the same lines as its .docx, over two pages, page numbers and repeated header dropped', async () => {
    const docx = readNoticeFile(bytesOf(files.table.docx), 'table.docx');
    const started = performance.now();
    const pdf = await readNoticeFileAsync(bytesOf(files.table.pdf), 'table.pdf');
    const elapsed = performance.now() - started;
    expect(pdf.format).toBe('pdf');
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.mergesMarked).toBe(true);
    expect(pdf.text).not.toMatch(/— \d+ —/);
    expect(pdf.text).toBe(docx.text);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('gives the plan of the .docx: tasks, units with roles, deadlines', async () => {
    const docx = readNoticeFile(bytesOf(files.table.docx), 'table.docx');
    const pdf = await readNoticeFileAsync(bytesOf(files.table.pdf), 'table.pdf');
    const fromDocx = parse(docx.text, docx.mergesMarked);
    const fromPdf = parse(pdf.text, pdf.mergesMarked);
    expect(fromDocx.tasks).toHaveLength(20);
    expect(planSummary(fromPdf)).toEqual(planSummary(fromDocx));
    // The 牵头单位 cell of task 1, merged over tasks 2 and 3, gives them its unit.
    expect(fromPdf.tasks[2]!.units.find((u) => u.role === 'lead')?.orgs).toEqual(['市司法局']);
    // The cell with two paragraphs gives two supporting units.
    expect(fromPdf.tasks[1]!.units.filter((u) => u.role === 'co').map((u) => u.raw)).toEqual([
      '市市场监管局',
      '市发改委',
    ]);
  });
});

describe('a prose notice, as PDF', () => {
  it('joins the wrapped lines of each numbered item and keeps headings apart', async () => {
    const docx = readNoticeFile(bytesOf(files.prose.docx), 'prose.docx');
    const pdf = await readNoticeFileAsync(bytesOf(files.prose.pdf), 'prose.pdf');
    expect(pdf.text).toBe(docx.text);
    const fromPdf = parse(pdf.text, pdf.mergesMarked);
    expect(fromPdf.tasks).toHaveLength(4);
    expect(planSummary(fromPdf)).toEqual(planSummary(parse(docx.text, docx.mergesMarked)));
  });
});

describe('PDFs that cannot be read', () => {
  it('a scan (an image, no text) gets a clear message in Chinese and English', async () => {
    const error = await readError(bytesOf(files.scan.pdf), 'scan.pdf');
    expect(error.code).toBe('unsupported');
    expect(error.messageZh).toBe('该 PDF 没有可提取的文字（可能是扫描件），请提供文字版 PDF 或 .docx 文件');
    expect(error.message).toContain('no extractable text');
  });

  it('a damaged PDF is corrupt; the synchronous reader points to readNoticeFileAsync', async () => {
    const broken = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj');
    expect((await readError(broken, 'broken.pdf')).code).toBe('corrupt');
    expect(() => readNoticeFile(broken, 'broken.pdf')).toThrow(/readNoticeFileAsync/);
  });

  it('a password-protected PDF is refused with what to do', async () => {
    const error = await readError(encryptedPdf(), 'locked.pdf');
    expect(error.code).toBe('unsupported');
    expect(error.messageZh).toContain('密码');
  });

  it('other formats go through readNoticeFile', async () => {
    const read = await readNoticeFileAsync(new TextEncoder().encode('1.任务一'), 'a.txt');
    expect(read).toMatchObject({ format: 'txt', text: '1.任务一' });
  });
});

/**
 * A minimal PDF with a standard security handler and a user password (RC4, revision 2): pdfjs
 * asks for the password. Hand-written; the values only need to look like an encrypted file.
 */
function encryptedPdf(): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${'4f'.repeat(32)}> /U <${'55'.repeat(32)}> /P -44 >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, k) => {
    offsets.push(body.length);
    body += `${k + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
