/** GET /api/evidence/{id}: the file, for whoever may see its report. */
import type { ReadStream } from 'node:fs';
import type { SessionUser } from '../../auth/sessions.ts';
import { readBlob } from '../../blobs/blob-store.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { reportToRead } from './report-access.ts';

export type EvidenceDownload = {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  stream: ReadStream;
};

export async function getEvidence(ctx: AppContext, user: SessionUser, id: string): Promise<EvidenceDownload> {
  const row = await ctx.store.db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('该佐证材料');
  await reportToRead(ctx.store, user, row.reportId);
  const stream = await readBlob(ctx.config.dataDir, row.sha256);
  return { fileName: row.fileName, contentType: row.contentType, size: row.size, sha256: row.sha256, stream };
}
