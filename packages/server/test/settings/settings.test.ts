/** Supervision settings: everyone reads, the coordinator changes them, bad values change nothing. */
import { DEFAULT_SETTINGS } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { getSettings } from '../../src/modules/settings/get-settings.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('settings on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  let reporter: string;

  const auditCount = async () =>
    (
      await t.store.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    t = await testApp(dialect);
    coord = await t.login('coord');
    reporter = await t.login(await t.user('reporter', '市财政局'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the defaults, their limits and version 0 to any signed-in user', async () => {
    const res = await t.request(reporter, 'GET', '/api/settings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      settings: DEFAULT_SETTINGS,
      rowVersion: 0,
      updatedAt: null,
      updatedBy: null,
      defaults: DEFAULT_SETTINGS,
      ranges: { dueSoonWorkdays: { label: '临期黄灯工作日数', min: 0, max: 60 } },
      cadences: ['monthly', 'quarterly', 'semiannual', 'annual'],
    });
    expect((await t.request(null, 'GET', '/api/settings')).statusCode).toBe(401);
  });

  it('lets the coordinator change them, bumps the version and audits before and after', async () => {
    const next = { ...DEFAULT_SETTINGS, dueSoonWorkdays: 7, defaultCadence: 'monthly' };
    const res = await t.request(coord, 'PUT', '/api/settings', { rowVersion: 0, ...next });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      settings: next,
      rowVersion: 1,
      updatedAt: t.clock.now().toISOString(),
      updatedBy: { username: 'coord' },
    });
    expect(await getSettings(t.store)).toEqual(next);
    const audit = await t.store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'settings.update')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actorName: 'coord', entity: 'settings', entityId: 'supervision' });
    expect(JSON.parse(audit.beforeJson!)).toEqual(DEFAULT_SETTINGS);
    expect(JSON.parse(audit.afterJson!)).toEqual(next);
    expect((await verifyAuditChain(t.store)).ok).toBe(true);
    // Saving the same values again changes nothing and writes no record.
    const count = await auditCount();
    const same = await t.request(coord, 'PUT', '/api/settings', { rowVersion: 1, ...next });
    expect(same.json().rowVersion).toBe(1);
    expect(await auditCount()).toBe(count);
  });

  it('refuses a stale version: someone else changed the settings meanwhile', async () => {
    const count = await auditCount();
    const res = await t.request(coord, 'PUT', '/api/settings', {
      rowVersion: 0,
      ...DEFAULT_SETTINGS,
      dueSoonWorkdays: 9,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'stale', message: '数据已被他人修改，请刷新后重试' });
    expect((await getSettings(t.store)).dueSoonWorkdays).toBe(7);
    expect(await auditCount()).toBe(count);
  });

  it('names the bad field in Chinese and changes nothing', async () => {
    const before = await getSettings(t.store);
    const count = await auditCount();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...DEFAULT_SETTINGS, dueSoonWorkdays: 61 }, 'dueSoonWorkdays', /临期黄灯工作日数.*0 至 60/],
      [{ ...DEFAULT_SETTINGS, replyWorkdays: 2.5 }, 'replyWorkdays', /应为整数/],
      [{ ...DEFAULT_SETTINGS, defaultCadence: 'weekly' }, 'defaultCadence', /默认报送周期/],
      [
        { ...DEFAULT_SETTINGS, superviseOrangeAfterWorkdays: 10, superviseRedAfterWorkdays: 10 },
        'superviseRedAfterWorkdays',
        /红色督办.*应大于橙色督办/,
      ],
      [{ ...DEFAULT_SETTINGS, colour: 'red' }, 'colour', /未知的设置项/],
      [{ dueSoonWorkdays: 3 }, 'defaultCadence', /缺少默认报送周期/],
      [{ ...DEFAULT_SETTINGS, rowVersion: 'x' }, 'rowVersion', /./],
    ];
    for (const [body, field, message] of cases) {
      const res = await t.request(coord, 'PUT', '/api/settings', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.code).toBe('validation');
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.message).toMatch(message);
    }
    expect(await getSettings(t.store)).toEqual(before);
    expect(await auditCount()).toBe(count);
  });

  it('refuses everyone but the coordinator', async () => {
    const count = await auditCount();
    for (const role of ['reporter', 'leader', 'viewer'] as const) {
      const cookie =
        role === 'reporter'
          ? reporter
          : await t.login(await t.user(role, role === 'leader' ? '市财政局' : undefined));
      const res = await t.request(cookie, 'PUT', '/api/settings', { ...DEFAULT_SETTINGS });
      expect(res.statusCode).toBe(403);
    }
    expect((await getSettings(t.store)).dueSoonWorkdays).toBe(7);
    expect(await auditCount()).toBeGreaterThanOrEqual(count);
    const changes = await t.store.db
      .selectFrom('auditLog')
      .select('actorName')
      .where('action', '=', 'settings.update')
      .execute();
    expect(changes.map((c) => c.actorName)).toEqual(['coord']);
  });
});
