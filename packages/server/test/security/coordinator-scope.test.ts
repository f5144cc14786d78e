/**
 * The coordinating office is its own scope (security audit, finding 7): a coordinator reads what
 * every unit has handed in but no unit's draft, also when the account names a unit (the harness's
 * `coord` belongs to 市司法局, as the first coordinator used to); the first coordinator of a fresh
 * database belongs to no unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/bootstrap.ts';
import { seedDeliverable, seedPlan, seedTask } from '../helpers/factories.ts';
import { DIALECTS, openTestStore, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('the coordinator scope on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  let justiceReporter: string;
  let deliverableId: string;
  let reportId: string;
  beforeAll(async () => {
    t = await testApp(dialect);
    const justice = await t.orgId('市司法局');
    const coordRow = await t.store.db
      .selectFrom('users')
      .select('orgId')
      .where('username', '=', 'coord')
      .executeTakeFirstOrThrow();
    expect(coordRow.orgId).toBe(justice);
    const plan = await seedPlan(t.store);
    const taskId = await seedTask(t.store, plan, 1, '推进法治政府建设示范创建。');
    deliverableId = await seedDeliverable(t.store, {
      plan,
      taskId,
      taskNo: 1,
      orgId: justice,
      dueDate: '2025-03-31',
    });
    coord = await t.login('coord');
    justiceReporter = await t.login(await t.user('reporter', '市司法局'));
    const created = await t.request(justiceReporter, 'POST', `/api/deliverables/${deliverableId}/reports`, {
      narrative: '司法局本季度草稿：示范创建材料正在整理。',
      completion: 'in-progress',
    });
    expect(created.statusCode).toBe(201);
    reportId = created.json().report.id;
    expect(created.json().report.status).toBe('draft');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a coordinator of 市司法局 the draft of 市司法局, which its own reporter reads', async () => {
    const asUnit = await t.request(justiceReporter, 'GET', `/api/reports/${reportId}`);
    expect(asUnit.statusCode).toBe(200);
    const asCoordinator = await t.request(coord, 'GET', `/api/reports/${reportId}`);
    expect(asCoordinator.statusCode).toBe(403);
    expect(asCoordinator.json().error.code).toBe('forbidden');
    expect(asCoordinator.body).not.toContain('示范创建材料正在整理');
    const list = await t.request(coord, 'GET', `/api/deliverables/${deliverableId}/reports`);
    expect(list.statusCode).toBe(200);
    expect(list.json().reports).toEqual([]);
    expect(list.body).not.toContain('示范创建材料正在整理');
  });

  it('lets the coordinator read the same report once the unit has handed it in', async () => {
    const report = (await t.request(justiceReporter, 'GET', `/api/reports/${reportId}`)).json().report;
    const submitted = await t.request(justiceReporter, 'POST', `/api/reports/${reportId}/submit`, {
      rowVersion: report.rowVersion,
    });
    expect(submitted.statusCode).toBe(200);
    const read = await t.request(coord, 'GET', `/api/reports/${reportId}`);
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain('示范创建材料正在整理');
    const list = await t.request(coord, 'GET', `/api/deliverables/${deliverableId}/reports`);
    expect(list.json().reports).toHaveLength(1);
  });

  it('creates the first coordinator of a fresh database in no unit', async () => {
    const store = await openTestStore(dialect);
    try {
      const r = await bootstrap(
        store,
        { adminPassword: 'Qz7#yingtan-2025-seal' },
        new Date('2025-03-10T02:00:00Z'),
      );
      expect(r.createdAdmin).toBe(true);
      const admin = await store.db
        .selectFrom('users')
        .select(['role', 'orgId'])
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow();
      expect(admin).toEqual({ role: 'coordinator', orgId: null });
    } finally {
      await store.dispose();
    }
  });
});
