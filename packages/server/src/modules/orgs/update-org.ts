/**
 * The coordinator fixes one org in place: the would-be directory is checked by core (known kind,
 * parent exists, no cycle, names and aliases tell units apart), guarded by an optimistic version,
 * audited with the values before and after. Sending what is already there changes nothing.
 */
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { AppError, notFound } from '../../errors.ts';
import {
  checkWouldBeDirectory,
  cleanList,
  fieldsOf,
  type OrgFields,
  type OrgView,
  orgView,
} from './org-fields.ts';

export type UpdateOrgInput = { rowVersion: number } & Partial<OrgFields>;

export async function updateOrg(
  store: Store,
  actor: Actor,
  id: string,
  input: UpdateOrgInput,
  now: Date,
): Promise<OrgView> {
  return inTransaction(store, async (tx) => {
    const row = await tx.db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('该单位');
    if (row.rowVersion !== input.rowVersion) throw new AppError('stale', undefined, 'rowVersion');
    const before = fieldsOf(row);
    const name = input.name?.trim() ?? before.name;
    const after: OrgFields = {
      name,
      kind: input.kind ?? before.kind,
      parentId: input.parentId === undefined ? before.parentId : input.parentId || null,
      aliases: cleanList(input.aliases ?? before.aliases, name),
      tags: cleanList(input.tags ?? before.tags),
      code: input.code === undefined ? before.code : input.code?.trim() || null,
      note: input.note?.trim() ?? before.note,
    };
    if (JSON.stringify(after) === JSON.stringify(before)) return orgView(row);
    await checkWouldBeDirectory(tx, id, after);
    const updated = await tx.db
      .updateTable('orgs')
      .set({
        ...after,
        aliases: JSON.stringify(after.aliases),
        tags: JSON.stringify(after.tags),
        updatedAt: now.toISOString(),
        rowVersion: row.rowVersion + 1,
      })
      .where('id', '=', id)
      .where('rowVersion', '=', row.rowVersion)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('stale', undefined, 'rowVersion');
    await appendAudit(
      tx,
      actor,
      { action: 'org.update', entity: 'org', entityId: id, orgId: id, before, after },
      now,
    );
    return orgView(updated);
  });
}
