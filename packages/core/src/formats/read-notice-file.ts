import { docxToText } from './docx.ts';
import { NoticeFileError } from './notice-file-error.ts';
import { ofdToText } from './ofd.ts';
import { pdfToText } from './pdf.ts';
import { cleanText, decodeText } from './text-decode.ts';
import { xlsxToText } from './xlsx.ts';
import { decodeXmlBytes, XmlSyntaxError } from './xml-reader.ts';
import { openZip, type ZipArchive, zipKey } from './zip.ts';

export { NoticeFileError, type NoticeFileErrorCode } from './notice-file-error.ts';

export type NoticeFormat = 'txt' | 'docx' | 'xlsx' | 'pdf' | 'ofd';

/**
 * The text of a notice file. Lines are separated by LF. For .docx and .xlsx every paragraph is a
 * line and every table row is a line with its cells joined by ` | `; .pdf and .ofd are rebuilt
 * into the same lines from the positions of their text and ruling lines (`positioned-text.ts`). `encoding` is set for text
 * files (`utf-8`, `utf-16le`, `utf-16be`, `gb18030`); `notes` says what was done that a person
 * may want to know (e.g. `decoded as GB18030`, `skipped hidden sheet "…"`). `mergesMarked` (.docx,
 * .xlsx, and .pdf/.ofd whose tables all have ruling lines): a cell that goes on a vertical merge
 * from the row above is written as 〃, so an empty cell is truly empty; pass it on to `parseNotice`.
 * `pages` is set for .pdf and .ofd.
 */
export type NoticeText = {
  text: string;
  format: NoticeFormat;
  encoding?: string;
  notes: string[];
  mergesMarked: boolean;
  pages?: number;
};

const DOCUMENT = 'word/document.xml';

/** The format a file name suggests, used only to explain a mismatch. */
const EXTENSION_FORMATS: Readonly<Record<string, NoticeFormat>> = {
  txt: 'txt',
  text: 'txt',
  md: 'txt',
  csv: 'txt',
  docx: 'docx',
  docm: 'docx',
  dotx: 'docx',
  doc: 'docx',
  wps: 'docx',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  xltx: 'xlsx',
  xls: 'xlsx',
  et: 'xlsx',
  pdf: 'pdf',
  ofd: 'ofd',
};

const FORMAT_NAMES: Readonly<Record<NoticeFormat, string>> = {
  txt: 'plain text',
  docx: 'a .docx document',
  xlsx: 'an .xlsx workbook',
  pdf: 'a PDF document',
  ofd: 'an OFD document',
};

/** Lower-case extension of a file name or path, without the dot; '' when there is none. */
export function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, k) => bytes[k] === b);
}

function startsWithAscii(bytes: Uint8Array, prefix: string): boolean {
  if (bytes.length < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) if (bytes[k] !== prefix.charCodeAt(k)) return false;
  return true;
}

/** Whether `text` occurs in `bytes` as UTF-16LE (how OLE compound files name their streams). */
function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  let at = bytes.indexOf(first);
  while (at >= 0 && at + text.length * 2 <= bytes.length) {
    let k = 0;
    while (k < text.length && bytes[at + 2 * k] === text.charCodeAt(k) && bytes[at + 2 * k + 1] === 0) k++;
    if (k === text.length) return true;
    at = bytes.indexOf(first, at + 1);
  }
  return false;
}

function unsupported(message: string, messageZh: string): NoticeFileError {
  return new NoticeFileError('unsupported', message, messageZh);
}

/** An OLE compound file: legacy .doc / .xls (or WPS .wps / .et), or an encrypted Office file. */
function oleError(bytes: Uint8Array, ext: string): NoticeFileError {
  if (containsUtf16(bytes, 'EncryptedPackage')) {
    return unsupported(
      'password-protected Office file is not supported; remove the password and save again',
      '不支持设置了密码的 Office 文件，请取消密码后重新保存',
    );
  }
  const byContent = containsUtf16(bytes, 'WordDocument')
    ? 'doc'
    : containsUtf16(bytes, 'Workbook') || containsUtf16(bytes, 'Book')
      ? 'xls'
      : null;
  const kind =
    byContent ??
    (EXTENSION_FORMATS[ext] === 'xlsx' ? 'xls' : EXTENSION_FORMATS[ext] === 'docx' ? 'doc' : null);
  if (kind === 'doc' && ext === 'wps') {
    return unsupported('WPS .wps is not supported; save as .docx', '不支持 WPS .wps 文件，请另存为 .docx');
  }
  if (kind === 'doc')
    return unsupported('legacy .doc is not supported; save as .docx', '不支持旧版 .doc 文件，请另存为 .docx');
  if (kind === 'xls' && ext === 'et') {
    return unsupported('WPS .et is not supported; save as .xlsx', '不支持 WPS .et 文件，请另存为 .xlsx');
  }
  if (kind === 'xls')
    return unsupported('legacy .xls is not supported; save as .xlsx', '不支持旧版 .xls 文件，请另存为 .xlsx');
  return unsupported(
    'legacy Office (OLE) file is not supported; save as .docx or .xlsx',
    '不支持旧版 Office 文件，请另存为 .docx 或 .xlsx',
  );
}

