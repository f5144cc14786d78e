/**
 * The import wizard in a real browser: the coordinator uploads the reference notice, sees its 51
 * tasks with what was extracted marked in the text, corrects a task's units in place, publishes and
 * sees the deliverables made; a unit reporter cannot import.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type E2E, startE2E } from './harness.ts';

const NOTICE = join(
  new URL('../../../../', import.meta.url).pathname,
  'packages/core/data/notices/yingtan-2024-25.txt',
);

describe('importing and publishing a notice (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('imports the reference notice, shows the extractions in place, fixes units, publishes', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('menu', { name: '主菜单' }).getByRole('link', { name: '导入通知' }).click();
    await page.waitForURL(/\/plans\/import$/);
    // No year is chosen for the coordinator: left empty, the plan starts in the year of 印发.
    expect(await page.getByLabel('督办年度').inputValue()).toBe('');
    await page.getByLabel('督办年度').fill('2026');
    await page.locator('input[type=file]').setInputFiles(NOTICE);
    await expect.poll(() => page.getByText('yingtan-2024-25.txt').count()).toBeGreaterThan(0);
    await e.shot(page, 'plan-import');
    await page.getByRole('button', { name: '导入并解析' }).click();
    await page.waitForURL(/\/plans\/(?!import)[^/]+$/, { timeout: 30_000 });

    await expect.poll(() => page.getByText('任务（共51项）').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText('鹰府字〔2024〕25号').first().isVisible()).toBe(true);

    // Task 1: its dates and units are marked in its own text.
    const task1 = page.locator('[data-task="1"]');
    const date = task1.locator('mark[data-kind="obligation"]', { hasText: '每年3月1日前' });
    expect(await date.count()).toBe(1);
    expect(await task1.locator('mark[data-kind="obligation"]', { hasText: '4月1日前' }).count()).toBe(1);
    expect(await task1.locator('mark[data-kind="unit"]').count()).toBeGreaterThan(0);
    await date.hover();
    await expect
      .poll(() => page.getByRole('tooltip').last().textContent())
      .toContain('时限：每年 · 每年3月1日前');

    // Task 33: add 市教育局 as a co-unit, in place.
    const task33 = page.locator('[data-task="33"]');
    await task33.getByRole('button', { name: '修改第33项的责任单位' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('责任单位').fill('市教育局');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('radiogroup', { name: '市教育局的角色' }).count()).toBe(1);
    await dialog
      .getByRole('button', { name: '保 存' })
      .or(dialog.getByRole('button', { name: '保存' }))
      .click();
    await expect.poll(() => task33.getByText('配合 · 市教育局').count(), { timeout: 10_000 }).toBe(1);
    expect(await task33.getByText('已修正').count()).toBe(1);
    await task33.scrollIntoViewIfNeeded();
    await task1.locator('mark[data-kind="obligation"]', { hasText: '每年3月1日前' }).hover();
    await e.shot(page, 'plan-review');

    // Publish: confirm, then the deliverables made are counted.
    await page.getByRole('button', { name: '发布并交办' }).click();
    await page.getByRole('button', { name: /^发\s*布$/ }).click();
    await expect
      .poll(() => page.getByText(/已发布并交办：生成报送事项 \d+ 项/).count(), { timeout: 30_000 })
      .toBe(1);
    const text = (await page.getByText(/已发布并交办：生成报送事项 \d+ 项/).textContent()) ?? '';
    expect(Number(/(\d+) 项/.exec(text)?.[1])).toBeGreaterThan(51);
    await expect.poll(() => page.getByText('已发布', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '修改第33项的责任单位' }).count()).toBe(0);
    await e.shot(page, 'plan-published');

    // The list shows the plan as published with its deliverables.
    await page.getByRole('menu', { name: '主菜单' }).getByRole('link', { name: '任务清单' }).click();
    await expect
      .poll(() =>
        page.getByRole('row').filter({ hasText: '鹰府字〔2024〕25号' }).filter({ hasText: '已发布' }).count(),
      )
      .toBe(1);

    // Importing the same file again creates nothing.
    await page.getByRole('link', { name: '导入通知' }).first().click();
    await page.getByText('点击选择或将通知文件拖到此处').waitFor();
    await page.locator('input[type=file]').setInputFiles(NOTICE);
    await page.getByRole('button', { name: '导入并解析' }).click();
    await expect.poll(() => page.getByText('此前已导入').count(), { timeout: 15_000 }).toBe(1);
  }, 120_000);

  it('gives a unit reporter no way to import', async () => {
    const admin = await e.page();
    await e.login(admin, 'admin', ADMIN_PASSWORD);
    const created = await admin.request.post('/api/users', {
      data: {
        username: 'lx-edu',
        password: 'reporter-pass-1',
        role: 'reporter',
        orgId: 'education',
        mustChangePassword: false,
      },
    });
    expect(created.status()).toBe(201);

    const page = await e.page();
    await e.login(page, 'lx-edu', 'reporter-pass-1');
    const menu = page.getByRole('menu', { name: '主菜单' });
    await expect.poll(() => menu.getByRole('link', { name: '任务清单' }).count()).toBe(1);
    expect(await menu.getByRole('link', { name: '导入通知' }).count()).toBe(0);
    await page.goto('/plans/import');
    await expect.poll(() => page.getByText('没有权限导入通知').count()).toBe(1);
    expect(await page.locator('input[type=file]').count()).toBe(0);
    expect(await page.getByRole('button', { name: '导入并解析' }).count()).toBe(0);
  }, 60_000);
});
