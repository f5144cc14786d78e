/**
 * The whole loop through the HTTP API, as a coordinator and a unit live it: import the reference
 * notice, publish it, acknowledge, report with evidence, leader approval, return, resubmit, accept,
 * an extension, the escalation pass with a reply, the dashboard and the calendar feed — on SQLite
 * and PostgreSQL alike, with the audit chain intact at the end.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit.ts';
import { DIALECTS, type TestApp, testApp } from './helpers/harness.ts';
import { multipart, referenceText } from './helpers/plans.ts';

type Row = Record<string, unknown>;

describe.each(DIALECTS)('a year of supervision through the API on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  let reporter: string;
  let leader: string;
  let planId: string;
  let finance: string;

  beforeAll(async () => {
    // Monday 6 January 2025, 10:00 in Beijing.
    t = await testApp(dialect, { now: '2025-01-06T02:00:00.000Z' });
    coord = await t.login('coord');
    finance = await t.orgId('市财政局');
    for (const [username, role] of [
      ['cz-lianluoyuan', 'reporter'],
      ['cz-lingdao', 'leader'],
    ] as const) {
      const res = await t.request(coord, 'POST', '/api/users', {
        username,
        password: 'finance-pass-1',
        role,
        orgId: finance,
        mustChangePassword: false,
      });
      expect(res.statusCode).toBe(201);
    }
    reporter = await t.login('cz-lianluoyuan', 'finance-pass-1');
    leader = await t.login('cz-lingdao', 'finance-pass-1');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('imports the notice as a draft plan, idempotently', async () => {
    const first = await t.request(coord, 'POST', '/api/notices', { text: referenceText(), year: 2025 });
    expect(first.statusCode).toBe(201);
    planId = first.json().planId;
    const again = await t.request(coord, 'POST', '/api/notices', { text: referenceText(), year: 2025 });
    expect(again.statusCode).toBe(200);
    expect(again.json().planId).toBe(planId);
    const plan = (await t.request(coord, 'GET', `/api/plans/${planId}`)).json();
    expect(plan.status).toBe('draft');
    expect(plan.plan.tasks).toHaveLength(51);
    // A reporter sees no draft.
    expect((await t.request(reporter, 'GET', `/api/plans/${planId}`)).statusCode).toBe(404);
  });

  it('turns on leader approval and publishes the plan into deliverables', async () => {
    expect((await t.request(coord, 'PUT', '/api/settings/reports', { leaderApproval: true })).json()).toEqual(
      {
        leaderApproval: true,
      },
    );
    expect(
      (await t.request(reporter, 'PUT', '/api/settings/reports', { leaderApproval: false })).statusCode,
    ).toBe(403);
    const { rowVersion } = (await t.request(coord, 'GET', `/api/plans/${planId}`)).json();
    const res = await t.request(coord, 'POST', `/api/plans/${planId}/publish`, { rowVersion });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', tasks: 51 });
    expect(res.json().deliverables).toBeGreaterThan(1000);
  });

  it('lets the unit acknowledge its assignments and see only its own deliverables', async () => {
    const assignments = (await t.request(reporter, 'GET', '/api/assignments?limit=100')).json();
    expect(assignments.items.length).toBeGreaterThan(0);
    for (const a of assignments.items as Row[]) expect(a.orgId).toBe(finance);
    const ack = await t.request(
      reporter,
      'POST',
      `/api/assignments/${(assignments.items[0] as Row).id}/acknowledge`,
    );
    expect(ack.statusCode).toBe(200);
    const other = (
      await t.request(coord, 'GET', `/api/deliverables?orgId=${await t.orgId('市教育局')}&limit=1`)
    ).json();
    const theirs = other.items[0].id as string;
    expect((await t.request(reporter, 'GET', `/api/deliverables/${theirs}`)).statusCode).toBe(403);
  });

  it('runs the report loop: evidence, leader approval, return, resubmit, accept — and the light follows', async () => {
    const list = (await t.request(reporter, 'GET', `/api/deliverables?orgId=${finance}&limit=500`)).json();
    const d = (list.items as Row[]).find((x) => x.orgId === finance)!;
    const id = d.id as string;

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const body = multipart(
      { narrative: '已召开专题会议部署，制定工作方案并建立工作台账。', completion: 'done', submit: 'true' },
      [{ field: 'evidence', fileName: '会议纪要.pdf', contentType: 'application/pdf', bytes: pdf }],
    );
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/deliverables/${id}/reports`,
      headers: { ...body.headers, cookie: reporter },
      payload: body.payload,
    });
    expect(created.statusCode).toBe(201);
    const report = created.json().report;
    expect(report.evidence[0].sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    // With leader approval on, the coordinator does not see it until the leader approves.
    expect((await t.request(coord, 'GET', '/api/review-queue')).json().items).toEqual([]);
    const approved = await t.request(leader, 'POST', `/api/reports/${report.id}/approve`, {
      rowVersion: report.rowVersion,
    });
    expect(approved.statusCode).toBe(200);
    const queue = (await t.request(coord, 'GET', '/api/review-queue')).json().items as Row[];
    expect(queue.map((q) => (q as { reportId?: string; id?: string }).reportId ?? q.id)).toContain(report.id);

    const returned = await t.request(coord, 'POST', `/api/reports/${report.id}/return`, {
      rowVersion: approved.json().report?.rowVersion ?? approved.json().rowVersion,
      reason: '缺少工作台账，请补充后重新报送。',
    });
    expect(returned.statusCode).toBe(200);
    const afterReturn = (await t.request(reporter, 'GET', `/api/deliverables/${id}`)).json();
    expect(afterReturn.status ?? afterReturn.deliverable?.status).toBe('returned');
    const inbox = (await t.request(reporter, 'GET', '/api/notifications?unread=true')).json().items as Row[];
    expect(inbox.some((n) => String(n.body).includes('缺少工作台账'))).toBe(true);

    const current = (await t.request(reporter, 'GET', `/api/reports/${report.id}`)).json().report;
    const patched = await t.request(reporter, 'PATCH', `/api/reports/${report.id}`, {
      rowVersion: current.rowVersion,
      narrative: '已召开专题会议部署，制定工作方案，工作台账已补充上传。',
    });
    expect(patched.statusCode).toBe(200);
    const resubmitted = await t.request(reporter, 'POST', `/api/reports/${report.id}/submit`, {
      rowVersion: patched.json().report.rowVersion,
    });
    expect(resubmitted.statusCode).toBe(200);
    const reapproved = await t.request(leader, 'POST', `/api/reports/${report.id}/approve`, {
      rowVersion: resubmitted.json().report.rowVersion,
    });
    const accepted = await t.request(coord, 'POST', `/api/reports/${report.id}/accept`, {
      rowVersion: reapproved.json().report.rowVersion,
    });
    expect(accepted.statusCode).toBe(200);
    const done = (await t.request(reporter, 'GET', `/api/deliverables?orgId=${finance}&signal=blue`)).json();
    expect((done.items as Row[]).map((x) => x.id)).toContain(id);

    const trail = (
      await t.request(coord, 'GET', `/api/audit?entity=report&entityId=${report.id}&limit=50`)
    ).json();
    const actions = (trail.entries as Row[]).map((e) => e.action).reverse();
    expect(actions).toEqual(
      expect.arrayContaining(['report.create', 'report.approve', 'report.return', 'report.accept']),
    );
  });

  it('grants an extension asked for before the due date', async () => {
    const list = (
      await t.request(reporter, 'GET', `/api/deliverables?orgId=${finance}&status=pending&limit=500`)
    ).json();
    const later = (list.items as Row[]).find((x) => String(x.dueDate) > '2025-03-01')!;
    const asked = await t.request(reporter, 'POST', `/api/deliverables/${later.id}/extensions`, {
      requestedDueDate: '2025-05-30',
      reason: '需与多个部门会签，申请延期。',
    });
    expect(asked.statusCode).toBe(201);
    const ext = asked.json().extension ?? asked.json();
    expect((await t.request(coord, 'POST', `/api/extensions/${ext.id}/approve`, {})).statusCode).toBe(200);
    const moved = (await t.request(reporter, 'GET', `/api/deliverables/${later.id}`)).json();
    expect(moved.dueDate ?? moved.deliverable?.dueDate).toBe('2025-05-30');
  });

  it('urges the late when time passes, records the ladder, and takes the unit reply', async () => {
    t.clock.set('2025-04-21T02:00:00.000Z');
    // Months later: the old sessions have expired; everyone logs in again.
    expect((await t.request(coord, 'GET', '/api/me')).statusCode).toBe(401);
    coord = await t.login('coord');
    reporter = await t.login('cz-lianluoyuan', 'finance-pass-1');
    const run = await t.request(coord, 'POST', '/api/escalations/run', {});
    expect(run.statusCode).toBe(200);
    expect(run.json().created.urge).toBeGreaterThan(0);
    const mine = (await t.request(reporter, 'GET', '/api/escalations?open=true&limit=100')).json();
    const supervised = (mine.items as Row[]).find((e) => String(e.level).startsWith('supervise'))!;
    expect(supervised).toBeDefined();
    const reply = await t.request(reporter, 'POST', `/api/escalations/${supervised.id}/reply`, {
      reply: '因人员调整延误，已于本周内补报。',
    });
    expect(reply.statusCode).toBe(200);
    const dash = (await t.request(coord, 'GET', '/api/dashboard?year=2025')).json();
    expect(dash.totals.counts.red).toBeGreaterThan(0);
    expect(dash.totals.counts.blue).toBeGreaterThan(0);
    const unit = (dash.units as Row[]).find((u) => u.orgId === finance) as { counts: Record<string, number> };
    expect(unit.counts.blue).toBeGreaterThanOrEqual(1);
  });

  it('serves the unit calendar, refuses text bodies, and ends with a whole audit chain', async () => {
    const link = (await t.request(reporter, 'GET', `/api/orgs/${finance}/calendar-link`)).json();
    const path = new URL(link.url).pathname;
    const ics = await t.request(null, 'GET', path);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VEVENT');
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/escalations/run',
      headers: { cookie: coord, 'content-type': 'text/plain' },
      payload: 'run please',
    });
    expect(plain.statusCode).toBe(415);
    const chain = await verifyAuditChain(t.store);
    expect(chain.ok).toBe(true);
  });
});
