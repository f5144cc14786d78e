/**
 * The store: a Kysely handle and the dialect behind it. Open it on the embedded SQLite file or on
 * PostgreSQL; migrations run on open. Every use case takes a Store (or a transaction of one).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export type Store = { db: Kysely<Database>; dialect: Dialect };

export type OpenStore = Store & {
  close(): Promise<void>;
  /** The SQLite file, or null on PostgreSQL. */
  file: string | null;
  url: string | null;
};

// bigint (count(*), sum) comes back from PostgreSQL as a string: our numbers fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

export const SQLITE_FILE = 'luoshi.sqlite';

export async function openStore(opts: {
  databaseUrl: string | null;
  dataDir: string;
  migrate?: boolean;
}): Promise<OpenStore> {
  let store: OpenStore;
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle client can lose its connection (server restart, a dropped test database): the pool
    // replaces it; without a handler the error would end the process.
    pool.on('error', (e) => {
      if ((e as { code?: string }).code !== '57P01') console.warn(`PostgreSQL: ${e.message}`);
    });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new CamelCasePlugin()],
    });
    store = { db, dialect: 'postgres', file: null, url: opts.databaseUrl, close: () => db.destroy() };
  } else {
    mkdirSync(opts.dataDir, { recursive: true });
    const file = join(opts.dataDir, SQLITE_FILE);
    const sqlite = new BetterSqlite3(file);
    // WAL for concurrent readers; FULL sync so an acknowledged write survives a crash.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 10000');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      plugins: [new CamelCasePlugin()],
    });
    store = { db, dialect: 'sqlite', file, url: null, close: () => db.destroy() };
  }
  if (opts.migrate !== false) await migrateToLatest(store.db);
  return store;
}

/** Run `fn` in one transaction; the store it gets writes inside it. */
export async function inTransaction<T>(store: Store, fn: (tx: Store) => Promise<T>): Promise<T> {
  return store.db
    .transaction()
    .execute((trx: Transaction<Database>) => fn({ db: trx, dialect: store.dialect }));
}

/** Serialize writers of one kind (the audit chain, a job) inside a transaction. */
export async function lockWithin(tx: Store, key: number): Promise<void> {
  if (tx.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(tx.db);
  // SQLite has one writer at a time already: the transaction holds the database lock once it writes.
}
