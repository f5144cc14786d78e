/** The rules of reporting: one open report, stale versions, short narratives, review states, leader approval. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { auditOf, snapshot, type World, world } from './world.ts';

describe.each(DIALECTS)('reporting rules on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await world(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const draft = async (cookie: string, deliverableId: string, narrative = '本季度工作正在推进中。') => {
    const res = await t.request(cookie, 'POST', `/api/deliverables/${deliverableId}/reports`, { narrative });
    expect(res.statusCode).toBe(201);
    return res.json().report as { id: string; rowVersion: number };
  };

  it('allows one open report per unit and deliverable, and names the open one by its status, not its id', async () => {
    const first = await draft(w.cookies.reporter, w.leadId);
    const before = await snapshot(t);
    const second = await t.request(w.cookies.leader, 'POST', `/api/deliverables/${w.leadId}/reports`, {
      narrative: '领导也想再建一份',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('conflict');
    expect(second.json().error.message).toBe(
      '本单位在该事项上已有一份状态为「草稿」的报告，请在该报告上继续编辑',
    );
    expect(second.json().error.message).not.toContain(first.id);
    expect(await snapshot(t)).toEqual(before);
  });

  it('refuses a stale edit and changes nothing', async () => {
    const [r] = (await t.request(w.cookies.reporter, 'GET', `/api/deliverables/${w.leadId}/reports`)).json()
      .reports;
    const ok = await t.request(w.cookies.leader, 'PATCH', `/api/reports/${r.id}`, {
      rowVersion: 1,
      completion: 'done',
    });
    expect(ok.statusCode).toBe(200);
    const before = await snapshot(t);
    const stale = await t.request(w.cookies.reporter, 'PATCH', `/api/reports/${r.id}`, {
      rowVersion: 1,
      narrative: '基于旧版本的修改',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'stale', field: 'rowVersion' });
    const staleSubmit = await t.request(w.cookies.reporter, 'POST', `/api/reports/${r.id}/submit`, {
      rowVersion: 1,
    });
    expect(staleSubmit.statusCode).toBe(409);
    expect(await snapshot(t)).toEqual(before);
  });

  it('validates fields and names them, changing nothing', async () => {
    const [r] = (await t.request(w.cookies.reporter, 'GET', `/api/deliverables/${w.leadId}/reports`)).json()
      .reports;
    const before = await snapshot(t);
    const cases: [unknown, string][] = [
      [{ rowVersion: r.rowVersion, completion: 'finished' }, 'completion'],
      [{ rowVersion: r.rowVersion, figures: [{ indicator: '公开率', value: '很高' }] }, 'figures.0.value'],
      [{ rowVersion: r.rowVersion, figures: 'not a list' }, 'figures'],
      [{ narrative: '没有版本号' }, 'rowVersion'],
      [{ rowVersion: r.rowVersion, status: 'accepted' }, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await t.request(w.cookies.reporter, 'PATCH', `/api/reports/${r.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
    }
    // A submission needs ten characters of narrative.
    const short = await t.request(w.cookies.reporter, 'PATCH', `/api/reports/${r.id}`, {
      rowVersion: r.rowVersion,
      narrative: '已完成',
    });
    expect(short.statusCode).toBe(200);
    const mid = await snapshot(t);
    const submit = await t.request(w.cookies.reporter, 'POST', `/api/reports/${r.id}/submit`, {
      rowVersion: short.json().report.rowVersion,
    });
    expect(submit.statusCode).toBe(400);
    expect(submit.json().error).toMatchObject({
      field: 'narrative',
      message: '提交前请填写不少于10个字的进展情况',
    });
    expect(await snapshot(t)).toEqual(mid);
    expect(before.audit).toBe(mid.audit - 1);
  });

  it('reviews only handed-in reports, and a return needs a reason of five characters', async () => {
    const [r] = (await t.request(w.cookies.reporter, 'GET', `/api/deliverables/${w.leadId}/reports`)).json()
      .reports;
    const before = await snapshot(t);
    const early = await t.request(w.cookies.coord, 'POST', `/api/reports/${r.id}/accept`, {
      rowVersion: r.rowVersion,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('invalid-state');
    const fixed = await t.request(w.cookies.reporter, 'PATCH', `/api/reports/${r.id}`, {
      rowVersion: r.rowVersion,
      narrative: '已完成本季度全部公开工作并上网。',
    });
    const sub = await t.request(w.cookies.reporter, 'POST', `/api/reports/${r.id}/submit`, {
      rowVersion: fixed.json().report.rowVersion,
    });
    expect(sub.statusCode).toBe(200);
    const v = sub.json().report.rowVersion;
    const mid = await snapshot(t);
    expect(mid.audit).toBeGreaterThan(before.audit);
    const noReason = await t.request(w.cookies.coord, 'POST', `/api/reports/${r.id}/return`, {
      rowVersion: v,
      reason: '不行',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ field: 'reason', message: 'reason: 退回理由至少5个字' });
    const again = await t.request(w.cookies.reporter, 'POST', `/api/reports/${r.id}/submit`, {
      rowVersion: v,
    });
    expect(again.statusCode).toBe(409);
    const editSubmitted = await t.request(w.cookies.reporter, 'PATCH', `/api/reports/${r.id}`, {
      rowVersion: v,
      narrative: '提交后不能再改了吧',
    });
    expect(editSubmitted.statusCode).toBe(409);
    expect(await snapshot(t)).toEqual(mid);
    // Accepted: closed for good; no new report on a closed deliverable.
    expect(
      (await t.request(w.cookies.coord, 'POST', `/api/reports/${r.id}/accept`, { rowVersion: v })).statusCode,
    ).toBe(200);
    const after = await snapshot(t);
    const twice = await t.request(w.cookies.coord, 'POST', `/api/reports/${r.id}/return`, {
      rowVersion: v + 1,
      reason: '通过后又想退回',
    });
    expect(twice.statusCode).toBe(409);
    const newOne = await t.request(w.cookies.reporter, 'POST', `/api/deliverables/${w.leadId}/reports`, {});
    expect(newOne.statusCode).toBe(409);
    expect(await snapshot(t)).toEqual(after);
  });

  it('with leader approval on, a reporter’s submission waits for the unit leader', async () => {
    await t.store.db
      .insertInto('settings')
      .values({
        key: 'reports',
        valueJson: '{"leaderApproval":true}',
        updatedAt: new Date().toISOString(),
        updatedBy: null,
      })
      .execute();
    const r = await draft(w.cookies.coReporter, w.coId, '教育局一季度公开工作已全部完成。');
    const sub = await t.request(w.cookies.coReporter, 'POST', `/api/reports/${r.id}/submit`, {
      rowVersion: 1,
    });
    expect(sub.json().report).toMatchObject({ status: 'submitted', approvedAt: null });
    // Not handed in yet: the deliverable is still a draft, and the coordinator cannot review it.
    const d = () =>
      t.store.db.selectFrom('deliverables').selectAll().where('id', '=', w.coId).executeTakeFirstOrThrow();
    expect(await d()).toMatchObject({ status: 'draft', submittedAt: null });
    expect((await t.request(w.cookies.coord, 'GET', '/api/review-queue')).json().items).toEqual([]);
    const before = await snapshot(t);
    const tooEarly = await t.request(w.cookies.coord, 'POST', `/api/reports/${r.id}/accept`, {
      rowVersion: 2,
    });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().error.message).toBe('报告待单位领导审批，审批后才能审核');
    // Only a leader of the unit approves: not the reporter, not another unit's leader.
    expect(
      (await t.request(w.cookies.coReporter, 'POST', `/api/reports/${r.id}/approve`, { rowVersion: 2 }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.request(w.cookies.leader, 'POST', `/api/reports/${r.id}/approve`, { rowVersion: 2 }))
        .statusCode,
    ).toBe(403);
    expect(await snapshot(t)).toEqual(before);
    const jiaoyuLeader = await t.login(await t.user('leader', '市教育局'));
    const approved = await t.request(jiaoyuLeader, 'POST', `/api/reports/${r.id}/approve`, { rowVersion: 2 });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().report).toMatchObject({ status: 'approved' });
    expect(await d()).toMatchObject({ status: 'approved', submittedAt: t.clock.now().toISOString() });
    expect((await t.request(w.cookies.coord, 'GET', '/api/review-queue')).json().items).toEqual([
      expect.objectContaining({ reportId: r.id, reportStatus: 'approved', orgName: '市教育局' }),
    ]);
    expect((await auditOf(t, 'report', r.id)).map((a) => a.action)).toEqual([
      'report.create',
      'report.submit',
      'report.approve',
    ]);
    const accepted = await t.request(w.cookies.coord, 'POST', `/api/reports/${r.id}/accept`, {
      rowVersion: 3,
    });
    expect(accepted.statusCode).toBe(200);
    expect((await d()).status).toBe('accepted');
    await t.store.db.deleteFrom('settings').where('key', '=', 'reports').execute();
  });
});
