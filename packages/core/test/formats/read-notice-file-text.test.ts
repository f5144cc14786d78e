import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NoticeFileError, readNoticeFile } from '../../src/formats/read-notice-file.ts';
import { cleanText, firstInvalidUtf8 } from '../../src/formats/text-decode.ts';
import { REFERENCE_NOTICE_URL } from '../../src/orgs/default-directory.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function concat(...parts: Array<ArrayLike<number>>): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    out[2 + 2 * k] = bigEndian ? code >> 8 : code & 0xff;
    out[3 + 2 * k] = bigEndian ? code & 0xff : code >> 8;
  }
  return out;
}

/** A GB18030 encoder for the two-byte range, built by inverting the platform decoder. */
function gb18030Encoder(): (text: string) => Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return (text) => {
    const bytes: number[] = [];
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      if (code < 0x80) bytes.push(code);
      else {
        const pair = table.get(ch);
        if (pair === undefined) throw new Error(`no two-byte GB18030 code for ${ch}`);
        bytes.push(...pair);
      }
    }
    return new Uint8Array(bytes);
  };
}

function readError(bytes: Uint8Array, name: string): NoticeFileError {
  try {
    readNoticeFile(bytes, name);
  } catch (error) {
    if (error instanceof NoticeFileError) return error;
    throw error;
  }
  throw new Error('expected a NoticeFileError');
}

const NOTICE = [
  '鹰潭市人民政府关于印发鹰潭市贯彻落实《江西省人民政府关于进一步推进法治政府建设的若干意见》任务清单的通知',
  '鹰府字〔2024〕25号2024年07月04日各区(市)人民政府,市政府各部门:',
  '任务清单 | 责任单位 | |||',
  '一、坚持党对法治政府建设的领导 | (一)认真落实党委统一领导法治政府建设 | 1 | 每年3月1日前,市、区(市)政府向同级党委报告上一年度法治政府建设情况。 | 市政府各部门,各区(市)政府、管委会 |',
  '2 | 将推进法治政府建设工作情况纳入“述职述法”内容,3个月内报送整改落实情况。 | |||',
].join('\n');

