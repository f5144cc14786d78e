/** Backups taken while the server writes: the copy is consistent, restores into an empty database, and verifies. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '@luoshi/core';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { backupStore, restoreBackup } from '../../src/backup/backup.ts';
import { BACKUP_TABLES } from '../../src/backup/tables.ts';
import { type OpenStore, openStore, SQLITE_FILE, type Store } from '../../src/db/store.ts';
import { seedDeliverable, seedPlan, seedTask } from '../helpers/factories.ts';
import { DIALECTS, openTestStore, type TestApp, type TestStore, testApp } from '../helpers/harness.ts';

async function auditCount(store: Store): Promise<number> {
  const r = await store.db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every row of every table, in key order, for comparing two databases. */
async function dump(store: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const db = store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (const { table, key } of BACKUP_TABLES)
    out[table] = await db.selectFrom(table).selectAll().orderBy(key).execute();
  return out;
}

describe.each(DIALECTS)('backup on %s', (dialect) => {
  let t: TestApp;
  let dir: string;
  const opened: (OpenStore | TestStore)[] = [];

  beforeAll(async () => {
    t = await testApp(dialect);
    dir = mkdtempSync(join(tmpdir(), 'luoshi-backup-'));
    const plan = await seedPlan(t.store, 2025);
    const taskId = await seedTask(t.store, plan, 1);
    const orgId = await t.orgId('市财政局');
    for (const dueDate of ['2025-03-31', '2025-06-30', '2025-09-30'])
      await seedDeliverable(t.store, { plan, taskId, taskNo: 1, orgId, dueDate });
  });
  afterAll(async () => {
    for (const s of opened) await ('dispose' in s ? s.dispose() : s.close());
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Back up while a client keeps changing settings through the API; returns the result and audit counts. */
  async function backupDuringWrites(file: string) {
    const coord = await t.login('coord');
    let stop = false;
    let writes = 0;
    const loop = (async () => {
      while (!stop) {
        const res = await t.request(coord, 'PUT', '/api/settings', {
          ...DEFAULT_SETTINGS,
          dueSoonWorkdays: writes % 40,
        });
        expect(res.statusCode).toBe(200);
        writes++;
      }
    })();
    while (writes < 5) await new Promise((r) => setTimeout(r, 5));
    const before = await auditCount(t.store);
    const result = await backupStore(t.store, file);
    const during = writes;
    while (writes < during + 5) await new Promise((r) => setTimeout(r, 5));
    stop = true;
    await loop;
    return { result, before, after: await auditCount(t.store) };
  }

  it('copies the live database consistently while writes continue', async () => {
    const file = dialect === 'sqlite' ? join(dir, 'copy', SQLITE_FILE) : join(dir, 'luoshi.jsonl.gz');
    if (dialect === 'sqlite') mkdirSync(join(dir, 'copy'));
    const { result, before, after } = await backupDuringWrites(file);
    expect(result.file).toBe(file);
    expect(result.bytes).toBeGreaterThan(1_000);
    expect(result.tables.orgs).toBeGreaterThan(50);
    expect(result.tables.deliverables).toBe(3);
    // The copy holds a prefix of the chain: at least what was there when it started, no more than at the end.
    expect(result.tables.auditLog).toBeGreaterThanOrEqual(before);
    expect(result.tables.auditLog).toBeLessThan(after);

    const copy: OpenStore | TestStore =
      dialect === 'sqlite'
        ? await openStore({ databaseUrl: null, dataDir: join(dir, 'copy') })
        : await openTestStore(dialect);
    opened.push(copy);
    if (dialect === 'postgres') await restoreBackup(copy, file);
    const check = await verifyAuditChain(copy);
    expect(check).toMatchObject({ ok: true, problem: null });
    expect(check.count).toBe(result.tables.auditLog);
    // The settings in the copy are those of its last audit record: no write is half in.
    const last = await copy.db
      .selectFrom('auditLog')
      .select('afterJson')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const saved = await copy.db
      .selectFrom('settings')
      .select('valueJson')
      .where('key', '=', 'supervision')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(saved.valueJson)).toEqual(JSON.parse(last.afterJson!));
  });

  it('round-trips through JSON lines: every row equal, the chain verifies', async () => {
    const file = join(dir, `${dialect}-roundtrip.jsonl`);
    const result = await backupStore(t.store, file);
    const target = await openTestStore(dialect);
    opened.push(target);
    const restored = await restoreBackup(target, file);
    expect(restored.tables).toEqual(result.tables);
    expect(await dump(target)).toEqual(await dump(t.store));
    expect((await verifyAuditChain(target)).ok).toBe(true);
  });

  it('refuses to restore into a database that has data, or from a truncated file, and changes nothing', async () => {
    const file = join(dir, `${dialect}-refuse.jsonl`);
    await backupStore(t.store, file);
    const count = await auditCount(t.store);
    await expect(restoreBackup(t.store, file)).rejects.toThrow(/不是空的/);
    expect(await auditCount(t.store)).toBe(count);

    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const truncated = join(dir, `${dialect}-truncated.jsonl`);
    writeFileSync(truncated, `${lines.slice(0, -1).join('\n')}\n`);
    const target = await openTestStore(dialect);
    opened.push(target);
    await expect(restoreBackup(target, truncated)).rejects.toThrow(/不完整/);
    expect(await auditCount(target)).toBe(0);
    const foreign = join(dir, 'foreign.jsonl');
    writeFileSync(foreign, '{"hello":1}\n');
    await expect(restoreBackup(target, foreign)).rejects.toThrow(/不是落实系统的备份文件/);
  });

  // Across databases: only the SQLite run has a SQLite copy to move (registered there alone).
  if (dialect === 'sqlite')
    it('restores a SQLite copy into an empty PostgreSQL database', async () => {
      const copyDir = mkdtempSync(join(dir, 'cross-'));
      const file = join(copyDir, SQLITE_FILE);
      await backupStore(t.store, file);
      const target = await openTestStore('postgres');
      opened.push(target);
      await restoreBackup(target, file);
      const source = await openStore({ databaseUrl: null, dataDir: copyDir });
      opened.push(source);
      expect(await dump(target)).toEqual(await dump(source));
      expect((await verifyAuditChain(target)).ok).toBe(true);
    });
});
