/** One plan with every extracted value and its span (a page of tasks), diagnostics, changes and status. */
import type { SessionUser } from '../../auth/sessions.ts';
import type { Store } from '../../db/store.ts';
import { notFound } from '../../errors.ts';
import { FIRST_PAGE, type PlanPageQuery } from './plan-page.ts';
import { type PlanDetail, presentPlan } from './present-plan.ts';

export async function getPlan(
  store: Store,
  user: SessionUser,
  planId: string,
  page: PlanPageQuery = FIRST_PAGE,
): Promise<PlanDetail> {
  const row = await store.db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
  // Drafts are the coordinator's work in progress: to others they do not exist.
  if (!row || (user.role !== 'coordinator' && row.status !== 'published')) throw notFound('该任务清单');
  const notice = await store.db
    .selectFrom('notices')
    .selectAll()
    .where('id', '=', row.noticeId)
    .executeTakeFirstOrThrow();
  return presentPlan(row, notice, page);
}
