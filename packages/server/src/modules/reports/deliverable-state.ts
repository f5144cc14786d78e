/**
 * Moving a deliverable through its states from the reporting loop: the row is locked for the
 * transaction, changed with an optimistic version check, and the change audited.
 */
import { type Actor, appendAudit } from '../../audit/audit.ts';
import type { Deliverable, DeliverableUpdate, Report } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { AppError, notFound } from '../../errors.ts';

/**
 * The deliverable a report or an extension request belongs to, or 404 naming `what`. Read before the
 * transaction, which then locks the deliverable first (always deliverable, then report: no deadlock).
 */
export async function deliverableIdOf(
  store: Store,
  table: 'reports' | 'extensions',
  id: string,
  what: string,
): Promise<string> {
  const found = await store.db
    .selectFrom(table)
    .select('deliverableId')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!found) throw notFound(what);
  return found.deliverableId;
}

/** Read the deliverable inside a transaction, holding its row lock on PostgreSQL. */
export async function lockDeliverable(tx: Store, id: string): Promise<Deliverable> {
  let q = tx.db.selectFrom('deliverables').selectAll().where('id', '=', id);
  if (tx.dialect === 'postgres') q = q.forUpdate();
  const d = await q.executeTakeFirst();
  if (!d) throw notFound('该报送事项');
  return d;
}

/** Read the report inside a transaction, holding its row lock on PostgreSQL. */
export async function lockReport(tx: Store, id: string): Promise<Report> {
  let q = tx.db.selectFrom('reports').selectAll().where('id', '=', id);
  if (tx.dialect === 'postgres') q = q.forUpdate();
  const r = await q.executeTakeFirst();
  if (!r) throw notFound('该报告');
  return r;
}

/** Fail with 409 stale when the client edited an older version. */
export function expectVersion(current: { rowVersion: number }, given: number): void {
  if (current.rowVersion !== given)
    throw new AppError(
      'stale',
      `报告已被他人修改（当前版本 ${current.rowVersion}，您提交的是版本 ${given}），请刷新后重试`,
      'rowVersion',
    );
}

type DeliverablePatch = Pick<DeliverableUpdate, 'status' | 'submittedAt' | 'acceptedAt' | 'dueDate'>;

/** Change a (locked) deliverable and audit it; returns the new row. */
export async function moveDeliverable(
  tx: Store,
  actor: Actor,
  d: Deliverable,
  patch: DeliverablePatch,
  action: string,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<Deliverable> {
  const iso = now.toISOString();
  const res = await tx.db
    .updateTable('deliverables')
    .set({ ...patch, updatedAt: iso, rowVersion: d.rowVersion + 1 })
    .where('id', '=', d.id)
    .where('rowVersion', '=', d.rowVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('stale', '报送事项已被他人修改，请刷新后重试');
  const keys = Object.keys(patch) as (keyof DeliverablePatch)[];
  const before: Record<string, unknown> = { rowVersion: d.rowVersion };
  const after: Record<string, unknown> = { rowVersion: d.rowVersion + 1, ...extra };
  for (const k of keys) {
    before[k] = d[k];
    after[k] = patch[k];
  }
  await appendAudit(
    tx,
    actor,
    { action, entity: 'deliverable', entityId: d.id, orgId: d.orgId, before, after },
    now,
  );
  return { ...d, ...patch, updatedAt: iso, rowVersion: d.rowVersion + 1 } as Deliverable;
}
