import type { Store } from '../../db/store.ts';
import { invalidState } from '../../errors.ts';
import { EXTENSION_STATUS_LABELS } from './schemas.ts';

/** Inside the decision's transaction (after the deliverable is locked): the request, still pending. */
export async function pendingExtension(tx: Store, id: string) {
  const ext = await tx.db.selectFrom('extensions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  if (ext.status !== 'pending')
    throw invalidState(`该延期申请${EXTENSION_STATUS_LABELS[ext.status]}，不能再审批`);
  return ext;
}
