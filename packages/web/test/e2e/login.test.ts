/** Signing in and out in a real browser; a unit's reporter lands on 我的任务 with the unit's lights. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type E2E, startE2E } from './harness.ts';

describe('signing in (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ demo: true });
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('shows the server message next to the form on a wrong password, and keeps what was typed', async () => {
    const page = await e.page();
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByLabel('用户名').fill('lx-finance');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
    expect(await page.getByLabel('用户名').inputValue()).toBe('lx-finance');
    await e.shot(page, 'login-error');
  });

  it("lands a reporter on the unit's work with its lights, and signs out", async () => {
    const page = await e.page();
    await e.login(page, 'lx-finance', DEMO_PASSWORD);
    await page.waitForURL(/\/my-work/);
    await expect.poll(() => page.locator('[data-signal]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByText('市财政局').first().isVisible()).toBe(true);
    await e.shot(page, 'my-work');
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL(/\/login/);
    await page.goto('/my-work');
    await page.waitForURL(/\/login/);
  });

  it('fits a phone-sized screen for reporters', async () => {
    const page = await e.page({ phone: true });
    await e.login(page, 'lx-finance', DEMO_PASSWORD);
    await expect.poll(() => page.locator('[data-signal]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await e.shot(page, 'my-work-phone');
  });
});
