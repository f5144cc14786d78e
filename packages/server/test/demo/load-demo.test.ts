/**
 * `npm start -- --demo`: the demo data is a living system, loaded once, with its audit trail intact —
 * a year replayed day by day, so escalations carry the days the ladder gave them, every light shows,
 * indicators have figures, and the plans list and the dashboard count the same deliverables.
 */
import type { Indicator } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { shanghaiDay } from '../../src/clock.ts';
import { DEMO_PASSWORD, loadDemo } from '../../src/demo/load-demo.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('demo data on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect, { now: '2026-06-15T02:00:00.000Z' });
    await loadDemo(t.ctx);
  }, 400_000);
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

  it('issues each 提醒, 催办 and 督办单 on its own day through the year, as the ladder says', async () => {
    const rows = await t.store.db
      .selectFrom('escalations')
      .innerJoin('deliverables as d', 'd.id', 'escalations.deliverableId')
      .select([
        'escalations.id',
        'escalations.deliverableId',
        'escalations.level',
        'escalations.createdAt',
        'd.dueDate',
      ])
      .execute();
    const dayOf = (iso: string) => shanghaiDay(new Date(iso));
    const days = new Set(rows.map((r) => dayOf(r.createdAt)));
    expect(days.size).toBeGreaterThan(15);
    expect([...days].some((d) => d < '2026-03-01')).toBe(true);
    expect(days.has('2026-06-15')).toBe(false); // nothing falls due on the demo's day: nothing stamped with it
    const reminders = rows.filter((r) => r.level === 'reminder');
    const urges = rows.filter((r) => r.level === 'urge');
    expect(reminders.length).toBeGreaterThan(100);
    expect(urges.length).toBeGreaterThan(50);
    expect(reminders.filter((r) => dayOf(r.createdAt) > r.dueDate)).toEqual([]);
    expect(urges.filter((r) => dayOf(r.createdAt) <= r.dueDate)).toEqual([]);
    const orange = rows.filter((r) => r.level === 'supervise-orange');
    expect(orange.length).toBeGreaterThan(0);
    const urged = new Map(urges.map((u) => [u.deliverableId, u.createdAt]));
    for (const o of orange) expect(o.createdAt > urged.get(o.deliverableId)!, o.id).toBe(true);
    // Each pass is recorded as of its day, and the audit trail dates each record the same.
    const runs = await t.store.db.selectFrom('escalationRuns').select(['asOf', 'startedAt']).execute();
    expect(new Set(runs.map((r) => r.asOf))).toEqual(days);
    for (const r of runs) expect(dayOf(r.startedAt)).toBe(r.asOf);
    const audited = await t.store.db
      .selectFrom('auditLog')
      .select(['entityId', 'at'])
      .where('action', '=', 'escalation.create')
      .execute();
    const stamped = new Map(rows.map((r) => [r.id, r.createdAt]));
    expect(audited).toHaveLength(rows.length);
    for (const a of audited) expect(a.at).toBe(stamped.get(a.entityId));
  });

  it('shows every light on the dashboard, and indicator figures meeting the target or partway', async () => {
    const cookie = await t.login('coord');
    const dash = (await t.request(cookie, 'GET', '/api/dashboard?year=2026')).json() as {
      totals: { counts: Record<string, number> };
      indicators: { latest: unknown; met: boolean | null }[];
    };
    for (const light of ['blue', 'green', 'yellow', 'red', 'grey'])
      expect(dash.totals.counts[light], light).toBeGreaterThan(0);
    // Yellow both ways: returned and not yet handed in again, and due within the 临期 window.
    const returnedAhead = await t.store.db
      .selectFrom('deliverables')
      .select('id')
      .where('status', '=', 'returned')
      .where('dueDate', '>=', '2026-06-15')
      .execute();
    expect(returnedAhead.length).toBeGreaterThan(0);
    const reported = dash.indicators.filter((i) => i.latest !== null);
    expect(reported.length).toBeGreaterThan(5);
    expect(reported.filter((i) => i.met === true).length).toBeGreaterThan(0);
    expect(reported.filter((i) => i.met === false).length).toBeGreaterThan(0);
  });

  it('counts on the plans list what the dashboard counts, apart from deliverables due next year', async () => {
    const cookie = await t.login('coord');
    const dash = (await t.request(cookie, 'GET', '/api/dashboard?year=2026')).json() as {
      totals: { total: number };
      indicators: unknown[];
    };
    const { plans } = (await t.request(cookie, 'GET', '/api/plans')).json() as {
      plans: { deliverables: number; counts: { indicators: number } }[];
    };
    const nextYear = await t.store.db
      .selectFrom('deliverables')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('dueDate', '>', '2026-12-31')
      .executeTakeFirstOrThrow();
    expect(Number(nextYear.n)).toBeGreaterThan(0);
    expect(plans[0]!.deliverables).toBe(dash.totals.total + Number(nextYear.n));
    // The dashboard's indicators are those of this year (or of no year in particular).
    const tasks = await t.store.db.selectFrom('tasks').select('indicatorsJson').execute();
    const otherYears = tasks
      .flatMap((x) => JSON.parse(x.indicatorsJson) as Indicator[])
      .filter((i) => i.year !== null && i.year !== 2026).length;
    expect(plans[0]!.counts.indicators).toBe(dash.indicators.length + otherYears);
  });
});
