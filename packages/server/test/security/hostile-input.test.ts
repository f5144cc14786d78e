/**
 * Input either database cannot store (security audit, finding 3): a NUL character, an integer
 * beyond the 32-bit columns, a day far beyond the calendar. The same hostile inputs against SQLite
 * and PostgreSQL get the same 400 validation error naming the field, and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { snapshot, upload, type World, world } from '../reports/world.ts';

const NUL = '\u0000';

describe.each(DIALECTS)('hostile input on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let orgRowVersion: number;
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await world(t);
    orgRowVersion = (
      await t.store.db
        .selectFrom('orgs')
        .select('rowVersion')
        .where('id', '=', w.caizheng)
        .executeTakeFirstOrThrow()
    ).rowVersion;
  });
  afterAll(async () => {
    await t?.close();
  });

  const state = async () => ({
    ...(await snapshot(t)),
    users: await t.store.db.selectFrom('users').selectAll().orderBy('id').execute(),
    orgs: await t.store.db.selectFrom('orgs').selectAll().orderBy('id').execute(),
    notices: await t.store.db.selectFrom('notices').select('id').execute(),
    escalations: await t.store.db.selectFrom('escalations').select('id').execute(),
    throttle: await t.store.db.selectFrom('loginThrottle').selectAll().execute(),
  });

  type Case = {
    name: string;
    who: keyof World['cookies'] | null;
    method: 'GET' | 'POST' | 'PATCH';
    url: () => string;
    body?: () => unknown;
    field: string;
  };
  const cases: Case[] = [
    {
      name: 'NUL in a login name',
      who: null,
      method: 'POST',
      url: () => '/api/session',
      body: () => ({ username: `coord${NUL}`, password: 'x' }),
      field: 'username',
    },
    {
      name: 'NUL in a report narrative',
      who: 'reporter',
      method: 'POST',
      url: () => `/api/deliverables/${w.leadId}/reports`,
      body: () => ({ narrative: `一季度工作${NUL}已完成。` }),
      field: 'narrative',
    },
    {
      name: 'NUL in a figure of a report',
      who: 'reporter',
      method: 'POST',
      url: () => `/api/deliverables/${w.leadId}/reports`,
      body: () => ({ figures: [{ indicator: `公开率${NUL}`, value: 100 }] }),
      field: 'figures.0.indicator',
    },
    {
      name: 'NUL in notice text',
      who: 'coord',
      method: 'POST',
      url: () => '/api/notices',
      body: () => ({ text: `关于印发重点工作任务的通知\n一、重点任务\n1. 推进${NUL}依法行政。` }),
      field: 'text',
    },
    {
      name: 'NUL in a new org name',
      who: 'coord',
      method: 'POST',
      url: () => '/api/orgs',
      body: () => ({ name: `市${NUL}局`, kind: 'department', parentId: null }),
      field: 'name',
    },
    {
      name: 'NUL in an org name edit',
      who: 'coord',
      method: 'PATCH',
      url: () => `/api/orgs/${w.caizheng}`,
      body: () => ({ rowVersion: orgRowVersion, name: `财政${NUL}局` }),
      field: 'name',
    },
    {
      name: 'NUL in an imported org directory',
      who: 'coord',
      method: 'POST',
      url: () => '/api/orgs/import',
      body: () => ({ csv: `id,name,kind,parent,aliases,tags,code,note\nx,市${NUL}局,department,,,,,\n` }),
      field: 'csv',
    },
    {
      name: 'NUL in a path id (GET)',
      who: 'reporter',
      method: 'GET',
      url: () => '/api/reports/abc%00def',
      field: 'id',
    },
    {
      name: 'NUL in a path id (POST)',
      who: 'reporter',
      method: 'POST',
      url: () => '/api/deliverables/abc%00/reports',
      body: () => ({ narrative: '一季度工作已经完成。' }),
      field: 'id',
    },
    {
      name: 'NUL in a query filter',
      who: 'coord',
      method: 'GET',
      url: () => '/api/escalations?orgId=%00',
      field: 'orgId',
    },
    {
      name: 'taskNo beyond the integer column',
      who: 'coord',
      method: 'GET',
      url: () => '/api/deliverables?taskNo=99999999999',
      field: 'taskNo',
    },
    {
      name: 'before beyond the integer column',
      who: 'coord',
      method: 'GET',
      url: () => '/api/audit?before=99999999999',
      field: 'before',
    },
    {
      name: 'rowVersion beyond the integer column',
      who: 'coord',
      method: 'PATCH',
      url: () => `/api/orgs/${w.caizheng}`,
      body: () => ({ rowVersion: 99_999_999_999, note: '备注' }),
      field: 'rowVersion',
    },
    {
      name: 'an escalation pass as of 9999-12-31',
      who: 'coord',
      method: 'POST',
      url: () => '/api/escalations/run',
      body: () => ({ asOf: '9999-12-31' }),
      field: 'asOf',
    },
    {
      name: 'an escalation pass as of a day that does not exist',
      who: 'coord',
      method: 'POST',
      url: () => '/api/escalations/run',
      body: () => ({ asOf: '2025-02-30' }),
      field: 'asOf',
    },
  ];

  it('refuses each with 400 validation naming the field, and changes nothing', async () => {
    const before = await state();
    for (const c of cases) {
      const res = await t.request(c.who ? w.cookies[c.who] : null, c.method, c.url(), c.body?.());
      expect(res.statusCode, c.name).toBe(400);
      const error = res.json().error;
      expect(error.code, c.name).toBe('validation');
      expect(error.field, c.name).toBe(c.field);
      // A Chinese message, without the refused character echoed back.
      expect(error.message, c.name).toMatch(/[\u4e00-\u9fff]/);
      expect(error.message.includes(NUL), c.name).toBe(false);
    }
    expect(await state()).toEqual(before);
  });

  it('refuses a NUL in a multipart report field the same way', async () => {
    const before = await state();
    const res = await upload(t, w.cookies.reporter, `/api/deliverables/${w.leadId}/reports`, [
      { name: 'narrative', value: `一季度${NUL}工作已完成。` },
      { name: 'evidence', filename: '说明.txt', content: '公开网址：https://example.org\n' },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation', field: 'narrative' });
    expect(await state()).toEqual(before);
  });

  it('refuses a NUL in the file name of an uploaded notice', async () => {
    const before = await state();
    const res = await upload(t, w.cookies.coord, '/api/notices', [
      {
        name: 'file',
        filename: `通${NUL}知.txt`,
        content: '关于印发重点工作任务的通知\n一、重点任务\n1. 推进依法行政。\n',
      },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation', field: 'file' });
    expect(await state()).toEqual(before);
  });

  it('still takes large indicator values, which are stored as JSON, not in an integer column', async () => {
    const res = await t.request(w.cookies.coReporter, 'POST', `/api/deliverables/${w.coId}/reports`, {
      narrative: '完成固定资产投资。',
      figures: [{ indicator: '固定资产投资', value: 5_000_000_000, unit: '元' }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().report.figures[0].value).toBe(5_000_000_000);
  });
});
