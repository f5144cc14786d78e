/**
 * 交办任务列表 of the published plans: a unit sees its own (reporters and leaders cannot ask for
 * another unit's); coordinators and viewers any unit's, or all.
 */
import type { SessionUser } from '../../auth/sessions.ts';
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
};

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
    if (query.acknowledged !== undefined)
      q = q.where('assignments.acknowledgedAt', query.acknowledged ? 'is not' : 'is', null);
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
    items: rows.map(({ taskText, ...r }) => ({ ...r, taskExcerpt: excerpt(taskText) })),
  };
}
