/**
 * Load a backup (a SQLite copy, or JSON lines, gzip or not) into an empty, migrated database of
 * either dialect, in one transaction: a truncated or foreign file changes nothing.
 */
import { open } from 'node:fs/promises';
import { inTransaction, type Store } from '../db/store.ts';
import { AppError } from '../errors.ts';
import { readJsonLines } from './jsonl.ts';
import { withReadOnlySqlite } from './sqlite-snapshot.ts';
import { BACKUP_TABLES, type LooseDb, loose, type Row, readTables, type TableName } from './tables.ts';

const KNOWN = new Set<string>(BACKUP_TABLES.map((t) => t.table));

async function magic(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    await fh.read(buf, 0, 16, 0);
    return buf;
  } finally {
    await fh.close();
  }
}

/** Rows per insert: below both dialects' limits on bound parameters (at most ~21 columns a row). */
const BATCH = 500;

async function insertAll(db: LooseDb, table: string, rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH))
      .execute();
  }
}

export async function restoreBackup(store: Store, file: string): Promise<{ tables: Record<string, number> }> {
  const head = await magic(file);
  const sqliteFile = head.subarray(0, 16).toString('latin1') === 'SQLite format 3\u0000';
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  const counts: Record<string, number> = Object.fromEntries(BACKUP_TABLES.map((t) => [t.table, 0]));
  await inTransaction(store, async (tx) => {
    const db = loose(tx.db);
    for (const { table } of BACKUP_TABLES) {
      const any = await db
        .selectFrom(table)
        .select(db.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(any.n) > 0)
        throw new AppError('invalid-state', `目标数据库不是空的（${table} 已有数据），只能恢复到空数据库`);
    }
    if (sqliteFile) {
      await withReadOnlySqlite(file, async (src) => {
        for await (const { table, rows } of readTables(loose(src))) {
          await insertAll(db, table, rows);
          counts[table] = (counts[table] ?? 0) + rows.length;
        }
      });
      return;
    }
    let ended = false;
    let table: TableName | null = null;
    let rows: Row[] = [];
    const flush = async () => {
      if (table && rows.length > 0) {
        await insertAll(db, table, rows);
        counts[table] = (counts[table] ?? 0) + rows.length;
      }
      rows = [];
    };
    for await (const line of readJsonLines(file, gzipped)) {
      if ('end' in line) {
        await flush();
        for (const [name, n] of Object.entries(line.counts))
          if ((counts[name] ?? 0) !== n)
            throw new Error(`备份文件中 ${name} 的行数不符（${counts[name]}≠${n}）`);
        ended = true;
        break;
      }
      if (!KNOWN.has(line.t)) throw new Error(`备份文件含未知的表：${line.t}`);
      if (table !== line.t) {
        await flush();
        table = line.t as TableName;
      }
      rows.push(line.r);
      if (rows.length >= 2_000) await flush();
    }
    if (!ended) throw new Error('备份文件不完整（缺少结束标记），未恢复任何数据');
  });
  return { tables: counts };
}
