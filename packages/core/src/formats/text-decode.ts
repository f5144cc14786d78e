import { NoticeFileError } from './notice-file-error.ts';

export type DecodedText = { text: string; encoding: string; notes: string[] };

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  const n = bytes.length;
  let i = from;
  while (i < n) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) need = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      if (lead === 0xe0) low = 0xa0; // overlong
      if (lead === 0xed) high = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      if (lead === 0xf0) low = 0x90; // overlong
      if (lead === 0xf4) high = 0x8f; // above U+10FFFF
    } else return i;
    if (i + need >= n) return i;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k <= need; k++) {
      const b = bytes[i + k]!;
      if (b < 0x80 || b > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** A C0 control other than tab, line feed, vertical tab, form feed and carriage return, or DEL. */
function isStrayControl(code: number): boolean {
  return (code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f;
}

type ControlScan = { firstNul: number; firstControl: number; controls: number };

function scanControls(length: number, at: (k: number) => number): ControlScan {
  let firstNul = -1;
  let firstControl = -1;
  let controls = 0;
  for (let k = 0; k < length; k++) {
    const code = at(k);
    if (code === 0 && firstNul < 0) firstNul = k;
    if (isStrayControl(code)) {
      controls++;
      if (firstControl < 0) firstControl = k;
    }
  }
  return { firstNul, firstControl, controls };
}

/** True when NUL bytes sit only at even or only at odd offsets, as in UTF-16 text without a BOM. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let even = 0;
  let odd = 0;
  for (let k = 0; k < n; k++) {
    if (bytes[k] !== 0) continue;
    if (k % 2 === 0) even++;
    else odd++;
  }
  const half = n / 2;
  return (even === 0 && odd >= half / 4) || (odd === 0 && even >= half / 4);
}

function binaryError(byteOffset: number, utf16Hint: boolean): NoticeFileError {
  const hint = utf16Hint ? ' (UTF-16 without a byte-order mark? save as UTF-8)' : '';
  const hintZh = utf16Hint ? '（可能是没有 BOM 的 UTF-16，请另存为 UTF-8）' : '';
  return new NoticeFileError(
    'binary',
    `not a text file: binary content at byte ${byteOffset}${hint}`,
    `不是文本文件：第 ${byteOffset} 字节处为二进制内容${hintZh}`,
  );
}

/**
 * Binary when there is a NUL, or when stray control characters are at least 4 and at least 2% of
 * the text. A few stray controls in real text are removed later instead.
 */
function checkBinary(scan: ControlScan, length: number, toByte: (k: number) => number, hint: boolean): void {
  if (scan.firstNul >= 0) throw binaryError(toByte(scan.firstNul), hint);
  if (scan.controls >= 4 && scan.controls * 50 >= length) throw binaryError(toByte(scan.firstControl), false);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, k) => bytes[k] === b);
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  const body = bytes.subarray(2);
  const label = encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
  if (body.length % 2 !== 0) {
    throw new NoticeFileError(
      'encoding',
      `truncated ${label} text: odd number of bytes`,
      `${label} 文本不完整：字节数为奇数`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch (cause) {
    throw new NoticeFileError(
      'encoding',
      `invalid ${label} text: unpaired surrogate`,
      `${label} 文本无效：存在不成对的代理项`,
      { cause },
    );
  }
  const scan = scanControls(text.length, (k) => text.charCodeAt(k));
  checkBinary(scan, text.length, (k) => 2 + 2 * k, false);
  return { text, encoding, notes: [] };
}

/**
 * Decodes the bytes of a plain-text notice: UTF-8 (with or without BOM), UTF-16 with BOM, or
 * GB18030 when the bytes are not valid UTF-8. Throws `binary` for binary content and `encoding`
 * when no supported encoding fits. The text is returned as decoded, without its BOM.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw new NoticeFileError(
      'encoding',
      'UTF-32 text is not supported; save as UTF-8',
      '不支持 UTF-32 编码的文本，请另存为 UTF-8',
    );
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes, 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes, 'utf-16be');

  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  const body = bytes.subarray(bom);
  const scan = scanControls(body.length, (k) => body[k]!);
  checkBinary(scan, body.length, (k) => bom + k, bom === 0 && looksLikeUtf16(bytes));

  const invalid = firstInvalidUtf8(body);
  if (invalid < 0) {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), encoding: 'utf-8', notes: [] };
  }
  const at = bom + invalid;
  const byte = `0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}`;
  if (bom > 0) {
    throw new NoticeFileError(
      'encoding',
      `invalid UTF-8 at byte ${at} (${byte}) after a UTF-8 byte-order mark`,
      `文本声明为 UTF-8，但第 ${at} 字节（${byte}）不是有效的 UTF-8`,
    );
  }
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(body);
    return { text, encoding: 'gb18030', notes: ['decoded as GB18030'] };
  } catch (cause) {
    throw new NoticeFileError(
      'encoding',
      `unknown text encoding: not UTF-8 (byte ${at} is ${byte}) and not GB18030; save as UTF-8`,
      `无法识别文本编码：既不是 UTF-8（第 ${at} 字节为 ${byte}）也不是 GB18030，请另存为 UTF-8`,
      { cause },
    );
  }
}

export type CleanedText = { text: string; removedControls: number };

/**
 * Line ends become LF (CRLF, CR, vertical tab, form feed, U+2028, U+2029), and stray C0 control
 * characters are removed. One forward pass, no regular expressions.
 */
export function cleanText(text: string): CleanedText {
  let out = '';
  let start = 0;
  let removedControls = 0;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code === 0x0d) {
      out += `${text.slice(start, k)}\n`;
      if (text.charCodeAt(k + 1) === 0x0a) k++;
      start = k + 1;
    } else if (code === 0x0b || code === 0x0c || code === 0x2028 || code === 0x2029) {
      out += `${text.slice(start, k)}\n`;
      start = k + 1;
    } else if (isStrayControl(code)) {
      out += text.slice(start, k);
      start = k + 1;
      removedControls++;
    }
  }
  return { text: out + text.slice(start), removedControls };
}
