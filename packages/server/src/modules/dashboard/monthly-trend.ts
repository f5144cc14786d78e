/** The monthly trend of a year: per month of the due date, what was due, handed in on time and accepted. */
import { sql } from 'kysely';
import type { Store } from '../../db/store.ts';
import { inScope, type PreparedScope } from './scope.ts';
import { submittedOnTimeSql } from './signal-sql.ts';

export type TrendMonth = {
  /** YYYY-MM */
  month: string;
  due: number;
  submittedOnTime: number;
  accepted: number;
};

export async function monthlyTrend(store: Store, scope: PreparedScope): Promise<TrendMonth[]> {
  const month = sql<string>`substr(d.due_date, 1, 7)`;
  const rows = await store.db
    .selectFrom('deliverables as d')
    .where(inScope(scope))
    .select([
      month.as('month'),
      sql<number>`count(*)`.as('due'),
      sql<number>`sum(${submittedOnTimeSql(scope.due)})`.as('submittedOnTime'),
      sql<number>`sum(case when d.status in ('accepted', 'closed') then 1 else 0 end)`.as('accepted'),
    ])
    .groupBy(month)
    .execute();
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const out: TrendMonth[] = [];
  for (let m = 1; m <= 12; m++) {
    const key = `${scope.year}-${String(m).padStart(2, '0')}`;
    const r = byMonth.get(key);
    out.push({
      month: key,
      due: Number(r?.due ?? 0),
      submittedOnTime: Number(r?.submittedOnTime ?? 0),
      accepted: Number(r?.accepted ?? 0),
    });
  }
  return out;
}
