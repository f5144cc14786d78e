/** GET /api/extensions: coordinators and viewers see every unit's requests, a unit its own; newest first. */
import type { SessionUser } from '../../auth/sessions.ts';
import type { Store } from '../../db/store.ts';
import type { ListQuery } from './schemas.ts';

export async function listExtensions(store: Store, user: SessionUser, query: ListQuery) {
  let q = store.db
    .selectFrom('extensions')
    .innerJoin('deliverables', 'deliverables.id', 'extensions.deliverableId')
    .innerJoin('orgs', 'orgs.id', 'extensions.orgId')
    .selectAll('extensions')
    .select([
      'orgs.name as orgName',
      'deliverables.title as deliverableTitle',
      'deliverables.taskNo as taskNo',
      'deliverables.dueDate as dueDate',
      'deliverables.originalDueDate as originalDueDate',
    ]);
  if (user.role !== 'coordinator' && user.role !== 'viewer')
    q = q.where('extensions.orgId', '=', user.orgId ?? '');
  if (query.status) q = q.where('extensions.status', '=', query.status);
  if (query.deliverableId) q = q.where('extensions.deliverableId', '=', query.deliverableId);
  return q.orderBy('extensions.createdAt', 'desc').orderBy('extensions.id').execute();
}
