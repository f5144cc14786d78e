/** 签收: the unit's reporter or leader confirms, once, that the unit has received a task. */
import { appendAudit } from '../../audit/audit.ts';
import { actorOf, canActForOrg, canSeeOrg } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { forbidden, invalidState, notFound } from '../../errors.ts';

export type AcknowledgeResult = {
  id: string;
  taskNo: number;
  orgId: string;
  acknowledgedAt: string;
  acknowledgedBy: string;
};

export async function acknowledgeAssignment(
  store: Store,
  user: SessionUser,
  assignmentId: string,
  now: Date,
): Promise<AcknowledgeResult> {
  return inTransaction(store, async (tx) => {
    const a = await tx.db
      .selectFrom('assignments')
      .innerJoin('plans', 'plans.id', 'assignments.planId')
      .innerJoin('tasks', 'tasks.id', 'assignments.taskId')
      .select([
        'assignments.id',
        'assignments.orgId',
        'assignments.acknowledgedAt',
        'plans.status as planStatus',
        'tasks.no as taskNo',
      ])
      .where('assignments.id', '=', assignmentId)
      .executeTakeFirst();
    if (!a) throw notFound('该交办任务');
    if (!canSeeOrg(user, a.orgId)) throw forbidden('这是其他单位的交办任务');
    if (!canActForOrg(user, a.orgId)) throw forbidden('只有承办单位的联络员或单位领导可以签收');
    if (a.planStatus !== 'published') throw invalidState('该任务清单已被新版本取代，请签收新版本中的任务');
    if (a.acknowledgedAt) throw invalidState(`该任务已于 ${a.acknowledgedAt} 签收，无需重复签收`);
    const iso = now.toISOString();
    const updated = await tx.db
      .updateTable('assignments')
      .set({ acknowledgedAt: iso, acknowledgedBy: user.id })
      .where('id', '=', a.id)
      .where('acknowledgedAt', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw invalidState('该任务已签收，无需重复签收');
    await appendAudit(
      tx,
      actorOf(user),
      {
        action: 'assignment.acknowledge',
        entity: 'assignment',
        entityId: a.id,
        orgId: a.orgId,
        before: { acknowledgedAt: null },
        after: { acknowledgedAt: iso, acknowledgedBy: user.id, taskNo: a.taskNo },
      },
      now,
    );
    return { id: a.id, taskNo: a.taskNo, orgId: a.orgId, acknowledgedAt: iso, acknowledgedBy: user.id };
  });
}
