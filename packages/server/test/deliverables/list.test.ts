/** 报送事项: the filtered, paginated list (light included), the detail, and what a unit may see. */
import { DEFAULT_SETTINGS, defaultCalendar, SIGNALS, type Signal } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.ts';
import { rowSignal } from '../../src/modules/deliverables/signal-filter.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { publishReference } from '../helpers/plans.ts';

type Item = { id: string; orgId: string; taskNo: number; dueDate: string; signal: Signal; status: string };

describe.each(DIALECTS)('listing deliverables on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  let finance: string;
  let justice: string;
  let planId: string;

  /** Every page of a list, checking that each page's total is the same. */
  const all = async (cookie: string, query: string): Promise<{ total: number; items: Item[] }> => {
    const items: Item[] = [];
    let total = -1;
    for (let offset = 0; ; offset += 500) {
      const res = await t.request(cookie, 'GET', `/api/deliverables?${query}&limit=500&offset=${offset}`);
      expect(res.statusCode).toBe(200);
      const page = res.json();
      if (total >= 0) expect(page.total).toBe(total);
      total = page.total;
      items.push(...page.items);
      if (page.items.length < 500) break;
    }
    expect(items).toHaveLength(total);
    return { total, items };
  };

  beforeAll(async () => {
    // Monday 10 March 2025, 10:00 in Beijing.
    t = await testApp(dialect, { now: '2025-03-10T02:00:00.000Z' });
    coord = await t.login('coord');
    finance = await t.orgId('市财政局');
    justice = await t.orgId('市司法局');
    planId = (await publishReference(t)).planId;
    // A varied picture: some work done, some handed in late, some returned, some handed in on time.
    const pick = async (taskNo: number, orgId: string) =>
      (
        await t.store.db
          .selectFrom('deliverables')
          .select('id')
          .where('taskNo', '=', taskNo)
          .where('orgId', '=', orgId)
          .orderBy('dueDate')
          .executeTakeFirstOrThrow()
      ).id;
    const set = (
      id: string,
      values: { status: 'accepted' | 'submitted' | 'returned'; submittedAt?: string },
    ) => t.store.db.updateTable('deliverables').set(values).where('id', '=', id).execute();
    await set(await pick(1, justice), { status: 'accepted', submittedAt: '2025-02-20T02:00:00.000Z' });
    await set(await pick(1, finance), { status: 'submitted', submittedAt: '2025-03-04T01:00:00.000Z' }); // late
    await set(await pick(6, finance), { status: 'returned' });
    await set(await pick(10, finance), { status: 'submitted', submittedAt: '2025-03-01T01:00:00.000Z' });
    // Extended to Saturday 8 March: handed in on Monday 10 March, the deadline in force, is on time.
    await t.store.db
      .updateTable('deliverables')
      .set({ dueDate: '2025-03-08', status: 'submitted', submittedAt: '2025-03-10T01:00:00.000Z' })
      .where('id', '=', await pick(10, justice))
      .execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('pages through every deliverable with a stable total', async () => {
    const total = (await t.store.db.selectFrom('deliverables').select('id').execute()).length;
    const first = (await t.request(coord, 'GET', '/api/deliverables?limit=50')).json();
    expect(first.total).toBe(total);
    expect(first.items).toHaveLength(50);
    expect(first.today).toBe('2025-03-10');
    const second = (await t.request(coord, 'GET', '/api/deliverables?limit=50&offset=50')).json();
    expect(second.total).toBe(total);
    const ids = new Set([...first.items, ...second.items].map((d: Item) => d.id));
    expect(ids.size).toBe(100);
    const dates = first.items.map((d: Item) => d.dueDate);
    expect([...dates].sort()).toEqual(dates);
    expect(first.items[0]).toMatchObject({
      planId,
      orgName: expect.any(String),
      taskExcerpt: expect.any(String),
    });
    const { items } = await all(coord, `planId=${planId}`);
    expect(items).toHaveLength(total);
  });

  it('filters by unit, task, status and due range', async () => {
    const t1 = (await t.request(coord, 'GET', `/api/deliverables?taskNo=1&orgId=${finance}`)).json();
    expect(t1.total).toBe(2);
    expect(t1.items.map((d: Item) => d.dueDate)).toEqual(['2025-03-03', '2025-04-01']);
    expect(t1.items[0].orgName).toBe('市财政局');
    const fin = await t.store.db
      .selectFrom('deliverables')
      .select('id')
      .where('orgId', '=', finance)
      .execute();
    expect((await t.request(coord, 'GET', `/api/deliverables?orgId=${finance}`)).json().total).toBe(
      fin.length,
    );
    const returned = (await t.request(coord, 'GET', '/api/deliverables?status=returned')).json();
    expect(returned.total).toBe(1);
    expect(returned.items[0]).toMatchObject({ taskNo: 6, orgId: finance, signal: 'yellow' });
    const april = (
      await t.request(coord, 'GET', '/api/deliverables?dueFrom=2025-04-01&dueTo=2025-04-01&taskNo=1')
    ).json();
    expect(april.total).toBe(16);
    expect(april.items.every((d: Item) => d.dueDate === '2025-04-01')).toBe(true);
  });

  it('filters by light with totals that match core signalOf over every row', async () => {
    const rows = await t.store.db.selectFrom('deliverables').selectAll().execute();
    const expected = new Map<Signal, number>(SIGNALS.map((s) => [s, 0]));
    for (const r of rows) {
      const s = rowSignal(r, '2025-03-10', DEFAULT_SETTINGS, defaultCalendar());
      expected.set(s, expected.get(s)! + 1);
    }
    expect(expected.get('red')).toBeGreaterThan(0);
    expect(expected.get('yellow')).toBeGreaterThan(0);
    expect(expected.get('grey')).toBeGreaterThan(0);
    expect(expected.get('green')).toBeGreaterThan(0);
    expect(expected.get('blue')).toBe(1);
    let sum = 0;
    for (const signal of SIGNALS) {
      const { total, items } = await all(coord, `signal=${signal}`);
      expect(total, signal).toBe(expected.get(signal));
      expect(items.every((d) => d.signal === signal)).toBe(true);
      sum += total;
    }
    expect(sum).toBe(rows.length);
    // The late hand-in is red; the one on time green; the accepted one blue.
    const finRed = (
      await t.request(coord, 'GET', `/api/deliverables?signal=red&orgId=${finance}&taskNo=1`)
    ).json();
    expect(finRed.items.map((d: Item) => d.status)).toEqual(['submitted']);
    const p2 = (await t.request(coord, 'GET', '/api/deliverables?signal=red&limit=7&offset=7')).json();
    expect(p2.total).toBe(expected.get('red'));
    expect(p2.items).toHaveLength(7);
  });

  it('refuses bad filters, naming the field', async () => {
    for (const [query, field] of [
      ['signal=purple', 'signal'],
      ['limit=0', 'limit'],
      ['limit=100000', 'limit'],
      ['offset=-1', 'offset'],
      ['taskNo=abc', 'taskNo'],
      ['dueFrom=2025/03/01', 'dueFrom'],
      ['dueFrom=2025-05-01&dueTo=2025-04-01', 'dueFrom'],
      ['status=lost', 'status'],
    ]) {
      const res = await t.request(coord, 'GET', `/api/deliverables?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.field, query).toBe(field);
    }
    expect((await t.request(null, 'GET', '/api/deliverables')).statusCode).toBe(401);
  });

  it("shows a reporter only the unit's deliverables and the co-inputs to its leads", async () => {
    const reporter = await t.login(await t.user('reporter', '市财政局'));
    const { total, items } = await all(reporter, 'x=1');
    const visible = await t.store.db
      .selectFrom('deliverables')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('orgId', '=', finance),
          eb(
            'leadDeliverableId',
            'in',
            eb.selectFrom('deliverables as l').select('l.id').where('l.orgId', '=', finance),
          ),
        ]),
      )
      .execute();
    expect(total).toBe(visible.length);
    const foreign = items.filter((d) => d.orgId !== finance);
    // 市财政局 leads no task of the reference list; its own rows are all it sees.
    expect(foreign).toEqual([]);
    // Asking for another unit gives nothing of that unit.
    expect((await t.request(reporter, 'GET', `/api/deliverables?orgId=${justice}`)).json().total).toBe(0);

    const other = await t.store.db
      .selectFrom('deliverables')
      .select('id')
      .where('orgId', '=', justice)
      .executeTakeFirstOrThrow();
    const denied = await t.request(reporter, 'GET', `/api/deliverables/${other.id}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toBe('这是其他单位的报送事项');
    expect((await t.request(reporter, 'GET', `/api/deliverables/${newId()}`)).statusCode).toBe(404);
    const own = await t.request(reporter, 'GET', `/api/deliverables/${items[0]!.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      org: { id: finance, name: '市财政局' },
      plan: { id: planId, status: 'published' },
    });
  });

  it('shows a lead unit the co-inputs feeding its deliverable, and the detail of each', async () => {
    const lead = await t.store.db
      .selectFrom('deliverables as c')
      .innerJoin('deliverables as l', 'l.id', 'c.leadDeliverableId')
      .select(['l.id', 'l.orgId', 'l.taskNo'])
      .executeTakeFirstOrThrow();
    const leadOrg = await t.store.db
      .selectFrom('orgs')
      .select('name')
      .where('id', '=', lead.orgId)
      .executeTakeFirstOrThrow();
    const reporter = await t.login(await t.user('reporter', leadOrg.name));
    const detail = (await t.request(reporter, 'GET', `/api/deliverables/${lead.id}`)).json();
    expect(detail.task.no).toBe(lead.taskNo);
    expect(detail.coInputs.length).toBeGreaterThan(0);
    expect(detail.lead).toBeNull();
    expect(detail.assignment).toMatchObject({ role: 'lead', acknowledgedAt: null });
    expect(detail).toMatchObject({ reports: [], extensions: [], escalations: [] });
    const co = detail.coInputs[0];
    const coDetail = await t.request(reporter, 'GET', `/api/deliverables/${co.id}`);
    expect(coDetail.statusCode).toBe(200);
    expect(coDetail.json().lead.id).toBe(lead.id);
    const { items } = await all(reporter, 'x=1');
    expect(items.some((d) => d.id === co.id)).toBe(true);
  });
});
