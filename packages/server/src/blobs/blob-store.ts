/**
 * A content-addressed file store under `<dataDir>/blobs`: a file lives at `<2 hex>/<sha256>`.
 *
 * Writing is crash-safe. Bytes stream into a fresh temp file in `blobs/tmp` while being hashed and
 * counted, the file is fsynced, then hard-linked to its final name (which fails rather than
 * overwrites when the blob already exists) and the directory fsynced. A crash before the link
 * leaves only a temp file: readers never see it, and a later put sweeps temp files older than
 * `TEMP_MAX_AGE_MS`. A blob that exists is never rewritten.
 */

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { chmod, link, mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors.ts';

/** Temp files older than this belong to a write that died; younger ones may be in progress. */
export const TEMP_MAX_AGE_MS = 60 * 60_000;
/** How many leading bytes a staged blob keeps for content sniffing. */
export const HEAD_BYTES = 8192;

const SHA256 = /^[0-9a-f]{64}$/;

export type BlobInfo = { sha256: string; size: number };

/** A blob written to a temp file and not yet in the store: commit or discard it. */
export type StagedBlob = BlobInfo & {
  /** The first HEAD_BYTES bytes, to sniff the type. */
  head: Buffer;
  /** Move it into the store (idempotent); a blob that exists already is left as it is. */
  commit(): Promise<void>;
  /** Remove the temp file (no-op once committed). */
  discard(): Promise<void>;
};

export class BlobTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`blob larger than ${limitBytes} bytes`);
  }
}

function blobsDir(dataDir: string): string {
  return join(dataDir, 'blobs');
}

function tempDir(dataDir: string): string {
  return join(blobsDir(dataDir), 'tmp');
}

export function isSha256(value: string): boolean {
  return SHA256.test(value);
}

/** Where the blob of this SHA-256 lives. Only 64 lowercase hex digits are accepted: no traversal. */
export function blobPath(dataDir: string, sha256: string): string {
  if (!isSha256(sha256)) throw new AppError('validation', '文件标识不正确', 'sha256');
  return join(blobsDir(dataDir), sha256.slice(0, 2), sha256);
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Remove temp files left by writes that died (older than maxAgeMs). Returns how many were removed. */
export async function sweepTempBlobs(
  dataDir: string,
  maxAgeMs = TEMP_MAX_AGE_MS,
  now = Date.now(),
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(tempDir(dataDir));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const file = join(tempDir(dataDir), name);
    try {
      const s = await stat(file);
      if (now - s.mtimeMs > maxAgeMs) {
        await unlink(file);
        removed++;
      }
    } catch {
      // Gone already (another process swept it): nothing to do.
    }
  }
  return removed;
}

async function* chunksOf(source: Readable | Buffer): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(source)) {
    yield source;
    return;
  }
  for await (const chunk of source) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
}

/**
 * Stream bytes into a temp file, hashing and counting on the way, and fsync it. Throws
 * BlobTooLargeError (leaving nothing behind) when more than `limitBytes` arrive.
 */
export async function stageBlob(
  dataDir: string,
  source: Readable | Buffer,
  opts: { limitBytes?: number } = {},
): Promise<StagedBlob> {
  const tmp = tempDir(dataDir);
  await mkdir(tmp, { recursive: true });
  await sweepTempBlobs(dataDir);
  const tempFile = join(tmp, `${process.pid}-${randomBytes(12).toString('hex')}.part`);
  const hash = createHash('sha256');
  const headParts: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  const fh = await open(tempFile, 'wx', 0o600);
  try {
    for await (const chunk of chunksOf(source)) {
      size += chunk.length;
      if (opts.limitBytes !== undefined && size > opts.limitBytes)
        throw new BlobTooLargeError(opts.limitBytes);
      hash.update(chunk);
      if (headLength < HEAD_BYTES) {
        const take = chunk.subarray(0, HEAD_BYTES - headLength);
        headParts.push(Buffer.from(take));
        headLength += take.length;
      }
      let written = 0;
      while (written < chunk.length) {
        const r = await fh.write(chunk, written, chunk.length - written);
        written += r.bytesWritten;
      }
    }
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => {});
    await unlink(tempFile).catch(() => {});
    throw err;
  }
  await fh.close();
  const sha256 = hash.digest('hex');
  let settled = false;
  return {
    sha256,
    size,
    head: Buffer.concat(headParts),
    async commit() {
      if (settled) return;
      const target = blobPath(dataDir, sha256);
      const dir = join(blobsDir(dataDir), sha256.slice(0, 2));
      await mkdir(dir, { recursive: true });
      await chmod(tempFile, 0o440);
      try {
        await link(tempFile, target);
        await fsyncDir(dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      settled = true;
      await unlink(tempFile).catch(() => {});
    },
    async discard() {
      if (settled) return;
      settled = true;
      await unlink(tempFile).catch(() => {});
    },
  };
}

/** Store bytes (a stream or a Buffer) and return their SHA-256 and size. */
export async function putBlob(
  dataDir: string,
  source: Readable | Buffer,
  opts: { limitBytes?: number } = {},
): Promise<BlobInfo> {
  const staged = await stageBlob(dataDir, source, opts);
  try {
    await staged.commit();
  } catch (err) {
    await staged.discard();
    throw err;
  }
  return { sha256: staged.sha256, size: staged.size };
}

export async function hasBlob(dataDir: string, sha256: string): Promise<boolean> {
  try {
    return (await stat(blobPath(dataDir, sha256))).isFile();
  } catch {
    return false;
  }
}

/** A stream of the blob's bytes; 404 when it is not in the store. */
export async function readBlob(dataDir: string, sha256: string): Promise<ReadStream> {
  const file = blobPath(dataDir, sha256);
  if (!(await hasBlob(dataDir, sha256))) throw new AppError('not-found', '找不到该文件的内容');
  return createReadStream(file);
}
