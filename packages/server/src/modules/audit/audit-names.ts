/**
 * The names behind the ids an audit page mentions (the record's object, who acted, and ids inside
 * what changed: 单位, 用户, 报送事项, 任务清单, 提醒督办的运行 …), so people read 市财政局 and 第7项 · 市财政局
 * instead of slugs and UUIDs. Ids that name nothing (a deleted row, an id of another kind) stay out.
 */
import type { Store } from '../../db/store.ts';

/** Keys inside an audit record's before/after whose string values are ids of other records. */
function isIdKey(key: string): boolean {
  return /(Id|By)$/.test(key) || key === 'id';
}

/** Every id an entry mentions: its object, its actor, its unit and the id fields of what changed. */
export function idsOf(entry: {
  entityId: string;
  actorId: string | null;
  orgId: string | null;
  before: unknown;
  after: unknown;
}): string[] {
  const ids = [entry.entityId];
  if (entry.actorId) ids.push(entry.actorId);
  if (entry.orgId) ids.push(entry.orgId);
  for (const side of [entry.before, entry.after])
    if (typeof side === 'object' && side !== null && !Array.isArray(side))
      for (const [key, value] of Object.entries(side))
        if (isIdKey(key) && typeof value === 'string' && value.length <= 200) ids.push(value);
  return ids;
}

const CHUNK = 500;

function chunks(ids: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(ids.slice(i, i + CHUNK));
  return out;
}

/** What an id names, and the web app's page of it when it has one. */
export type NamedRef = { name: string; link: string | null };

/** id → name (and page), for the ids given (at most a page's worth: a few thousand). */
export async function auditNames(store: Store, ids: Iterable<string>): Promise<Record<string, NamedRef>> {
  const wanted = [...new Set(ids)];
  const names: Record<string, NamedRef> = {};
  const set = (id: string, name: string, link: string | null = null) => {
    names[id] = { name, link };
  };
  if (wanted.length === 0) return names;
  const db = store.db;
  for (const part of chunks(wanted)) {
    for (const o of await db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', part).execute())
      set(o.id, o.name);
    for (const u of await db
      .selectFrom('users')
      .select(['id', 'username', 'displayName'])
      .where('id', 'in', part)
      .execute())
      set(
        u.id,
        u.displayName && u.displayName !== u.username ? `${u.displayName}（${u.username}）` : u.username,
      );
    for (const n of await db
      .selectFrom('notices')
      .select(['id', 'docNumber', 'title'])
      .where('id', 'in', part)
      .execute())
      set(n.id, n.docNumber ?? n.title ?? '通知文件');
    for (const p of await db
      .selectFrom('plans')
      .innerJoin('notices', 'notices.id', 'plans.noticeId')
      .select(['plans.id', 'plans.version', 'notices.docNumber', 'notices.title'])
      .where('plans.id', 'in', part)
      .execute())
      set(p.id, `${p.docNumber ?? p.title ?? '任务清单'} 第${p.version}版`, `/plans/${p.id}`);
    const deliverableName = (taskNo: number, org: string, period: string) =>
      `第${taskNo}项 · ${org} · ${period}`;
    for (const d of await db
      .selectFrom('deliverables')
      .innerJoin('orgs', 'orgs.id', 'deliverables.orgId')
      .select(['deliverables.id', 'deliverables.taskNo', 'deliverables.period', 'orgs.name'])
      .where('deliverables.id', 'in', part)
      .execute())
      set(d.id, deliverableName(d.taskNo, d.name, d.period), `/deliverables/${d.id}`);
    for (const r of await db
      .selectFrom('reports')
      .innerJoin('deliverables', 'deliverables.id', 'reports.deliverableId')
      .innerJoin('orgs', 'orgs.id', 'deliverables.orgId')
      .select([
        'reports.id',
        'reports.deliverableId',
        'deliverables.taskNo',
        'deliverables.period',
        'orgs.name',
      ])
      .where('reports.id', 'in', part)
      .execute())
      set(r.id, `${deliverableName(r.taskNo, r.name, r.period)} 的报告`, `/deliverables/${r.deliverableId}`);
    for (const e of await db
      .selectFrom('evidence')
      .select(['id', 'fileName'])
      .where('id', 'in', part)
      .execute())
      set(e.id, e.fileName);
    // A pass of 提醒督办 is known by the day it judged lateness on, as the 提醒督办 page lists it.
    for (const r of await db
      .selectFrom('escalationRuns')
      .select(['id', 'asOf'])
      .where('id', 'in', part)
      .execute())
      set(r.id, `督办日期 ${r.asOf} 的运行`, '/escalations');
  }
  return names;
}
