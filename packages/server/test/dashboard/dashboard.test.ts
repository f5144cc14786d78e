/** The dashboard: lights, on-time rate, overdue list, indicators and trend — on SQLite and PostgreSQL. */
import {
  DEFAULT_SETTINGS,
  type DeliverableStatus,
  defaultCalendar,
  isDone,
  onTimeRate,
  type Signal,
  signalOf,
} from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../src/clock.ts';
import { newId } from '../../src/ids.ts';
import { seedDeliverable, seedPlan, seedTask } from '../helpers/factories.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

// Monday 10 March 2025, 10:00 in Beijing.
const NOW = '2025-03-10T02:00:00.000Z';
const TODAY = '2025-03-10';

async function setDeliverable(
  t: TestApp,
  id: string,
  fields: { status?: DeliverableStatus; submittedAt?: string | null; acceptedAt?: string | null },
): Promise<void> {
  await t.store.db.updateTable('deliverables').set(fields).where('id', '=', id).execute();
}

async function userId(t: TestApp, username: string): Promise<string> {
  const row = await t.store.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe.each(DIALECTS)('dashboard on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  let finance: string;
  let education: string;
  let reporterName: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await testApp(dialect, { now: NOW });
    coord = await t.login('coord');
    finance = await t.orgId('市财政局');
    education = await t.orgId('市教育局');
    reporterName = await t.user('reporter', '市财政局');
    const plan = await seedPlan(t.store, 2025);
    const task1 = await seedTask(t.store, plan, 1, '每季度报送进展。');
    const task2 = await seedTask(t.store, plan, 2, '执法人员培训率不少于90%。');
    await t.store.db
      .updateTable('tasks')
      .set({
        section: '二、深入推进依法行政',
        sectionNo: '二',
        indicatorsJson: JSON.stringify([
          {
            raw: '不少于90%',
            span: { start: 0, end: 6 },
            comparator: '>=',
            value: 90,
            unit: '%',
            year: null,
            subject: '执法人员培训率',
            confidence: 'high',
          },
          {
            raw: '2024年度完成50%',
            span: { start: 0, end: 6 },
            comparator: '>=',
            value: 50,
            unit: '%',
            year: 2024,
            subject: '完成率',
            confidence: 'high',
          },
        ]),
      })
      .where('id', '=', task2)
      .execute();
    const d = (taskId: string, taskNo: number, orgId: string, dueDate: string, periodStart?: string) =>
      seedDeliverable(t.store, {
        plan,
        taskId,
        taskNo,
        orgId,
        dueDate,
        ...(periodStart ? { periodStart } : {}),
      });
    // 市财政局, task 1: overdue (red), due Saturday 8 March → in force Monday 10 (yellow).
    ids.overdue = await d(task1, 1, finance, '2025-02-28');
    ids.weekend = await d(task1, 1, finance, '2025-03-08');
    // 市财政局, task 2: accepted (blue), handed in late (red), future (grey), returned (yellow).
    ids.accepted = await d(task2, 2, finance, '2025-01-15');
    ids.late = await d(task2, 2, finance, '2025-01-10');
    ids.future = await d(task2, 2, finance, '2025-05-30', '2025-04-01');
    ids.returned = await d(task2, 2, finance, '2025-04-30');
    // 市教育局: on time awaiting review (green), accepted (blue) with figures, overdue with 督办.
    ids.onTime = await d(task1, 1, education, '2025-02-20');
    ids.eduAccepted = await d(task2, 2, education, '2025-01-20');
    ids.eduOverdue = await d(task2, 2, education, '2025-01-31');
    // A deliverable of another year does not count.
    await d(task1, 1, education, '2024-12-31');

    await setDeliverable(t, ids.accepted, {
      status: 'accepted',
      submittedAt: '2025-01-14T03:00:00.000Z',
      acceptedAt: '2025-01-20T03:00:00.000Z',
    });
    // Handed in at 01:00 on 11 January in Beijing (17:00 UTC on the 10th): one day late.
    await setDeliverable(t, ids.late, { status: 'submitted', submittedAt: '2025-01-10T17:00:00.000Z' });
    await setDeliverable(t, ids.returned, { status: 'returned', submittedAt: '2025-03-01T03:00:00.000Z' });
    await setDeliverable(t, ids.onTime, { status: 'submitted', submittedAt: '2025-02-20T09:00:00.000Z' });
    await setDeliverable(t, ids.eduAccepted, {
      status: 'accepted',
      submittedAt: '2025-01-18T03:00:00.000Z',
      acceptedAt: '2025-01-25T03:00:00.000Z',
    });

    const author = await userId(t, reporterName);
    const report = (deliverableId: string, orgId: string, figures: unknown[], reviewedAt: string) => ({
      id: newId(),
      deliverableId,
      orgId,
      authorId: author,
      status: 'accepted' as const,
      narrative: '已完成',
      completion: 'done',
      figuresJson: JSON.stringify(figures),
      submittedAt: reviewedAt,
      approvedBy: null,
      approvedAt: null,
      reviewedBy: null,
      reviewedAt,
      returnReason: null,
      createdAt: reviewedAt,
      updatedAt: reviewedAt,
      rowVersion: 1,
    });
    await t.store.db
      .insertInto('reports')
      .values([
        report(ids.eduAccepted, education, [{ indicator: 0, value: 85 }], '2025-01-25T03:00:00.000Z'),
        // An older report of the same unit: its figure is superseded by the one above.
        report(ids.eduAccepted, education, [{ indicator: 0, value: 99 }], '2025-01-22T03:00:00.000Z'),
        report(
          ids.accepted,
          finance,
          [{ indicator: '执法人员培训率', value: '95%' }],
          '2025-01-20T03:00:00.000Z',
        ),
      ])
      .execute();
    await t.store.db
      .insertInto('escalations')
      .values(
        (['urge', 'supervise-orange', 'reminder'] as const).map((level) => ({
          id: newId(),
          deliverableId: ids.eduOverdue!,
          orgId: education,
          level,
          dueFrom: '2025-01-31',
          replyDue: null,
          reply: null,
          repliedAt: null,
          repliedBy: null,
          createdAt: NOW,
        })),
      )
      .execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lights every unit, section and task, and rolls them up to the worst light', async () => {
    const res = await t.request(coord, 'GET', '/api/dashboard?year=2025');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.today).toBe(TODAY);
    expect(body.totals.counts).toEqual({ blue: 2, green: 1, yellow: 2, red: 3, grey: 1 });
    expect(body.totals.total).toBe(9);
    expect(body.totals.worst).toBe('red');
    const fin = body.units.find((u: { orgName: string }) => u.orgName === '市财政局');
    expect(fin.counts).toEqual({ blue: 1, green: 0, yellow: 2, red: 2, grey: 1 });
    const edu = body.units.find((u: { orgName: string }) => u.orgName === '市教育局');
    expect(edu.counts).toEqual({ blue: 1, green: 1, yellow: 0, red: 1, grey: 0 });
    expect(body.tasks.map((x: { no: number; total: number }) => [x.no, x.total])).toEqual([
      [1, 3],
      [2, 6],
    ]);
    expect(body.sections.map((s: { section: string; total: number }) => [s.section, s.total])).toEqual([
      ['测试部分', 3],
      ['二、深入推进依法行政', 6],
    ]);
  });

  it('gives the 亮灯 matrix as unit × task cells that add up to each unit and each task', async () => {
    const body = (await t.request(coord, 'GET', '/api/dashboard?year=2025')).json() as {
      totals: { total: number };
      units: { orgId: string; total: number; worst: string }[];
      tasks: { taskId: string; total: number }[];
      cells: { orgId: string; taskId: string; taskNo: number; total: number; worst: string }[];
    };
    expect(body.cells.reduce((n, c) => n + c.total, 0)).toBe(body.totals.total);
    for (const u of body.units) {
      const mine = body.cells.filter((c) => c.orgId === u.orgId);
      expect(mine.reduce((n, c) => n + c.total, 0)).toBe(u.total);
      // The unit's light is the worst of its cells.
      expect(mine.map((c) => c.worst)).toContain(u.worst);
    }
    for (const task of body.tasks)
      expect(body.cells.filter((c) => c.taskId === task.taskId).reduce((n, c) => n + c.total, 0)).toBe(
        task.total,
      );
    expect(new Set(body.cells.map((c) => c.taskNo))).toEqual(new Set([1, 2]));
  });

  it('computes the on-time rate as core onTimeRate does', async () => {
    const body = (await t.request(coord, 'GET', '/api/dashboard?year=2025')).json();
    // Counted: accepted (on time), overdue (no), late (no), onTime (yes), eduAccepted (yes), eduOverdue (no)
    // and the returned one handed in on 1 March (on time, though due later).
    expect(body.totals.onTimeRate).toBeCloseTo(4 / 7);
    const fin = body.units.find((u: { orgName: string }) => u.orgName === '市财政局');
    expect(fin.onTimeRate).toBeCloseTo(2 / 4);
  });

  it('lists overdue deliverables, most overdue first, with working days overdue and the 督办 level', async () => {
    const body = (await t.request(coord, 'GET', '/api/dashboard?year=2025')).json();
    expect(body.overdue.total).toBe(2);
    expect(body.overdue.items).toEqual([
      expect.objectContaining({
        deliverableId: ids.eduOverdue,
        orgName: '市教育局',
        taskNo: 2,
        // Due on the last day of the Spring Festival holiday: in force on 5 February.
        dueDate: '2025-01-31',
        effectiveDueDate: '2025-02-05',
        workingDaysOverdue: 24,
        escalation: 'supervise-orange',
      }),
      expect.objectContaining({
        deliverableId: ids.overdue,
        orgName: '市财政局',
        dueDate: '2025-02-28',
        workingDaysOverdue: 6,
        escalation: null,
      }),
    ]);
    const limited = (await t.request(coord, 'GET', '/api/dashboard?year=2025&overdueLimit=1')).json();
    expect(limited.overdue).toMatchObject({ total: 2, items: [{ deliverableId: ids.eduOverdue }] });
  });

  it('shows indicator attainment from the latest accepted figures of each unit', async () => {
    const body = (await t.request(coord, 'GET', '/api/dashboard?year=2025')).json();
    // The 2024 indicator is not a target of 2025.
    expect(body.indicators).toHaveLength(1);
    expect(body.indicators[0]).toMatchObject({
      taskNo: 2,
      subject: '执法人员培训率',
      comparator: '>=',
      target: 90,
      unit: '%',
      latest: { value: 85, orgId: education },
      met: false,
      units: { reported: 2, met: 1 },
    });
  });

  it('gives a monthly trend of what was due, handed in on time and accepted', async () => {
    const body = (await t.request(coord, 'GET', '/api/dashboard?year=2025')).json();
    expect(body.trend).toHaveLength(12);
    expect(body.trend[0]).toEqual({ month: '2025-01', due: 4, submittedOnTime: 2, accepted: 2 });
    expect(body.trend[1]).toEqual({ month: '2025-02', due: 2, submittedOnTime: 1, accepted: 0 });
    expect(body.trend[2]).toEqual({ month: '2025-03', due: 1, submittedOnTime: 0, accepted: 0 });
    expect(body.trend[11]).toEqual({ month: '2025-12', due: 0, submittedOnTime: 0, accepted: 0 });
  });

  it('shows a reporter their own unit only, in the same shape', async () => {
    const reporter = await t.login(reporterName);
    const body = (await t.request(reporter, 'GET', '/api/dashboard?year=2025')).json();
    expect(body.units.map((u: { orgName: string }) => u.orgName)).toEqual(['市财政局']);
    expect(body.totals.total).toBe(6);
    expect(body.overdue.items.map((i: { orgName: string }) => i.orgName)).toEqual(['市财政局']);
    expect(body.indicators[0]).toMatchObject({ latest: { value: 95, orgId: finance }, met: true });
    const other = await t.request(reporter, 'GET', `/api/dashboard/units/${education}?year=2025`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('只能查看本单位的落实情况');
    const own = await t.request(reporter, 'GET', `/api/dashboard/units/${finance}?year=2025`);
    expect(own.statusCode).toBe(200);
  });

  it('gives the standing of one unit with its rank by on-time rate', async () => {
    const res = await t.request(coord, 'GET', `/api/dashboard/units/${education}?year=2025`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unit).toMatchObject({ id: education, name: '市教育局' });
    expect(body.totals.counts).toEqual({ blue: 1, green: 1, yellow: 0, red: 1, grey: 0 });
    // 市教育局 2/3 beats 市财政局 2/4.
    expect(body.rank).toEqual({ position: 1, of: 2 });
    const unknown = await t.request(coord, 'GET', `/api/dashboard/units/${newId()}`);
    expect(unknown.statusCode).toBe(404);
  });

  it('follows the due-soon threshold of the settings and rejects a bad year', async () => {
    const viewer = await t.login(await t.user('viewer'));
    const before = (await t.request(viewer, 'GET', '/api/dashboard?year=2025')).json();
    expect(before.dueSoonWorkdays).toBe(DEFAULT_SETTINGS.dueSoonWorkdays);
    const put = await t.request(coord, 'PUT', '/api/settings', { ...DEFAULT_SETTINGS, dueSoonWorkdays: 60 });
    expect(put.statusCode).toBe(200);
    const after = (await t.request(viewer, 'GET', '/api/dashboard?year=2025')).json();
    // The one due 30 May (56 working days away) turns from grey to yellow.
    expect(after.totals.counts.grey).toBe(0);
    expect(after.totals.counts.yellow).toBe(3);
    await t.request(coord, 'PUT', '/api/settings', { ...DEFAULT_SETTINGS });
    const bad = await t.request(coord, 'GET', '/api/dashboard?year=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('year');
    expect((await t.request(null, 'GET', '/api/dashboard')).statusCode).toBe(401);
  });
});

