/** How reports and their evidence look in API responses. */
import type { Report } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import type { Figure } from './schemas.ts';

export type EvidenceView = {
  id: string;
  reportId: string;
  fileName: string;
  size: number;
  contentType: string;
  sha256: string;
  createdAt: string;
  createdBy: string;
  url: string;
};

export type ReportView = Omit<Report, 'figuresJson'> & { figures: Figure[]; evidence: EvidenceView[] };

export function presentReport(r: Report, evidence: readonly EvidenceView[]): ReportView {
  const { figuresJson, ...rest } = r;
  return { ...rest, figures: JSON.parse(figuresJson) as Figure[], evidence: [...evidence] };
}

/** Evidence metadata of the given reports, oldest first, by report id. */
export async function evidenceByReport(
  store: Store,
  reportIds: readonly string[],
): Promise<Map<string, EvidenceView[]>> {
  const out = new Map<string, EvidenceView[]>();
  if (reportIds.length === 0) return out;
  const rows = await store.db
    .selectFrom('evidence')
    .selectAll()
    .where('reportId', 'in', [...reportIds])
    .execute();
  // Oldest first; files of one upload by name (compared in JS, the same on both databases).
  rows.sort((a, b) =>
    a.createdAt !== b.createdAt
      ? a.createdAt < b.createdAt
        ? -1
        : 1
      : a.fileName !== b.fileName
        ? a.fileName < b.fileName
          ? -1
          : 1
        : a.id < b.id
          ? -1
          : 1,
  );
  for (const e of rows) {
    const list = out.get(e.reportId) ?? [];
    list.push({ ...e, url: `/api/evidence/${e.id}` });
    out.set(e.reportId, list);
  }
  return out;
}

export async function reportView(store: Store, id: string): Promise<ReportView> {
  const r = await store.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return presentReport(r, (await evidenceByReport(store, [id])).get(id) ?? []);
}
