/**
 * Fixing one unit or one account in a real browser: the coordinator adds an alias to 市财政局 (a
 * clashing one is refused on the field first, nothing typed lost), deactivates lx-education (their
 * open session ends and they cannot sign in), resets leader-finance's password (the new one works),
 * and sees which years the working-day calendar covers.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, startE2E } from './harness.ts';
import { changePasswordAtLogin } from './password-change.ts';

async function tryLogin(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

describe('editing single units and users (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ demo: true });
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('adds an alias to 市财政局: a clashing alias is named on the field, the good one is saved', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/orgs');
    await page.getByLabel('搜索单位').fill('市财政局');
    await page.getByRole('button', { name: '编辑 市财政局' }).click();
    const dialog = page.getByRole('dialog', { name: '编辑单位：市财政局' });
    const aliases = dialog.getByLabel('别名');
    const aliasTags = () =>
      dialog
        .locator('.ant-form-item')
        .filter({ hasText: '通知里可能出现的其他写法' })
        .locator('.ant-select-selection-item, .ant-select-selection-overflow-item [title]');
    await aliases.fill('市教育局');
    await aliases.press('Enter');
    await expect.poll(async () => (await aliasTags().allTextContents()).join('|')).toContain('市教育局');
    await dialog.getByLabel('备注').fill('已与编办名录核对');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect
      .poll(() => dialog.locator('.ant-form-item-explain-error').allTextContents())
      .toEqual([expect.stringMatching(/^别名“市教育局”与“市教育局”的名称或别名.*重复/)]);
    // The message sits under 别名 (its own form item).
    const aliasItem = dialog.locator('.ant-form-item').filter({ hasText: '通知里可能出现的其他写法' });
    expect(await aliasItem.locator('.ant-form-item-explain-error').textContent()).toMatch(/重复/);
    expect(await dialog.getByLabel('备注').inputValue()).toBe('已与编办名录核对');
    await e.shot(page, 'admin-edit');

    await aliases.press('Backspace');
    await expect.poll(async () => (await aliasTags().allTextContents()).join('|')).not.toContain('市教育局');
    await aliases.fill('鹰潭市财政局');
    await aliases.press('Enter');
    await expect.poll(async () => (await aliasTags().allTextContents()).join('|')).toContain('鹰潭市财政局');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const row = page.getByRole('row').filter({ hasText: '市财政局' }).first();
    await expect.poll(() => row.textContent()).toContain('鹰潭市财政局');
    expect(await row.textContent()).not.toContain('市教育局');
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await e.shot(page, 'admin-edit-orgs');
    await page.reload();
    await page.getByLabel('搜索单位').fill('鹰潭市财政局');
    await expect.poll(() => page.getByRole('row').filter({ hasText: '已与编办名录核对' }).count()).toBe(1);
  }, 60_000);

  it('deactivates lx-education: their open session ends and they cannot sign in', async () => {
    const theirs = await e.page();
    await e.login(theirs, 'lx-education', DEMO_PASSWORD);
    await theirs.waitForURL(/\/my-work/);

    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/users');
    await page.getByLabel('搜索用户').fill('lx-education');
    await page.getByRole('button', { name: '停用 lx-education' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /停\s*用/ })
      .click();
    const row = page.getByRole('row').filter({ hasText: 'lx-education' });
    await expect.poll(() => row.textContent()).toContain('已停用');
    expect(await row.getByRole('button', { name: '启用 lx-education' }).isVisible()).toBe(true);

    await theirs.goto('/my-work');
    await theirs.waitForURL(/\/login/);
    await tryLogin(theirs, 'lx-education', DEMO_PASSWORD);
    await expect.poll(() => theirs.getByRole('alert').textContent()).toContain('用户名或密码错误');
  });

  it("resets leader-finance's password: the old one fails, the new one signs in", async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/users');
    await page.getByLabel('搜索用户').fill('leader-finance');
    await page.getByRole('button', { name: '重置密码 leader-finance' }).click();
    const dialog = page.getByRole('dialog', { name: /重置密码/ });
    await dialog.getByLabel('新密码', { exact: true }).fill('finance-new-2026');
    await dialog.getByLabel('再次输入新密码').fill('finance-new-2026');
    await dialog.getByRole('button', { name: '重置密码' }).click();
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await e.shot(page, 'admin-edit-users');

    const other = await e.page();
    await tryLogin(other, 'leader-finance', DEMO_PASSWORD);
    await expect.poll(() => other.getByRole('alert').textContent()).toContain('用户名或密码错误');
    await e.login(other, 'leader-finance', 'finance-new-2026');
    await changePasswordAtLogin(other, 'finance-new-2026', 'Caizheng-2026-new');
    await expect.poll(() => other.getByText('市财政局').first().isVisible()).toBe(true);
  });

  it('shows which years the working-day calendar covers and warns about next year', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/settings');
    await expect.poll(() => page.getByRole('cell', { name: '2026年' }).count()).toBe(1);
    expect(await page.getByText('2027年尚无国务院节假日安排').isVisible()).toBe(true);
    await page.getByText('工作日历').scrollIntoViewIfNeeded();
    await e.shot(page, 'admin-edit-calendar');
  });
});
