/**
 * 审核报告 queue: the coordinator narrows the reports waiting for review by unit, task, late hand-in,
 * returned before, working days waited and a search; sorts and pages them; bad parameters are refused
 * in Chinese naming the field. Four reports handed in over a week (March 2025 has no holidays):
 *
 * | report | unit     | task | due        | handed in       | waited | late | returned before |
 * | fin    | 市财政局 | 7    | 2025-03-31 | Mon 03-03       | 5      |      |                 |
 * | edu    | 市教育局 | 7    | 2025-02-28 | Wed 03-05       | 3      | yes  |                 |
 * | law    | 市公安局 | 8    | 2025-03-31 | Fri 03-07 again | 1      |      | yes             |
 * | promo  | 市公安局 | 9    | 2025-03-31 | Mon 03-10       | 0      |      |                 |
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDeliverable, seedPlan, seedTask } from '../helpers/factories.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

type Item = {
  reportId: string;
  orgName: string;
  taskNo: number;
  late: boolean;
  waitingDays: number;
  returnedBefore: boolean;
};
type Page = {
  items: Item[];
  queued: number;
  queuedLate: number;
  total: number;
  units: { orgName: string; count: number }[];
  tasks: { taskNo: number; text: string; count: number }[];
};

describe.each(DIALECTS)('review queue filters on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  const ids: Record<'fin' | 'edu' | 'law' | 'promo', string> = { fin: '', edu: '', law: '', promo: '' };
  let gongan = '';

  beforeAll(async () => {
    t = await testApp(dialect, { now: '2025-03-03T02:00:00.000Z' });
    const plan = await seedPlan(t.store);
    const task7 = await seedTask(t.store, plan, 7, '每季度报送财政预决算公开情况。');
    const task8 = await seedTask(t.store, plan, 8, '全面推行行政执法三项制度。');
    const task9 = await seedTask(t.store, plan, 9, '开展“八五”普法宣传。');
    gongan = await t.orgId('市公安局');
    const unit = async (name: string, taskId: string, taskNo: number, dueDate: string) => ({
      user: await t.user('reporter', name),
      id: await seedDeliverable(t.store, { plan, taskId, taskNo, orgId: await t.orgId(name), dueDate }),
    });
    const fin = await unit('市财政局', task7, 7, '2025-03-31');
    const edu = await unit('市教育局', task7, 7, '2025-02-28');
    const law = await unit('市公安局', task8, 8, '2025-03-31');
    const promo = {
      user: law.user,
      id: await seedDeliverable(t.store, {
        plan,
        taskId: task9,
        taskNo: 9,
        orgId: gongan,
        dueDate: '2025-03-31',
      }),
    };
    const handIn = async (u: { user: string; id: string }, at: string, narrative: string) => {
      t.clock.set(at);
      const res = await t.request(await t.login(u.user), 'POST', `/api/deliverables/${u.id}/reports`, {
        narrative,
        submit: true,
      });
      expect(res.statusCode).toBe(201);
      return res.json().report as { id: string; rowVersion: number };
    };
    ids.fin = (await handIn(fin, '2025-03-03T02:00:00.000Z', '一季度预决算已公开，公开率100%。')).id;
    ids.edu = (await handIn(edu, '2025-03-05T02:00:00.000Z', '教育经费预决算已于三月初公开。')).id;
    const first = await handIn(law, '2025-03-06T02:00:00.000Z', '执法公示平台已上线运行一个月。');
    ids.law = first.id;
    const returned = await t.request(await t.login('coord'), 'POST', `/api/reports/${first.id}/return`, {
      rowVersion: first.rowVersion,
      reason: '请附执法公示平台截图。',
    });
    expect(returned.statusCode).toBe(200);
    t.clock.set('2025-03-07T02:00:00.000Z');
    const again = await t.request(await t.login(law.user), 'POST', `/api/reports/${first.id}/submit`, {
      rowVersion: returned.json().report.rowVersion,
    });
    expect(again.statusCode).toBe(200);
    ids.promo = (await handIn(promo, '2025-03-10T01:00:00.000Z', '组织网格员培训三场，覆盖全部社区。')).id;
    await at('2025-03-10T02:00:00.000Z');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Move the clock, and sign in again (a session idles out over days). */
  async function at(iso: string) {
    t.clock.set(iso);
    coord = await t.login('coord');
  }
  const get = async (query = '') => {
    const res = await t.request(coord, 'GET', `/api/review-queue${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };
  const names = (page: Page) =>
    page.items.map((i) => Object.entries(ids).find(([, id]) => id === i.reportId)?.[0]);

  it('lists the whole queue oldest first with waiting days, late and returned-before marks and the counts', async () => {
    const page = await get();
    expect(names(page)).toEqual(['fin', 'edu', 'law', 'promo']);
    expect(page.items.map((i) => [i.waitingDays, i.late, i.returnedBefore])).toEqual([
      [5, false, false],
      [3, true, false],
      [1, false, true],
      [0, false, false],
    ]);
    expect(page).toMatchObject({ queued: 4, queuedLate: 1, total: 4 });
    // In Chinese (pinyin) order, the same on both databases.
    expect(page.units.map((u) => [u.orgName, u.count])).toEqual([
      ['市财政局', 1],
      ['市公安局', 2],
      ['市教育局', 1],
    ]);
    expect(page.tasks).toEqual([
      { taskNo: 7, text: '每季度报送财政预决算公开情况。', count: 2 },
      { taskNo: 8, text: '全面推行行政执法三项制度。', count: 1 },
      { taskNo: 9, text: '开展“八五”普法宣传。', count: 1 },
    ]);
  });

  it('filters by unit and by task, counting the filtered result apart from the whole queue', async () => {
    const byUnit = await get(`?orgId=${gongan}`);
    expect(names(byUnit)).toEqual(['law', 'promo']);
    expect(byUnit).toMatchObject({ total: 2, queued: 4 });
    expect(names(await get('?taskNo=7'))).toEqual(['fin', 'edu']);
    expect(names(await get(`?orgId=${gongan}&taskNo=7`))).toEqual([]);
  });

  it('filters late hand-ins (overdue) and reports returned before, either way', async () => {
    expect(names(await get('?overdue=true'))).toEqual(['edu']);
    expect(names(await get('?overdue=false'))).toEqual(['fin', 'law', 'promo']);
    expect(names(await get('?returned=true'))).toEqual(['law']);
    expect(names(await get('?returned=false'))).toEqual(['fin', 'edu', 'promo']);
    expect(names(await get(`?orgId=${gongan}&returned=false`))).toEqual(['promo']);
  });

  it('filters by working days waited since hand-in', async () => {
    expect(names(await get('?waitingDays=1'))).toEqual(['fin', 'edu', 'law']);
    expect(names(await get('?waitingDays=3'))).toEqual(['fin', 'edu']);
    expect(names(await get('?waitingDays=5'))).toEqual(['fin']);
    expect(names(await get('?waitingDays=10'))).toEqual([]);
    // Over a weekend nothing more is waited: on Saturday the counts are Friday's, a day more than Monday's.
    await at('2025-03-15T02:00:00.000Z');
    expect((await get()).items.map((i) => i.waitingDays)).toEqual([9, 7, 5, 4]);
    expect(names(await get('?waitingDays=5'))).toEqual(['fin', 'edu', 'law']);
    await at('2025-03-10T02:00:00.000Z');
  });

  it('searches task text, unit name, deliverable title and narrative, every word, wildcards taken literally', async () => {
    expect(names(await get(`?q=${encodeURIComponent('行政执法')}`))).toEqual(['law']);
    expect(names(await get(`?q=${encodeURIComponent('教育局')}`))).toEqual(['edu']);
    expect(names(await get(`?q=${encodeURIComponent('网格员')}`))).toEqual(['promo']);
    expect(names(await get(`?q=${encodeURIComponent('公安 普法')}`))).toEqual(['promo']);
    expect(names(await get(`?q=${encodeURIComponent('第8项')}`))).toEqual(['law']);
    expect(names(await get(`?q=${encodeURIComponent('%')}`))).toEqual(['fin']);
    expect(names(await get(`?q=${encodeURIComponent('_')}`))).toEqual([]);
    expect(names(await get('?q=%20%20'))).toEqual(['fin', 'edu', 'law', 'promo']);
  });

  it('sorts newest first on request and pages the filtered result', async () => {
    expect(names(await get('?sort=newest'))).toEqual(['promo', 'law', 'edu', 'fin']);
    const page = await get('?limit=2&offset=1');
    expect(names(page)).toEqual(['edu', 'law']);
    expect(page).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(names(await get('?sort=newest&limit=2&offset=2'))).toEqual(['edu', 'fin']);
  });

  it('refuses bad parameters with 400 naming the field in Chinese, and anyone but the coordinator', async () => {
    const cases: [string, string, RegExp][] = [
      ['?waitingDays=abc', 'waitingDays', /等待工作日/],
      ['?waitingDays=0', 'waitingDays', /至少为1/],
      ['?sort=sideways', 'sort', /排序/],
      ['?overdue=yes', 'overdue', /逾期/],
      ['?returned=1', 'returned', /退回/],
      ['?taskNo=x', 'taskNo', /任务序号/],
      ['?limit=0', 'limit', /每页/],
      [`?q=${'字'.repeat(101)}`, 'q', /搜索词/],
    ];
    for (const [query, field, message] of cases) {
      const res = await t.request(coord, 'GET', `/api/review-queue${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error, query).toMatchObject({ code: 'validation', field });
      expect(res.json().error.message, query).toMatch(message);
    }
    const reporter = await t.login(await t.user('reporter', '市财政局'));
    expect((await t.request(reporter, 'GET', '/api/review-queue?overdue=true')).statusCode).toBe(403);
  });
});
