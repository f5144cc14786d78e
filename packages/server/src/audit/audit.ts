/**
 * The audit trail: every state change writes a record in the same transaction, chained by hash so
 * that editing or deleting a record is detectable (`verifyAuditChain`).
 *
 * The chain cannot show on its own that its newest records were deleted, or that it was rewritten
 * from some record on with recomputed hashes. For that the head `{seq, hash, at}` is anchored
 * outside the database, in an append-only file in the data folder (`anchors.ts`): every
 * `AUDIT_ANCHOR_EVERY_MINUTES` (default 10), at a clean stop and after `luoshi audit verify`
 * passes. `verifyAudit` checks the chain and then that every anchored record still has its hash.
 */
import { createHash } from 'node:crypto';
import { lockWithin, type Store } from '../db/store.ts';

export type Actor = { id: string | null; name: string; orgId: string | null };

export const SYSTEM_ACTOR: Actor = { id: null, name: '系统', orgId: null };

export type AuditEntry = {
  action: string;
  entity: string;
  entityId: string;
  orgId?: string | null;
  before?: unknown;
  after?: unknown;
};

const AUDIT_LOCK = 727_001;
export const GENESIS = '0'.repeat(64);

type Hashed = {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  orgId: string | null;
  action: string;
  entity: string;
  entityId: string;
  beforeJson: string | null;
  afterJson: string | null;
  prevHash: string;
};

export function auditHash(r: Hashed): string {
  const fields = [
    r.prevHash,
    r.seq,
    r.at,
    r.actorId,
    r.actorName,
    r.orgId,
    r.action,
    r.entity,
    r.entityId,
    r.beforeJson,
    r.afterJson,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Append one record. Call inside the transaction that makes the change. */
export async function appendAudit(tx: Store, actor: Actor, entry: AuditEntry, at: Date): Promise<void> {
  await lockWithin(tx, AUDIT_LOCK);
  const last = await tx.db
    .selectFrom('auditLog')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row: Hashed = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    orgId: entry.orgId ?? actor.orgId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    beforeJson: json(entry.before),
    afterJson: json(entry.after),
    prevHash: last?.hash ?? GENESIS,
  };
  await tx.db
    .insertInto('auditLog')
    .values({ ...row, hash: auditHash(row) })
    .execute();
}

export type ChainCheck = { ok: boolean; count: number; problem: { seq: number; reason: string } | null };

/** Walk the chain in order, in batches, and report the first record that does not fit. */
export async function verifyAuditChain(store: Store, batch = 5_000): Promise<ChainCheck> {
  let prev = GENESIS;
  let expected = 1;
  let count = 0;
  for (;;) {
    const rows = await store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('seq', '>=', expected)
      .orderBy('seq')
      .limit(batch)
      .execute();
    for (const r of rows) {
      if (r.seq !== expected)
        return { ok: false, count, problem: { seq: expected, reason: `记录 ${expected} 缺失` } };
      if (r.prevHash !== prev)
        return { ok: false, count, problem: { seq: r.seq, reason: '与上一条记录的链接不符' } };
      if (auditHash(r) !== r.hash)
        return { ok: false, count, problem: { seq: r.seq, reason: '内容与哈希不符（被修改）' } };
      prev = r.hash;
      expected++;
      count++;
    }
    if (rows.length < batch) return { ok: true, count, problem: null };
  }
}
