/** 签收: a unit acknowledges each assignment once; lists show the unit its own. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.ts';
import { changeRecords } from '../helpers/audit-count.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { publishReference } from '../helpers/plans.ts';

type Assignment = {
  id: string;
  orgId: string;
  taskNo: number;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
};

describe.each(DIALECTS)('assignments on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  let reporter: string;
  let finance: string;

  beforeAll(async () => {
    t = await testApp(dialect);
    coord = await t.login('coord');
    finance = await t.orgId('市财政局');
    await publishReference(t);
    reporter = await t.login(await t.user('reporter', '市财政局', 'caiwu'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists the unit's own assignments, and refuses another unit's", async () => {
    const res = await t.request(reporter, 'GET', '/api/assignments?limit=500');
    expect(res.statusCode).toBe(200);
    const own = await t.store.db
      .selectFrom('assignments')
      .select('id')
      .where('orgId', '=', finance)
      .execute();
    expect(res.json().total).toBe(own.length);
    expect(res.json().items.every((a: Assignment) => a.orgId === finance)).toBe(true);
    expect(res.json().items[0]).toMatchObject({ taskNo: 1, orgName: '市财政局', acknowledgedAt: null });
    const justice = await t.orgId('市司法局');
    const denied = await t.request(reporter, 'GET', `/api/assignments?orgId=${justice}`);
    expect(denied.statusCode).toBe(403);
    const all = (await t.request(coord, 'GET', '/api/assignments?limit=1')).json();
    expect(all.total).toBe((await t.store.db.selectFrom('assignments').select('id').execute()).length);
    const justiceRows = await t.store.db
      .selectFrom('assignments')
      .select('id')
      .where('orgId', '=', justice)
      .execute();
    expect(justiceRows.length).toBeGreaterThan(40);
    expect((await t.request(coord, 'GET', `/api/assignments?orgId=${justice}`)).json().total).toBe(
      justiceRows.length,
    );
  });

  it('acknowledges once, with an audit record; a second time is refused', async () => {
    const list = (await t.request(reporter, 'GET', '/api/assignments')).json().items as Assignment[];
    const first = list[0]!;
    const ok = await t.request(reporter, 'POST', `/api/assignments/${first.id}/acknowledge`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      id: first.id,
      taskNo: first.taskNo,
      acknowledgedAt: t.clock.now().toISOString(),
    });
    const audit = await t.store.db
      .selectFrom('auditLog')
      .select(['actorName', 'orgId', 'afterJson'])
      .where('action', '=', 'assignment.acknowledge')
      .where('entityId', '=', first.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: 'caiwu', orgId: finance });

    const again = await t.request(reporter, 'POST', `/api/assignments/${first.id}/acknowledge`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('无需重复签收');
    const shown = (await t.request(reporter, 'GET', '/api/assignments?acknowledged=true')).json();
    expect(shown.total).toBe(1);
    expect(shown.items[0]).toMatchObject({ id: first.id, acknowledgedBy: 'caiwu' });
    expect((await t.request(reporter, 'GET', '/api/assignments?acknowledged=false')).json().total).toBe(
      list.length - 1,
    );

    const leader = await t.login(await t.user('leader', '市财政局'));
    expect((await t.request(leader, 'POST', `/api/assignments/${list[1]!.id}/acknowledge`)).statusCode).toBe(
      200,
    );
  });

  it('refuses other units, coordinators and unknown ids, changing nothing', async () => {
    const other = await t.store.db
      .selectFrom('assignments')
      .select('id')
      .where('orgId', '=', await t.orgId('市教育局'))
      .executeTakeFirstOrThrow();
    const audits = await changeRecords(t.store);
    const foreign = await t.request(reporter, 'POST', `/api/assignments/${other.id}/acknowledge`);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toBe('这是其他单位的交办任务');
    expect((await t.request(coord, 'POST', `/api/assignments/${other.id}/acknowledge`)).statusCode).toBe(403);
    expect((await t.request(reporter, 'POST', `/api/assignments/${newId()}/acknowledge`)).statusCode).toBe(
      404,
    );
    const row = await t.store.db
      .selectFrom('assignments')
      .selectAll()
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect(row.acknowledgedAt).toBeNull();
    expect(await changeRecords(t.store)).toBe(audits);
  });
});
