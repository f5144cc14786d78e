/**
 * Helpers for tests that need the reference notice (鹰府字〔2024〕25号, 51 tasks) imported or
 * published, a multipart upload, or a .docx made from a notice text.
 */
import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import type { Actor } from '../../src/audit/audit.ts';
import { type ImportNoticeResult, importNotice } from '../../src/modules/plans/import-notice.ts';
import { type PublishResult, publishPlan } from '../../src/modules/plans/publish-plan.ts';
import type { TestApp } from './harness.ts';
import { multipart as multipartParts } from './multipart.ts';

export const REFERENCE_URL = new URL('../../../core/data/notices/yingtan-2024-25.txt', import.meta.url);

export function referenceText(): string {
  return readFileSync(REFERENCE_URL, 'utf8');
}

/** The reference notice with some task texts or unit cells replaced (a "revised" notice). */
export function editedReference(replacements: [string, string][]): string {
  let text = referenceText();
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`reference notice has no "${from}"`);
    text = text.replace(from, to);
  }
  return text;
}

export async function coordActor(t: TestApp): Promise<Actor> {
  const u = await t.store.db
    .selectFrom('users')
    .select(['id', 'username', 'orgId'])
    .where('username', '=', 'coord')
    .executeTakeFirstOrThrow();
  return { id: u.id, name: u.username, orgId: u.orgId };
}

export async function importReference(
  t: TestApp,
  opts: { text?: string; year?: number } = {},
): Promise<ImportNoticeResult> {
  return importNotice(
    t.store,
    await coordActor(t),
    { text: opts.text ?? referenceText(), fileName: 'yingtan-2024-25.txt', year: opts.year },
    t.clock.now(),
  );
}

/** Import (for `year`, 2025 unless said) and publish the reference notice. */
export async function publishReference(
  t: TestApp,
  opts: { text?: string; year?: number } = {},
): Promise<ImportNoticeResult & { published: PublishResult }> {
  const imported = await importReference(t, { year: 2025, ...opts });
  const published = await publishPlan(
    t.store,
    await coordActor(t),
    imported.planId,
    { rowVersion: imported.plan.rowVersion },
    t.clock.now(),
  );
  return { ...imported, published };
}

export type Upload = { field?: string; fileName: string; contentType: string; bytes: Uint8Array | string };

/** A multipart/form-data body with fields, then files (the `file` field unless said), for `app.inject`. */
export function multipart(
  fields: Record<string, string>,
  files: Upload[],
): { payload: Buffer; headers: Record<string, string> } {
  return multipartParts([
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    ...files.map((f) => ({
      name: f.field ?? 'file',
      filename: f.fileName,
      contentType: f.contentType,
      content: Buffer.from(f.bytes),
    })),
  ]);
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * A .docx of a notice text: lines without `|` become paragraphs, runs of `|` lines become one
 * table (a row per line, a cell per `|`-separated part), as a notice made in Word looks.
 */
export async function docxOf(text: string): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  let rows: TableRow[] = [];
  const flush = () => {
    if (rows.length === 0) return;
    children.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
    rows = [];
  };
  for (const line of text.split('\n')) {
    if (!line.includes('|')) {
      flush();
      children.push(new Paragraph({ text: line }));
      continue;
    }
    const cells = line.split('|').map((c) => c.trim());
    while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
    rows.push(
      new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph({ text: c })] })) }),
    );
  }
  flush();
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
