/** 待我审批: a unit leader lists the unit's reports that wait for the leader's approval, and only those. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { type World, world } from './world.ts';

type Item = { reportId: string; deliverableId: string; orgName: string; taskNo: number; submittedAt: string };

describe.each(DIALECTS)('leader queue on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await world(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const queue = async (cookie: string) => {
    const res = await t.request(cookie, 'GET', '/api/leader-queue');
    expect(res.statusCode).toBe(200);
    return res.json().items as Item[];
  };
  const setLeaderApproval = async (on: boolean) => {
    const res = await t.request(w.cookies.coord, 'PUT', '/api/settings/reports', { leaderApproval: on });
    expect(res.statusCode).toBe(200);
  };
  const submit = async (cookie: string, deliverableId: string) => {
    const res = await t.request(cookie, 'POST', `/api/deliverables/${deliverableId}/reports`, {
      narrative: '本季度财政预决算已全部公开，公开率100%。',
      submit: true,
    });
    expect(res.statusCode).toBe(201);
    return res.json().report as { id: string; rowVersion: number };
  };

  it('lists the unit’s submitted report for its leader, not another unit’s, and empties once approved', async () => {
    await setLeaderApproval(true);
    const mine = await submit(w.cookies.reporter, w.leadId);
    await submit(w.cookies.coReporter, w.coId);
    const items = await queue(w.cookies.leader);
    expect(items.map((i) => i.reportId)).toEqual([mine.id]);
    expect(items[0]).toMatchObject({
      deliverableId: w.leadId,
      orgName: '市财政局',
      taskNo: 7,
      submittedAt: expect.any(String),
    });
    const approved = await t.request(w.cookies.leader, 'POST', `/api/reports/${mine.id}/approve`, {
      rowVersion: mine.rowVersion,
    });
    expect(approved.statusCode).toBe(200);
    expect(await queue(w.cookies.leader)).toEqual([]);
  });

  it('is empty while leader approval is off, and refused to everyone but leaders', async () => {
    await setLeaderApproval(false);
    expect(await queue(w.cookies.leader)).toEqual([]);
    for (const cookie of [w.cookies.reporter, w.cookies.coord, w.cookies.viewer]) {
      const res = await t.request(cookie, 'GET', '/api/leader-queue');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBeTruthy();
    }
    expect((await t.request('', 'GET', '/api/leader-queue')).statusCode).toBe(401);
  });
});
