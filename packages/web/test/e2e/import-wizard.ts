/** Steps of the import wizard shared by the browser tests that import notices through the page. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Picks a file in the wizard (already open) and starts the import. */
export async function uploadNotice(
  page: Page,
  name: string,
  mimeType: string,
  buffer: Buffer,
): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType, buffer });
  await expect.poll(() => page.getByText(name).count()).toBeGreaterThan(0);
  await page.getByRole('button', { name: '导入并解析' }).click();
}

/**
 * Waits for the wizard to open the new plan and returns its id; if the page stays, the failure says
 * what it shows instead (a field error, an alert, an outcome).
 */
export async function openedPlan(page: Page, timeout = 60_000): Promise<string> {
  await expect
    .poll(
      async () =>
        /\/plans\/(?!import)[^/]+$/.test(new URL(page.url()).pathname)
          ? 'opened'
          : (await page.locator('.ant-form-item-explain-error, .ant-alert').allTextContents()).join(' | ') ||
            'still importing',
      { timeout, interval: 250 },
    )
    .toBe('opened');
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
}

/** How many plans the signed-in user sees, asked of the API with the page's own session. */
export async function planCount(page: Page): Promise<number> {
  const res = await page.request.get('/api/plans');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { plans: unknown[] }).plans.length;
}
