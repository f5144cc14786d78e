/**
 * The year's end (issue 10): the coordinator publishes the results with an appeal window (units told),
 * units appeal item by item, the coordinator accepts (the correction becomes a 加减分 entry) or rejects,
 * then freezes: the stored result never changes, edits to the records afterwards are shown beside it,
 * and `audit verify` finds a frozen result edited in the database.
 */
import { FIELD_LABELS } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/anchors.ts';
import { sha256 } from '../../src/modules/assessment/assessment-year.ts';
import { changeRecords } from '../helpers/audit-count.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import type { World } from '../reports/world.ts';
import { assessedWorld, assessmentAuditFields } from './assessed-world.ts';

type Row = { orgId: string; total: number };
type View = {
  state: { status: string; label: string; rowVersion: number; resultSha256: string | null };
  changedSince: { orgId: string; frozen: number; live: number }[];
  groups: { units: Row[] }[];
};

describe.each(DIALECTS)('assessment appeals and freeze on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let planId: string;
  let gongan: string;
  beforeAll(async () => {
    t = await testApp(dialect, { now: '2025-04-03T02:00:00.000Z' });
    ({ w, planId, gongan } = await assessedWorld(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  const base = () => `/api/plans/${planId}/assessment/2025`;
  const view = async () => (await t.request(w.cookies.coord, 'GET', base())).json() as View;
  const total = async (orgId: string) =>
    (await view()).groups.flatMap((g) => g.units).find((u) => u.orgId === orgId)?.total;
  const appeal = (cookie: string, itemId: string, reason = '本单位已按时报送，系统未计入。') =>
    t.request(cookie, 'POST', `${base()}/appeals`, { itemId, reason });

  it('takes appeals only in the published window, one open appeal per unit and item', async () => {
    expect((await appeal(w.cookies.reporter, 'on-time')).statusCode).toBe(409);
    const opened = await t.request(w.cookies.coord, 'POST', `${base()}/appeal-window`, {
      from: '2025-04-03',
      until: '2025-04-10',
      rowVersion: 0,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ status: 'appeals', appealUntil: '2025-04-10', rowVersion: 1 });
    const told = await t.store.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select(['notifications.title'])
      .where('users.username', '=', w.names.reporter)
      .where('notifications.kind', '=', 'assessment.appeals')
      .execute();
    expect(told.map((n) => n.title)).toEqual(['2025 年度考核结果已公示']);

    expect((await appeal(w.cookies.reporter, 'on-time')).statusCode).toBe(200);
    expect((await appeal(w.cookies.reporter, 'on-time')).json().error.message).toBe(
      '本单位对这一项已有待处理的申诉',
    );
    expect((await appeal(w.cookies.reporter, 'no-such-item')).json().error.field).toBe('itemId');
    expect((await appeal(w.cookies.coord, 'on-time')).statusCode).toBe(403);
    expect((await appeal(w.cookies.stranger, 'escalations', '未曾收到催办通知。')).statusCode).toBe(200);
    // A unit sees its own appeals only.
    const own = (await t.request(w.cookies.reporter, 'GET', `${base()}/appeals`)).json().items;
    expect(own.map((a: { orgId: string }) => a.orgId)).toEqual([w.caizheng]);
  });

  it('will not freeze while an appeal waits; accepting corrects the score, rejecting keeps it', async () => {
    const before = await changeRecords(t.store);
    const early = await t.request(w.cookies.coord, 'POST', `${base()}/freeze`, { rowVersion: 1 });
    expect(early.json().error.message).toBe('还有 2 件申诉未处理，处理后才能定格');
    expect(await changeRecords(t.store)).toBe(before);

    const appeals = (await t.request(w.cookies.coord, 'GET', `${base()}/appeals`)).json().items as {
      id: string;
      orgId: string;
    }[];
    const mine = appeals.find((a) => a.orgId === w.caizheng);
    const theirs = appeals.find((a) => a.orgId === gongan);
    const was = await total(w.caizheng);
    const noPoints = await t.request(w.cookies.coord, 'POST', `/api/assessment-appeals/${mine?.id}/decide`, {
      accept: true,
      note: '核实已按时报送',
    });
    expect(noPoints.json().error.field).toBe('points');
    const accepted = await t.request(w.cookies.coord, 'POST', `/api/assessment-appeals/${mine?.id}/decide`, {
      accept: true,
      note: '核实已按时报送',
      points: 5,
    });
    expect(accepted.json()).toMatchObject({ status: 'accepted', adjustmentId: expect.any(String) });
    expect(await total(w.caizheng)).toBe((was ?? 0) + 5);
    const rejected = await t.request(
      w.cookies.coord,
      'POST',
      `/api/assessment-appeals/${theirs?.id}/decide`,
      {
        accept: false,
        note: '催办记录完整，送达无误',
      },
    );
    expect(rejected.json()).toMatchObject({ status: 'rejected', adjustmentId: null });
    const decided = await t.store.db
      .selectFrom('notifications')
      .select('title')
      .where('kind', '=', 'assessment.appeal-decided')
      .orderBy('title')
      .execute();
    expect([...new Set(decided.map((n) => n.title))]).toEqual(['考核申诉已采纳', '考核申诉未采纳']);
  });

  it('freezes the result with its hash; later records show beside it and change nothing', async () => {
    const frozen = await t.request(w.cookies.coord, 'POST', `${base()}/freeze`, { rowVersion: 1 });
    expect(frozen.statusCode, frozen.body).toBe(200);
    const stored = await t.store.db
      .selectFrom('assessmentYears')
      .select(['resultJson', 'resultSha256'])
      .executeTakeFirstOrThrow();
    expect(sha256(stored.resultJson ?? '')).toBe(stored.resultSha256);
    const atFreeze = await view();
    expect(atFreeze.state).toMatchObject({ status: 'frozen', label: '已定格' });
    expect(atFreeze.changedSince).toEqual([]);

    // Two weeks on, the escalation pass urges 市公安局 again: the live score drops, the frozen one stands.
    t.clock.set('2025-04-21T02:00:00.000Z');
    const coord = await t.login('coord');
    expect((await t.request(coord, 'POST', '/api/escalations/run', { asOf: '2025-04-21' })).statusCode).toBe(
      200,
    );
    const later = (await t.request(coord, 'GET', base())).json() as View;
    const frozenGongan = atFreeze.groups.flatMap((g) => g.units).find((u) => u.orgId === gongan)?.total;
    expect(later.groups.flatMap((g) => g.units).find((u) => u.orgId === gongan)?.total).toBe(frozenGongan);
    expect(later.changedSince).toContainEqual({
      orgId: gongan,
      name: '市公安局',
      frozen: frozenGongan,
      live: expect.any(Number),
    });

    for (const [method, path, body] of [
      ['POST', `${base()}/adjustments`, { orgId: gongan, points: 1, reason: '定格后加分', basis: '无依据' }],
      ['PUT', `${base()}/rubric`, { rubric: {}, rowVersion: 0 }],
      ['POST', `${base()}/freeze`, { rowVersion: 2 }],
    ] as const) {
      const res = await t.request(coord, method, path, body);
      expect(res.statusCode, `${method} ${path}`).toBeGreaterThanOrEqual(400);
    }
    expect(
      (
        await t.request(coord, 'POST', `${base()}/adjustments`, {
          orgId: gongan,
          points: 1,
          reason: '定格后加分',
          basis: '无依据',
        })
      ).json().error.message,
    ).toBe('2025 年度考核结果已定格，不能再修改');
  });

  it('has words for every field its audit records hold', async () => {
    const fields = await assessmentAuditFields(t);
    expect(fields.length).toBeGreaterThan(10);
    expect(fields.filter((k) => !FIELD_LABELS[k])).toEqual([]);
  });

  it('audit verify finds a frozen result edited in the database, even with its row hash recomputed', async () => {
    expect((await verifyAudit(t.store, t.store.dataDir)).frozen).toEqual({ checked: 1, problems: [] });
    const row = await t.store.db
      .selectFrom('assessmentYears')
      .select(['resultJson'])
      .executeTakeFirstOrThrow();
    const edited = (row.resultJson ?? '').replace(/"total":(\d+)/, (_, n) => `"total":${Number(n) + 10}`);
    await t.store.db
      .updateTable('assessmentYears')
      .set({ resultJson: edited, resultSha256: sha256(edited) })
      .execute();
    const check = await verifyAudit(t.store, t.store.dataDir);
    expect(check.ok).toBe(false);
    expect(check.frozen.problems).toEqual([
      `2025 年度考核定格结果（清单 ${planId}）的哈希与审计记录不符（被替换）`,
    ]);
  });
});
