import { type Actor, appendAudit } from '../../audit/audit.ts';
import type { Report } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { AppError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { EvidenceView } from './present.ts';
import { MAX_EVIDENCE_PER_REPORT } from './schemas.ts';
import type { StagedFile } from './upload.ts';

/** Record staged files as evidence of a report (one audit record each). Commit the blobs afterwards. */
export async function insertEvidence(
  tx: Store,
  actor: Actor & { id: string },
  report: Report,
  files: readonly StagedFile[],
  now: Date,
): Promise<EvidenceView[]> {
  if (files.length === 0) return [];
  const { count } = await tx.db
    .selectFrom('evidence')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('reportId', '=', report.id)
    .executeTakeFirstOrThrow();
  if (Number(count) + files.length > MAX_EVIDENCE_PER_REPORT)
    throw new AppError('validation', `每份报告最多 ${MAX_EVIDENCE_PER_REPORT} 个佐证材料`, 'evidence');
  const iso = now.toISOString();
  const out: EvidenceView[] = [];
  for (const f of files) {
    const row = {
      id: newId(),
      reportId: report.id,
      sha256: f.blob.sha256,
      size: f.blob.size,
      contentType: f.contentType,
      fileName: f.fileName,
      createdAt: iso,
      createdBy: actor.id,
    };
    await tx.db.insertInto('evidence').values(row).execute();
    await appendAudit(
      tx,
      actor,
      { action: 'evidence.add', entity: 'evidence', entityId: row.id, orgId: report.orgId, after: row },
      now,
    );
    out.push({ ...row, url: `/api/evidence/${row.id}` });
  }
  return out;
}
