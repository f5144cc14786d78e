/**
 * The coordinator adds one org: checked like an edit (known kind, parent exists, name and aliases
 * free), given its own calendar-feed secret, audited.
 */
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { AppError } from '../../errors.ts';
import { newId, newSecret } from '../../ids.ts';
import { checkWouldBeDirectory, cleanList, type OrgFields, type OrgView, orgView } from './org-fields.ts';

export type CreateOrgInput = {
  id?: string;
  name: string;
  kind: string;
  parentId?: string | null;
  aliases?: string[];
  tags?: string[];
  code?: string | null;
  note?: string;
};

export async function createOrg(
  store: Store,
  actor: Actor,
  input: CreateOrgInput,
  now: Date,
): Promise<OrgView> {
  const id = input.id?.trim() || newId();
  const name = input.name.trim();
  const fields: OrgFields = {
    name,
    kind: input.kind,
    parentId: input.parentId || null,
    aliases: cleanList(input.aliases ?? [], name),
    tags: cleanList(input.tags ?? []),
    code: input.code?.trim() || null,
    note: input.note?.trim() ?? '',
  };
  return inTransaction(store, async (tx) => {
    const taken = await tx.db.selectFrom('orgs').select('id').where('id', '=', id).executeTakeFirst();
    if (taken) throw new AppError('conflict', `编号 ${id} 已被其他单位使用`, 'id');
    await checkWouldBeDirectory(tx, id, fields);
    const iso = now.toISOString();
    const row = await tx.db
      .insertInto('orgs')
      .values({
        id,
        ...fields,
        aliases: JSON.stringify(fields.aliases),
        tags: JSON.stringify(fields.tags),
        icalToken: newSecret(24),
        createdAt: iso,
        updatedAt: iso,
        rowVersion: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(
      tx,
      actor,
      { action: 'org.create', entity: 'org', entityId: id, orgId: id, after: fields },
      now,
    );
    return orgView(row);
  });
}
