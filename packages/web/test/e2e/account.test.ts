/**
 * 账号安全 in a real browser: a user the coordinator created changes the password before anything
 * else, the policy's message under the field; on 账号安全 a user sees their devices and signs the
 * others out; the coordinator sees everyone's devices and sets the password validity on 用户.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, injectAxe, startE2E } from './harness.ts';
import { changePasswordAtLogin } from './password-change.ts';

/** Serious and critical WCAG 2 A/AA problems axe finds on the page (their ids and where). */
async function axeProblems(page: Page): Promise<string[]> {
  await injectAxe(page);
  const found = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ' ' + JSON.stringify(v.nodes.map((n) => n.target))))`,
  )) as string[];
  return found;
}

describe('account security (Chromium)', () => {
  let e: E2E;
  let admin: Page;
  beforeAll(async () => {
    e = await startE2E({ demo: true });
    admin = await e.page();
    await e.login(admin, 'admin', ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('makes a new user change the password the coordinator gave before showing anything else', async () => {
    const created = await admin.request.post('/api/users', {
      data: { username: 'jy-zhao', password: 'Given-by-admin-1', role: 'reporter', orgId: 'education' },
    });
    expect(created.status()).toBe(201);

    const page = await e.page();
    await e.login(page, 'jy-zhao', 'Given-by-admin-1');
    await expect.poll(() => page.getByText('首次登录，请先修改管理员为您设置的密码。').count()).toBe(1);
    expect(await page.getByRole('menu', { name: '主菜单' }).count()).toBe(0);
    await page.getByLabel('当前密码').fill('Given-by-admin-1');
    await page.getByLabel('新密码', { exact: true }).fill('password2024');
    await page.getByLabel('再次输入新密码').fill('password2024');
    await page.getByRole('button', { name: /修改密码/ }).click();
    const field = page.locator('.ant-form-item').filter({ has: page.getByLabel('新密码', { exact: true }) });
    await expect
      .poll(() => field.locator('.ant-form-item-explain-error').textContent())
      .toContain('至少三类');
    await e.shot(page, 'account-first-login');
    expect(await axeProblems(page)).toEqual([]);

    await changePasswordAtLogin(page, 'Given-by-admin-1', 'Zhao-Jiaoyu-2026');
    await page.waitForURL(/\/my-work/);
    await expect.poll(() => page.getByText('市教育局').first().isVisible()).toBe(true);
  });

  it('lists my signed-in devices on 账号安全 and signs the others out', async () => {
    const phone = await e.page({ phone: true });
    await e.login(phone, 'lx-finance', DEMO_PASSWORD);
    const desk = await e.page();
    await e.login(desk, 'lx-finance', DEMO_PASSWORD);
    await desk.getByRole('menu', { name: '主菜单' }).getByRole('link', { name: '账号安全' }).click();
    await desk.waitForURL(/\/account/);
    const devices = desk.locator('.ant-card').filter({ hasText: '登录设备' });
    await expect.poll(() => devices.locator('tbody tr.ant-table-row').count(), { timeout: 10_000 }).toBe(2);
    expect(await devices.getByText('本设备').count()).toBe(1);
    expect(await devices.getByText('127.0.0.1').count()).toBe(2);
    await e.shot(desk, 'account-devices');
    expect(await axeProblems(desk)).toEqual([]);

    await desk.getByRole('button', { name: '退出其他所有设备' }).click();
    await desk.getByRole('button', { name: '全部退出' }).click();
    await expect.poll(() => devices.locator('tbody tr.ant-table-row').count(), { timeout: 10_000 }).toBe(1);
    await phone.reload();
    await phone.waitForURL(/\/login/);
    await desk.reload();
    await expect.poll(() => desk.getByRole('heading', { name: '账号安全' }).count()).toBe(1);
  });

  it('changes my own password on 账号安全, naming a wrong current password under its field', async () => {
    const page = await e.page();
    await e.login(page, 'leader-finance', DEMO_PASSWORD);
    await page.goto('/account');
    await page.getByLabel('当前密码').fill('not-my-password-1');
    await page.getByLabel('新密码', { exact: true }).fill('Caizheng-Lingdao-7');
    await page.getByLabel('再次输入新密码').fill('Caizheng-Lingdao-7');
    await page.getByRole('button', { name: /修改密码/ }).click();
    const field = page.locator('.ant-form-item').filter({ has: page.getByLabel('当前密码') });
    await expect
      .poll(() => field.locator('.ant-form-item-explain-error').textContent())
      .toBe('当前密码不正确');
    await page.getByLabel('当前密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /修改密码/ }).click();
    await expect.poll(() => page.getByText('密码已修改').count(), { timeout: 10_000 }).toBe(1);

    const again = await e.page();
    await e.login(again, 'leader-finance', 'Caizheng-Lingdao-7');
    await expect.poll(() => again.getByRole('menu', { name: '主菜单' }).count()).toBe(1);
  });

  it("shows the coordinator everyone's devices on 用户, ends one, and sets the password validity", async () => {
    const viewer = await e.page();
    await e.login(viewer, 'city-leader', DEMO_PASSWORD);
    await admin.goto('/users');
    await admin.getByRole('tab', { name: '登录设备' }).click();
    const devices = admin.locator('.ant-card').filter({ hasText: '登录设备' });
    const row = devices.getByRole('row').filter({ hasText: 'city-leader' });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await row.getByRole('button', { name: /退出/ }).click();
    await admin
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /退\s*出/ })
      .click();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    await viewer.reload();
    await viewer.waitForURL(/\/login/);

    await admin.getByRole('tab', { name: '密码有效期' }).click();
    const validity = admin.locator('.ant-card').filter({ hasText: '密码有效期' });
    await validity.getByLabel('密码有效期（天）').fill('90');
    await validity.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => admin.getByText('已设为密码 90 天后须修改').count(), { timeout: 10_000 }).toBe(1);
    await validity.scrollIntoViewIfNeeded();
    await e.shot(admin, 'users-devices-validity');
    const saved = await admin.request.get('/api/settings/security');
    expect(await saved.json()).toEqual({ passwordMaxAgeDays: 90 });
  });
});
