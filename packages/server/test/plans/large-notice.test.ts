/**
 * A large notice does not block the server (security audit, finding 6): it is read and parsed in a
 * thread of its own, within a time and a heap budget; what no real notice needs (a text beyond the
 * limit, thousands of tasks) is refused with an error that names the limit, and nothing is stored;
 * a large plan is shown a page of tasks at a time.
 */
import type { Task } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { NOTICE_MAX_TASKS, NOTICE_TEXT_MAX_CHARS, PLAN_PAGE_TASKS } from '../../src/http/limits.ts';
import { importNotice } from '../../src/modules/plans/import-notice.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { coordActor, multipart, referenceText } from '../helpers/plans.ts';

/** The reference notice's head, then its task list `times` times over (51 tasks each, renumbered in order). */
function repeatedReference(times: number): string {
  const lines = referenceText().split('\n');
  return `${lines.slice(0, 10).join('\n')}${`\n${lines.slice(10).join('\n')}`.repeat(times)}`;
}

/** 40 lists: 1,962 tasks, about 260,000 characters — large, and allowed. */
const LARGE_TIMES = 40;

type PageBody = {
  counts: { tasks: number; blockedTasks: number };
  page: { offset: number; limit: number; total: number; blocked: boolean };
  plan: { tasks: Task[]; source?: string };
  sourceWindow: { start: number; text: string };
};

