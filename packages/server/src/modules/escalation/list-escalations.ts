/** The escalations a user may see: a coordinator or viewer all of them, a unit its own. */

import { canSeeOrg, permissionsOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { EscalationLevel } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { forbidden } from '../../errors.ts';
import { type EscalationView, escalationQuery, presentEscalation } from './escalation-view.ts';

export type EscalationFilter = {
  orgId?: string;
  level?: EscalationLevel;
  /** true: still calling for action (in force, no reply, nothing handed in); false: the others. */
  open?: boolean;
  limit: number;
  offset: number;
};

export async function listEscalations(
  store: Store,
  user: SessionUser,
  filter: EscalationFilter,
  today: string,
): Promise<{ items: EscalationView[]; total: number }> {
  if (filter.orgId && !canSeeOrg(user, filter.orgId)) throw forbidden('只能查看本单位的督办记录');
  let q = escalationQuery(store);
  if (!permissionsOf(user).viewAllUnits) q = q.where('escalations.orgId', '=', user.orgId ?? '');
  if (filter.orgId) q = q.where('escalations.orgId', '=', filter.orgId);
  if (filter.level) q = q.where('escalations.level', '=', filter.level);
  if (filter.open !== undefined) {
    const open = filter.open;
    q = q.where((eb) => {
      const waiting = eb.and([
        eb('escalations.withdrawnAt', 'is', null),
        eb('escalations.reply', 'is', null),
        eb('deliverables.status', 'in', ['pending', 'draft', 'returned']),
      ]);
      return open ? waiting : eb.not(waiting);
    });
  }
  const counted = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('escalations.createdAt', 'desc')
    .orderBy('escalations.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { items: rows.map((r) => presentEscalation(r, today)), total: Number(counted.n) };
}
