/**
 * 交办任务列表 of the published plans: a unit sees its own (reporters and leaders cannot ask for
 * another unit's); coordinators and viewers any unit's, or all.
 *
 * An assignment the unit has already acted on (a deliverable of its task past 待报送: a draft, a
 * report handed in, accepted) counts as received even without an explicit 签收: `actedOn` is true,
 * `acknowledged=false` (the 待签收 list) leaves it out and `acknowledged=true` includes it.
 */
import type { ExpressionBuilder } from 'kysely';
import type { SessionUser } from '../../auth/sessions.ts';
import type { Database } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { forbidden } from '../../errors.ts';
import { excerpt } from '../plans/stored-plan.ts';

export type AssignmentQuery = {
  orgId?: string;
  planId?: string;
  acknowledged?: boolean;
  limit: number;
  offset: number;
};

export type AssignmentItem = {
  id: string;
  planId: string;
  taskId: string;
  taskNo: number;
  taskLabel: string;
  taskExcerpt: string;
  section: string | null;
  subsection: string | null;
  orgId: string;
  orgName: string;
  role: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** The unit has started on the task (its deliverable is past 待报送), so it is received. */
  actedOn: boolean;
};

/** A deliverable of the assignment's task and unit past 待报送. */
const actedOn = (eb: ExpressionBuilder<Database, 'assignments'>) =>
  eb.exists(
    eb
      .selectFrom('deliverables')
      .select('deliverables.id')
      .whereRef('deliverables.taskId', '=', 'assignments.taskId')
      .whereRef('deliverables.orgId', '=', 'assignments.orgId')
      .where('deliverables.status', '!=', 'pending'),
  );

export async function listAssignments(
  store: Store,
  user: SessionUser,
  query: AssignmentQuery,
): Promise<{ total: number; limit: number; offset: number; items: AssignmentItem[] }> {
  const unitOnly = user.role === 'reporter' || user.role === 'leader';
  if (unitOnly && query.orgId && query.orgId !== user.orgId) throw forbidden('只能查看本单位的交办任务');
  const orgId = unitOnly ? (user.orgId ?? '') : query.orgId;
  const filtered = () => {
    let q = store.db
      .selectFrom('assignments')
      .innerJoin('plans', 'plans.id', 'assignments.planId')
      .where('plans.status', '=', 'published');
    if (orgId) q = q.where('assignments.orgId', '=', orgId);
    if (query.planId) q = q.where('assignments.planId', '=', query.planId);
    if (query.acknowledged === true)
      q = q.where((eb) => eb.or([eb('assignments.acknowledgedAt', 'is not', null), actedOn(eb)]));
    if (query.acknowledged === false)
      q = q.where((eb) => eb.and([eb('assignments.acknowledgedAt', 'is', null), eb.not(actedOn(eb))]));
    return q;
  };
  const count = await filtered()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await filtered()
    .innerJoin('tasks', 'tasks.id', 'assignments.taskId')
    .innerJoin('orgs', 'orgs.id', 'assignments.orgId')
    .leftJoin('users', 'users.id', 'assignments.acknowledgedBy')
    .select([
      'assignments.id',
      'assignments.planId',
      'assignments.taskId',
      'tasks.no as taskNo',
      'tasks.label as taskLabel',
      'tasks.text as taskText',
      'tasks.section',
      'tasks.subsection',
      'assignments.orgId',
      'orgs.name as orgName',
      'assignments.role',
      'assignments.acknowledgedAt',
      'users.displayName as acknowledgedBy',
      (eb) => actedOn(eb).as('actedOn'),
    ])
    .orderBy('tasks.no')
    .orderBy('assignments.orgId')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    total: Number(count.n),
    limit: query.limit,
    offset: query.offset,
    items: rows.map(({ taskText, actedOn: acted, ...r }) => ({
      ...r,
      taskExcerpt: excerpt(taskText),
      actedOn: Boolean(acted),
    })),
  };
}
