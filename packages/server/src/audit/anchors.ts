/**
 * Anchors of the audit chain outside the database: `{seq, hash, at}` of the chain head, one JSON
 * object a line in `<dataDir>/audit-anchors.jsonl` (the data folder exists on both dialects: it
 * holds the evidence blobs on PostgreSQL too).
 *
 * The chain alone cannot show that its newest records were deleted, or that everything from some
 * record on was rewritten with recomputed hashes. An anchor can: the record it names must still
 * exist and still have that hash. Someone who can change the database but not the server's data
 * folder can no longer cut or rewrite the tail unnoticed.
 *
 * Writing is append-only and crash-safe: the file is opened with O_APPEND, each anchor is one
 * `write()` of one whole line (so several server processes on one PostgreSQL never interleave
 * inside a line: each write lands at the end of the file as a unit, on a local file system), then
 * fsynced. A write cut short by a crash leaves a torn last line: readers ignore it with a note and
 * the next append starts a new line after it. Anchors are checked independently of each other, so
 * their order in the file does not matter.
 *
 * A deliberate restore of an older backup into the same data folder makes the newer anchors fail
 * (rightly: records are gone); move the anchor file aside after such a restore.
 */
import { open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Store } from '../db/store.ts';
import { type FrozenCheck, verifyFrozenResults } from '../modules/assessment/assessment-year.ts';
import { type ChainCheck, verifyAuditChain } from './audit.ts';

export const ANCHOR_FILE = 'audit-anchors.jsonl';

export type Anchor = { seq: number; hash: string; at: string };

export type AnchorProblem = { seq: number; at: string; reason: string };

export type AnchorCheck = {
  /** The anchor file that was read. */
  file: string;
  /** Whether the anchor file exists. */
  found: boolean;
  /** Anchors read and checked against the database. */
  checked: number;
  /** The anchor of the highest record, for "anchored up to record N". */
  latest: Anchor | null;
  /** How many anchors do not match. */
  failed: number;
  /** The failing anchor of the lowest record: the damage starts at or before it. */
  problem: AnchorProblem | null;
  /** Things worth knowing that are not a failure: no anchors, a torn last line, an unreadable line. */
  notes: string[];
};

/** The chain check and the anchor check together; `ok` only when both pass. */
/** The chain, the anchors outside the database, and every frozen assessment result against its hashes. */
export type AuditCheck = ChainCheck & { anchors: AnchorCheck; frozen: FrozenCheck };

export function anchorFile(dataDir: string): string {
  return join(dataDir, ANCHOR_FILE);
}

const SHA256 = /^[0-9a-f]{64}$/;
/** Ids of records looked up at once: well below both dialects' limits on bound parameters. */
const LOOKUP_BATCH = 500;

const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An anchor's time as users read it: Beijing time, `2026-06-15 10:00:00`. */
export function beijingTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(BEIJING.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

function asAnchor(value: unknown): Anchor | null {
  if (typeof value !== 'object' || value === null) return null;
  const { seq, hash, at } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return null;
  if (typeof hash !== 'string' || !SHA256.test(hash)) return null;
  if (typeof at !== 'string' || Number.isNaN(new Date(at).getTime())) return null;
  return { seq, hash, at };
}

function parseLine(line: string): Anchor | null {
  try {
    return asAnchor(JSON.parse(line));
  } catch {
    return null;
  }
}

/** The newest record of the chain, or null while it is empty. */
export async function auditHead(store: Store): Promise<{ seq: number; hash: string } | null> {
  const row = await store.db
    .selectFrom('auditLog')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Append one anchor as one line with one write, and fsync. When the file ends in a torn line (a
 * write that died), the new line starts with a newline so that it stays whole; `repairedTail` says so.
 */
export async function appendAnchor(file: string, anchor: Anchor): Promise<{ repairedTail: boolean }> {
  // a+ is O_RDWR | O_CREAT | O_APPEND: every write goes to the current end, the tail can be read.
  const fh = await open(file, 'a+', 0o644);
  try {
    const { size } = await fh.stat();
    let repairedTail = false;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await fh.read(last, 0, 1, size - 1);
      repairedTail = last[0] !== 0x0a;
    }
    const line = `${repairedTail ? '\n' : ''}${JSON.stringify({ seq: anchor.seq, hash: anchor.hash, at: anchor.at })}\n`;
    const bytes = Buffer.from(line, 'utf8');
    const { bytesWritten } = await fh.write(bytes);
    if (bytesWritten !== bytes.length)
      throw new Error(`anchor write cut short: ${bytesWritten} of ${bytes.length} bytes`);
    await fh.sync();
    if (size === 0) await fsyncDir(dirname(file));
    return { repairedTail };
  } finally {
    await fh.close();
  }
}

/** The last whole anchor in the file (reading only its tail), or null. */
async function lastAnchor(file: string): Promise<Anchor | null> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const { size } = await fh.stat();
    const length = Math.min(size, 4096);
    const buf = Buffer.alloc(length);
    await fh.read(buf, 0, length, size - length);
    const lines = buf.toString('utf8').split('\n');
    // The last element follows the last newline: empty, or a torn line.
    for (let i = lines.length - 2; i >= 0; i--) {
      const anchor = parseLine(lines[i]!);
      if (anchor) return anchor;
    }
    return null;
  } finally {
    await fh.close();
  }
}

