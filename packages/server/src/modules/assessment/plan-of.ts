/** The plan an assessment belongs to, or 404 naming it. */
import type { Store } from '../../db/store.ts';
import { notFound } from '../../errors.ts';

export async function planOf(store: Store, planId: string): Promise<{ id: string; year: number }> {
  const plan = await store.db
    .selectFrom('plans')
    .select(['id', 'year'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan) throw notFound('该任务清单');
  return plan;
}
