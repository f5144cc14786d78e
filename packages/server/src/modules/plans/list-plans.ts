/** 任务清单列表: coordinators see every version (drafts included); everyone else the published ones. */
import type { SessionUser } from '../../auth/sessions.ts';
import type { Store } from '../../db/store.ts';
import { type PlanSummary, summarizePlan } from './present-plan.ts';

export type PlanListItem = PlanSummary & { deliverables: number };

export async function listPlans(store: Store, user: SessionUser): Promise<{ plans: PlanListItem[] }> {
  let q = store.db
    .selectFrom('plans')
    .innerJoin('notices', 'notices.id', 'plans.noticeId')
    .selectAll('plans')
    .select([
      'notices.title',
      'notices.docNumber',
      'notices.issuer',
      'notices.issuedAt',
      'notices.fileName',
      'notices.format',
    ]);
  if (user.role !== 'coordinator') q = q.where('plans.status', '=', 'published');
  const rows = await q.orderBy('plans.createdAt', 'desc').orderBy('plans.version', 'desc').execute();
  const counts = new Map(
    (
      await store.db
        .selectFrom('deliverables')
        .select(['planId', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('planId')
        .execute()
    ).map((r) => [r.planId, Number(r.n)]),
  );
  return {
    plans: rows.map((r) => ({
      ...summarizePlan(r, { ...r, id: r.noticeId }),
      deliverables: counts.get(r.id) ?? 0,
    })),
  };
}