export type AnchorWrite = {
  /** The head that is anchored now, or null when the chain is empty. */
  anchor: Anchor | null;
  /** False when the chain is empty or the file's last anchor already names this head. */
  written: boolean;
  /** A note for the log, e.g. that a torn last line was left behind. */
  note: string | null;
};

/** Anchor the current head of the chain (skipped when the file's last anchor already names it). */
export async function writeAnchor(store: Store, dataDir: string, at: Date): Promise<AnchorWrite> {
  const head = await auditHead(store);
  if (!head) return { anchor: null, written: false, note: null };
  const file = anchorFile(dataDir);
  const last = await lastAnchor(file);
  if (last && last.seq === head.seq && last.hash === head.hash)
    return { anchor: last, written: false, note: null };
  const anchor: Anchor = { seq: head.seq, hash: head.hash, at: at.toISOString() };
  const { repairedTail } = await appendAnchor(file, anchor);
  return {
    anchor,
    written: true,
    note: repairedTail ? `锚点文件 ${file} 的最后一行不完整（上次写入中断），已忽略并另起一行` : null,
  };
}

/** Read every anchor; unreadable lines are skipped with a note (a torn last line is expected after a crash). */
export async function readAnchors(
  file: string,
): Promise<{ found: boolean; anchors: Anchor[]; notes: string[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { found: false, anchors: [], notes: [] };
    throw e;
  }
  const lines = text.split('\n');
  const anchors: Anchor[] = [];
  const notes: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const anchor = parseLine(line);
    if (anchor) anchors.push(anchor);
    else if (i === lines.length - 1) notes.push('锚点文件的最后一行不完整（写入中断），已忽略');
    else notes.push(`锚点文件第 ${i + 1} 行无法识别，已忽略`);
  });
  return { found: true, anchors, notes };
}

/** Check every anchor: the record it names must exist and have the hash it recorded. */
export async function verifyAnchors(store: Store, dataDir: string): Promise<AnchorCheck> {
  const file = anchorFile(dataDir);
  const { found, anchors, notes } = await readAnchors(file);
  const result: AnchorCheck = { file, found, checked: 0, latest: null, failed: 0, problem: null, notes };
  if (anchors.length === 0) {
    notes.push(
      found
        ? `锚点文件 ${file} 中没有可用的锚点：只校验了审计链本身，无法发现末尾记录被删除或整段改写`
        : `未找到锚点（${file} 不存在）：只校验了审计链本身，无法发现末尾记录被删除或整段改写`,
    );
    return result;
  }
  const head = await auditHead(store);
  const seqs = [...new Set(anchors.map((a) => a.seq))];
  const hashes = new Map<number, string>();
  for (let i = 0; i < seqs.length; i += LOOKUP_BATCH) {
    const rows = await store.db
      .selectFrom('auditLog')
      .select(['seq', 'hash'])
      .where('seq', 'in', seqs.slice(i, i + LOOKUP_BATCH))
      .execute();
    for (const r of rows) hashes.set(r.seq, r.hash);
  }
  for (const a of anchors) {
    result.checked++;
    if (!result.latest || a.seq > result.latest.seq) result.latest = a;
    const hash = hashes.get(a.seq);
    if (hash === a.hash) continue;
    result.failed++;
    if (result.problem && result.problem.seq <= a.seq) continue;
    const when = beijingTime(a.at);
    let reason: string;
    if (hash === undefined) {
      const tail =
        head === null
          ? '，现在审计记录一条也没有（记录被删除）'
          : head.seq < a.seq
            ? `，现在审计链只到第 ${head.seq} 条（末尾的记录被删除）`
            : '（记录被删除）';
      reason = `第 ${a.seq} 条记录缺失：${when} 的锚点记录审计链已到第 ${a.seq} 条${tail}`;
    } else {
      reason = `第 ${a.seq} 条记录的哈希与 ${when} 的锚点不符（这一条或之前的记录被改写）`;
    }
    result.problem = { seq: a.seq, at: a.at, reason };
  }
  return result;
}

/** The full check: the chain itself, then the anchors outside the database. */
export async function verifyAudit(store: Store, dataDir: string): Promise<AuditCheck> {
  const chain = await verifyAuditChain(store);
  const anchors = await verifyAnchors(store, dataDir);
  const frozen = await verifyFrozenResults(store);
  return {
    ...chain,
    ok: chain.ok && anchors.problem === null && frozen.problems.length === 0,
    anchors,
    frozen,
  };
}
