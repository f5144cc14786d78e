/** What a dashboard looks at: the deliverables of a year, of one plan or every published plan, of one unit or all. */
import type { Calendar, SupervisionSettings } from '@luoshi/core';
import type { ExpressionBuilder, RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { effectiveDueSql, type SignalThresholds, signalThresholds } from './signal-sql.ts';

export type DashboardScope = {
  year: number;
  /** One plan, or every published plan when null. */
  planId: string | null;
  /** One unit, or every unit when null. */
  orgId: string | null;
};

/** The scope with what every query needs: thresholds and the due-date-in-force expression. */
export type PreparedScope = DashboardScope & {
  thresholds: SignalThresholds;
  due: RawBuilder<string>;
  calendar: Calendar;
};

type Eb = ExpressionBuilder<Database & { d: Database['deliverables'] }, 'd'>;

/** The WHERE of the scope on `deliverables as d`. */
export function inScope(scope: DashboardScope) {
  return (eb: Eb) => {
    const parts = [
      eb('d.dueDate', '>=', `${scope.year}-01-01`),
      eb('d.dueDate', '<=', `${scope.year}-12-31`),
      scope.planId
        ? eb('d.planId', '=', scope.planId)
        : eb(
            'd.planId',
            'in',
            eb.selectFrom('plans').select('plans.id').where('plans.status', '=', 'published'),
          ),
    ];
    if (scope.orgId) parts.push(eb('d.orgId', '=', scope.orgId));
    return eb.and(parts);
  };
}

/** Look up the distinct due dates once, so the SQL can move those on rest days to the next working day. */
export async function prepareScope(
  store: Store,
  scope: DashboardScope,
  today: string,
  settings: SupervisionSettings,
  calendar: Calendar,
): Promise<PreparedScope> {
  const rows = await store.db
    .selectFrom('deliverables as d')
    .select('d.dueDate')
    .distinct()
    .where(inScope(scope))
    .execute();
  return {
    ...scope,
    calendar,
    thresholds: signalThresholds(today, settings, calendar),
    due: effectiveDueSql(
      rows.map((r) => r.dueDate),
      calendar,
    ),
  };
}
