/**
 * The words of a report's status are the same in the notices the server sends as on the web: the web
 * labels a report with core's reportStateLabel(status, leaderApproval) from what the API returns, so
 * the leader's notice must carry that very phrase; the leader 审批, the office 审核, never the other way.
 */
import { reportStateLabel } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { type World, world } from './world.ts';

type Notice = { kind: string; title: string; body: string };

describe.each(DIALECTS)('status words of a report on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await world(t);
    const on = await t.request(w.cookies.coord, 'PUT', '/api/settings/reports', { leaderApproval: true });
    expect(on.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  const inbox = async (cookie: string): Promise<Notice[]> =>
    (await t.request(cookie, 'GET', '/api/notifications')).json().items as Notice[];

  /** The label the web shows for a report, from the same API answers the deliverable page reads. */
  const webLabel = async (cookie: string, reportId: string) => {
    const { report } = (await t.request(cookie, 'GET', `/api/reports/${reportId}`)).json();
    const settings = (await t.request(cookie, 'GET', '/api/settings/reports')).json();
    return reportStateLabel(report.status, settings.leaderApproval);
  };

  it('tells the leader the report waits for approval in the words the web shows it with', async () => {
    const created = await t.request(w.cookies.reporter, 'POST', `/api/deliverables/${w.leadId}/reports`, {
      narrative: '本季度财政预决算已全部公开，公开率100%。',
      submit: true,
    });
    expect(created.statusCode).toBe(201);
    const report = created.json().report as { id: string; rowVersion: number };

    const label = await webLabel(w.cookies.leader, report.id);
    expect(label).toBe('已提交，待单位领导审批');
    expect(await webLabel(w.cookies.reporter, report.id)).toBe(label);
    const notice = (await inbox(w.cookies.leader)).find((n) => n.kind === 'report.awaiting-approval');
    const { title } = (await t.request(w.cookies.leader, 'GET', `/api/deliverables/${w.leadId}`)).json();
    expect(notice?.title).toBe(`「${title}」的报告${label}`);
    expect(notice?.body).toContain('审批');
    expect(notice?.body).not.toContain('审核');
    // The unit's lists say the same as the page: the deliverable is still 草稿, its report waits for the leader.
    const listed = async () =>
      (
        (await t.request(w.cookies.reporter, 'GET', `/api/deliverables?orgId=${w.caizheng}`)).json()
          .items as {
          id: string;
          status: string;
          waitingFor: string | null;
        }[]
      ).find((d) => d.id === w.leadId);
    expect(await listed()).toMatchObject({ status: 'draft', waitingFor: 'leader' });

    // The office cannot review it yet, and says so with the leader's word for the leader's act.
    const early = await t.request(w.cookies.coord, 'POST', `/api/reports/${report.id}/accept`, {
      rowVersion: report.rowVersion,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('报告待单位领导审批，审批后才能审核');

    const approved = await t.request(w.cookies.leader, 'POST', `/api/reports/${report.id}/approve`, {
      rowVersion: report.rowVersion,
    });
    expect(approved.statusCode).toBe(200);
    expect(await webLabel(w.cookies.coord, report.id)).toBe('已报送（单位领导已审批）');
    expect(await listed()).toMatchObject({ status: 'approved', waitingFor: null });
    const toOffice = (await inbox(w.cookies.coord)).find((n) => n.kind === 'report.submitted');
    expect(toOffice?.body).toMatch(/请审核。$/);

    const again = await t.request(w.cookies.leader, 'POST', `/api/reports/${report.id}/approve`, {
      rowVersion: report.rowVersion + 1,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('报告状态为「单位领导已审批」，只有待单位领导审批的报告可以审批');
  });
});