describe.each(DIALECTS)('dashboard lights equal core signalOf on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect, { now: NOW });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('agrees with signalOf and onTimeRate on 150 random deliverables', async () => {
    const calendar = defaultCalendar();
    const plan = await seedPlan(t.store, 2025);
    const org = await t.orgId('市财政局');
    const statuses: DeliverableStatus[] = [
      'pending',
      'draft',
      'submitted',
      'approved',
      'accepted',
      'returned',
      'closed',
    ];
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const day = (offset: number) =>
      new Date(Date.UTC(2025, 2, 10) + offset * 86_400_000).toISOString().slice(0, 10);
    const expected = new Map<number, Signal>();
    const items: { dueDate: string; submittedAt: string | null; accepted: boolean }[] = [];
    for (let no = 1; no <= 150; no++) {
      const taskId = await seedTask(t.store, plan, no);
      // Due dates around today (weekends and the Qingming holiday included), all within 2025.
      const dueDate = day(rand(60) - 25);
      const periodStart = day(rand(60) - 40);
      const status = statuses[rand(statuses.length)]!;
      const handed = status !== 'pending' && status !== 'draft' && rand(4) > 0;
      // Hand-in times within two days of the due date, at any hour (UTC).
      const submittedAt = handed
        ? new Date(
            Date.parse(`${dueDate}T00:00:00Z`) + (rand(96) - 48) * 3_600_000 + rand(60) * 60_000,
          ).toISOString()
        : null;
      const id = await seedDeliverable(t.store, {
        plan,
        taskId,
        taskNo: no,
        orgId: org,
        dueDate,
        periodStart,
      });
      await setDeliverable(t, id, { status, submittedAt });
      const beijing = submittedAt ? shanghaiDay(new Date(submittedAt)) : null;
      expected.set(
        no,
        signalOf({ status, dueDate, periodStart, submittedAt: beijing }, TODAY, DEFAULT_SETTINGS, calendar),
      );
      items.push({ dueDate: calendar.dueDateOf(dueDate), submittedAt: beijing, accepted: isDone(status) });
    }
    const coord = await t.login('coord');
    const body = (await t.request(coord, 'GET', '/api/dashboard?year=2025')).json();
    const got = new Map<number, Signal>(
      body.tasks.map((x: { no: number; worst: Signal; total: number }) => {
        expect(x.total).toBe(1);
        return [x.no, x.worst];
      }),
    );
    expect(got).toEqual(expected);
    expect(new Set(expected.values()).size).toBe(5);
    expect(body.totals.onTimeRate).toBeCloseTo(onTimeRate(items, TODAY)!, 12);
  });
});
