/**
 * Migration 0002-report-returned-by on a database made before it: reports the coordinator had
 * returned are marked as the coordinator's returns (who and when from the review columns); others
 * stay unmarked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDefaultOrgs } from '../../src/bootstrap.ts';
import { MIGRATIONS, migrateToLatest } from '../../src/db/migrations.ts';
import { type OpenStore, openStore } from '../../src/db/store.ts';
import { newId } from '../../src/ids.ts';
import { seedDeliverable, seedPlan, seedTask } from '../helpers/factories.ts';
import { DIALECTS, PG_ADMIN_URL } from '../helpers/harness.ts';

/** A store of the given dialect with only the first migration applied. */
async function storeBefore0002(dialect: (typeof DIALECTS)[number]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-migration-'));
  let url: string | null = null;
  let dbName: string | null = null;
  if (dialect === 'postgres') {
    dbName = `luoshi_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const store: OpenStore = await openStore({ databaseUrl: url, dataDir, migrate: false });
  const first = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => ({ '0001-initial': MIGRATIONS['0001-initial']! }) },
    migrationTableName: 'luoshi_migrations',
    migrationLockTableName: 'luoshi_migration_lock',
  });
  const { error } = await first.migrateToLatest();
  if (error) throw error;
  const dispose = async () => {
    await store.close();
    if (dbName) {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { store, dispose };
}

describe.each(DIALECTS)('migration 0002-report-returned-by on %s', (dialect) => {
  let dispose: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await dispose?.();
    dispose = null;
  });

  it('marks the reports the coordinator had returned, and only those', async () => {
    const old = await storeBefore0002(dialect);
    dispose = old.dispose;
    const { store } = old;
    const now = new Date('2025-03-10T02:00:00.000Z');
    await loadDefaultOrgs(store, now);
    const org = await store.db
      .selectFrom('orgs')
      .select('id')
      .where('name', '=', '市财政局')
      .executeTakeFirstOrThrow();
    // Users as the first migration stored them (the columns later migrations add do not exist yet).
    const oldUser = async (username: string, role: string, orgId: string | null) => {
      const id = newId();
      const at = now.toISOString();
      await sql`insert into users (id, username, display_name, password_hash, role, org_id, email,
        failed_logins, locked_until, active, created_at, updated_at, row_version)
        values (${id}, ${username}, ${username}, ${'not-a-hash'}, ${role}, ${orgId}, ${null},
        ${0}, ${null}, ${1}, ${at}, ${at}, ${1})`.execute(store.db);
      return id;
    };
    const coord = await oldUser('coord', 'coordinator', null);
    const reporter = await oldUser('lx', 'reporter', org.id);
    const plan = await seedPlan(store);
    const taskId = await seedTask(store, plan, 7);
    const report = async (
      status: 'returned' | 'accepted' | 'draft',
      reviewed: boolean,
      reason: string | null,
    ) => {
      const deliverableId = await seedDeliverable(store, {
        plan,
        taskId,
        taskNo: 7,
        orgId: org.id,
        dueDate: '2025-03-31',
      });
      const id = newId();
      // The columns as they were before 0002 (no returned_*).
      await store.db
        .insertInto('reports')
        .values({
          id,
          deliverableId,
          orgId: org.id,
          authorId: reporter,
          status,
          narrative: '本季度工作已完成。',
          completion: 'done',
          figuresJson: '[]',
          submittedAt: '2025-03-01T02:00:00.000Z',
          approvedBy: null,
          approvedAt: null,
          reviewedBy: reviewed ? coord : null,
          reviewedAt: reviewed ? '2025-03-02T02:00:00.000Z' : null,
          returnReason: reason,
          createdAt: '2025-03-01T01:00:00.000Z',
          updatedAt: '2025-03-02T02:00:00.000Z',
          rowVersion: 3,
        })
        .execute();
      return id;
    };
    const returned = await report('returned', true, '请补充佐证材料。');
    const accepted = await report('accepted', true, null);
    const draft = await report('draft', false, null);

    await migrateToLatest(store.db);

    const rows = await store.db
      .selectFrom('reports')
      .select(['id', 'returnedBy', 'returnedAt', 'returnedByRole', 'rowVersion'])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(returned)).toEqual({
      id: returned,
      returnedBy: coord,
      returnedAt: '2025-03-02T02:00:00.000Z',
      returnedByRole: 'coordinator',
      rowVersion: 3,
    });
    for (const id of [accepted, draft])
      expect(byId.get(id)).toEqual({
        id,
        returnedBy: null,
        returnedAt: null,
        returnedByRole: null,
        rowVersion: 3,
      });
  });
});
