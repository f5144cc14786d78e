/**
 * An assignment the unit has already acted on (its deliverable handed in or accepted) is received:
 * it never reads as waiting for 签收, even when nobody pressed 签收.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { publishReference } from '../helpers/plans.ts';

type Assignment = { id: string; taskId: string; acknowledgedAt: string | null; actedOn: boolean };

describe.each(DIALECTS)('assignments acted on, on %s', (dialect) => {
  let t: TestApp;
  let reporter: string;
  let finance: string;

  beforeAll(async () => {
    t = await testApp(dialect);
    finance = await t.orgId('市财政局');
    await publishReference(t);
    reporter = await t.login(await t.user('reporter', '市财政局', 'caiwu-acted'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const list = async (query = '') =>
    (await t.request(reporter, 'GET', `/api/assignments?limit=500${query}`)).json() as {
      total: number;
      items: Assignment[];
    };

  it('counts an accepted or handed-in deliverable as received, not as 待签收', async () => {
    const all = await list();
    expect(all.items.every((a) => a.actedOn === false && a.acknowledgedAt === null)).toBe(true);
    const [accepted, submitted] = all.items;
    for (const [a, status] of [
      [accepted!, 'accepted'],
      [submitted!, 'submitted'],
    ] as const)
      await t.store.db
        .updateTable('deliverables')
        .set({ status })
        .where('taskId', '=', a.taskId)
        .where('orgId', '=', finance)
        .execute();

    const after = await list();
    const acted = after.items.filter((a) => a.actedOn).map((a) => a.id);
    expect(acted.sort()).toEqual([accepted!.id, submitted!.id].sort());
    const waiting = await list('&acknowledged=false');
    expect(waiting.total).toBe(all.total - 2);
    expect(waiting.items.map((a) => a.id)).not.toContain(accepted!.id);
    const received = await list('&acknowledged=true');
    expect(received.items.map((a) => a.id).sort()).toEqual([accepted!.id, submitted!.id].sort());
    // An explicit 签收 is still possible and recorded.
    const ok = await t.request(reporter, 'POST', `/api/assignments/${accepted!.id}/acknowledge`);
    expect(ok.statusCode).toBe(200);
    expect((await list('&acknowledged=true')).total).toBe(2);
  });
});
