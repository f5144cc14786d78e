import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extensionOf, NoticeFileError, readNoticeFile } from '../../src/formats/read-notice-file.ts';

function readError(bytes: Uint8Array, name: string): NoticeFileError {
  try {
    readNoticeFile(bytes, name);
  } catch (error) {
    if (error instanceof NoticeFileError) return error;
    throw error;
  }
  throw new Error('expected a NoticeFileError');
}

/** Either reads or fails with a NoticeFileError; any other exception fails the test. */
function readsOrRejects(bytes: Uint8Array, name: string): void {
  try {
    readNoticeFile(bytes, name);
  } catch (error) {
    if (!(error instanceof NoticeFileError)) throw error;
    expect(error.message).not.toContain('\n');
    expect(error.messageZh.length).toBeGreaterThan(0);
  }
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The start of an OLE compound file with a directory entry named `stream` (UTF-16LE). */
function oleFile(stream: string): Uint8Array {
  const bytes = new Uint8Array(1536);
  bytes.set(OLE_MAGIC);
  for (let k = 0; k < stream.length; k++) bytes[1024 + 2 * k] = stream.charCodeAt(k);
  return bytes;
}

async function smallDocx(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [{ children: [new Paragraph('每年3月1日前报告法治政府建设情况。')] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('readNoticeFile: errors', () => {
  it('empty file', () => {
    const error = readError(new Uint8Array(0), 'a.txt');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('NoticeFileError');
    expect(error.code).toBe('empty');
    expect(error.message).toBe('file is empty');
    expect(error.messageZh).toBe('文件为空');
  });

  it('whitespace only (including a BOM, full-width spaces and CRLF)', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x0d, 0x0a, 0x09, 0xe3, 0x80, 0x80]);
    const error = readError(bytes, 'a.txt');
    expect(error.code).toBe('empty');
    expect(error.message).toBe('file contains only whitespace');
  });

  it('binary content: NUL, or many control characters', () => {
    const nul = readError(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49]),
      'a.png',
    );
    expect(nul.code).toBe('binary');
    expect(nul.message).toBe('not a text file: binary content at byte 8');
    const controls = readError(new Uint8Array([0x41, 0x42, 0x01, 0x02, 0x03, 0x04, 0x05, 0x43]), 'a.txt');
    expect(controls.code).toBe('binary');
    expect(controls.message).toBe('not a text file: binary content at byte 2');
    const nulAt12 = new TextEncoder().encode('任务清单\u0000');
    expect(readError(nulAt12, 'a.txt').message).toBe('not a text file: binary content at byte 12');
  });

  it('legacy OLE .doc, .xls, WPS and password-protected files', () => {
    const doc = readError(oleFile('WordDocument'), 'notice.doc');
    expect(doc.code).toBe('unsupported');
    expect(doc.message).toBe('legacy .doc is not supported; save as .docx');
    expect(doc.messageZh).toBe('不支持旧版 .doc 文件，请另存为 .docx');
    // By content even when the name says otherwise; by name when the content does not tell.
    expect(readError(oleFile('WordDocument'), 'notice.xls').message).toBe(
      'legacy .doc is not supported; save as .docx',
    );
    expect(readError(oleFile('Workbook'), 'a').message).toBe('legacy .xls is not supported; save as .xlsx');
    expect(readError(oleFile('Nothing'), 'a.xls').message).toBe(
      'legacy .xls is not supported; save as .xlsx',
    );
    expect(readError(oleFile('WordDocument'), 'a.wps').message).toBe(
      'WPS .wps is not supported; save as .docx',
    );
    expect(readError(oleFile('Nothing'), 'a.bin').message).toBe(
      'legacy Office (OLE) file is not supported; save as .docx or .xlsx',
    );
    const encrypted = readError(oleFile('EncryptedPackage'), 'notice.docx');
    expect(encrypted.code).toBe('unsupported');
    expect(encrypted.message).toBe(
      'password-protected Office file is not supported; remove the password and save again',
    );
  });

  it('PDF and RTF', () => {
    const pdf = readError(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'notice.pdf');
    expect(pdf.code).toBe('unsupported');
    // PDF is read by readNoticeFileAsync (read-notice-file-pdf.test.ts); the synchronous reader says so.
    expect(pdf.message).toBe('PDF is read asynchronously: use readNoticeFileAsync');
    // Content decides: a PDF named .docx is still a PDF.
    expect(readError(new TextEncoder().encode('%PDF-1.4'), 'notice.docx').code).toBe('unsupported');
    expect(readError(new TextEncoder().encode('{\\rtf1\\ansi 任务}'), 'a.rtf').message).toBe(
      'RTF is not supported; save as .docx',
    );
  });

  it('a zip that is neither .docx nor .xlsx', () => {
    const zip = zipSync({ 'readme.txt': strToU8('任务'), 'data/a.csv': strToU8('1,2') });
    const error = readError(zip, 'notice.docx');
    expect(error.code).toBe('unsupported');
    expect(error.message).toBe(
      'zip archive is neither .docx nor .xlsx (no word/document.xml or xl/workbook.xml)',
    );
    expect(readError(zipSync({ 'ppt/presentation.xml': strToU8('<p/>') }), 'a.pptx').message).toBe(
      'PowerPoint .pptx is not supported; save as .docx',
    );
    // OFD is read (read-notice-file-ofd.test.ts); one without a document is corrupt.
    expect(readError(zipSync({ 'OFD.xml': strToU8('<ofd:OFD/>') }), 'a.ofd').message).toBe(
      'corrupt OFD: OFD.xml names no DocRoot',
    );
    expect(readError(zipSync({ 'xl/workbook.bin': new Uint8Array(4) }), 'a.xlsb').code).toBe('unsupported');
    // An empty archive (end-of-directory record only) is a zip too.
    expect(readError(zipSync({}), 'a.zip').code).toBe('unsupported');
  });

  it('a .docx without word/document.xml, and an .xlsx without xl/workbook.xml', () => {
    const docx = readError(zipSync({ 'word/styles.xml': strToU8('<w:styles/>') }), 'a.docx');
    expect(docx.code).toBe('corrupt');
    expect(docx.message).toBe('corrupt .docx: word/document.xml missing');
    expect(docx.messageZh).toBe('.docx 文件已损坏：缺少 word/document.xml');
    const xlsx = readError(zipSync({ 'xl/styles.xml': strToU8('<styleSheet/>') }), 'a.xlsx');
    expect(xlsx.message).toBe('corrupt .xlsx: xl/workbook.xml missing');
  });

  it('a truncated zip', async () => {
    const bytes = await smallDocx();
    const half = readError(bytes.subarray(0, Math.floor(bytes.length / 2)), 'notice.docx');
    expect(half.code).toBe('corrupt');
    expect(half.message).toBe('corrupt .docx: invalid zip data (truncated or damaged file?)');
    expect(readError(bytes.subarray(0, bytes.length - 1), 'notice').message).toBe(
      'corrupt zip archive: invalid zip data (truncated or damaged file?)',
    );
    expect(readError(bytes.subarray(0, 10), 'notice.docx').code).toBe('corrupt');
  });

  it('damaged compressed data', () => {
    const xml = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'<w:p><w:r><w:t>任务</w:t></w:r></w:p>'.repeat(200)}</w:body></w:document>`;
    const zip = zipSync({ 'word/document.xml': [strToU8(xml), { level: 9 }] });
    const damaged = zip.slice();
    const dataStart = 30 + 'word/document.xml'.length;
    for (let k = dataStart; k < dataStart + 40; k++) damaged[k] = 0xff;
    const error = readError(damaged, 'a.docx');
    expect(error.code).toBe('corrupt');
    expect(error.message.startsWith('corrupt .docx: ')).toBe(true);
  });

  it('an entry that claims to be huge', () => {
    const zip = zipSync({ 'word/document.xml': strToU8('<w:document/>') });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let k = 0; k + 4 <= zip.length; k++) {
      if (view.getUint32(k, true) === 0x02014b50) view.setUint32(k + 24, 0xfffffff0, true); // central directory
    }
    const error = readError(zip, 'a.docx');
    expect(error.code).toBe('unsupported');
    expect(error.message.startsWith('.docx entry word/document.xml is too large')).toBe(true);
  });

  it('never throws anything but NoticeFileError on arbitrary bytes', () => {
    const names = fc.constantFrom('a.txt', 'a.docx', 'a.xlsx', 'a.doc', 'a', '');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), names, (bytes, name) => readsOrRejects(bytes, name)),
    );
    const prefixed = fc
      .tuple(fc.constantFrom([0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06], OLE_MAGIC), fc.uint8Array())
      .map(([magic, rest]) => new Uint8Array([...magic, ...rest]));
    fc.assert(fc.property(prefixed, names, (bytes, name) => readsOrRejects(bytes, name)));
  });

  it('never throws anything but NoticeFileError on a damaged .docx', async () => {
    const original = await smallDocx();
    const damage = fc.record({
      cut: fc.integer({ min: 1, max: original.length }),
      flips: fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 })), {
        maxLength: 8,
      }),
    });
    fc.assert(
      fc.property(damage, ({ cut, flips }) => {
        const bytes = original.slice(0, cut);
        for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
        readsOrRejects(bytes, 'a.docx');
      }),
      { numRuns: 300 },
    );
  });
});

describe('readNoticeFile: damaged .xlsx', () => {
  it('never throws anything but NoticeFileError on a damaged .xlsx', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务');
    sheet.addRow(['序号', '任务', '牵头单位']);
    sheet.addRow([1, '每年3月1日前报告', '市司法局']);
    sheet.mergeCells('C2:C3');
    const original = new Uint8Array(await workbook.xlsx.writeBuffer());
    const flips = fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(flips, (changes) => {
        const bytes = original.slice();
        for (const [at, value] of changes) bytes[at] = value;
        readsOrRejects(bytes, 'a.xlsx');
      }),
      { numRuns: 300 },
    );
  });
});

describe('extensionOf', () => {
  it('takes the last extension of the base name, lower-cased', () => {
    expect(extensionOf('通知.DOCX')).toBe('docx');
    expect(extensionOf('C:\\files\\a.b\\notice')).toBe('');
    expect(extensionOf('dir.v2/notice.tar.gz')).toBe('gz');
    expect(extensionOf('.docx')).toBe('');
    expect(extensionOf('')).toBe('');
  });
});

describe('NoticeFileError messages', () => {
  it('are one line even when the detail quotes line breaks (seed -315978843 of the damaged .xlsx property)', () => {
    const e = new NoticeFileError(
      'corrupt',
      'corrupt .xlsx: xl/styles.xml is not well-formed near "<a\n b>"',
      '损坏的 .xlsx：\r\n第2行',
    );
    expect(e.message).toBe('corrupt .xlsx: xl/styles.xml is not well-formed near "<a b>"');
    expect(e.messageZh).toBe('损坏的 .xlsx： 第2行');
  });
});