function noEmptyText(text: string, what: string, whatZh: string): void {
  if (text.trim() === '') throw new NoticeFileError('empty', `${what} has no text`, `${whatZh}没有文字内容`);
}

function readDocx(zip: ZipArchive): { text: string; notes: string[] } {
  const bytes = zip.read([DOCUMENT]).get(zipKey(DOCUMENT));
  if (bytes === undefined)
    throw new NoticeFileError(
      'corrupt',
      `corrupt .docx: ${DOCUMENT} missing`,
      `.docx 文件已损坏：缺少 ${DOCUMENT}`,
    );
  try {
    return docxToText(decodeXmlBytes(bytes));
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    const reason = `${DOCUMENT} is not well-formed XML (${error.message})`;
    throw new NoticeFileError('corrupt', `corrupt .docx: ${reason}`, `.docx 文件已损坏：${reason}`, {
      cause: error,
    });
  }
}

/** What a zip-based format gives: text, and for OFD whether merges are marked and the page count. */
type ZipText = { text: string; format: NoticeFormat; notes: string[]; mergesMarked: boolean; pages?: number };

/** Reads an OFD package; one without any text is most likely a scan. */
function readOfd(zip: ZipArchive): ZipText {
  const read = ofdToText(zip);
  if (read.text.trim() === '') {
    throw unsupported(
      'the OFD has no extractable text (a scan?); provide an OFD or PDF with text, or the .docx',
      '该 OFD 文件没有可提取的文字（可能是扫描件），请提供文字版 OFD/PDF 或 .docx 文件',
    );
  }
  return {
    text: read.text,
    format: 'ofd',
    notes: read.notes,
    mergesMarked: read.mergesMarked,
    pages: read.pages,
  };
}

function readZip(bytes: Uint8Array, ext: string): ZipText {
  const hinted = EXTENSION_FORMATS[ext];
  const label =
    hinted === 'docx' ? '.docx' : hinted === 'xlsx' ? '.xlsx' : hinted === 'ofd' ? '.ofd' : 'zip archive';
  const zip = openZip(bytes, label);
  const keys = zip.names.map(zipKey);
  if (zip.has(DOCUMENT)) {
    const { text, notes } = readDocx(zip);
    return { text, format: 'docx', notes, mergesMarked: true };
  }
  if (zip.has('xl/workbook.xml')) {
    const { text, notes } = xlsxToText(zip);
    return { text, format: 'xlsx', notes, mergesMarked: true };
  }
  if (zip.has('xl/workbook.bin')) {
    throw unsupported(
      'binary .xlsb workbook is not supported; save as .xlsx',
      '不支持 .xlsb 二进制工作簿，请另存为 .xlsx',
    );
  }
  if (keys.some((k) => k.startsWith('word/'))) {
    throw new NoticeFileError(
      'corrupt',
      `corrupt .docx: ${DOCUMENT} missing`,
      `.docx 文件已损坏：缺少 ${DOCUMENT}`,
    );
  }
  if (keys.some((k) => k.startsWith('xl/'))) {
    throw new NoticeFileError(
      'corrupt',
      'corrupt .xlsx: xl/workbook.xml missing',
      '.xlsx 文件已损坏：缺少 xl/workbook.xml',
    );
  }
  if (zip.has('ppt/presentation.xml')) {
    throw unsupported(
      'PowerPoint .pptx is not supported; save as .docx',
      '不支持 PowerPoint .pptx 文件，请另存为 .docx',
    );
  }
  if (zip.has('OFD.xml')) return readOfd(zip);
  if (zip.has('content.xml') && zip.has('mimetype')) {
    throw unsupported(
      'OpenDocument (.odt/.ods) is not supported; save as .docx or .xlsx',
      '不支持 OpenDocument（.odt/.ods）文件，请另存为 .docx 或 .xlsx',
    );
  }
  throw unsupported(
    'zip archive is neither .docx nor .xlsx (no word/document.xml or xl/workbook.xml)',
    '压缩包既不是 .docx 也不是 .xlsx（没有 word/document.xml 或 xl/workbook.xml）',
  );
}

