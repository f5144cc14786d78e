/**
 * What evidence files may be: the type is decided by the extension AND the bytes, which must agree
 * (an HTML page renamed .pdf is refused). File names are kept for display only, cleaned of path
 * components and control characters; they are never used on disk.
 */

export type FileType = { ext: string; contentType: string; label: string };

type Rule = FileType & { matches(head: Buffer): boolean };

const startsWith = (head: Buffer, bytes: readonly number[], at = 0) =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const ZIP = (head: Buffer) => startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP = (head: Buffer) => startsWith(head, [0x50, 0x4b, 0x05, 0x06]);
const OLE = (head: Buffer) => startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const MARKUP = /^\s*<(?:!doctype|html|head|body|script|svg|\?xml|iframe|object|embed|meta)\b/i;

/** Plain text: no NUL or other binary control bytes, not a web page in disguise. */
function isPlainText(head: Buffer): boolean {
  for (const b of head) {
    if (b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c || b === 0x1b) continue;
    if (b < 0x20 || b === 0x7f) return false;
  }
  const start = head
    .subarray(0, 1024)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return !MARKUP.test(start);
}

const OOXML = 'application/vnd.openxmlformats-officedocument';

const RULES: readonly Rule[] = [
  { ext: 'pdf', label: 'PDF', contentType: 'application/pdf', matches: (h) => startsWith(h, ascii('%PDF-')) },
  {
    ext: 'jpg',
    label: 'JPEG 图片',
    contentType: 'image/jpeg',
    matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]),
  },
  {
    ext: 'jpeg',
    label: 'JPEG 图片',
    contentType: 'image/jpeg',
    matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]),
  },
  {
    ext: 'png',
    label: 'PNG 图片',
    contentType: 'image/png',
    matches: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  {
    ext: 'gif',
    label: 'GIF 图片',
    contentType: 'image/gif',
    matches: (h) => startsWith(h, ascii('GIF87a')) || startsWith(h, ascii('GIF89a')),
  },
  {
    ext: 'webp',
    label: 'WebP 图片',
    contentType: 'image/webp',
    matches: (h) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8),
  },
  { ext: 'docx', label: 'Word 文档', contentType: `${OOXML}.wordprocessingml.document`, matches: ZIP },
  { ext: 'xlsx', label: 'Excel 表格', contentType: `${OOXML}.spreadsheetml.sheet`, matches: ZIP },
  {
    ext: 'pptx',
    label: 'PowerPoint 演示文稿',
    contentType: `${OOXML}.presentationml.presentation`,
    matches: ZIP,
  },
  { ext: 'doc', label: 'Word 97-2003 文档', contentType: 'application/msword', matches: OLE },
  { ext: 'xls', label: 'Excel 97-2003 表格', contentType: 'application/vnd.ms-excel', matches: OLE },
  { ext: 'txt', label: '文本文件', contentType: 'text/plain; charset=utf-8', matches: isPlainText },
  { ext: 'csv', label: 'CSV 表格', contentType: 'text/csv; charset=utf-8', matches: isPlainText },
  { ext: 'zip', label: 'ZIP 压缩包', contentType: 'application/zip', matches: (h) => ZIP(h) || EMPTY_ZIP(h) },
  { ext: 'ofd', label: 'OFD 版式文件', contentType: 'application/ofd', matches: ZIP },
];

export const ALLOWED_EXTENSIONS: readonly string[] = RULES.map((r) => r.ext);

/** The allowed types, as users read them (for error messages). */
export const ALLOWED_TYPES_TEXT =
  'PDF、JPG/PNG/GIF/WebP 图片、Word/Excel/PowerPoint（docx/xlsx/pptx/doc/xls）、TXT、CSV、ZIP、OFD';

/** Control characters, zero-width and direction-override characters: they hide what a name says. */
function isUnsafe(c: number): boolean {
  return (
    c <= 0x1f ||
    (c >= 0x7f && c <= 0x9f) ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff
  );
}
const MAX_NAME = 200;

/** A display name: the last path component, without control characters, at most 200 characters. */
export function sanitizeFileName(raw: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  let name = [...last]
    .filter((ch) => !isUnsafe(ch.codePointAt(0)!))
    .join('')
    .trim();
  name = name.replace(/^\.+/, '').trim();
  if (name === '') return '未命名文件';
  const chars = [...name];
  if (chars.length > MAX_NAME) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = chars.slice(0, MAX_NAME - [...ext].length).join('') + ext;
  }
  return name;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/** The file's type when the extension is allowed and the bytes agree with it; null otherwise. */
export function detectFileType(fileName: string, head: Buffer): FileType | null {
  const ext = extensionOf(fileName);
  const rule = RULES.find((r) => r.ext === ext);
  if (!rule?.matches(head)) return null;
  return { ext: rule.ext, contentType: rule.contentType, label: rule.label };
}

/** Why a file was refused, in Chinese, naming it. */
export function refusalOf(fileName: string, head: Buffer): string {
  const ext = extensionOf(fileName);
  if (!RULES.some((r) => r.ext === ext))
    return `文件「${fileName}」的类型不受支持，只能上传 ${ALLOWED_TYPES_TEXT}`;
  return `文件「${fileName}」的内容与扩展名 .${ext} 不符（${head.length === 0 ? '文件为空' : '不是真正的该类文件'}），只能上传 ${ALLOWED_TYPES_TEXT}`;
}

/**
 * A Content-Disposition header for a download: an ASCII fallback `filename` and the exact name as
 * RFC 5987 `filename*` (UTF-8, percent-encoded), so Chinese names arrive intact.
 */
export function contentDisposition(fileName: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const safe = sanitizeFileName(fileName);
  const fallback = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(safe).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Types a browser may show in place: raster images and PDF. Nothing that can carry script or markup
 * (SVG, HTML, XML, text) and nothing a browser would hand to another program (Office files, ZIP).
 */
const INLINE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
]);

/**
 * A file shown in place runs nothing and loads nothing but itself, and only this site may frame it.
 * `sandbox` without allowances still lets Chromium's PDF viewer draw the file (checked by the browser
 * test); `style-src 'unsafe-inline'` is for the browser's own image-document styles.
 */
export const INLINE_CSP =
  "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
const ATTACHMENT_CSP = "default-src 'none'; sandbox";

/**
 * Whether a stored file may be shown in place: its type is one of INLINE_TYPES and is the type its
 * extension stands for. The stored type is the one decided from the bytes on upload, never the client's
 * claim; a row whose type and name disagree is only ever downloaded.
 */
export function mayShowInline(fileName: string, contentType: string): boolean {
  const rule = RULES.find((r) => r.ext === extensionOf(fileName));
  return INLINE_TYPES.has(contentType) && rule?.contentType === contentType;
}

/**
 * The headers of a file download. `inline` is what the client asked for, granted only when
 * mayShowInline; everything else is an attachment. A type this file doesn't know is sent as
 * application/octet-stream.
 */
export function downloadHeaders(
  file: { fileName: string; contentType: string; size: number; sha256: string },
  inline: boolean,
): Record<string, string> {
  const shown = inline && mayShowInline(file.fileName, file.contentType);
  const known = RULES.some((r) => r.contentType === file.contentType);
  return {
    'content-type': known ? file.contentType : 'application/octet-stream',
    'content-length': String(file.size),
    'content-disposition': contentDisposition(file.fileName, shown ? 'inline' : 'attachment'),
    'x-content-type-options': 'nosniff',
    'content-security-policy': shown ? INLINE_CSP : ATTACHMENT_CSP,
    'cache-control': 'private, no-cache',
    etag: `"${file.sha256}"`,
  };
}
