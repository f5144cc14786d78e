/** The tables a backup carries, parents before children, and a reader that pages through them by key. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type TableName = keyof Database;

/** Every table in dependency order (a table only refers to tables before it), with its primary key. */
export const BACKUP_TABLES: readonly { table: TableName; key: string }[] = [
  { table: 'orgs', key: 'id' },
  { table: 'users', key: 'id' },
  { table: 'sessions', key: 'id' },
  { table: 'notices', key: 'id' },
  { table: 'plans', key: 'id' },
  { table: 'tasks', key: 'id' },
  { table: 'assignments', key: 'id' },
  { table: 'deliverables', key: 'id' },
  { table: 'reports', key: 'id' },
  { table: 'evidence', key: 'id' },
  { table: 'extensions', key: 'id' },
  { table: 'escalationRuns', key: 'id' },
  { table: 'escalations', key: 'id' },
  { table: 'assessmentRubrics', key: 'id' },
  { table: 'assessmentAdjustments', key: 'id' },
  { table: 'assessmentYears', key: 'id' },
  { table: 'assessmentAppeals', key: 'id' },
  { table: 'notifications', key: 'id' },
  { table: 'outbox', key: 'id' },
  { table: 'settings', key: 'key' },
  { table: 'auditLog', key: 'seq' },
  { table: 'jobLocks', key: 'name' },
];

export type Row = Record<string, unknown>;

/** Kysely over tables chosen at run time: rows are plain records. */
export type LooseDb = Kysely<Record<string, Row>>;

export function loose(db: Kysely<Database>): LooseDb {
  return db as unknown as LooseDb;
}

/** Batches of rows of every table, in order, paging by primary key (keyset, so each page is cheap). */
export async function* readTables(
  db: LooseDb,
  batch = 2_000,
): AsyncGenerator<{ table: TableName; rows: Row[] }> {
  for (const { table, key } of BACKUP_TABLES) {
    let last: unknown = null;
    for (;;) {
      let q = db.selectFrom(table).selectAll().orderBy(key).limit(batch);
      if (last !== null) q = q.where(key, '>', last);
      const rows = await q.execute();
      if (rows.length > 0) yield { table, rows };
      if (rows.length < batch) break;
      last = rows[rows.length - 1]![key];
    }
  }
}
