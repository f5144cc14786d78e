/**
 * A consistent copy of a live SQLite file: `VACUUM INTO` on a separate read-only connection reads one
 * snapshot (WAL lets the server keep writing meanwhile). It runs in a worker thread so the event loop
 * of a running server is not blocked while a large file is copied.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../db/schema.ts';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.source, { readonly: true, fileMustExist: true });
try {
  db.pragma('busy_timeout = 10000');
  db.prepare('VACUUM INTO ?').run(workerData.target);
  parentPort.postMessage({ ok: true });
} catch (e) {
  parentPort.postMessage({ ok: false, error: String(e && e.message ? e.message : e) });
} finally {
  db.close();
}
`;

export function vacuumInto(source: string, target: string): Promise<void> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { driver, source, target } });
    let settled = false;
    worker.once('message', (m: { ok: boolean; error?: string }) => {
      settled = true;
      if (m.ok) resolve();
      else reject(new Error(`SQLite 备份失败：${m.error ?? '未知错误'}`));
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`SQLite 备份进程异常退出（${code}）`));
    });
  });
}

/** A Kysely on its own read-only connection to a SQLite file, closed afterwards. */
export async function withReadOnlySqlite<T>(
  path: string,
  fn: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: new BetterSqlite3(path, { readonly: true, fileMustExist: true }),
    }),
    plugins: [new CamelCasePlugin()],
  });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}
