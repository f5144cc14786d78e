/**
 * The notice upload: one multipart `file` (a .txt, .docx, .xlsx, .pdf or .ofd notice), an
 * optional `year` and an optional `listStartLine`. Files of other kinds are refused before their content is read (415), oversized
 * ones while it is read (413); the bytes themselves are read by core `readNoticeFileAsync`.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { ImportNoticeInput } from './import-notice.ts';

const ACCEPTED = new Set(['txt', 'text', 'md', 'csv', 'docx', 'xlsx', 'xlsm', 'pdf', 'ofd']);
const ACCEPTED_LABEL = '.docx、.xlsx、.pdf、.ofd 或 .txt';

const HINTS: Record<string, string> = {
  doc: '不支持旧版 .doc 文件，请在 Word 中另存为 .docx 后上传',
  wps: '不支持 WPS .wps 文件，请另存为 .docx 后上传',
  xls: '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后上传',
  et: '不支持 WPS .et 文件，请另存为 .xlsx 后上传',
};

const REFUSED_TYPES = [/^image\//, /^audio\//, /^video\//, /^application\/(x-)?(zip-compressed|rar|7z)/];

/** A PDF's first bytes: refused only in a file whose name does not say PDF. */
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d];

const MAGIC: { bytes: number[]; message: string }[] = [
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    message: '不支持旧版 Office 文件（.doc/.xls），请另存为 .docx 或 .xlsx 后上传',
  },
  { bytes: [0x89, 0x50, 0x4e, 0x47], message: '上传的是图片，请上传通知的 .docx、.xlsx 或 .txt 文件' },
  { bytes: [0xff, 0xd8, 0xff], message: '上传的是图片，请上传通知的 .docx、.xlsx 或 .txt 文件' },
  { bytes: [0x47, 0x49, 0x46, 0x38], message: '上传的是图片，请上传通知的 .docx、.xlsx 或 .txt 文件' },
  { bytes: [0x52, 0x61, 0x72, 0x21], message: '不支持 RAR 压缩包，请上传通知的 .docx、.xlsx 或 .txt 文件' },
  { bytes: [0x1f, 0x8b], message: '不支持压缩文件，请上传通知的 .docx、.xlsx 或 .txt 文件' },
];

export function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** Why a file of this name and declared type is refused, or null when it may be read. */
export function refusedKind(fileName: string, mimetype: string): string | null {
  const ext = extensionOf(fileName);
  if (ext === '') return `无法识别文件类型（文件名没有扩展名），请上传 ${ACCEPTED_LABEL} 文件`;
  if (!ACCEPTED.has(ext)) return HINTS[ext] ?? `不支持 .${ext} 文件，请上传 ${ACCEPTED_LABEL} 文件`;
  if (REFUSED_TYPES.some((re) => re.test(mimetype.toLowerCase())))
    return `文件内容类型为 ${mimetype}，不是通知文件，请上传 ${ACCEPTED_LABEL} 文件`;
  return null;
}

/** Why these bytes are refused by their first bytes, or null. A PDF must be named .pdf. */
export function refusedContent(bytes: Uint8Array, fileName = ''): string | null {
  if (PDF_MAGIC.every((b, i) => bytes[i] === b) && extensionOf(fileName) !== 'pdf')
    return '文件内容是 PDF，但文件名不是 .pdf，请将文件名改为 .pdf 后上传';
  for (const m of MAGIC) if (m.bytes.every((b, i) => bytes[i] === b)) return m.message;
  return null;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function errorCode(error: unknown): string | null {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : null;
}

export async function readNoticeUpload(req: FastifyRequest, limitBytes: number): Promise<ImportNoticeInput> {
  let file: { bytes: Buffer; fileName: string } | null = null;
  const fields = new Map<string, string>();
  try {
    for await (const part of req.parts({ limits: { fileSize: limitBytes, files: 1 } })) {
      if (part.type === 'field') {
        fields.set(part.fieldname, String(part.value));
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new AppError(
          'validation',
          `未知的上传字段「${part.fieldname}」，通知文件应放在 file 字段`,
          part.fieldname,
        );
      }
      if (part.filename.includes('\u0000')) {
        part.file.resume();
        throw new AppError('validation', 'file: 文件名不能含有空字符（\\u0000）', 'file');
      }
      const refused = refusedKind(part.filename, part.mimetype);
      if (refused) {
        part.file.resume();
        throw new AppError('unsupported-media-type', refused, 'file');
      }
      const bytes = await part.toBuffer();
      const byContent = refusedContent(bytes, part.filename);
      if (byContent) throw new AppError('unsupported-media-type', byContent, 'file');
      file = { bytes, fileName: part.filename };
    }
  } catch (error) {
    const code = errorCode(error);
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('payload-too-large', `上传的文件超过大小上限 ${megabytes(limitBytes)}`, 'file');
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw new AppError('payload-too-large', '一次只能上传一个通知文件', 'file');
    throw error;
  }
  if (!file) throw new AppError('validation', '请选择要上传的通知文件（file 字段）', 'file');
  const yearText = fields.get('year')?.trim();
  let year: number | undefined;
  if (yearText !== undefined && yearText !== '') {
    year = Number(yearText);
    if (!/^\d{4}$/.test(yearText)) throw new AppError('validation', '督办年度应为四位数字年份', 'year');
  }
  const lineText = fields.get('listStartLine')?.trim();
  let listStartLine: number | undefined;
  if (lineText !== undefined && lineText !== '') {
    if (!/^\d{1,9}$/.test(lineText))
      throw new AppError('validation', '清单开始的行应为正整数（读到的文字中的行号）', 'listStartLine');
    listStartLine = Number(lineText);
  }
  return { bytes: file.bytes, fileName: file.fileName, year, listStartLine };
}
