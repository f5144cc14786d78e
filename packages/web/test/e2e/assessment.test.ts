/**
 * 年度考核 in the browser, on the demo year: the coordinator sees each group ranked with its items,
 * opens a unit's every point with links to its deliverables, records a 加减分 that moves the unit's
 * total and withdraws it again; a unit's reporter sees only its own row; a phone gets cards that fit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, call } from './api-calls.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, startE2E } from './harness.ts';

type View = { groups: { name: string; units: { orgId: string; name: string; total: number }[] }[] };

describe('年度考核 (Chromium)', () => {
  let e: E2E;
  let planId: string;
  let year: number;
  beforeAll(async () => {
    e = await startE2E({ demo: true });
    const admin = await apiSession(e.url, 'admin', ADMIN_PASSWORD);
    const plans = await call<{ plans: { id: string; year: number; status: string }[] }>(
      e,
      admin,
      'GET',
      '/api/plans',
    );
    const plan = plans.plans.find((p) => p.status === 'published');
    if (!plan) throw new Error('the demo has no published plan');
    ({ id: planId, year } = plan);
  }, 180_000);
  afterAll(async () => {
    await e?.stop();
  });

  const totalOf = async (orgId: string) => {
    const admin = await apiSession(e.url, 'admin', ADMIN_PASSWORD);
    const view = await call<View>(e, admin, 'GET', `/api/plans/${planId}/assessment/${year}`);
    return view.groups.flatMap((g) => g.units).find((u) => u.orgId === orgId)?.total;
  };

  it('ranks the groups, opens a unit’s points with their records, and a 加减分 moves the total', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: '年度考核' }).click();
    await page.waitForURL(/\/assessment$/);
    await expect.poll(() => page.getByText('市直部门').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('assessment-summary').textContent()).toContain('截至');
    // Ranked 1, 2, 3 … with the totals non-increasing, as the table shows them.
    const table = page.locator('.ant-card', { hasText: '市直部门' }).locator('table');
    const ranks = (await table.locator('tbody tr.ant-table-row td:first-child').allTextContents()).map(
      Number,
    );
    expect(ranks.slice(0, 3)).toEqual([1, 2, 3]);
    await e.shot(page, 'assessment-ranking');

    const before = await totalOf('finance');
    await page.getByRole('button', { name: '市财政局' }).first().click();
    const drawer = page.getByTestId('assessment-breakdown');
    await expect.poll(() => drawer.textContent(), { timeout: 20_000 }).toContain('任务按时完成');
    expect(await drawer.textContent()).toContain(String(before));
    // Each on-time line links to its deliverable.
    expect(await drawer.locator('a[href^="/deliverables/"]').count()).toBeGreaterThan(0);
    await e.shot(page, 'assessment-breakdown');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: '登记加减分' }).click();
    const dialog = page.getByRole('dialog', { name: '登记加减分' });
    await dialog.getByLabel('单位').fill('市财政');
    await page.locator('.ant-select-item-option', { hasText: '市财政局' }).click();
    await dialog.getByLabel('分值（加分为正，减分为负）').fill('-2');
    await dialog.getByLabel('理由').fill('被上级通报批评');
    await dialog.getByLabel('依据').fill('赣法办〔2026〕5号');
    await dialog
      .getByRole('button', { name: '登 记' })
      .or(dialog.getByRole('button', { name: '登记' }))
      .click();
    await expect.poll(() => page.getByText('被上级通报批评').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await totalOf('finance')).toBe(Math.max(0, Math.round(((before ?? 0) - 2) * 100) / 100));

    await page
      .getByRole('button', { name: '撤 销' })
      .or(page.getByRole('button', { name: '撤销' }))
      .first()
      .click();
    const withdraw = page.getByRole('dialog', { name: '撤销加减分' });
    await withdraw.getByLabel('撤销原因').fill('登记有误');
    await withdraw.getByRole('button', { name: /撤\s*销/ }).click();
    await expect.poll(() => page.getByText('已撤销（登记有误）').count(), { timeout: 15_000 }).toBe(1);
    expect(await totalOf('finance')).toBe(before);
  });

  it('shows a unit its own row only, and fits a phone', async () => {
    const phone = await e.page({ phone: true });
    await e.login(phone, 'lx-finance', DEMO_PASSWORD);
    await phone.goto('/assessment');
    await expect.poll(() => phone.locator('[data-item-card]').count(), { timeout: 20_000 }).toBe(1);
    expect(await phone.locator('[data-item-card]').textContent()).toContain('市财政局');
    expect(await phone.getByRole('button', { name: '登记加减分' }).count()).toBe(0);
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await e.shot(phone, 'assessment-phone');
  });

  it('publishes with an appeal window, takes a unit’s appeal, corrects the score and freezes the year', async () => {
    const admin = await e.page();
    await e.login(admin, 'admin', ADMIN_PASSWORD);
    await admin.goto('/assessment');
    const course = admin.getByTestId('assessment-course');
    await expect.poll(() => course.textContent(), { timeout: 20_000 }).toContain('考核进度：计分中');
    await course.getByRole('button', { name: '公示并开放申诉' }).click();
    const window = admin.getByRole('dialog', { name: '公示并开放申诉' });
    await window.getByLabel('申诉开始日期').fill('2026-06-15');
    await window.getByLabel('申诉截止日期').fill('2026-06-22');
    await window.getByRole('button', { name: /公\s*示/ }).click();
    await expect
      .poll(() => course.textContent(), { timeout: 15_000 })
      .toContain('申诉期 2026-06-15 至 2026-06-22');

    // The unit is told, and appeals one item from its own page.
    const unit = await e.page();
    await e.login(unit, 'lx-finance', DEMO_PASSWORD);
    await unit.goto('/assessment');
    await unit.getByRole('button', { name: '提出申诉' }).click();
    const form = unit.getByRole('dialog', { name: '提出申诉' });
    await form.getByLabel('申诉的考核项').click();
    await unit.locator('.ant-select-item-option', { hasText: '指标完成情况' }).click();
    await form.getByLabel('申诉理由').fill('公开率已达100%，第三季度报告中已填报，系统未计入。');
    await form.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(() => unit.getByText('待处理').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await e.shot(unit, 'assessment-appeal-filed');

    const before = await totalOf('finance');
    await admin.reload();
    await admin
      .getByRole('button', { name: /采\s*纳/ })
      .first()
      .click();
    const decide = admin.getByRole('dialog', { name: '采纳申诉' });
    await decide.getByLabel('更正分值（加分为正，减分为负）').fill('3');
    await decide.getByLabel('处理意见').fill('核实第三季度已填报公开率');
    await decide.getByRole('button', { name: /采\s*纳/ }).click();
    await expect.poll(() => admin.getByText('已采纳').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await totalOf('finance')).toBe(Math.round(((before ?? 0) + 3) * 100) / 100);

    await course.getByRole('button', { name: '定格结果' }).click();
    await admin
      .getByRole('button', { name: /定\s*格/ })
      .last()
      .click();
    await expect.poll(() => course.textContent(), { timeout: 15_000 }).toContain('考核进度：已定格');
    expect(await admin.getByRole('button', { name: '登记加减分' }).count()).toBe(0);
    await e.shot(admin, 'assessment-frozen');
  });
});
