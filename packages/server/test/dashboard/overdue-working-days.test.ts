/**
 * 逾期工作日: the office counts lateness in working days, so the dashboard's overdue list does too —
 * a weekend is not late, nor is the 国庆 holiday. On SQLite and PostgreSQL.
 */
import { daysBetween } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDeliverable, seedPlan, seedTask } from '../helpers/factories.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

type Item = { deliverableId: string; effectiveDueDate: string; workingDaysOverdue: number };

describe.each(DIALECTS)('working days overdue on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // Tuesday 18 March 2025, 10:00 in Beijing.
    t = await testApp(dialect, { now: '2025-03-18T02:00:00.000Z' });
    coord = await t.login('coord');
    const finance = await t.orgId('市财政局');
    const plan = await seedPlan(t.store, 2025);
    const task = await seedTask(t.store, plan, 1, '每季度报送进展。');
    const d = (dueDate: string) =>
      seedDeliverable(t.store, { plan, taskId: task, taskNo: 1, orgId: finance, dueDate });
    // Friday 14 March: no holiday between it and the Tuesday after.
    ids.friday = await d('2025-03-14');
    // Tuesday 30 September, the day before 国庆 (1–8 October off; Saturday 11 October worked).
    ids.national = await d('2025-09-30');
  });
  afterAll(async () => {
    await t?.close();
  });

  const overdue = async (): Promise<Item[]> => {
    const res = await t.request(coord, 'GET', '/api/dashboard?year=2025');
    expect(res.statusCode).toBe(200);
    return res.json().overdue.items as Item[];
  };

  it('counts an item due on a Friday as 2 working days late on the Tuesday after, not 4 days', async () => {
    const items = await overdue();
    const friday = items.find((i) => i.deliverableId === ids.friday);
    expect(friday).toMatchObject({ effectiveDueDate: '2025-03-14', workingDaysOverdue: 2 });
    expect(daysBetween('2025-03-14', '2025-03-18')).toBe(4);
  });

  it('does not count the 国庆 holiday: far fewer working days late than calendar days', async () => {
    // Monday 13 October 2025: 13 calendar days after 30 September.
    t.clock.set('2025-10-13T02:00:00.000Z');
    coord = await t.login('coord'); // the March session has long expired
    const items = await overdue();
    const national = items.find((i) => i.deliverableId === ids.national);
    // Thursday 9, Friday 10, Saturday 11 (调休上班) and Monday 13 October.
    expect(national).toMatchObject({ effectiveDueDate: '2025-09-30', workingDaysOverdue: 4 });
    expect(daysBetween('2025-09-30', '2025-10-13')).toBe(13);
  });

  it('lists the most working days overdue first', async () => {
    const items = await overdue();
    expect(items.map((i) => i.deliverableId)).toEqual([ids.friday, ids.national]);
    const days = items.map((i) => i.workingDaysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(days[0]).toBeGreaterThan(days[1]!);
  });
});
