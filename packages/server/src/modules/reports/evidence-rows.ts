import { type Actor, appendAudit } from '../../audit/audit.ts';
import type { Report } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { AppError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { EvidenceView } from './present.ts';
import { MAX_EVIDENCE_PER_REPORT } from './schemas.ts';
import type { StagedFile } from './upload.ts';

/**
 * Refuse a file whose content is already attached to the report (or sent twice in one upload): a
 * resubmitted report never carries the same file twice.
 */
async function refuseDuplicates(tx: Store, reportId: string, files: readonly StagedFile[]): Promise<void> {
  const attached = await tx.db
    .selectFrom('evidence')
    .select(['sha256', 'fileName'])
    .where('reportId', '=', reportId)
    .execute();
  const seen = new Map(attached.map((e) => [e.sha256, e.fileName]));
  for (const f of files) {
    const same = seen.get(f.blob.sha256);
    if (same !== undefined)
      throw new AppError(
        'validation',
        same === f.fileName
          ? `佐证材料「${f.fileName}」已上传，不能重复添加`
          : `佐证材料「${f.fileName}」与已上传的「${same}」内容相同，不能重复添加`,
        'evidence',
      );
    seen.set(f.blob.sha256, f.fileName);
  }
}

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
  await refuseDuplicates(tx, report.id, files);
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
