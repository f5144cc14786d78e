/** `npm start -- --demo`: the demo data is a living system, loaded once, with its audit trail intact. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { DEMO_PASSWORD, loadDemo } from '../../src/demo/load-demo.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('demo data on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect, { now: '2026-06-15T02:00:00.000Z' });
    await loadDemo(t.ctx);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('publishes the reference notice for the current year with every kind of deliverable state', async () => {
    const plan = await t.store.db.selectFrom('plans').select(['status', 'year']).executeTakeFirstOrThrow();
    expect(plan).toEqual({ status: 'published', year: 2026 });
    const byStatus = await t.store.db
      .selectFrom('deliverables')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const counts = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
    for (const status of ['accepted', 'returned', 'submitted', 'pending', 'draft'])
      expect(counts[status], `deliverables ${status}`).toBeGreaterThan(0);
    const overdue = await t.store.db
      .selectFrom('deliverables')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('dueDate', '<', '2026-06-15')
      .where('status', 'in', ['pending', 'returned'])
      .executeTakeFirstOrThrow();
    expect(Number(overdue.n)).toBeGreaterThan(0);
    const levels = await t.store.db.selectFrom('escalations').select('level').distinct().execute();
    expect(levels.map((l) => l.level).sort()).toEqual([
      'reminder',
      'supervise-orange',
      'supervise-red',
      'urge',
    ]);
    expect(await t.store.db.selectFrom('extensions').select('status').distinct().execute()).not.toEqual([]);
  });

  it('gives each responsible unit a reporter who can log in and sees only the unit', async () => {
    const cookie = await t.login('lx-finance', DEMO_PASSWORD);
    const list = (await t.request(cookie, 'GET', '/api/deliverables?limit=500')).json() as {
      total: number;
      items: { orgId: string; leadDeliverableId: string | null }[];
    };
    expect(list.total).toBeGreaterThan(0);
    const leads = new Set(
      (await t.store.db.selectFrom('deliverables').select('id').where('orgId', '=', 'finance').execute()).map(
        (d) => d.id,
      ),
    );
    for (const d of list.items)
      expect(d.orgId === 'finance' || leads.has(d.leadDeliverableId ?? '')).toBe(true);
    expect(await t.login('city-leader', DEMO_PASSWORD)).toMatch(/^luoshi_session=/);
  });

  it('leaves each user tens of unread notices at most, the old ones read when they came', async () => {
    const unread = await t.store.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select(['users.username', (eb) => eb.fn.countAll<number>().as('n')])
      .where('notifications.readAt', 'is', null)
      .groupBy('users.username')
      .execute();
    expect(unread.length).toBeGreaterThan(0);
    for (const u of unread) expect(Number(u.n), u.username).toBeLessThan(100);
    const stale = await t.store.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('readAt', 'is', null)
      .where('createdAt', '<', '2026-06-08T02:00:00.000Z')
      .executeTakeFirstOrThrow();
    expect(Number(stale.n)).toBe(0);
    const old = await t.store.db
      .selectFrom('notifications')
      .select(['createdAt', 'readAt'])
      .where('createdAt', '<', '2026-06-08T02:00:00.000Z')
      .limit(5)
      .execute();
    expect(old.length).toBeGreaterThan(0);
    for (const n of old) expect(n.readAt).toBe(n.createdAt);
    const cookie = await t.login('lx-finance', DEMO_PASSWORD);
    const inbox = (await t.request(cookie, 'GET', '/api/notifications')).json();
    expect(inbox.unread).toBeGreaterThan(0);
    expect(inbox.unread).toBeLessThan(20);
  });

  it('keeps the audit chain whole and does not load twice', async () => {
    const chain = await verifyAuditChain(t.store);
    expect(chain.ok).toBe(true);
    expect(chain.count).toBeGreaterThan(3000);
    const again = await loadDemo(t.ctx);
    expect(again.message).toContain('已存在');
    expect((await verifyAuditChain(t.store)).count).toBe(chain.count);
  });
});
