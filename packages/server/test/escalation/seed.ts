/** Seeding for escalation tests: a plan and task per test, deliverables of a unit due on a day. */
import type { DeliverableStatus } from '../../src/db/schema.ts';
import { seedDeliverable, seedPlan, seedTask } from '../helpers/factories.ts';
import type { TestApp } from '../helpers/harness.ts';

let taskNo = 0;

/** A deliverable of `orgName` due on `dueDate` (its own plan and task). */
export async function dueOn(
  t: TestApp,
  orgName: string,
  dueDate: string,
  status: DeliverableStatus = 'pending',
): Promise<string> {
  const plan = await seedPlan(t.store, Number(dueDate.slice(0, 4)));
  const no = ++taskNo;
  const taskId = await seedTask(t.store, plan, no, `第${no}项测试任务。`);
  return seedDeliverable(t.store, {
    plan,
    taskId,
    taskNo: no,
    orgId: await t.orgId(orgName),
    dueDate,
    status,
  });
}

export async function escalationsOf(t: TestApp, deliverableId: string) {
  return t.store.db
    .selectFrom('escalations')
    .selectAll()
    .where('deliverableId', '=', deliverableId)
    .orderBy('dueFrom')
    .execute();
}

export async function inboxOf(t: TestApp, username: string) {
  return t.store.db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.userId')
    .selectAll('notifications')
    .where('users.username', '=', username)
    .orderBy('notifications.createdAt')
    .execute();
}

/**
 * Two units behind on their reports, for a test app whose today is 2025-08-01: 市财政局 (reporter
 * `caizheng`, leader `caizheng-lingdao`) due 2025-07-01 and 市教育局 (reporter `jiaoyu`) due 2025-07-15.
 */
export async function lateUnits(t: TestApp): Promise<{ lateCz: string; lateJy: string }> {
  await t.user('reporter', '市财政局', 'caizheng');
  await t.user('leader', '市财政局', 'caizheng-lingdao');
  await t.user('reporter', '市教育局', 'jiaoyu');
  return {
    lateCz: await dueOn(t, '市财政局', '2025-07-01'),
    lateJy: await dueOn(t, '市教育局', '2025-07-15'),
  };
}