describe.each(DIALECTS)('a large notice on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  let base: string;
  let largePlanId: string;

  const counts = async () => ({
    notices: (await t.store.db.selectFrom('notices').select('id').execute()).length,
    plans: (await t.store.db.selectFrom('plans').select('id').execute()).length,
    audit: (await t.store.db.selectFrom('auditLog').select('seq').execute()).length,
  });

  beforeAll(async () => {
    t = await testApp(dialect);
    coord = await t.login('coord');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps answering /api/health while the notice is parsed', async () => {
    const text = repeatedReference(LARGE_TIMES);
    const started = performance.now();
    let importEnded = 0;
    const imported = fetch(`${base}/api/notices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: coord },
      body: JSON.stringify({ text, year: 2025 }),
    }).then(async (res) => {
      importEnded = performance.now();
      return { status: res.status, body: (await res.json()) as { planId: string; plan: PageBody } };
    });
    // Health checks one after another until the import is answered.
    const waits: number[] = [];
    while (importEnded === 0) {
      const asked = performance.now();
      const health = await fetch(`${base}/api/health`);
      expect(health.status).toBe(200);
      waits.push(performance.now() - asked);
    }
    const res = await imported;
    expect(res.status).toBe(201);
    expect(res.body.plan.counts.tasks).toBeGreaterThan(1900);
    largePlanId = res.body.planId;
    // The health checks were answered all along: many of them while the one import ran, none of
    // them waiting for it (each a small part of the import's time, where a parse in the server's
    // own thread made one of them wait as long as the parse).
    const importTook = importEnded - started;
    expect(waits.length).toBeGreaterThan(5);
    expect(Math.max(...waits)).toBeLessThan(importTook / 4);
  });

  it('shows a large plan a page of tasks at a time, with the text the page points into', async () => {
    const stored = await t.store.db
      .selectFrom('plans')
      .select('planJson')
      .where('id', '=', largePlanId)
      .executeTakeFirstOrThrow();
    const first = await t.request(coord, 'GET', `/api/plans/${largePlanId}`);
    expect(first.statusCode).toBe(200);
    // A small answer: a page of a plan whose whole is many times larger.
    expect(first.body.length).toBeLessThan(stored.planJson.length / 10);
    const detail = first.json() as PageBody;
    expect(detail.page).toEqual({
      offset: 0,
      limit: PLAN_PAGE_TASKS,
      total: detail.counts.tasks,
      blocked: false,
    });
    expect(detail.plan.tasks.map((task) => task.no)).toEqual(
      Array.from({ length: PLAN_PAGE_TASKS }, (_, i) => i + 1),
    );
    expect(detail.plan.source).toBeUndefined();

    // The rest, page by page: the last one.
    const total = detail.counts.tasks;
    const offset = Math.floor((total - 1) / PLAN_PAGE_TASKS) * PLAN_PAGE_TASKS;
    const last = (
      await t.request(coord, 'GET', `/api/plans/${largePlanId}?offset=${offset}`)
    ).json() as PageBody;
    expect(last.page).toMatchObject({ offset, total });
    expect(last.plan.tasks.map((task) => task.no)).toEqual(
      Array.from({ length: total - offset }, (_, i) => offset + i + 1),
    );
    // Every span of the page lies in the stretch of text sent, at its offset in the whole text.
    const whole = JSON.parse(stored.planJson).source as string;
    const window = last.sourceWindow;
    expect(window.text).toBe(whole.slice(window.start, window.start + window.text.length));
    for (const task of last.plan.tasks)
      for (const unit of task.units) {
        expect(unit.span.start).toBeGreaterThanOrEqual(window.start);
        expect(unit.span.end).toBeLessThanOrEqual(window.start + window.text.length);
      }

    // Only the tasks to fix before publishing: none in the reference notice.
    const blocked = (
      await t.request(coord, 'GET', `/api/plans/${largePlanId}?blocked=true`)
    ).json() as PageBody;
    expect(blocked.page).toMatchObject({ total: detail.counts.blockedTasks, blocked: true });
    expect(blocked.plan.tasks).toHaveLength(detail.counts.blockedTasks);

    const tooMany = await t.request(coord, 'GET', `/api/plans/${largePlanId}?limit=100000`);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error).toMatchObject({ code: 'validation', field: 'limit' });
  });

  it('answers a correction with the page the coordinator is on', async () => {
    const { rowVersion } = (await t.request(coord, 'GET', `/api/plans/${largePlanId}`)).json();
    const res = await t.request(coord, 'PATCH', `/api/plans/${largePlanId}?offset=200`, {
      rowVersion,
      edits: [{ task: 250, op: 'set-text', text: '第二百五十项任务的新文字' }],
    });
    expect(res.statusCode).toBe(200);
    const page = res.json() as PageBody;
    expect(page.page.offset).toBe(200);
    expect(page.plan.tasks.find((task) => task.no === 250)?.text).toBe('第二百五十项任务的新文字');
  });

  it.each([
    {
      over: 'time',
      budget: { maxMs: 150, maxHeapMb: 512 },
      says: '超过150毫秒的时限',
      times: LARGE_TIMES + 1,
    },
    {
      over: 'heap',
      budget: { maxMs: 60_000, maxHeapMb: 16 },
      says: '超过16 MB 的上限',
      times: LARGE_TIMES + 2,
    },
  ])('stops a parse past its $over budget: an error that names the limit, nothing stored', async (c) => {
    const before = await counts();
    const error = await importNotice(
      t.store,
      await coordActor(t),
      { text: repeatedReference(c.times) },
      t.clock.now(),
      c.budget,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'payload-too-large', field: 'text' });
    expect((error as AppError).userMessage).toContain(c.says);
    expect(await counts()).toEqual(before);
  });

  it(`refuses a file whose text is beyond ${NOTICE_TEXT_MAX_CHARS} characters before parsing it`, async () => {
    const before = await counts();
    const text = `${referenceText()}\n${'附'.repeat(NOTICE_TEXT_MAX_CHARS)}`;
    const { payload, headers } = multipart({}, [
      { fileName: '通知.txt', contentType: 'text/plain', bytes: text },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/notices',
      payload,
      headers: { ...headers, cookie: coord },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload-too-large', field: 'file' });
    expect(res.json().error.message).toContain(`超过通知全文${NOTICE_TEXT_MAX_CHARS}字的上限`);
    expect(await counts()).toEqual(before);
  });

  it(`refuses a list of more than ${NOTICE_MAX_TASKS} tasks, storing nothing`, async () => {
    const before = await counts();
    const res = await t.request(coord, 'POST', '/api/notices', { text: repeatedReference(100) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload-too-large', field: 'text' });
    expect(res.json().error.message).toContain(`超过一份通知${NOTICE_MAX_TASKS}项任务的上限`);
    expect(await counts()).toEqual(before);
  });
});
