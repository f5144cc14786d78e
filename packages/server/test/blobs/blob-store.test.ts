/** The content-addressed blob store and the evidence file rules: real files in a temp directory. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BlobTooLargeError,
  blobPath,
  hasBlob,
  putBlob,
  readBlob,
  stageBlob,
  TEMP_MAX_AGE_MS,
} from '../../src/blobs/blob-store.ts';
import { contentDisposition, detectFileType, sanitizeFileName } from '../../src/blobs/file-types.ts';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const STORE = resolve(import.meta.dirname, '../../src/blobs/blob-store.ts');

describe('blob store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'luoshi-blobs-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const tempFiles = () => {
    try {
      return readdirSync(join(dir, 'blobs', 'tmp'));
    } catch {
      return [];
    }
  };

  it('stores bytes under their SHA-256, from a Buffer or a stream, and reads them back', async () => {
    const bytes = Buffer.from('落实：一季度报告\n'.repeat(10_000));
    const a = await putBlob(dir, bytes);
    expect(a).toEqual({ sha256: sha(bytes), size: bytes.length });
    expect(blobPath(dir, a.sha256)).toBe(join(dir, 'blobs', a.sha256.slice(0, 2), a.sha256));
    const chunks = [bytes.subarray(0, 1000), bytes.subarray(1000, 70_000), bytes.subarray(70_000)];
    const b = await putBlob(dir, Readable.from(chunks));
    expect(b).toEqual(a);
    const back: Buffer[] = [];
    for await (const c of await readBlob(dir, a.sha256)) back.push(c as Buffer);
    expect(Buffer.concat(back).equals(bytes)).toBe(true);
    expect(tempFiles()).toEqual([]);
  });

  it('never rewrites a blob that exists', async () => {
    const { sha256 } = await putBlob(dir, Buffer.from('same bytes'));
    const file = blobPath(dir, sha256);
    const before = statSync(file);
    await new Promise((r) => setTimeout(r, 20));
    await putBlob(dir, Buffer.from('same bytes'));
    const after = statSync(file);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(readFileSync(file, 'utf8')).toBe('same bytes');
  });

  it('accepts only 64 hex digits as a blob name: no path traversal', async () => {
    for (const bad of ['../../etc/passwd', `${'a'.repeat(63)}/`, 'A'.repeat(64), `${'0'.repeat(62)}..`, '']) {
      expect(() => blobPath(dir, bad)).toThrow('文件标识不正确');
    }
    await expect(readBlob(dir, '0'.repeat(64))).rejects.toThrow('找不到该文件的内容');
  });

  it('stops at the size limit and leaves nothing behind', async () => {
    const big = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(putBlob(dir, big, { limitBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(tempFiles()).toEqual([]);
    expect(await hasBlob(dir, sha(Buffer.alloc(1200)))).toBe(false);
  });

  it('a staged blob is invisible until committed, and gone when discarded', async () => {
    const staged = await stageBlob(dir, Buffer.from('%PDF-1.4 staged'));
    expect(staged.head.toString()).toBe('%PDF-1.4 staged');
    expect(await hasBlob(dir, staged.sha256)).toBe(false);
    expect(tempFiles()).toHaveLength(1);
    await staged.discard();
    expect(tempFiles()).toEqual([]);
    expect(await hasBlob(dir, staged.sha256)).toBe(false);
  });

  it('a process killed between write and rename leaves only a temp file, swept by a later put', async () => {
    const script = `
      const { stageBlob } = await import(${JSON.stringify(STORE)});
      await stageBlob(process.argv[1], Buffer.from('half-done upload'));
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir], {
      encoding: 'utf8',
    });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const left = tempFiles();
    expect(left).toHaveLength(1);
    expect(await hasBlob(dir, sha('half-done upload'))).toBe(false);
    // A put in progress elsewhere (a young temp file) is left alone…
    await putBlob(dir, Buffer.from('next upload'));
    expect(tempFiles()).toEqual(left);
    // …and once the dead write's file is old enough, the next put removes it.
    const old = (Date.now() - TEMP_MAX_AGE_MS - 60_000) / 1000;
    utimesSync(join(dir, 'blobs', 'tmp', left[0]!), old, old);
    writeFileSync(join(dir, 'blobs', 'tmp', 'young.part'), 'in progress');
    await putBlob(dir, Buffer.from('another upload'));
    expect(tempFiles()).toEqual(['young.part']);
  });
});

describe('evidence file rules', () => {
  it('keeps only the last path component of a name, without control characters', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('..\\..\\Windows\\报告.docx')).toBe('报告.docx');
    expect(sanitizeFileName('a\u0000b\r\n\u202Ec.pdf')).toBe('abc.pdf');
    expect(sanitizeFileName('..')).toBe('未命名文件');
    expect(sanitizeFileName('.hidden.txt')).toBe('hidden.txt');
    const long = sanitizeFileName(`${'长'.repeat(300)}.pdf`);
    expect([...long]).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('decides the type from the extension and the bytes together', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(detectFileType('a.PDF', Buffer.from('%PDF-1.7'))?.contentType).toBe('application/pdf');
    expect(detectFileType('a.docx', zip)?.ext).toBe('docx');
    expect(detectFileType('a.xlsx', zip)?.ext).toBe('xlsx');
    expect(detectFileType('a.ofd', zip)?.ext).toBe('ofd');
    expect(detectFileType('a.doc', ole)?.contentType).toBe('application/msword');
    expect(detectFileType('a.xls', ole)?.ext).toBe('xls');
    expect(detectFileType('a.gif', Buffer.from('GIF89a...'))?.ext).toBe('gif');
    expect(detectFileType('a.webp', Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))?.ext).toBe('webp');
    expect(detectFileType('a.jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.contentType).toBe('image/jpeg');
    expect(detectFileType('数据.csv', Buffer.from('单位,完成率\n市财政局,100%\n'))?.ext).toBe('csv');
    expect(detectFileType('a.docx', ole)).toBeNull();
    expect(detectFileType('a.pdf', zip)).toBeNull();
    expect(detectFileType('a.html', Buffer.from('<html>'))).toBeNull();
    expect(detectFileType('a.svg', Buffer.from('<svg>'))).toBeNull();
    expect(detectFileType('a.txt', Buffer.from('  <script>alert(1)</script>'))).toBeNull();
    expect(detectFileType('noext', Buffer.from('text'))).toBeNull();
  });

  it('writes Content-Disposition with an ASCII fallback and an RFC 5987 UTF-8 name', () => {
    expect(contentDisposition('整改报告 (终稿).pdf')).toBe(
      `attachment; filename="____ (__).pdf"; filename*=UTF-8''%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A%20%28%E7%BB%88%E7%A8%BF%29.pdf`,
    );
    expect(contentDisposition('a"b;c%.txt')).toBe(
      `attachment; filename="a_b_c_.txt"; filename*=UTF-8''a%22b%3Bc%25.txt`,
    );
    expect(contentDisposition('x/../../etc/passwd')).toBe(
      `attachment; filename="passwd"; filename*=UTF-8''passwd`,
    );
  });
});
