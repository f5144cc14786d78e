/**
 * The coordinator's review queue, narrowed: by unit, task number, late hand-in, a report returned
 * before, working days waited, and a search over task text, unit name, deliverable title and the
 * report's narrative. Every condition is SQL, so the count and the page agree.
 *
 * - Late (逾期报送) is the red light of a handed-in deliverable (see deliverables/signal-filter.ts):
 *   handed in on a Beijing day after the deadline in force.
 * - Returned before (曾退回): the deliverable's audit trail holds a `deliverable.return`, whichever
 *   report it was (the unit may have resubmitted the same report or written a new one).
 * - Waiting N working days: working days in (hand-in day, today] ≥ N, the way overdue days count.
 */
import { addDays, type Calendar } from '@luoshi/core';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type SignalThresholds, signalCondition } from '../deliverables/signal-filter.ts';

export type ReviewSort = 'oldest' | 'newest';

export type ReviewQuery = {
  orgId?: string;
  taskNo?: number;
  overdue?: boolean;
  returned?: boolean;
  waitingDays?: number;
  q?: string;
  sort: ReviewSort;
  limit: number;
  offset: number;
};

type Eb = ExpressionBuilder<Database, 'reports' | 'deliverables' | 'orgs' | 'tasks'>;

/** `where` conditions for the query's filters (none when it has none). */
export function reviewConditions(
  eb: Eb,
  query: ReviewQuery,
  th: SignalThresholds,
  calendar: Calendar,
): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (query.orgId) out.push(eb('reports.orgId', '=', query.orgId));
  if (query.taskNo !== undefined) out.push(eb('deliverables.taskNo', '=', query.taskNo));
  if (query.overdue !== undefined) {
    // The light's condition names only deliverables' columns, which this join holds too.
    const late = signalCondition(eb as unknown as ExpressionBuilder<Database, 'deliverables'>, 'red', th);
    out.push(query.overdue ? late : eb.not(late));
  }
  if (query.returned !== undefined) {
    const returned = eb.exists(returnedBefore(eb));
    out.push(query.returned ? returned : eb.not(returned));
  }
  if (query.waitingDays !== undefined) {
    const since = waitedSince(th.today, query.waitingDays, calendar);
    out.push(eb('deliverables.submittedAt', '<', `${addDays(since, -1)}T16:00:00.000Z`));
  }
  if (query.q) out.push(searchCondition(eb, query.q));
  return out;
}

/** The deliverable's `deliverable.return` audit records (the audit index covers entity, entity id). */
export function returnedBefore(eb: Eb) {
  return eb
    .selectFrom('auditLog')
    .select('auditLog.seq')
    .where('auditLog.entity', '=', 'deliverable')
    .whereRef('auditLog.entityId', '=', 'deliverables.id')
    .where('auditLog.action', '=', 'deliverable.return');
}

/**
 * The N-th working day on or before today: a report handed in on a Beijing day before it has
 * waited at least N working days (working days in (hand-in, today], as `workingDaysBetween` counts).
 */
export function waitedSince(today: string, n: number, calendar: Calendar): string {
  return calendar.addWorkingDays(addDays(today, 1), -n);
}

/** Working days a report has waited since its hand-in day. */
export function waitingDays(handedIn: string, today: string, calendar: Calendar): number {
  return Math.max(0, calendar.workingDaysBetween(handedIn, today));
}

/** Each word of the search must occur in the task text, unit name, deliverable title or narrative. */
function searchCondition(eb: Eb, q: string): Expression<SqlBool> {
  const fields = ['tasks.text', 'orgs.name', 'deliverables.title', 'reports.narrative'] as const;
  const words = q.split(/\s+/).filter(Boolean);
  return eb.and(
    words.map((w) => {
      const pattern = `%${w.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return eb.or(fields.map((f) => sql<SqlBool>`lower(${eb.ref(f)}) like ${pattern} escape '\\'`));
    }),
  );
}
