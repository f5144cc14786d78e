/** A fresh store of a dialect migrated only up to (not including) one migration, to test that migration on old data. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import pg from 'pg';
import { MIGRATIONS } from '../../src/db/migrations.ts';
import { type Dialect, type OpenStore, openStore } from '../../src/db/store.ts';
import { PG_ADMIN_URL } from './harness.ts';

export async function storeBefore(
  dialect: Dialect,
  migration: string,
): Promise<{ store: OpenStore; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-migration-'));
  let url: string | null = null;
  const dbName = `luoshi_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = async (query: string) => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(query);
    await c.end();
  };
  if (dialect === 'postgres') {
    await admin(`create database ${dbName}`);
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const store = await openStore({ databaseUrl: url, dataDir, migrate: false });
  const earlier = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < migration));
  const { error } = await new Migrator({
    db: store.db,
    provider: { getMigrations: async () => earlier },
    migrationTableName: 'luoshi_migrations',
    migrationLockTableName: 'luoshi_migration_lock',
  }).migrateToLatest();
  if (error) throw error;
  return {
    store,
    dispose: async () => {
      await store.close();
      if (dialect === 'postgres') await admin(`drop database if exists ${dbName} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
