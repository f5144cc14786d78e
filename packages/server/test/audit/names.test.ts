/**
 * An audit page names what its ids stand for: the report by its task, unit and period (with the
 * deliverable's page), the person who acted, the units and users inside what changed — so the
 * 审计记录 page never shows a raw UUID or slug where a name exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { type World, world } from '../reports/world.ts';

describe.each(DIALECTS)('audit names on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let reportId: string;
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await world(t);
    const res = await t.request(w.cookies.reporter, 'POST', `/api/deliverables/${w.leadId}/reports`, {
      narrative: '已召开专题会议。',
    });
    expect(res.statusCode).toBe(201);
    reportId = res.json().report.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names the report, the person who wrote it and the ids inside the record', async () => {
    const res = await t.request(w.cookies.coord, 'GET', `/api/audit?entity=report&entityId=${reportId}`);
    expect(res.statusCode).toBe(200);
    const { entries, names } = res.json();
    const created = entries.find((e: { action: string }) => e.action === 'report.create');
    expect(created).toBeDefined();
    expect(names[reportId]).toEqual({
      name: '第7项 · 市财政局 · 2025-03 的报告',
      link: `/deliverables/${w.leadId}`,
    });
    expect(names[created.actorId].name).toBe(w.names.reporter);
    expect(names[created.after.deliverableId]).toEqual({
      name: '第7项 · 市财政局 · 2025-03',
      link: `/deliverables/${w.leadId}`,
    });
    expect(names[w.caizheng]).toEqual({ name: '市财政局', link: null });
  });

  it('leaves out ids that name nothing, and answers a page without records', async () => {
    const none = await t.request(w.cookies.coord, 'GET', '/api/audit?entity=report&entityId=no-such-report');
    expect(none.json()).toEqual({ entries: [], nextBefore: null, names: {} });
    const settings = await t.request(w.cookies.coord, 'GET', '/api/audit?entity=org');
    const { entries, names } = settings.json();
    // Orgs created by the directory load: every one named, none by an id it does not have.
    for (const e of entries) expect(names[e.entityId]?.name).toBeTruthy();
    expect(Object.keys(names)).not.toContain('supervision');
  });

  // Last: it moves the clock on, past the other tests' sessions.
  it('names the pass of 提醒督办 an escalation record came from by its day', async () => {
    t.clock.set('2025-04-21T02:00:00.000Z');
    const coord = await t.login('coord');
    const run = await t.request(coord, 'POST', '/api/escalations/run', {});
    expect(run.statusCode).toBe(200);
    const { entries, names } = (await t.request(coord, 'GET', '/api/audit?entity=escalation')).json();
    const issued = entries.find((e: { after: { runId?: string } | null }) => e.after?.runId);
    expect(issued).toBeDefined();
    expect(names[issued.after.runId]).toEqual({ name: '督办日期 2025-04-21 的运行', link: '/escalations' });
  });
});
