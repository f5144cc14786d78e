/**
 * Which deliverables a user may see: coordinators and viewers all; a unit its own, and — for a lead
 * unit — the co-units' inputs that feed its deliverables (the lead consolidates them).
 */
import type { SelectQueryBuilder } from 'kysely';
import type { SessionUser } from '../../auth/sessions.ts';
import type { Database, Deliverable } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { forbidden, notFound } from '../../errors.ts';

/** Restrict a query on `deliverables` to what the user may see. */
export function visibleTo<O>(
  q: SelectQueryBuilder<Database, 'deliverables', O>,
  user: SessionUser,
): SelectQueryBuilder<Database, 'deliverables', O> {
  if (user.role === 'coordinator' || user.role === 'viewer') return q;
  const orgId = user.orgId ?? '';
  return q.where((eb) =>
    eb.or([
      eb('deliverables.orgId', '=', orgId),
      eb(
        'deliverables.leadDeliverableId',
        'in',
        eb.selectFrom('deliverables as lead').select('lead.id').where('lead.orgId', '=', orgId),
      ),
    ]),
  );
}

/** Load one deliverable the user may see, or fail with 404 (unknown) / 403 (another unit's). */
export async function deliverableFor(store: Store, user: SessionUser, id: string): Promise<Deliverable> {
  const d = await store.db.selectFrom('deliverables').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) throw notFound('该报送事项');
  const visible = await visibleTo(
    store.db.selectFrom('deliverables').select('id').where('id', '=', id),
    user,
  ).executeTakeFirst();
  if (!visible) throw forbidden('这是其他单位的报送事项');
  return d;
}
