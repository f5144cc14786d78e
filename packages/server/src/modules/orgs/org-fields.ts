/**
 * What the single-org edits share: the org as the API shows it, and the check of a would-be
 * directory by core `createOrgDirectory`, its first error turned into a 400 naming the field.
 */
import { createOrgDirectory, type Organization, type OrgKind } from '@luoshi/core';
import type { Org } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { AppError } from '../../errors.ts';

export type OrgView = {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  aliases: string[];
  tags: string[];
  code: string | null;
  note: string;
  rowVersion: number;
};

/** The fields a coordinator may set on one org (the id is fixed once created). */
export type OrgFields = {
  name: string;
  kind: string;
  parentId: string | null;
  aliases: string[];
  tags: string[];
  code: string | null;
  note: string;
};

export function orgView(row: Org): OrgView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    aliases: JSON.parse(row.aliases) as string[],
    tags: JSON.parse(row.tags) as string[],
    code: row.code,
    note: row.note,
    rowVersion: row.rowVersion,
  };
}

/** Trimmed, empty entries and repeats dropped, as the CSV import reads a list cell. */
export function cleanList(items: readonly string[], without?: string): string[] {
  const out: string[] = [];
  for (const raw of items) {
    const item = raw.trim();
    if (item !== '' && item !== without && !out.includes(item)) out.push(item);
  }
  return out;
}

function toOrganization(id: string, f: OrgFields): Organization {
  return {
    id,
    name: f.name,
    kind: f.kind as OrgKind,
    parent: f.parentId,
    aliases: f.aliases,
    tags: f.tags,
    code: f.code,
    note: f.note,
  };
}

const FIELD_OF: Readonly<Record<string, string>> = { parent: 'parentId' };

/**
 * Validate the directory the database would hold with `id` set to `fields` (added when new). The
 * edited org is checked last, so that a name or alias clash is reported against it.
 */
export async function checkWouldBeDirectory(tx: Store, id: string, fields: OrgFields): Promise<void> {
  const rows = await tx.db.selectFrom('orgs').selectAll().orderBy('createdAt').orderBy('id').execute();
  const others = rows.filter((r) => r.id !== id).map((r) => toOrganization(r.id, fieldsOf(r)));
  const orgs = [...others, toOrganization(id, fields)];
  const result = createOrgDirectory(orgs);
  if (!('errors' in result)) return;
  const ownLine = orgs.length + 1;
  const first = result.errors.find((e) => e.line === ownLine) ?? result.errors[0]!;
  // Core messages start with the CSV place (`第12行 parent: `); a form names the field itself.
  // Line numbers of a file that does not exist here mean nothing to the reader either.
  const message = first.message
    .replace(/^第\d+行(?: [^:]+)?: /, '')
    .replace(/（第\d+行）/g, '')
    .replace(/第\d+行/g, '');
  throw new AppError('validation', message, FIELD_OF[first.field] ?? first.field);
}

export function fieldsOf(row: Org): OrgFields {
  return {
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    aliases: JSON.parse(row.aliases) as string[],
    tags: JSON.parse(row.tags) as string[],
    code: row.code,
    note: row.note,
  };
}
