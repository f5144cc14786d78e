/** The audit trail through the API: any record's history, newest first, and the chain check. */
import { DEFAULT_SETTINGS } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('audit trail on %s', (dialect) => {
  let t: TestApp;
  let coord: string;

  beforeAll(async () => {
    t = await testApp(dialect);
    coord = await t.login('coord');
    for (const dueSoonWorkdays of [6, 7, 8]) {
      t.clock.advance(60_000);
      const res = await t.request(coord, 'PUT', '/api/settings', { ...DEFAULT_SETTINGS, dueSoonWorkdays });
      expect(res.statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the history of one record newest first, with before and after as objects', async () => {
    const res = await t.request(coord, 'GET', '/api/audit?entity=settings&entityId=supervision');
    expect(res.statusCode).toBe(200);
    const { entries, nextBefore } = res.json();
    expect(nextBefore).toBeNull();
    expect(entries.map((e: { after: { dueSoonWorkdays: number } }) => e.after.dueSoonWorkdays)).toEqual([
      8, 7, 6,
    ]);
    expect(entries[0]).toMatchObject({
      action: 'settings.update',
      actorName: 'coord',
      entity: 'settings',
      entityId: 'supervision',
      before: { ...DEFAULT_SETTINGS, dueSoonWorkdays: 7 },
    });
    expect(entries[0].seq).toBeGreaterThan(entries[1].seq);
    expect(entries[0].at > entries[1].at).toBe(true);
  });

  it('pages with before= and filters by actor', async () => {
    const first = (await t.request(coord, 'GET', '/api/audit?entity=settings&limit=2')).json();
    expect(first.entries).toHaveLength(2);
    expect(first.nextBefore).toBe(first.entries[1].seq);
    const second = (
      await t.request(coord, 'GET', `/api/audit?entity=settings&limit=2&before=${first.nextBefore}`)
    ).json();
    expect(second.entries).toHaveLength(1);
    expect(second.nextBefore).toBeNull();
    expect(second.entries[0].after.dueSoonWorkdays).toBe(6);
    const me = (await t.request(coord, 'GET', '/api/me')).json();
    const mine = (await t.request(coord, 'GET', `/api/audit?actorId=${me.user.id}&limit=500`)).json();
    expect(mine.entries.length).toBeGreaterThanOrEqual(4); // a login and three changes
    expect(mine.entries.every((e: { actorId: string }) => e.actorId === me.user.id)).toBe(true);
    const bad = await t.request(coord, 'GET', '/api/audit?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'limit', message: 'limit: limit 至少为 1' });
  });

  it('verifies the chain, and names the record that was tampered with', async () => {
    const ok = await t.request(coord, 'GET', '/api/audit/verify');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, problem: null });
    expect(ok.json().count).toBeGreaterThan(80);
    const target = (await t.request(coord, 'GET', '/api/audit?entity=settings&limit=1')).json().entries[0];
    await t.store.db
      .updateTable('auditLog')
      .set({ afterJson: JSON.stringify({ ...DEFAULT_SETTINGS, dueSoonWorkdays: 1 }) })
      .where('seq', '=', target.seq)
      .execute();
    const broken = (await t.request(coord, 'GET', '/api/audit/verify')).json();
    expect(broken).toMatchObject({
      ok: false,
      problem: { seq: target.seq, reason: '内容与哈希不符（被修改）' },
    });
  });

  it('is for the coordinator only', async () => {
    for (const role of ['reporter', 'leader', 'viewer'] as const) {
      const cookie = await t.login(await t.user(role, role === 'viewer' ? undefined : '市财政局'));
      expect((await t.request(cookie, 'GET', '/api/audit')).statusCode).toBe(403);
      expect((await t.request(cookie, 'GET', '/api/audit/verify')).statusCode).toBe(403);
    }
    expect((await t.request(null, 'GET', '/api/audit')).statusCode).toBe(401);
  });
});
