/** The 修改密码 page a user meets at first login (or with an expired password), filled in. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export async function changePasswordAtLogin(page: Page, current: string, next: string): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { name: '修改密码' }).count()).toBe(1);
  await page.getByLabel('当前密码').fill(current);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('再次输入新密码').fill(next);
  await page.getByRole('button', { name: /修改密码/ }).click();
  await expect.poll(() => page.getByRole('menu', { name: '主菜单' }).count(), { timeout: 10_000 }).toBe(1);
}
