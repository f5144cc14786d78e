/** The standing of one unit: its own dashboard, and its place among all units by on-time rate. */
import type { Store } from '../../db/store.ts';
import { notFound } from '../../errors.ts';
import { groupCounts, standingOf } from './group-counts.ts';
import { type Dashboard, type DashboardInput, loadDashboard } from './load-dashboard.ts';
import { prepareScope } from './scope.ts';

export type UnitStanding = Dashboard & {
  unit: { id: string; name: string; kind: string };
  /** 1-based place by on-time rate (then fewer overdue), among units with an on-time rate. */
  rank: { position: number; of: number } | null;
};

export async function unitStanding(
  store: Store,
  input: DashboardInput & { orgId: string },
): Promise<UnitStanding> {
  const org = await store.db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind'])
    .where('id', '=', input.orgId)
    .executeTakeFirst();
  if (!org) throw notFound('该单位');
  const dashboard = await loadDashboard(store, input);
  const all = await prepareScope(
    store,
    { year: input.year, planId: input.planId, orgId: null },
    input.today,
    input.settings,
    input.calendar,
  );
  const ranked = [...(await groupCounts(store, all, 'orgId')).entries()]
    .map(([orgId, tally]) => ({ orgId, ...standingOf(tally) }))
    .filter((u) => u.onTimeRate !== null);
  const me = ranked.find((u) => u.orgId === org.id);
  // Competition ranking: units with the same rate and overdue count share a place.
  const better = (u: (typeof ranked)[number], than: (typeof ranked)[number]) =>
    (u.onTimeRate ?? 0) > (than.onTimeRate ?? 0) ||
    (u.onTimeRate === than.onTimeRate && u.overdue < than.overdue);
  return {
    ...dashboard,
    unit: org,
    rank: me ? { position: 1 + ranked.filter((u) => better(u, me)).length, of: ranked.length } : null,
  };
}
