/**
 * The portable backup format: JSON lines, optionally gzip-compressed.
 *   {"luoshi":"backup","version":1,"dialect":"postgres","tables":["orgs",…]}
 *   {"t":"orgs","r":{…row…}}                    one line per row, tables in dependency order
 *   {"end":true,"counts":{"orgs":63,…}}          the last line: a file without it is truncated
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { BACKUP_TABLES, type LooseDb, type Row, readTables } from './tables.ts';

export const FORMAT = 'luoshi-backup';
export const VERSION = 1;

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Write every table of `db` (a transaction that sees one snapshot) to `path`. Returns rows per table. */
export async function writeJsonLines(
  db: LooseDb,
  dialect: string,
  path: string,
  compress: boolean,
): Promise<Record<string, number>> {
  const file = createWriteStream(path);
  const gzip = compress ? createGzip({ level: 6 }) : null;
  if (gzip) gzip.pipe(file);
  const out: Writable = gzip ?? file;
  const counts: Record<string, number> = Object.fromEntries(BACKUP_TABLES.map((t) => [t.table, 0]));
  try {
    await write(
      out,
      `${JSON.stringify({ luoshi: FORMAT, version: VERSION, dialect, tables: BACKUP_TABLES.map((t) => t.table) })}\n`,
    );
    for await (const { table, rows } of readTables(db)) {
      let chunk = '';
      for (const r of rows) chunk += `${JSON.stringify({ t: table, r })}\n`;
      await write(out, chunk);
      counts[table] = (counts[table] ?? 0) + rows.length;
    }
    await write(out, `${JSON.stringify({ end: true, counts })}\n`);
    out.end();
    await finished(file);
  } catch (e) {
    out.destroy();
    file.destroy();
    throw e;
  }
  return counts;
}

export type JsonLine = { t: string; r: Row } | { end: true; counts: Record<string, number> };

/** The lines of a backup file (gzip detected by its magic bytes), header checked. */
export async function* readJsonLines(path: string, gzipped: boolean): AsyncGenerator<JsonLine> {
  const input = createReadStream(path);
  const lines = createInterface({ input: gzipped ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  let first = true;
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`备份文件第 ${n} 行不是有效的 JSON`);
    }
    if (first) {
      const head = value as { luoshi?: unknown; version?: unknown };
      if (head.luoshi !== FORMAT) throw new Error('不是落实系统的备份文件');
      if (head.version !== VERSION) throw new Error(`不支持的备份格式版本：${String(head.version)}`);
      first = false;
      continue;
    }
    yield value as JsonLine;
  }
}
