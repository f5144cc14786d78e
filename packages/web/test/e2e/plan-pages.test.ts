/**
 * A large plan in a real browser, a page of tasks at a time (security audit, finding 6: the server
 * no longer sends a whole plan at once): the coordinator pages through 150 tasks, follows the link
 * of a task to fix to the page that holds it, sees that task marked in its own text, and lists
 * only the tasks to fix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type E2E, startE2E } from './harness.ts';

const NOTICE = join(
  new URL('../../../../', import.meta.url).pathname,
  'packages/core/data/notices/yingtan-2024-25.txt',
);

/** The reference notice's list three times over, the third with one unit no directory knows. */
function largeNotice(): string {
  const lines = readFileSync(NOTICE, 'utf8').split('\n');
  const body = lines.slice(10).join('\n');
  return [...lines.slice(0, 10), body, body, body.replace('市司法局', '市未名协调中心')].join('\n');
}

type Detail = {
  counts: { tasks: number };
  page: { limit: number; total: number };
  blockers: { task: number }[];
};

describe('a large plan, page by page (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('pages through the tasks, opens the page of a task to fix, lists only those to fix', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    const imported = await page.request.post('/api/notices', { data: { text: largeNotice(), year: 2026 } });
    expect(imported.status()).toBe(201);
    const { planId } = (await imported.json()) as { planId: string };
    const detail = (await (await page.request.get(`/api/plans/${planId}`)).json()) as Detail;
    const total = detail.counts.tasks;
    const limit = detail.page.limit;
    expect(total).toBeGreaterThan(limit);
    const blocked = detail.blockers.map((b) => b.task);
    expect(blocked.length).toBeGreaterThan(0);
    const onLaterPage = blocked.find((no) => no > limit);
    expect(onLaterPage).toBeDefined();

    await page.goto(`/plans/${planId}`);
    await expect.poll(() => page.getByText(`任务（共${total}项）`).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('[data-task]').count()).toBe(limit);
    expect(await page.locator('[data-task="1"]').isVisible()).toBe(true);
    expect(await page.locator(`[data-task="${limit + 1}"]`).count()).toBe(0);
    expect(await page.getByText(`第1–${limit}项，共${total}项`).count()).toBeGreaterThan(0);

    // The link of a task to fix on a later page opens that page, with the task marked in its text.
    await page.getByRole('link', { name: `第${onLaterPage}项`, exact: true }).click();
    const task = page.locator(`[data-task="${onLaterPage}"]`);
    await expect.poll(() => task.count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('[data-task="1"]').count()).toBe(0);
    const problem = task.locator('mark[data-kind="problem"]', { hasText: '市未名协调中心' });
    expect(await problem.count()).toBe(1);
    expect(await task.getByText('待修正').count()).toBe(1);
    await e.shot(page, 'plan-later-page');

    // Back to the first page through the pager.
    await page.locator('.ant-pagination').first().getByTitle('1', { exact: true }).click();
    await expect.poll(() => page.locator('[data-task="1"]').count(), { timeout: 15_000 }).toBe(1);

    // Only the tasks to fix, all of them on one page.
    await page.getByRole('switch', { name: '只看待修正的任务' }).click();
    await expect.poll(() => page.locator('[data-task]').count(), { timeout: 15_000 }).toBe(blocked.length);
    expect(await page.locator('.ant-pagination').count()).toBe(0);
  }, 180_000);
});
