/** A pass that catches up (the plan came late, the server was down) issues 督办单 with a reply deadline ahead. */
import { defaultCalendar } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEscalation } from '../../src/modules/escalation/run-escalation.ts';
import { seedDeliverable, seedPlan, seedTask } from '../helpers/factories.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('catching up on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect, { now: '2025-06-16T02:00:00.000Z' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts the reply deadline of a late-issued 督办单 from the day it is issued', async () => {
    const plan = await seedPlan(t.store, 2025);
    const taskId = await seedTask(t.store, plan, 7);
    const id = await seedDeliverable(t.store, {
      plan,
      taskId,
      taskNo: 7,
      orgId: await t.orgId('市教育局'),
      dueDate: '2025-04-30',
    });
    const result = await runEscalation(t.ctx, '2025-06-16');
    // Every step since the due date, and no 提醒 of a due date six weeks past.
    expect(result.created).toEqual({ reminder: 0, urge: 1, 'supervise-orange': 1, 'supervise-red': 1 });
    const rows = await t.store.db
      .selectFrom('escalations')
      .select(['level', 'dueFrom', 'replyDue'])
      .where('deliverableId', '=', id)
      .execute();
    const expected = defaultCalendar().addWorkingDays('2025-06-16', 3);
    for (const r of rows.filter((x) => x.level.startsWith('supervise'))) {
      expect(r.dueFrom < '2025-06-16').toBe(true);
      expect(r.replyDue).toBe(expected);
    }
    expect(expected > '2025-06-16').toBe(true);
  });
});
