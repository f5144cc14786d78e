/**
 * Refused access is in the audit trail (等保 安全审计): a request answered 403 — a role that may not,
 * a cross-site request — is recorded with who asked, the method, the path and the address, and
 * nothing else changes; other errors are not recorded as refusals. A body that claims to be
 * multipart and is not is bad input (400), never a server failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('refusals on %s', (dialect) => {
  let t: TestApp;
  let reporter: string;
  let coord: string;
  beforeAll(async () => {
    t = await testApp(dialect);
    reporter = await t.login(await t.user('reporter', '市财政局', 'caizheng-r'));
    coord = await t.login('coord');
  });
  afterAll(async () => {
    await t?.close();
  });

  const refusals = async () =>
    t.store.db
      .selectFrom('auditLog')
      .select(['actorName', 'entityId', 'afterJson'])
      .where('action', '=', 'security.refused')
      .orderBy('seq')
      .execute();

  it('records a reporter refused a coordinator operation, and nothing else', async () => {
    const escalationsBefore = await t.store.db.selectFrom('escalations').select('id').execute();
    const res = await t.request(reporter, 'POST', '/api/escalations/run?x=secret-in-query', {});
    expect(res.statusCode).toBe(403);
    const rows = await refusals();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorName: 'caizheng-r', entityId: 'POST /api/escalations/run' });
    const after = JSON.parse(rows[0]!.afterJson!);
    expect(after).toMatchObject({ code: 'forbidden', method: 'POST', path: '/api/escalations/run' });
    expect(JSON.stringify(after)).not.toContain('secret-in-query');
    expect(await t.store.db.selectFrom('escalations').select('id').execute()).toEqual(escalationsBefore);
  });

  it('records a cross-site request with the site it came from', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/escalations/run',
      headers: { cookie: coord, origin: 'http://127.0.0.1:4500', 'sec-fetch-site': 'same-site' },
      payload: {},
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('cross-site');
    const last = (await refusals()).at(-1)!;
    expect(JSON.parse(last.afterJson!)).toMatchObject({
      code: 'cross-site',
      origin: 'http://127.0.0.1:4500',
    });
  });

  it('does not record a missing object, a bad input or an anonymous caller as a refusal', async () => {
    const before = (await refusals()).length;
    expect((await t.request(coord, 'GET', '/api/deliverables/no-such-id')).statusCode).toBe(404);
    expect((await t.request(coord, 'GET', '/api/audit?limit=0')).statusCode).toBe(400);
    expect((await t.request(null, 'GET', '/api/audit')).statusCode).toBe(401);
    expect((await refusals()).length).toBe(before);
  });

  it('answers a body that claims to be multipart and is not with 400 in the envelope', async () => {
    for (const payload of [Buffer.from([1, 2, 3, 200, 201, 0, 5]), Buffer.from('garbage\r\n--zzz\r\n')]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/notices',
        headers: {
          cookie: coord,
          'content-type': 'multipart/form-data; boundary=zzz',
          'x-luoshi-request': '1',
        },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation' });
      expect(res.json().error.message).toMatch(/上传的内容不完整/);
    }
    expect(await t.store.db.selectFrom('notices').select('id').execute()).toEqual([]);
  });
});
