/** The in-app inbox: my own notifications, unread first-class, read one, read all. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEscalation } from '../../src/modules/escalation/run-escalation.ts';
import { dueOn } from '../escalation/seed.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('the notification inbox on %s', (dialect) => {
  let t: TestApp;
  let caizheng: string;
  let jiaoyu: string;
  beforeAll(async () => {
    t = await testApp(dialect, { now: '2025-07-20T02:00:00.000Z' });
    await t.user('reporter', '市财政局', 'caizheng');
    await t.user('reporter', '市教育局', 'jiaoyu');
    caizheng = await t.login('caizheng');
    jiaoyu = await t.login('jiaoyu');
    await dueOn(t, '市财政局', '2025-07-01');
    await dueOn(t, '市财政局', '2025-07-10');
    await dueOn(t, '市财政局', '2025-07-17');
    await dueOn(t, '市教育局', '2025-07-17');
    await runEscalation(t.ctx, '2025-07-18');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows me my own notifications, newest first, with the unread count', async () => {
    expect((await t.request(null, 'GET', '/api/notifications')).statusCode).toBe(401);
    const res = await t.request(caizheng, 'GET', '/api/notifications');
    expect(res.statusCode).toBe(200);
    const inbox = res.json();
    expect(inbox.unread).toBe(3);
    expect(inbox.items).toHaveLength(3);
    expect(inbox.items.map((n: { kind: string }) => n.kind).sort()).toEqual([
      'supervise-orange',
      'supervise-red',
      'urge',
    ]);
    expect(inbox.items[0]).toMatchObject({ readAt: null, link: expect.stringContaining('/deliverables/') });
    const other = (await t.request(jiaoyu, 'GET', '/api/notifications')).json();
    expect(other.items).toHaveLength(1);
    expect(other.items[0].title).toContain('【催办】');
    expect((await t.request(caizheng, 'GET', '/api/notifications?limit=2')).json().items).toHaveLength(2);
    expect((await t.request(caizheng, 'GET', '/api/notifications?limit=0')).statusCode).toBe(400);
  });

  it('marks one read, refuses someone else’s, and marks all read', async () => {
    const [first] = (await t.request(caizheng, 'GET', '/api/notifications')).json().items;
    t.clock.advance(60_000);
    const read = await t.request(caizheng, 'POST', `/api/notifications/${first.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ id: first.id, readAt: '2025-07-20T02:01:00.000Z' });
    // Again: still read, same time.
    expect((await t.request(caizheng, 'POST', `/api/notifications/${first.id}/read`)).json().readAt).toBe(
      '2025-07-20T02:01:00.000Z',
    );
    const unread = (await t.request(caizheng, 'GET', '/api/notifications?unread=true')).json();
    expect(unread.unread).toBe(2);
    expect(unread.items.map((n: { id: string }) => n.id)).not.toContain(first.id);
    expect((await t.request(caizheng, 'GET', '/api/notifications')).json().items).toHaveLength(3);

    const [theirs] = (await t.request(jiaoyu, 'GET', '/api/notifications')).json().items;
    const foreign = await t.request(caizheng, 'POST', `/api/notifications/${theirs.id}/read`);
    expect(foreign.statusCode).toBe(404);
    expect((await t.request(jiaoyu, 'GET', '/api/notifications')).json().unread).toBe(1);

    const all = await t.request(caizheng, 'POST', '/api/notifications/read-all');
    expect(all.json()).toEqual({ count: 2 });
    expect((await t.request(caizheng, 'GET', '/api/notifications?unread=true')).json()).toEqual({
      items: [],
      unread: 0,
      unreadByKind: {},
    });
    expect((await t.request(caizheng, 'POST', '/api/notifications/read-all')).json()).toEqual({ count: 0 });

    const audit = await t.store.db
      .selectFrom('auditLog')
      .select(['action', 'actorName'])
      .where('action', 'in', ['notification.read', 'notification.read-all'])
      .execute();
    expect(audit).toEqual([
      { action: 'notification.read', actorName: 'caizheng' },
      { action: 'notification.read-all', actorName: 'caizheng' },
    ]);
  });
});
