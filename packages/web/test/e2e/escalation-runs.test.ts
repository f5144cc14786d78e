/**
 * Escalation passes in a real browser (security audit, finding 4): the coordinator previews (预演) a
 * pass and sees what it would issue without anything written, cannot run one for a day after
 * tomorrow, takes a pass back (撤回) from the list of recent passes — its records show 已撤回 — and
 * runs the previewed pass again (执行), which issues what is due today once more.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type E2E, startE2E } from './harness.ts';

async function escalationTotal(page: Page): Promise<number> {
  const res = await page.request.get('/api/escalations?limit=1');
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { total: number }).total;
}

async function latestRun(page: Page): Promise<{ total: number; asOf: string; withdrawn: number }> {
  const res = await page.request.get('/api/escalations/runs?limit=1');
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { total: number; items: { asOf: string; withdrawn: number }[] };
  return { total: body.total, ...body.items[0]! };
}

async function pickDay(page: Page, day: string): Promise<void> {
  const input = page.getByRole('dialog', { name: '运行督办' }).getByLabel('督办日期');
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

describe('escalation passes: preview, run, revert (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    // The demo's today: 2026-06-15 (a Monday); its load replayed the year with a pass each morning,
    // the last that issued anything on the last day a ladder step fell due.
    e = await startE2E({ demo: true });
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('previews a far day without writing, refuses to run it, reverts a pass and runs today’s again', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/escalations');
    await expect.poll(() => page.locator('[data-level]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const before = await escalationTotal(page);

    await page.getByRole('button', { name: '立即运行督办' }).click();
    const dialog = page.getByRole('dialog', { name: '运行督办' });
    const run = dialog.getByRole('button', { name: /执\s*行/ });
    expect(await run.isDisabled()).toBe(true);

    // Far ahead: the list of what would be issued, nothing written, no way to run it.
    await pickDay(page, '2026-12-31');
    await dialog.getByRole('button', { name: /预\s*演/ }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent())
      .toMatch(/按 2026年12月31日 预演：将生成 \d+ 条记录，发出站内通知 \d+ 条.*预演未写入任何数据/);
    expect(await dialog.locator('tbody tr[data-row-key]').count()).toBeGreaterThan(0);
    expect(await dialog.getByText('执行最晚只能按明天（2026年6月16日）的日期').count()).toBe(1);
    expect(await run.isDisabled()).toBe(true);
    expect(await escalationTotal(page)).toBe(before);
    await e.shot(page, 'escalation-preview');

    await dialog.getByRole('button', { name: /取\s*消/ }).click();

    // The demo's last pass (by the schedule) heads the list of recent passes; 撤回 asks why, then
    // marks its records 已撤回 — kept, none in force.
    const last = await latestRun(page);
    expect(last.asOf < '2026-06-15').toBe(true);
    const passes = page.locator('.ant-card').filter({ hasText: '最近的督办批次' });
    const latest = passes.locator('tbody tr[data-row-key]').first();
    await expect.poll(() => latest.textContent()).toContain(last.asOf);
    expect(await latest.textContent()).toContain('系统定时');
    await latest.getByRole('button', { name: /撤\s*回/ }).click();
    const revert = page.getByRole('dialog', { name: '撤回这次督办' });
    await revert.getByLabel('撤回原因').fill('演示数据的督办，撤回后重新运行');
    await revert.getByRole('button', { name: /撤\s*回/ }).click();
    await expect.poll(() => latest.textContent(), { timeout: 20_000 }).toContain('已撤回');
    expect(await latest.getByRole('button', { name: /撤\s*回/ }).count()).toBe(0);
    await expect.poll(() => page.getByText('已撤回', { exact: true }).count()).toBeGreaterThan(1);
    await e.shot(page, 'escalation-reverted');
    const { withdrawn } = await latestRun(page);
    expect(withdrawn).toBeGreaterThan(0);
    expect(await escalationTotal(page)).toBe(before);

    // Today (no day chosen): the preview lists what is due again, and 执行 issues exactly that.
    await page.getByRole('button', { name: '立即运行督办' }).click();
    await dialog.getByRole('button', { name: /预\s*演/ }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), { timeout: 10_000 })
      .toMatch(new RegExp(`按 2026年6月15日 预演：将生成 ${withdrawn} 条记录`));
    await run.click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 })
      .toMatch(new RegExp(`已按 2026年6月15日 运行督办，新生成 ${withdrawn} 条记录`));
    expect(await escalationTotal(page)).toBe(before + withdrawn);
    // One pass more, today's, at the head of the list; the reverted one stays listed.
    expect((await latestRun(page)).total).toBe(last.total + 1);
    await expect.poll(() => latest.textContent(), { timeout: 10_000 }).toContain('2026-06-15');
    expect(await latest.textContent()).toContain('有效');
    expect(await passes.getByText('已撤回', { exact: true }).count()).toBe(1);
  });
});