/** Rejects text that is really a web page or Word 2003 XML: read as text it would be markup. */
function rejectMarkup(text: string): void {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('mime-version:')) {
    throw unsupported(
      'HTML or MHT web page is not supported; open it and save as .docx or .txt',
      '不支持 HTML/MHT 网页文件，请打开后另存为 .docx 或 .txt',
    );
  }
  if (head.startsWith('<?xml') && head.includes('progid="word.document"')) {
    throw unsupported(
      'Word 2003 XML is not supported; save as .docx',
      '不支持 Word 2003 XML 文件，请另存为 .docx',
    );
  }
}

/**
 * Reads a notice file into text. The format is chosen by content — a ZIP holding
 * `word/document.xml` is .docx, one holding `xl/workbook.xml` is .xlsx, one holding `OFD.xml` is
 * OFD, anything else that is not a known binary format is text — and the file name is only used to
 * word messages and notes. A PDF needs `readNoticeFileAsync`.
 * Throws `NoticeFileError` (`empty`, `binary`, `unsupported`, `corrupt`, `encoding`).
 */
export function readNoticeFile(bytes: Uint8Array, fileName: string): NoticeText {
  if (bytes.length === 0) throw new NoticeFileError('empty', 'file is empty', '文件为空');
  const ext = extensionOf(fileName);

  let result: NoticeText;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const read = readZip(bytes, ext);
    const cleaned = cleanText(read.text);
    if (read.format === 'xlsx') noEmptyText(cleaned.text, 'workbook', '工作簿的可见工作表');
    else noEmptyText(cleaned.text, 'document', '文档');
    result = { text: cleaned.text, format: read.format, notes: read.notes, mergesMarked: read.mergesMarked };
    if (read.pages !== undefined) result.pages = read.pages;
    if (cleaned.removedControls > 0)
      result.notes.push(`removed ${cleaned.removedControls} control character(s)`);
  } else if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw oleError(bytes, ext);
  } else if (isPdf(bytes)) {
    throw unsupported(
      'PDF is read asynchronously: use readNoticeFileAsync',
      'PDF 文件需要异步读取（readNoticeFileAsync）',
    );
  } else if (startsWithAscii(bytes, '{\\rtf')) {
    throw unsupported('RTF is not supported; save as .docx', '不支持 RTF 文件，请另存为 .docx');
  } else {
    const decoded = decodeText(bytes);
    const cleaned = cleanText(decoded.text);
    if (cleaned.text.trim() === '') {
      throw new NoticeFileError('empty', 'file contains only whitespace', '文件只有空白字符');
    }
    rejectMarkup(cleaned.text);
    result = {
      text: cleaned.text,
      format: 'txt',
      encoding: decoded.encoding,
      notes: decoded.notes,
      mergesMarked: false,
    };
    if (cleaned.removedControls > 0)
      result.notes.push(`removed ${cleaned.removedControls} control character(s)`);
  }

  noteMismatch(result, ext);
  return result;
}

/** Adds a note when the file name suggests another format than the content has. */
function noteMismatch(result: NoticeText, ext: string): void {
  const hinted = EXTENSION_FORMATS[ext];
  if (hinted !== undefined && hinted !== result.format) {
    result.notes.push(`file name ends in .${ext} but the content is ${FORMAT_NAMES[result.format]}`);
  }
}

/** Whether the bytes are a PDF (they start with `%PDF-`). */
function isPdf(bytes: Uint8Array): boolean {
  return startsWithAscii(bytes, '%PDF-');
}

/**
 * Reads a notice file into text, as `readNoticeFile` does, and PDF too (read with pdfjs, which
 * works asynchronously). Use this one wherever a PDF may come.
 */
export async function readNoticeFileAsync(bytes: Uint8Array, fileName: string): Promise<NoticeText> {
  if (bytes.length === 0 || !isPdf(bytes)) return readNoticeFile(bytes, fileName);
  const read = await pdfToText(bytes);
  const cleaned = cleanText(read.text);
  noEmptyText(cleaned.text, 'document', '文档');
  const result: NoticeText = {
    text: cleaned.text,
    format: 'pdf',
    notes: read.notes,
    mergesMarked: read.mergesMarked,
    pages: read.pages,
  };
  noteMismatch(result, extensionOf(fileName));
  return result;
}
