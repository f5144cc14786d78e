/** The audit trail of anything (a task, deliverable, report, plan, user …), newest first, one page at a time. */
import type { Store } from '../../db/store.ts';
import { auditNames, idsOf, type NamedRef } from './audit-names.ts';

export type AuditQuery = {
  entity?: string;
  entityId?: string;
  actorId?: string;
  /** Only records older than this sequence number (the `nextBefore` of the previous page). */
  before?: number;
  limit: number;
};

export type AuditRecord = {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  orgId: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  hash: string;
};

export type AuditPage = {
  entries: AuditRecord[];
  nextBefore: number | null;
  /** What the ids on this page name (units, users, deliverables, plans …), with their pages. */
  names: Record<string, NamedRef>;
};

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

export async function listAudit(store: Store, q: AuditQuery): Promise<AuditPage> {
  let query = store.db
    .selectFrom('auditLog')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(q.limit + 1);
  if (q.entity !== undefined) query = query.where('entity', '=', q.entity);
  if (q.entityId !== undefined) query = query.where('entityId', '=', q.entityId);
  if (q.actorId !== undefined) query = query.where('actorId', '=', q.actorId);
  if (q.before !== undefined) query = query.where('seq', '<', q.before);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const entries = page.map((r) => ({
    seq: r.seq,
    at: r.at,
    actorId: r.actorId,
    actorName: r.actorName,
    orgId: r.orgId,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: parse(r.beforeJson),
    after: parse(r.afterJson),
    hash: r.hash,
  }));
  return {
    entries,
    nextBefore: rows.length > q.limit ? (page[page.length - 1]?.seq ?? null) : null,
    names: await auditNames(store, entries.flatMap(idsOf)),
  };
}
