/**
 * 考核 from the records (issue 10): a year of one small plan — a report returned once then accepted
 * on time with its figure, a 配合 unit and another unit that never reported and were urged — scored
 * under the default rubric and under one the coordinator saves, with a bonus entry and a withdrawn
 * one; each unit sees its own row only, every point names its record, bad rubrics change nothing.
 */
import { FIELD_LABELS } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { changeRecords } from '../helpers/audit-count.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { upload, type World } from '../reports/world.ts';
import { assessedWorld, assessmentAuditFields } from './assessed-world.ts';

type Row = {
  orgId: string;
  name: string;
  total: number;
  rank: number;
  grade: string;
  items: { itemId: string; points: number }[];
};
type View = { asOf: string; groups: { id: string; units: Row[] }[] };
type Line = { ref: { kind: string; id: string }; points: number; note: string; deliverableId?: string };

describe.each(DIALECTS)('assessment from the supervision records on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let planId: string;
  let gongan: string;
  beforeAll(async () => {
    t = await testApp(dialect, { now: '2025-03-28T02:00:00.000Z' });
    ({ w, planId, gongan } = await assessedWorld(t));
    // Sessions lapse when the clock jumps days ahead: sign in again on each day.
    const day = async (iso: string) => {
      t.clock.set(iso);
      w.cookies.coord = await t.login('coord');
      w.cookies.reporter = await t.login(w.names.reporter);
      w.cookies.viewer = await t.login(w.names.viewer);
      return w.cookies;
    };
    let c = w.cookies;
    // 市财政局: handed in on 03-28, returned, handed in again on 03-29, accepted on 04-02 — on time.
    const created = await upload(t, c.reporter, `/api/deliverables/${w.leadId}/reports`, [
      { name: 'narrative', value: '已完成一季度预决算公开工作，公开率100%，网址见附件。' },
      { name: 'completion', value: 'done' },
      { name: 'figures', value: JSON.stringify([{ indicator: '公开率', value: 100, unit: '%' }]) },
    ]);
    expect(created.statusCode).toBe(201);
    const id = created.json().report.id as string;
    const ok = async (cookie: string, path: string, body: unknown) => {
      const res = await t.request(cookie, 'POST', path, body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().report.rowVersion as number;
    };
    let v = await ok(c.reporter, `/api/reports/${id}/submit`, { rowVersion: 1 });
    v = await ok(c.coord, `/api/reports/${id}/return`, { rowVersion: v, reason: '请补充公开网址截图。' });
    c = await day('2025-03-29T02:00:00.000Z');
    v = await ok(c.reporter, `/api/reports/${id}/submit`, { rowVersion: v });
    // 04-02: the escalation pass urges the late (市教育局 due 03-25 reaches orange, 市公安局 due 03-31 is urged).
    c = await day('2025-04-02T02:00:00.000Z');
    const pass = await t.request(c.coord, 'POST', '/api/escalations/run', { asOf: '2025-04-02' });
    expect(pass.statusCode, pass.body).toBe(200);
    await ok(c.coord, `/api/reports/${id}/accept`, { rowVersion: v, comment: '材料齐全。' });
    await day('2025-04-03T02:00:00.000Z');
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (cookie: string, path: string) => {
    const res = await t.request(cookie, 'GET', path);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const base = () => `/api/plans/${planId}/assessment/2025`;
  const byUnit = (view: View) => new Map(view.groups.flatMap((g) => g.units).map((u) => [u.orgId, u]));

  it('scores each unit from its records under the default rubric and ranks the group', async () => {
    const view = (await get(w.cookies.coord, base())) as View;
    expect(view.asOf).toBe('2025-04-03');
    const units = byUnit(view);
    const points = (orgId: string) =>
      Object.fromEntries(units.get(orgId)?.items.map((i) => [i.itemId, i.points]) ?? []);
    // 60 on time + 40 for 公开率 100 ≥ 100 − 0.5 for the return.
    expect(points(w.caizheng)).toEqual({
      'on-time': 60,
      indicators: 40,
      returns: -0.5,
      escalations: 0,
      adjustments: 0,
    });
    // Due 03-25, nothing handed in: 0 on time; a 配合 unit is not held to the target; 催办 −1, orange 督办单 −2.
    expect(points(w.jiaoyu)).toEqual({
      'on-time': 0,
      indicators: 40,
      returns: 0,
      escalations: -3,
      adjustments: 0,
    });
    expect(points(gongan)).toEqual({
      'on-time': 0,
      indicators: 40,
      returns: 0,
      escalations: -1,
      adjustments: 0,
    });
    const group = view.groups.find((g) => g.id === 'departments');
    expect(group?.units.map((u) => [u.name, u.total, u.rank, u.grade])).toEqual([
      ['市财政局', 99.5, 1, '优秀'],
      ['市公安局', 39, 2, '不合格'],
      ['市教育局', 37, 3, '不合格'],
    ]);
  });

  it('traces every point of a unit to its record', async () => {
    const b = await get(w.cookies.coord, `${base()}/units/${w.jiaoyu}`);
    const lines = (id: string) =>
      (b.unit.items as { itemId: string; lines: Line[] }[]).find((i) => i.itemId === id)?.lines ?? [];
    expect(lines('on-time')).toEqual([
      {
        ref: { kind: 'deliverable', id: w.coId },
        deliverableId: w.coId,
        points: 0,
        note: '未完成（2025-03-25 到期）',
      },
    ]);
    const escalations = await t.store.db
      .selectFrom('escalations')
      .select(['id', 'level'])
      .where('deliverableId', '=', w.coId)
      .where('level', '<>', 'reminder')
      .execute();
    expect(
      lines('escalations')
        .map((l) => l.ref.id)
        .sort(),
    ).toEqual(escalations.map((e) => e.id).sort());
    expect(lines('escalations').map((l) => l.note)).toEqual(['2025-04-02 催办', '2025-04-02 督办单(橙色)']);
    const mine = await get(w.cookies.coord, `${base()}/units/${w.caizheng}`);
    const returns = (mine.unit.items as { itemId: string; lines: Line[] }[]).find(
      (i) => i.itemId === 'returns',
    );
    expect(returns?.lines.map((l) => [l.ref.kind, l.deliverableId, l.points])).toEqual([
      ['report', w.leadId, -0.5],
    ]);
  });

  it('shows a unit its own row and breakdown only', async () => {
    const own = (await get(w.cookies.reporter, base())) as View;
    expect(own.groups.flatMap((g) => g.units).map((u) => u.orgId)).toEqual([w.caizheng]);
    expect((await t.request(w.cookies.reporter, 'GET', `${base()}/units/${gongan}`)).statusCode).toBe(403);
    expect((await t.request(w.cookies.reporter, 'GET', `${base()}/rubric`)).statusCode).toBe(403);
    const viewer = (await get(w.cookies.viewer, base())) as View;
    expect(byUnit(viewer).size).toBe(3);
  });

  it('counts a bonus entry with its reason, not a withdrawn one, and audits both', async () => {
    const add = (points: number, reason: string) =>
      t.request(w.cookies.coord, 'POST', `${base()}/adjustments`, {
        orgId: gongan,
        points,
        reason,
        basis: '鹰法办〔2025〕3号',
      });
    const bonus = await add(2, '法治建设经验被省级推广');
    expect(bonus.statusCode, bonus.body).toBe(200);
    const wrong = await add(-3, '登记错误的减分');
    const withdrawn = await t.request(
      w.cookies.coord,
      'POST',
      `/api/assessment-adjustments/${wrong.json().id}/withdraw`,
      {
        reason: '单位不符，撤销',
      },
    );
    expect(withdrawn.statusCode).toBe(200);
    const before = await changeRecords(t.store);
    expect((await add(0.005, '分值不合规')).json()).toMatchObject({ error: { field: 'points' } });
    expect(await changeRecords(t.store)).toBe(before);
    expect(
      (
        await t.request(w.cookies.reporter, 'POST', `${base()}/adjustments`, {
          orgId: gongan,
          points: 1,
          reason: '自评加分',
          basis: '无',
        })
      ).statusCode,
    ).toBe(403);
    const units = byUnit((await get(w.cookies.coord, base())) as View);
    expect(units.get(gongan)?.total).toBe(41);
    const audit = await t.store.db
      .selectFrom('auditLog')
      .select('action')
      .where('entity', '=', 'assessment-adjustment')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'assessment.adjust',
      'assessment.adjust',
      'assessment.adjust-withdraw',
    ]);
    // The 审计记录 page has words for everything these records hold.
    expect((await assessmentAuditFields(t)).filter((k) => !FIELD_LABELS[k])).toEqual([]);
    expect((await verifyAuditChain(t.store)).ok).toBe(true);
  });

  it('saves a rubric the coordinator edits, refuses a bad one naming the field and changes nothing', async () => {
    const setting = await get(w.cookies.coord, `${base()}/rubric`);
    expect(setting).toMatchObject({ saved: false, rowVersion: 0 });
    const rubric = setting.rubric;
    const bad = {
      ...rubric,
      grades: [
        { name: '优秀', minScore: 60 },
        { name: '合格', minScore: 90 },
      ],
    };
    const before = await changeRecords(t.store);
    const refused = await t.request(w.cookies.coord, 'PUT', `${base()}/rubric`, {
      rubric: bad,
      rowVersion: 0,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('rubric.grades[1].minScore');
    expect(await changeRecords(t.store)).toBe(before);

    const onTime50 = {
      ...rubric,
      items: rubric.items.map((i: { kind: string }) => (i.kind === 'on-time' ? { ...i, points: 50 } : i)),
    };
    const saved = await t.request(w.cookies.coord, 'PUT', `${base()}/rubric`, {
      rubric: onTime50,
      rowVersion: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ saved: true, rowVersion: 1 });
    const stale = await t.request(w.cookies.coord, 'PUT', `${base()}/rubric`, {
      rubric: onTime50,
      rowVersion: 0,
    });
    expect(stale.statusCode).toBe(409);
    expect(byUnit((await get(w.cookies.coord, base())) as View).get(w.caizheng)?.total).toBe(89.5);
  });
});
