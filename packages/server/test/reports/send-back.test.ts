/** A unit leader sends a submitted report back to the unit's reporters (领导退回), with leader approval on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { auditOf, snapshot, type World, world } from './world.ts';

describe.each(DIALECTS)('leader send-back on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await world(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const setLeaderApproval = async (on: boolean) => {
    const res = await t.request(w.cookies.coord, 'PUT', '/api/settings/reports', { leaderApproval: on });
    expect(res.statusCode).toBe(200);
  };
  const submitted = async (cookie: string, deliverableId: string) => {
    const created = await t.request(cookie, 'POST', `/api/deliverables/${deliverableId}/reports`, {
      narrative: '本季度财政预决算已全部公开，公开率100%。',
      submit: true,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().report.status).toBe('submitted');
    return created.json().report as { id: string; rowVersion: number };
  };
  const deliverable = (id: string) =>
    t.store.db.selectFrom('deliverables').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const userId = async (username: string) =>
    (
      await t.store.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
  const inbox = async (cookie: string) =>
    (await t.request(cookie, 'GET', '/api/notifications')).json().items as {
      kind: string;
      title: string;
      body: string;
    }[];

  it('sends the report back with a reason, only as a leader of the unit; the deliverable stays as it was', async () => {
    await setLeaderApproval(true);
    const r = await submitted(w.cookies.reporter, w.leadId);
    const dBefore = await deliverable(w.leadId);
    expect(dBefore).toMatchObject({ status: 'draft', submittedAt: null });
    const jiaoyuLeader = await t.login(await t.user('leader', '市教育局'));
    const before = await snapshot(t);
    const reason = '请补充公开网址和截图。';
    // Not a leader of this unit: the reporter, another unit's reporter and leader, the coordinator, a viewer.
    for (const cookie of [
      w.cookies.reporter,
      w.cookies.coReporter,
      jiaoyuLeader,
      w.cookies.coord,
      w.cookies.viewer,
    ]) {
      const res = await t.request(cookie, 'POST', `/api/reports/${r.id}/send-back`, {
        rowVersion: 2,
        reason,
      });
      expect(res.statusCode).toBe(403);
    }
    // A reason of fewer than five characters, none at all, or an old version.
    const short = await t.request(w.cookies.leader, 'POST', `/api/reports/${r.id}/send-back`, {
      rowVersion: 2,
      reason: ' 不行 ',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ field: 'reason', message: 'reason: 退回理由至少5个字' });
    const none = await t.request(w.cookies.leader, 'POST', `/api/reports/${r.id}/send-back`, {
      rowVersion: 2,
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.field).toBe('reason');
    const stale = await t.request(w.cookies.leader, 'POST', `/api/reports/${r.id}/send-back`, {
      rowVersion: 1,
      reason,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'stale', field: 'rowVersion' });
    expect(await snapshot(t)).toEqual(before);

    const res = await t.request(w.cookies.leader, 'POST', `/api/reports/${r.id}/send-back`, {
      rowVersion: 2,
      reason: `  ${reason}  `,
    });
    expect(res.statusCode).toBe(200);
    const now = t.clock.now().toISOString();
    expect(res.json().report).toMatchObject({
      status: 'returned',
      returnReason: reason,
      returnedBy: await userId(w.names.leader),
      returnedAt: now,
      returnedByRole: 'leader',
      reviewedBy: null,
      reviewedAt: null,
      approvedAt: null,
      rowVersion: 3,
    });
    // Never handed in, so the deliverable, its lights and the coordinator's queue are untouched.
    expect(await deliverable(w.leadId)).toEqual(dBefore);
    // The deliverable's history says who sent it back.
    const history = (await t.request(w.cookies.reporter, 'GET', `/api/deliverables/${w.leadId}`)).json()
      .reports;
    expect(history).toContainEqual(
      expect.objectContaining({
        id: r.id,
        status: 'returned',
        returnReason: reason,
        returnedByRole: 'leader',
      }),
    );
    expect((await t.request(w.cookies.coord, 'GET', '/api/review-queue')).json().items).toEqual([]);
    const audit = await auditOf(t, 'report', r.id);
    expect(audit.map((a) => a.action)).toEqual(['report.create', 'report.submit', 'report.send-back']);
    expect(audit[2]).toMatchObject({
      actorName: expect.any(String),
      before: { status: 'submitted', rowVersion: 2 },
      after: { status: 'returned', returnReason: reason, returnedByRole: 'leader', rowVersion: 3 },
    });
    // The unit's reporters are told why; the leader who sent it back and the coordinator are not.
    expect(await inbox(w.cookies.reporter)).toContainEqual(
      expect.objectContaining({
        kind: 'report.returned',
        title: expect.stringContaining('被领导退回'),
        body: expect.stringContaining(reason),
      }),
    );
    expect((await inbox(w.cookies.leader)).filter((n) => n.kind === 'report.returned')).toEqual([]);
    expect((await inbox(w.cookies.coord)).filter((n) => n.kind === 'report.returned')).toEqual([]);

    // Already sent back: neither a second send-back nor an approval.
    const after = await snapshot(t);
    const twice = await t.request(w.cookies.leader, 'POST', `/api/reports/${r.id}/send-back`, {
      rowVersion: 3,
      reason,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({
      code: 'invalid-state',
      message: '报告状态为「已退回」，只有待单位领导审批的报告可以退回修改',
    });
    expect(
      (await t.request(w.cookies.leader, 'POST', `/api/reports/${r.id}/approve`, { rowVersion: 3 }))
        .statusCode,
    ).toBe(409);
    expect(await snapshot(t)).toEqual(after);
  });

  it('lets the reporter edit and resubmit to the leader, who approves it for the coordinator', async () => {
    const [r] = (await t.request(w.cookies.reporter, 'GET', `/api/deliverables/${w.leadId}/reports`)).json()
      .reports as { id: string; status: string; rowVersion: number }[];
    expect(r).toMatchObject({ status: 'returned', returnedByRole: 'leader' });
    const edited = await t.request(w.cookies.reporter, 'PATCH', `/api/reports/${r!.id}`, {
      rowVersion: r!.rowVersion,
      narrative: '已补充公开网址 https://czj.yingtan.gov.cn 和页面截图。',
    });
    expect(edited.statusCode).toBe(200);
    const resubmitted = await t.request(w.cookies.reporter, 'POST', `/api/reports/${r!.id}/submit`, {
      rowVersion: edited.json().report.rowVersion,
    });
    expect(resubmitted.statusCode).toBe(200);
    expect(resubmitted.json().report.status).toBe('submitted');
    expect((await deliverable(w.leadId)).status).toBe('draft');
    const approved = await t.request(w.cookies.leader, 'POST', `/api/reports/${r!.id}/approve`, {
      rowVersion: resubmitted.json().report.rowVersion,
    });
    expect(approved.statusCode).toBe(200);
    expect((await deliverable(w.leadId)).status).toBe('approved');
    expect((await t.request(w.cookies.coord, 'GET', '/api/review-queue')).json().items).toEqual([
      expect.objectContaining({ reportId: r!.id, reportStatus: 'approved', orgName: '市财政局' }),
    ]);
    // Handed in: the leader can no longer send it back; the coordinator's return says it was theirs.
    const before = await snapshot(t);
    const late = await t.request(w.cookies.leader, 'POST', `/api/reports/${r!.id}/send-back`, {
      rowVersion: approved.json().report.rowVersion,
      reason: '报送后又想退回修改',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe(
      '报告状态为「单位领导已审批」，只有待单位领导审批的报告可以退回修改',
    );
    expect(await snapshot(t)).toEqual(before);
    const returned = await t.request(w.cookies.coord, 'POST', `/api/reports/${r!.id}/return`, {
      rowVersion: approved.json().report.rowVersion,
      reason: '请补充第二季度数据。',
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().report).toMatchObject({
      status: 'returned',
      returnReason: '请补充第二季度数据。',
      returnedBy: await userId('coord'),
      returnedByRole: 'coordinator',
    });
    expect((await deliverable(w.leadId)).status).toBe('returned');
  });

  it('refuses while leader approval is off, changing nothing', async () => {
    await setLeaderApproval(false);
    const gonganLeader = await t.login(await t.user('leader', '市公安局'));
    const r = await submitted(w.cookies.stranger, w.otherId);
    expect((await deliverable(w.otherId)).status).toBe('submitted');
    const before = await snapshot(t);
    const res = await t.request(gonganLeader, 'POST', `/api/reports/${r.id}/send-back`, {
      rowVersion: r.rowVersion,
      reason: '请补充执法数据。',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'invalid-state',
      message: '未启用单位领导审批，报告由依法治市办审核，单位领导不能退回',
    });
    expect(await snapshot(t)).toEqual(before);
  });
});
