/** Fixing one unit in place, and adding one, on SQLite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('editing single orgs on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  beforeAll(async () => {
    t = await testApp(dialect);
    coord = await t.login('coord');
  });
  afterAll(async () => {
    await t?.close();
  });

  const org = (id: string) =>
    t.store.db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditCount = async () =>
    Number(
      (
        await t.store.db
          .selectFrom('auditLog')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('renames aliases and tags with the version, audits before and after, lists the new version', async () => {
    const before = await org('finance');
    const res = await t.request(coord, 'PATCH', '/api/orgs/finance', {
      rowVersion: before.rowVersion,
      aliases: ['财政局', ' 鹰潭市财政局 ', '财政局'],
      note: '已核对',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: 'finance',
      name: '市财政局',
      aliases: ['财政局', '鹰潭市财政局'],
      note: '已核对',
      rowVersion: before.rowVersion + 1,
    });
    const audit = await t.store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'org.update')
      .where('entityId', '=', 'finance')
      .executeTakeFirstOrThrow();
    expect(audit.actorName).toBe('coord');
    expect(JSON.parse(audit.beforeJson!)).toMatchObject({ aliases: [], name: '市财政局' });
    expect(JSON.parse(audit.afterJson!)).toMatchObject({
      aliases: ['财政局', '鹰潭市财政局'],
      note: '已核对',
    });
    expect(audit.afterJson).not.toContain('icalToken');
    const list = await t.request(coord, 'GET', '/api/orgs');
    expect(list.json().orgs.find((o: { id: string }) => o.id === 'finance')).toMatchObject({
      aliases: ['财政局', '鹰潭市财政局'],
      rowVersion: before.rowVersion + 1,
    });
  });

  it('writes nothing when nothing changes', async () => {
    const before = await org('finance');
    const count = await auditCount();
    const res = await t.request(coord, 'PATCH', '/api/orgs/finance', {
      rowVersion: before.rowVersion,
      name: before.name,
      aliases: JSON.parse(before.aliases),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().rowVersion).toBe(before.rowVersion);
    expect(await auditCount()).toBe(count);
  });

  it('refuses bad edits with the field named and changes nothing', async () => {
    const finance = await org('finance');
    const root = await org('yingtan');
    const count = await auditCount();
    const cases: [string, Record<string, unknown>, number, string, RegExp][] = [
      ['finance', { kind: 'bureau' }, 400, 'kind', /未知的类型“bureau”/],
      ['finance', { parentId: 'nowhere' }, 400, 'parentId', /上级“nowhere”不存在/],
      ['yingtan', { parentId: 'finance' }, 400, 'parentId', /上级关系成环/],
      ['finance', { parentId: 'finance' }, 400, 'parentId', /上级关系成环/],
      ['finance', { name: '市司法局' }, 400, 'name', /名称“市司法局”.*重复/],
      ['finance', { aliases: ['市教育局'] }, 400, 'aliases', /别名“市教育局”.*重复/],
      ['finance', { name: '  ' }, 400, 'name', /名称不能为空/],
      ['finance', { rowVersion: finance.rowVersion - 1, note: '晚了' }, 409, 'rowVersion', /已被他人修改/],
      ['finance', { colour: 'red' }, 400, '', /./],
    ];
    for (const [id, change, status, field, message] of cases) {
      const rowVersion = id === 'yingtan' ? root.rowVersion : finance.rowVersion;
      const res = await t.request(coord, 'PATCH', `/api/orgs/${id}`, { rowVersion, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(status);
      if (field !== '') expect(res.json().error.field, JSON.stringify(change)).toBe(field);
      expect(res.json().error.message).toMatch(message);
      // No CSV line numbers: there is no file here.
      expect(res.json().error.message).not.toMatch(/第\d+行/);
    }
    expect(await org('finance')).toEqual(finance);
    expect(await org('yingtan')).toEqual(root);
    expect(await auditCount()).toBe(count);
    expect((await t.request(coord, 'PATCH', '/api/orgs/nowhere', { rowVersion: 1 })).statusCode).toBe(404);
  });

  it('lets only the coordinator edit', async () => {
    const finance = await org('finance');
    const reporter = await t.login(await t.user('reporter', '市财政局'));
    const res = await t.request(reporter, 'PATCH', '/api/orgs/finance', {
      rowVersion: finance.rowVersion,
      name: '财政局',
    });
    expect(res.statusCode).toBe(403);
    expect(
      (await t.request(reporter, 'POST', '/api/orgs', { name: '市新局', kind: 'department' })).statusCode,
    ).toBe(403);
    expect(await org('finance')).toEqual(finance);
  });

  it('adds one org with its own calendar secret, refusing clashes', async () => {
    const res = await t.request(coord, 'POST', '/api/orgs', {
      id: 'data-bureau',
      name: '市数据局',
      kind: 'department',
      parentId: 'yingtan',
      aliases: ['数据局'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      id: 'data-bureau',
      name: '市数据局',
      rowVersion: 1,
      tags: [],
      note: '',
    });
    const row = await org('data-bureau');
    expect(row.icalToken.length).toBeGreaterThan(20);
    const audit = await t.store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'org.create')
      .where('entityId', '=', 'data-bureau')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.afterJson!)).toMatchObject({ name: '市数据局', parentId: 'yingtan' });

    const generated = await t.request(coord, 'POST', '/api/orgs', { name: '市某中心', kind: 'other' });
    expect(generated.statusCode).toBe(201);
    expect(generated.json().id).toMatch(/^[0-9a-f-]{36}$/);

    const count = await auditCount();
    const bad: [Record<string, unknown>, number, string][] = [
      [{ id: 'finance', name: '市新财政局', kind: 'department' }, 409, 'id'],
      [{ name: '数据局', kind: 'department' }, 400, 'name'],
      [{ name: '市另一局', kind: 'ministry' }, 400, 'kind'],
      [{ name: '市另一局', kind: 'department', parentId: 'nowhere' }, 400, 'parentId'],
      [{ name: '市另一局', kind: 'government' }, 400, 'parentId'],
      [{ id: '有 空格', name: '市另一局', kind: 'department' }, 400, 'id'],
    ];
    for (const [body, status, field] of bad) {
      const r = await t.request(coord, 'POST', '/api/orgs', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(status);
      expect(r.json().error.field, JSON.stringify(body)).toBe(field);
    }
    expect(await auditCount()).toBe(count);
    const names = await t.store.db.selectFrom('orgs').select('name').where('name', '=', '市另一局').execute();
    expect(names).toEqual([]);
  });
});
