import type { OrgDirectory } from '@luoshi/core';
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { newSecret } from '../../ids.ts';

/**
 * Load an org directory into the database: new organizations are added, existing ones (same id)
 * updated; none is deleted (deliverables refer to them). One transaction, one audit record per change.
 */
export async function importOrgs(
  store: Store,
  actor: Actor,
  directory: OrgDirectory,
  now: Date,
): Promise<{ added: number; updated: number; unchanged: number }> {
  return inTransaction(store, async (tx) => {
    const existing = new Map((await tx.db.selectFrom('orgs').selectAll().execute()).map((o) => [o.id, o]));
    const counts = { added: 0, updated: 0, unchanged: 0 };
    const iso = now.toISOString();
    for (const o of directory.orgs) {
      const values = {
        name: o.name,
        kind: o.kind,
        parentId: o.parent,
        aliases: JSON.stringify(o.aliases),
        tags: JSON.stringify(o.tags),
        code: o.code,
        note: o.note,
      };
      const before = existing.get(o.id);
      if (!before) {
        await tx.db
          .insertInto('orgs')
          .values({
            id: o.id,
            ...values,
            icalToken: newSecret(24),
            createdAt: iso,
            updatedAt: iso,
            rowVersion: 1,
          })
          .execute();
        await appendAudit(
          tx,
          actor,
          { action: 'org.create', entity: 'org', entityId: o.id, after: values },
          now,
        );
        counts.added++;
        continue;
      }
      const same = (Object.keys(values) as (keyof typeof values)[]).every((k) => before[k] === values[k]);
      if (same) {
        counts.unchanged++;
        continue;
      }
      await tx.db
        .updateTable('orgs')
        .set({ ...values, updatedAt: iso, rowVersion: before.rowVersion + 1 })
        .where('id', '=', o.id)
        .execute();
      const { icalToken: _secret, ...visibleBefore } = before;
      await appendAudit(
        tx,
        actor,
        { action: 'org.update', entity: 'org', entityId: o.id, before: visibleBefore, after: values },
        now,
      );
      counts.updated++;
    }
    return counts;
  });
}