describe('readNoticeFile: text', () => {
  it('reads UTF-8 as is', () => {
    const result = readNoticeFile(utf8(NOTICE), 'notice.txt');
    expect(result).toEqual({
      text: NOTICE,
      format: 'txt',
      encoding: 'utf-8',
      notes: [],
      mergesMarked: false,
    });
  });

  it('strips a UTF-8 BOM and turns CRLF and CR into LF', () => {
    const bytes = concat([0xef, 0xbb, 0xbf], utf8('第一行\r\n第二行\r第三行\n\r\n第五行'));
    const result = readNoticeFile(bytes, 'a.txt');
    expect(result.text).toBe('第一行\n第二行\n第三行\n\n第五行');
    expect(result.encoding).toBe('utf-8');
  });

  it('decodes GB18030 when the bytes are not UTF-8, and says so', () => {
    const encode = gb18030Encoder();
    const result = readNoticeFile(encode(NOTICE.replaceAll('\n', '\r\n')), '通知.txt');
    expect(result.text).toBe(NOTICE);
    expect(result.encoding).toBe('gb18030');
    expect(result.notes).toEqual(['decoded as GB18030']);
  });

  it('decodes UTF-16LE and UTF-16BE with a BOM', () => {
    const text = '任务清单\r\n1 | 每年3月1日前 | 市司法局';
    const expected = '任务清单\n1 | 每年3月1日前 | 市司法局';
    expect(readNoticeFile(utf16(text, false), 'a.txt')).toEqual({
      text: expected,
      format: 'txt',
      encoding: 'utf-16le',
      notes: [],
      mergesMarked: false,
    });
    expect(readNoticeFile(utf16(text, true), 'a.txt')).toEqual({
      text: expected,
      format: 'txt',
      encoding: 'utf-16be',
      notes: [],
      mergesMarked: false,
    });
    // Characters outside the BMP survive (surrogate pairs).
    expect(readNoticeFile(utf16('𠀀字', false), 'a.txt').text).toBe('𠀀字');
  });

  it('removes a few stray control characters and turns form feeds into line breaks', () => {
    const result = readNoticeFile(utf8('第一页\f第二页\u0007 \u001b结束\u000b'), 'a.txt');
    expect(result.text).toBe('第一页\n第二页 结束\n');
    expect(result.notes).toEqual(['removed 2 control character(s)']);
  });

  it('notes a file name that says .docx over plain text', () => {
    expect(readNoticeFile(utf8('任务'), 'notice.docx').notes).toEqual([
      'file name ends in .docx but the content is plain text',
    ]);
  });

  it('rejects UTF-16 text that is cut in half or holds NUL', () => {
    const odd = readError(utf16('任务', false).subarray(0, 5), 'a.txt');
    expect(odd.code).toBe('encoding');
    expect(odd.message).toBe('truncated UTF-16LE text: odd number of bytes');
    const lone = readError(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), 'a.txt');
    expect(lone.code).toBe('encoding');
    const nul = readError(utf16('任\u0000务', true), 'a.txt');
    expect(nul.code).toBe('binary');
    expect(nul.message).toBe('not a text file: binary content at byte 4');
  });

  it('rejects bytes that are neither UTF-8 nor GB18030, naming the byte', () => {
    const error = readError(concat(utf8('任务'), [0xff, 0xff, 0x41]), 'a.txt');
    expect(error.code).toBe('encoding');
    expect(error.message).toBe(
      'unknown text encoding: not UTF-8 (byte 6 is 0xFF) and not GB18030; save as UTF-8',
    );
    expect(error.messageZh).toContain('GB18030');
  });

  it('rejects invalid UTF-8 after a UTF-8 BOM instead of guessing', () => {
    const error = readError(concat([0xef, 0xbb, 0xbf], [0xc4, 0xe3, 0xba, 0xc3]), 'a.txt');
    expect(error.code).toBe('encoding');
    expect(error.message).toBe('invalid UTF-8 at byte 3 (0xC4) after a UTF-8 byte-order mark');
  });

  it('rejects UTF-32', () => {
    expect(readError(new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), 'a.txt').message).toBe(
      'UTF-32 text is not supported; save as UTF-8',
    );
  });

  it('hints at UTF-16 without a BOM', () => {
    const noBom = utf16('notice text', false).subarray(2);
    const error = readError(noBom, 'a.txt');
    expect(error.code).toBe('binary');
    expect(error.message).toBe(
      'not a text file: binary content at byte 1 (UTF-16 without a byte-order mark? save as UTF-8)',
    );
  });

  it('rejects HTML pages and Word 2003 XML saved as text or .doc', () => {
    expect(readError(utf8('\n<!DOCTYPE html><html><body>任务</body></html>'), 'a.doc').code).toBe(
      'unsupported',
    );
    expect(readError(utf8('<HTML><body>任务</body></HTML>'), 'a.htm').code).toBe('unsupported');
    expect(readError(utf8('MIME-Version: 1.0\r\nContent-Type: multipart/related'), 'a.doc').code).toBe(
      'unsupported',
    );
    const wordXml = '<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>';
    expect(readError(utf8(wordXml), 'a.xml').message).toBe('Word 2003 XML is not supported; save as .docx');
  });

  it('reads the reference notice, as UTF-8 and as GB18030', () => {
    // The copy the repository ships (the same bytes as ../shared/notices/yingtan-2024-25.txt).
    const path = fileURLToPath(REFERENCE_NOTICE_URL);
    const bytes = new Uint8Array(readFileSync(path));
    const text = new TextDecoder().decode(bytes).replaceAll('\r\n', '\n');
    expect(readNoticeFile(bytes, 'yingtan-2024-25.txt').text).toBe(text);
    const gb = readNoticeFile(gb18030Encoder()(text), 'yingtan-2024-25.txt');
    expect(gb.text).toBe(text);
    expect(gb.encoding).toBe('gb18030');
  });
});

describe('text helpers', () => {
  it('finds the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8(utf8('任务 ok 𠀀'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // > U+10FFFF
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xe4, 0xbb]))).toBe(1); // truncated
  });

  it('cleans line ends in one pass', () => {
    expect(cleanText('a\r\nb\rc\u2028d\u2029e')).toEqual({ text: 'a\nb\nc\nd\ne', removedControls: 0 });
  });
});
