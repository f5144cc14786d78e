/**
 * `luoshi backup FILE`: a consistent copy of the database while the server runs.
 *
 * - SQLite: `VACUUM INTO` a new SQLite file from one read snapshot; the copy opens as a database.
 * - PostgreSQL (and SQLite when FILE ends in .jsonl or .jsonl.gz): every table in dependency order as
 *   JSON lines, read in one REPEATABLE READ, READ ONLY transaction (one snapshot), gzip when FILE ends
 *   in .gz. `restoreBackup` loads either kind into an empty database of either dialect.
 *
 * The copy is written to a temporary file beside FILE, synced, then renamed: FILE is either the old
 * content or the complete new backup, never half of one. A backup is an export of every record: it is
 * recorded in the audit trail afterwards (`auditBackup`), by file name, size and rows.
 */
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type Actor, appendAudit } from '../audit/audit.ts';
import { inTransaction, type Store } from '../db/store.ts';
import { writeJsonLines } from './jsonl.ts';
import { vacuumInto, withReadOnlySqlite } from './sqlite-snapshot.ts';
import { BACKUP_TABLES, loose } from './tables.ts';

export { restoreBackup } from './restore.ts';

export type BackupResult = { file: string; bytes: number; tables: Record<string, number> };

/** The store to back up; on SQLite, `file` is the database file (OpenStore.file). */
export type BackupSource = Store & { file?: string | null };

export async function backupStore(store: BackupSource, file: string): Promise<BackupResult> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    let tables: Record<string, number>;
    const jsonl = /\.jsonl(\.gz)?$/.test(file);
    // The temporary name ends in .tmp: whether to compress comes from the target's name.
    const compress = file.endsWith('.gz');
    if (store.dialect === 'sqlite' && !store.file) throw new Error('SQLite 数据库文件未知，无法备份');
    if (store.dialect === 'sqlite' && !jsonl) {
      await vacuumInto(store.file!, tmp);
      tables = countSqliteFile(tmp);
    } else if (store.dialect === 'sqlite') {
      tables = await withReadOnlySqlite(store.file!, (db) =>
        db.transaction().execute((trx) => writeJsonLines(loose(trx), 'sqlite', tmp, compress)),
      );
    } else {
      tables = await store.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute((trx) => writeJsonLines(loose(trx), 'postgres', tmp, compress));
    }
    syncFile(tmp);
    renameSync(tmp, file);
    return { file, bytes: statSync(file).size, tables };
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw e;
  }
}

/** Who makes a backup: the administrator at the server's shell. */
const SHELL: Actor = { id: null, name: '命令行（luoshi backup）', orgId: null };

/** Record a finished backup in the audit trail (the file's name only: no path of the machine). */
export async function auditBackup(store: Store, result: BackupResult, now: Date): Promise<void> {
  const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);
  const file = basename(result.file);
  await inTransaction(store, (tx) =>
    appendAudit(
      tx,
      SHELL,
      {
        action: 'backup.create',
        entity: 'backup',
        entityId: file,
        after: { file, bytes: result.bytes, rows },
      },
      now,
    ),
  );
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Rows per table of a SQLite backup file. */
export function countSqliteFile(path: string): Record<string, number> {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const out: Record<string, number> = {};
    for (const { table } of BACKUP_TABLES) {
      const name = table.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      const row = db.prepare(`select count(*) as n from ${name}`).get() as { n: number };
      out[table] = row.n;
    }
    return out;
  } finally {
    db.close();
  }
}
