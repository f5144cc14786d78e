/** The inbox by kind: unread counts per kind, and a list of only some kinds. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEscalation } from '../../src/modules/escalation/run-escalation.ts';
import { dueOn } from '../escalation/seed.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('the inbox by kind on %s', (dialect) => {
  let t: TestApp;
  let caizheng: string;
  beforeAll(async () => {
    t = await testApp(dialect, { now: '2025-07-20T02:00:00.000Z' });
    await t.user('reporter', '市财政局', 'caizheng');
    caizheng = await t.login('caizheng');
    await dueOn(t, '市财政局', '2025-07-01');
    await dueOn(t, '市财政局', '2025-07-10');
    await dueOn(t, '市财政局', '2025-07-17');
    await runEscalation(t.ctx, '2025-07-18');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts my unread notices by kind and lists only the kinds asked for', async () => {
    const all = (await t.request(caizheng, 'GET', '/api/notifications')).json();
    expect(all.unread).toBe(3);
    expect(all.unreadByKind).toEqual({ urge: 1, 'supervise-orange': 1, 'supervise-red': 1 });
    const some = (await t.request(caizheng, 'GET', '/api/notifications?kind=urge,supervise-red')).json();
    expect(some.items.map((n: { kind: string }) => n.kind).sort()).toEqual(['supervise-red', 'urge']);
    expect(some.unread).toBe(3);
    const none = (await t.request(caizheng, 'GET', '/api/notifications?kind=report.returned')).json();
    expect(none.items).toEqual([]);
    const bad = await t.request(caizheng, 'GET', '/api/notifications?kind=DROP%20TABLE');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('kind');
  });

  it('counts only unread ones: after 全部已读 every kind is zero', async () => {
    expect((await t.request(caizheng, 'POST', '/api/notifications/read-all')).statusCode).toBe(200);
    const after = (await t.request(caizheng, 'GET', '/api/notifications')).json();
    expect(after).toMatchObject({ unread: 0, unreadByKind: {} });
    expect(after.items).toHaveLength(3);
  });
});
