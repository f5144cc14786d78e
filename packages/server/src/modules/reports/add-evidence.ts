/** POST /api/reports/{id}/evidence: add files to a draft or returned report. */
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { Store } from '../../db/store.ts';
import { inTransaction } from '../../db/store.ts';
import { AppError, invalidState } from '../../errors.ts';
import { lockReport } from './deliverable-state.ts';
import { insertEvidence } from './evidence-rows.ts';
import type { EvidenceView } from './present.ts';
import { reportIs, reportToWrite } from './report-access.ts';
import type { Upload } from './upload.ts';

export async function addEvidence(
  store: Store,
  user: SessionUser,
  id: string,
  upload: Upload,
  now: Date,
): Promise<EvidenceView[]> {
  try {
    await reportToWrite(store, user, id);
    if (upload.files.length === 0) throw new AppError('validation', '请选择要上传的文件', 'evidence');
    const added = await inTransaction(store, async (tx) => {
      const report = await lockReport(tx, id);
      if (report.status !== 'draft' && report.status !== 'returned')
        throw invalidState(`${reportIs(report.status)}，不能再添加佐证材料`);
      const rows = await insertEvidence(tx, actorOf(user), report, upload.files, now);
      await upload.commit();
      return rows;
    });
    return added;
  } finally {
    await upload.discard();
  }
}
