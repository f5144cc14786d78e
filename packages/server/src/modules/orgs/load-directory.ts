import { createOrgDirectory, type OrgDirectory, type OrgKind } from '@luoshi/core';
import type { Store } from '../../db/store.ts';

/** The org directory as the parser needs it, built from the orgs table. */
export async function loadDirectory(store: Store): Promise<OrgDirectory> {
  const rows = await store.db.selectFrom('orgs').selectAll().orderBy('createdAt').orderBy('id').execute();
  const result = createOrgDirectory(
    rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind as OrgKind,
      parent: r.parentId,
      aliases: JSON.parse(r.aliases) as string[],
      tags: JSON.parse(r.tags) as string[],
      code: r.code,
      note: r.note,
    })),
  );
  if ('errors' in result)
    throw new Error(`org directory in the database is inconsistent: ${result.errors[0]?.message}`);
  return result.directory;
}
