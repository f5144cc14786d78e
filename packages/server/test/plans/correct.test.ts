/** 确认: corrections of a draft — units, obligations, indicators, text — and what blocks publishing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRecords } from '../helpers/audit-count.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { editedReference } from '../helpers/plans.ts';

/** The reference notice with one unit the directory does not know (task 33) and one vague phrase (task 48). */
const UNCLEAR = editedReference([
  [
    '风险评估的机制。 | 市司法局,各区(市)政府、管委会',
    '风险评估的机制。 | 市司法局、市乡村振兴服务中心,各区(市)政府、管委会',
  ],
  ['终端覆盖面要实现100%。 | 市司法局、各区(市)政府、管委会', '终端覆盖面要实现100%。 | 有关部门'],
]);

describe.each(DIALECTS)('correcting a draft plan on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  let planId: string;

  const plan = async () =>
    t.store.db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();
  const auditCount = () => changeRecords(t.store);
  const patch = (body: unknown) => t.request(coord, 'PATCH', `/api/plans/${planId}`, body);

  beforeAll(async () => {
    t = await testApp(dialect);
    coord = await t.login('coord');
    const res = await t.request(coord, 'POST', '/api/notices', { text: UNCLEAR, year: 2025 });
    expect(res.statusCode).toBe(201);
    planId = res.json().planId;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the tasks whose units need a person, and refuses to publish until they are fixed', async () => {
    const detail = (await t.request(coord, 'GET', `/api/plans/${planId}`)).json();
    expect(detail.blockers.map((b: { task: number }) => b.task)).toEqual([33, 48]);
    expect(detail.plan.unresolved).toContain('市乡村振兴服务中心');
    const refused = await t.request(coord, 'POST', `/api/plans/${planId}/publish`, { rowVersion: 1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('invalid-state');
    expect(refused.json().error.message).toContain('任务33');
    expect(refused.json().error.message).toContain('市乡村振兴服务中心');
    expect(refused.json().error.message).toContain('任务48');
    expect(refused.json().error.message).toContain('有关部门');
    expect((await plan()).status).toBe('draft');
    expect(await t.store.db.selectFrom('tasks').select('id').execute()).toEqual([]);
    expect(await t.store.db.selectFrom('deliverables').select('id').execute()).toEqual([]);
  });

  it('refuses bad corrections with the field named, changing nothing', async () => {
    const before = await plan();
    const audits = await auditCount();
    const finance = await t.orgId('市财政局');
    const cases: [unknown, number, string][] = [
      [
        {
          rowVersion: 1,
          edits: [
            {
              task: 33,
              op: 'set-units',
              units: [
                { orgId: finance, role: 'lead' },
                { orgId: 'no-such-org', role: 'co' },
              ],
            },
          ],
        },
        400,
        'edits.0.units.1.orgId',
      ],
      [
        {
          rowVersion: 1,
          edits: [
            {
              task: 33,
              op: 'set-units',
              units: [
                { orgId: finance, role: 'lead' },
                { orgId: finance, role: 'co' },
              ],
            },
          ],
        },
        400,
        'edits.0.units.1.orgId',
      ],
      [{ rowVersion: 1, edits: [{ task: 99, op: 'set-text', text: '新内容' }] }, 400, 'edits.0.task'],
      [
        {
          rowVersion: 1,
          edits: [
            {
              task: 8,
              op: 'set-obligations',
              obligations: [{ kind: 'annual', raw: '每年13月1日前', month: 13, day: 1 }],
            },
          ],
        },
        400,
        'edits.0.obligations.0.month',
      ],
      [
        {
          rowVersion: 1,
          edits: [
            {
              task: 8,
              op: 'set-obligations',
              obligations: [{ kind: 'once', raw: '2025年2月30日前', date: '2025-02-30' }],
            },
          ],
        },
        400,
        'edits.0.obligations.0.date',
      ],
      [
        {
          rowVersion: 1,
          edits: [
            { task: 17, op: 'set-indicators', indicators: [{ raw: '达100%', comparator: '≈', value: 100 }] },
          ],
        },
        400,
        'edits.0.indicators.0.comparator',
      ],
      [{ rowVersion: 1, edits: [{ task: 8, op: 'rename', text: 'x' }] }, 400, 'edits.0.op'],
      [{ rowVersion: 1, edits: [{ task: 8, op: 'set-text', text: '   ' }] }, 400, 'edits.0.text'],
      [{ rowVersion: 1, edits: [] }, 400, 'edits'],
      // A good edit next to a bad one: neither is applied.
      [
        {
          rowVersion: 1,
          edits: [
            { task: 8, op: 'set-text', text: '改过的文字' },
            { task: 33, op: 'set-units', units: [{ orgId: 'nope', role: 'lead' }] },
          ],
        },
        400,
        'edits.1.units.0.orgId',
      ],
    ];
    for (const [body, status, field] of cases) {
      const res = await patch(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const stale = await patch({ rowVersion: 7, edits: [{ task: 8, op: 'set-text', text: '改过的文字' }] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale');
    const reporter = await t.login(await t.user('reporter', '市财政局'));
    const denied = await t.request(reporter, 'PATCH', `/api/plans/${planId}`, {
      rowVersion: 1,
      edits: [{ task: 8, op: 'set-text', text: 'x' }],
    });
    expect(denied.statusCode).toBe(403);
    const after = await plan();
    expect(after.planJson).toBe(before.planJson);
    expect(after.rowVersion).toBe(before.rowVersion);
    // Only the reporter's creation and login were recorded.
    expect(await auditCount()).toBe(audits + 2);
  });

  it('applies corrections together, records each task before and after, and then publishes', async () => {
    const justice = await t.orgId('市司法局');
    const finance = await t.orgId('市财政局');
    const yuehu = await t.orgId('月湖区人民政府');
    const res = await patch({
      rowVersion: 1,
      edits: [
        {
          task: 33,
          op: 'set-units',
          units: [
            { orgId: justice, role: 'lead' },
            { orgId: finance, role: 'co' },
            { orgId: yuehu, role: 'each' },
          ],
        },
        { task: 48, op: 'set-units', units: [{ orgId: justice, role: 'lead' }] },
        {
          task: 8,
          op: 'set-obligations',
          obligations: [
            {
              kind: 'semiannual',
              raw: '每年6月底前和12月底前',
              dates: [
                { month: 6, day: 30 },
                { month: 12, day: 31 },
              ],
            },
            {
              kind: 'quarterly',
              raw: '每季度结束后10个工作日内',
              amount: 10,
              unit: 'workday',
              trigger: '季度结束',
              direction: 'after',
            },
          ],
        },
        {
          task: 15,
          op: 'set-indicators',
          indicators: [
            { raw: '不少于5%', comparator: '>=', value: 5, unit: '%', subject: '法制审核人员占比' },
          ],
        },
        { task: 12, op: 'set-text', text: '合法性审查时间一般不少于5个工作日。' },
      ],
    });
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.rowVersion).toBe(2);
    expect(detail.blockers).toEqual([]);
    const t33 = detail.plan.tasks.find((x: { no: number }) => x.no === 33);
    expect(t33.units.map((u: { orgIds: string[]; role: string }) => [u.orgIds[0], u.role])).toEqual([
      [justice, 'lead'],
      [finance, 'co'],
      [yuehu, 'each'],
    ]);
    const t8 = detail.plan.tasks.find((x: { no: number }) => x.no === 8);
    expect(t8.obligations[0]).toMatchObject({ kind: 'semiannual', confidence: 'high' });
    expect(detail.plan.tasks.find((x: { no: number }) => x.no === 12).text).toBe(
      '合法性审查时间一般不少于5个工作日。',
    );
    expect(detail.plan.corrections).toHaveLength(5);

    const audits = await t.store.db
      .selectFrom('auditLog')
      .select(['beforeJson', 'afterJson'])
      .where('action', '=', 'plan.correct')
      .where('entityId', '=', planId)
      .orderBy('seq')
      .execute();
    expect(audits).toHaveLength(5);
    const first = { before: JSON.parse(audits[0]!.beforeJson!), after: JSON.parse(audits[0]!.afterJson!) };
    expect(first.before.task.no).toBe(33);
    expect(first.before.task.units.some((u: { raw: string }) => u.raw === '市乡村振兴服务中心')).toBe(true);
    expect(first.after.task.units).toHaveLength(3);
    expect(first.after.ops).toEqual(['set-units']);

    const stale = await t.request(coord, 'POST', `/api/plans/${planId}/publish`, { rowVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale');
    const published = await t.request(coord, 'POST', `/api/plans/${planId}/publish`, { rowVersion: 2 });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', tasks: 51 });
    const fin33 = await t.store.db
      .selectFrom('deliverables')
      .select(['role', 'leadDeliverableId'])
      .where('taskNo', '=', 33)
      .where('orgId', '=', finance)
      .execute();
    expect(fin33.length).toBeGreaterThan(0);
    expect(fin33.every((d) => d.role === 'co' && d.leadDeliverableId !== null)).toBe(true);
    const task8 = await t.store.db
      .selectFrom('deliverables')
      .select('dueDate')
      .distinct()
      .where('taskNo', '=', 8)
      .where('orgId', '=', justice)
      .orderBy('dueDate')
      .execute();
    // The half-year dates, and each quarter's report 10 working days after it ends (Q4's in 2026).
    expect(task8.map((d) => d.dueDate)).toEqual([
      '2025-04-15',
      '2025-06-30',
      '2025-07-14',
      '2025-10-21',
      '2025-12-31',
      '2026-01-15',
    ]);

    const late = await patch({ rowVersion: 3, edits: [{ task: 8, op: 'set-text', text: '发布后修改' }] });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('invalid-state');
  });
});
