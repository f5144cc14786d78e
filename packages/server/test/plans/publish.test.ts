/** 交办: publishing creates tasks, assignments and deliverables on the calendar; new versions keep reports. */
import { DEFAULT_SETTINGS, defaultCalendar, generateDeliverables, taskOrgs } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.ts';
import { readPlanJson } from '../../src/modules/plans/stored-plan.ts';
import { changeRecords } from '../helpers/audit-count.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { editedReference, referenceText } from '../helpers/plans.ts';

describe.each(DIALECTS)('publishing plans on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  let planId: string;

  const count = async (table: 'tasks' | 'assignments' | 'deliverables' | 'auditLog' | 'notifications') =>
    table === 'auditLog'
      ? changeRecords(t.store)
      : Number(
          (
            await t.store.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );

  beforeAll(async () => {
    t = await testApp(dialect);
    coord = await t.login('coord');
    await t.user('reporter', '市财政局', 'caizheng');
    const res = await t.request(coord, 'POST', '/api/notices', { text: referenceText(), year: 2025 });
    planId = res.json().planId;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('publishes: 51 tasks, an assignment per task and unit, deliverables due on the official calendar', async () => {
    const res = await t.request(coord, 'POST', `/api/plans/${planId}/publish`, { rowVersion: 1 });
    expect(res.statusCode).toBe(200);
    const row = await t.store.db
      .selectFrom('plans')
      .selectAll()
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    const plan = readPlanJson(row);
    const expectedAssignments = plan.tasks.reduce((n, task) => n + taskOrgs(task).orgs.length, 0);
    const expected = generateDeliverables({
      tasks: plan.tasks,
      year: 2025,
      settings: DEFAULT_SETTINGS,
      calendar: defaultCalendar(),
      issuedAt: '2024-07-04',
    }).deliverables;
    expect(res.json()).toMatchObject({
      status: 'published',
      version: 1,
      year: 2025,
      tasks: 51,
      assignments: expectedAssignments,
      deliverables: expected.length,
      carried: 0,
      removed: 0,
      calendarMissingYears: [],
    });
    expect(row.status).toBe('published');
    expect(row.publishedAt).not.toBeNull();
    expect(await count('tasks')).toBe(51);
    expect(await count('assignments')).toBe(expectedAssignments);
    expect(await count('deliverables')).toBe(expected.length);

    const task1 = await t.store.db
      .selectFrom('deliverables')
      .select(['orgId', 'dueDate', 'originalDueDate', 'status', 'period'])
      .where('taskNo', '=', 1)
      .execute();
    expect(task1).toHaveLength(32);
    const orgs = new Set(task1.map((d) => d.orgId));
    expect(orgs.size).toBe(16);
    for (const org of orgs) {
      expect(
        task1
          .filter((d) => d.orgId === org)
          .map((d) => d.dueDate)
          .sort(),
      ).toEqual(['2025-03-03', '2025-04-01']);
    }
    expect(task1.every((d) => d.status === 'pending' && d.dueDate === d.originalDueDate)).toBe(true);

    // Co-units feed the lead: every co deliverable points at the lead's deliverable of its period.
    const co = await t.store.db
      .selectFrom('deliverables as c')
      .innerJoin('deliverables as l', 'l.id', 'c.leadDeliverableId')
      .select([
        'c.taskNo',
        'c.period',
        'l.taskNo as leadTask',
        'l.period as leadPeriod',
        'l.role as leadRole',
      ])
      .where('c.role', '=', 'co')
      .execute();
    const coCount = await t.store.db
      .selectFrom('deliverables')
      .select('id')
      .where('role', '=', 'co')
      .execute();
    expect(co.length).toBe(coCount.length);
    expect(co.length).toBeGreaterThan(0);
    expect(
      co.every((d) => d.taskNo === d.leadTask && d.period === d.leadPeriod && d.leadRole === 'lead'),
    ).toBe(true);

    const note = await t.store.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select(['notifications.kind', 'notifications.title', 'notifications.body'])
      .where('users.username', '=', 'caizheng')
      .execute();
    expect(note).toHaveLength(1);
    expect(note[0]!.kind).toBe('assigned');
    expect(note[0]!.body).toContain('请及时签收');

    const audit = await t.store.db
      .selectFrom('auditLog')
      .select(['afterJson', 'actorName'])
      .where('action', '=', 'plan.publish')
      .where('entityId', '=', planId)
      .executeTakeFirstOrThrow();
    expect(audit.actorName).toBe('coord');
    expect(JSON.parse(audit.afterJson!)).toMatchObject({ tasks: 51, deliverables: expected.length });

    const reporter = await t.login('caizheng');
    const seen = await t.request(reporter, 'GET', `/api/plans/${planId}`);
    expect(seen.statusCode).toBe(200);
    expect((await t.request(reporter, 'GET', '/api/plans')).json().plans).toHaveLength(1);
  });

  it('refuses to publish twice, and changes nothing', async () => {
    const before = {
      d: await count('deliverables'),
      a: await count('auditLog'),
      n: await count('notifications'),
    };
    const again = await t.request(coord, 'POST', `/api/plans/${planId}/publish`, { rowVersion: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'invalid-state',
      message: '该任务清单已发布，不能重复发布',
    });
    const unknown = await t.request(coord, 'POST', `/api/plans/${newId()}/publish`, { rowVersion: 1 });
    expect(unknown.statusCode).toBe(404);
    const reporter = await t.login('caizheng');
    expect(
      (await t.request(reporter, 'POST', `/api/plans/${planId}/publish`, { rowVersion: 2 })).statusCode,
    ).toBe(403);
    expect({
      d: await count('deliverables'),
      a: await count('auditLog'),
      n: await count('notifications'),
    }).toEqual({
      ...before,
      a: before.a + 1, // the reporter's login
    });
  });

  it('generates the next year once, idempotently', async () => {
    const before = await count('deliverables');
    const res = await t.request(coord, 'POST', `/api/plans/${planId}/years`, { year: 2026 });
    expect(res.statusCode).toBe(200);
    const created = res.json().created;
    expect(created).toBeGreaterThan(1000);
    expect(res.json().existing).toBe(0);
    const t1 = await t.store.db
      .selectFrom('deliverables')
      .select('dueDate')
      .distinct()
      .where('taskNo', '=', 1)
      .where('period', 'like', '2026%')
      .orderBy('dueDate')
      .execute();
    expect(t1.map((d) => d.dueDate)).toEqual(['2026-03-02', '2026-04-01']);
    const audits = await count('auditLog');
    const again = await t.request(coord, 'POST', `/api/plans/${planId}/years`, { year: 2026 });
    expect(again.json()).toMatchObject({ created: 0, existing: created });
    expect(await count('deliverables')).toBe(before + created);
    expect(await count('auditLog')).toBe(audits);
    const early = await t.request(coord, 'POST', `/api/plans/${planId}/years`, { year: 2024 });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.field).toBe('year');
    const noData = await t.request(coord, 'POST', `/api/plans/${planId}/years`, { year: 2027 });
    expect(noData.json().calendarMissing).toBe(true);
    const flagged = await t.store.db
      .selectFrom('deliverables')
      .select('id')
      .where('period', 'like', '2027%')
      .where('calendarMissing', '=', 1)
      .execute();
    expect(flagged.length).toBeGreaterThan(0);
  });

  it('publishes a new version, keeping deliverables that have reports, and refuses to drop them', async () => {
    const justice = await t.orgId('市司法局');
    const reported = await t.store.db
      .selectFrom('deliverables')
      .selectAll()
      .where('taskNo', '=', 33)
      .where('orgId', '=', justice)
      .where('period', '=', '2025-Q1')
      .executeTakeFirstOrThrow();
    const author = await t.store.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'coord')
      .executeTakeFirstOrThrow();
    const iso = t.clock.now().toISOString();
    await t.store.db
      .insertInto('reports')
      .values({
        id: newId(),
        deliverableId: reported.id,
        orgId: justice,
        authorId: author.id,
        status: 'submitted',
        narrative: '已建立合法性审查制度',
        completion: 'done',
        figuresJson: '[]',
        submittedAt: iso,
        approvedBy: null,
        approvedAt: null,
        reviewedBy: null,
        reviewedAt: null,
        returnReason: null,
        createdAt: iso,
        updatedAt: iso,
        rowVersion: 1,
      })
      .execute();
    await t.store.db
      .updateTable('deliverables')
      .set({ status: 'submitted', submittedAt: iso })
      .where('id', '=', reported.id)
      .execute();

    // Version 2 drops 市司法局 from task 33: its reported deliverable would be lost.
    const dropping = editedReference([
      ['风险评估的机制。 | 市司法局,各区(市)政府、管委会', '风险评估的机制。 | 各区(市)政府、管委会'],
    ]);
    const v2 = (await t.request(coord, 'POST', '/api/notices', { text: dropping })).json();
    expect(v2.version).toBe(2);
    expect(v2.plan.year).toBe(2025);
    const before = { d: await count('deliverables'), tasks: await count('tasks') };
    const refused = await t.request(coord, 'POST', `/api/plans/${v2.planId}/publish`, { rowVersion: 1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('任务33·市司法局·2025-Q1');
    expect({ d: await count('deliverables'), tasks: await count('tasks') }).toEqual(before);

    // Version 3 changes task 17's target and keeps task 33: it publishes and carries the report.
    const keeping = editedReference([
      ['2025年高频处罚事项裁量权细化率达100%', '2025年高频处罚事项裁量权细化率达95%'],
    ]);
    const v3 = (await t.request(coord, 'POST', '/api/notices', { text: keeping })).json();
    expect(v3.version).toBe(3);
    const published = await t.request(coord, 'POST', `/api/plans/${v3.planId}/publish`, { rowVersion: 1 });
    expect(published.statusCode).toBe(200);
    const body = published.json();
    expect(body.removed).toBe(0);
    expect(body.carried).toBe(before.d);
    expect(body.supersededPlanId).toBe(planId);
    const kept = await t.store.db
      .selectFrom('deliverables')
      .selectAll()
      .where('id', '=', reported.id)
      .executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ planId: v3.planId, status: 'submitted', key: reported.key });
    expect(await count('deliverables')).toBe(before.d);
    const statuses = await t.store.db
      .selectFrom('plans')
      .select(['version', 'status'])
      .orderBy('version')
      .execute();
    expect(statuses).toEqual([
      { version: 1, status: 'superseded' },
      { version: 2, status: 'superseded' },
      { version: 3, status: 'published' },
    ]);
    const v1Publish = await t.request(coord, 'POST', `/api/plans/${planId}/years`, { year: 2028 });
    expect(v1Publish.statusCode).toBe(409);
  });
});
