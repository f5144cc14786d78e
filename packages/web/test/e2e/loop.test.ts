/**
 * The whole loop in a real browser, on a fresh server: the coordinator imports and publishes the
 * reference notice; a reporter submits with evidence; the coordinator returns it; the reporter
 * resubmits; the coordinator accepts; the dashboard turns the deliverable blue. A reporter trying
 * another unit's URL is refused.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type E2E, startE2E } from './harness.ts';

const root = new URL('../../../../', import.meta.url).pathname;
const NOTICE = join(root, 'packages/core/data/notices/yingtan-2024-25.txt');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function blueCount(page: Page): Promise<number> {
  const res = await page.request.get('/api/dashboard?year=2026');
  return ((await res.json()) as { totals: { counts: { blue: number } } }).totals.counts.blue;
}

describe('the whole loop (Chromium)', () => {
  let e: E2E;
  let admin: Page;
  let reporter: Page;
  let deliverablePath: string;

  beforeAll(async () => {
    e = await startE2E({ now: '2026-06-15T02:00:00.000Z' });
    admin = await e.page();
    await e.login(admin, 'admin', ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('imports and publishes the reference notice', async () => {
    await admin.getByRole('menu', { name: '主菜单' }).getByRole('link', { name: '导入通知' }).click();
    await admin.getByLabel('督办年度').fill('2026');
    await admin.locator('input[type=file]').setInputFiles(NOTICE);
    await admin.getByRole('button', { name: '导入并解析' }).click();
    await expect.poll(() => admin.getByText('任务（共51项）').count(), { timeout: 20_000 }).toBe(1);
    await admin.getByRole('button', { name: '发布并交办' }).click();
    await admin.getByRole('button', { name: /^发\s*布$/ }).click();
    await expect
      .poll(() => admin.getByText(/已发布并交办：生成报送事项 \d+ 项/).count(), { timeout: 30_000 })
      .toBe(1);
    const created = await admin.request.post('/api/users', {
      data: {
        username: 'cz-lly',
        password: 'finance-pass-1',
        role: 'reporter',
        orgId: 'finance',
        displayName: '财政局联络员',
        mustChangePassword: false,
      },
    });
    expect(created.status()).toBe(201);
    expect(await blueCount(admin)).toBe(0);
  });

  it('lets the reporter submit with evidence', async () => {
    reporter = await e.page();
    await e.login(reporter, 'cz-lly', 'finance-pass-1');
    await reporter.waitForURL(/\/my-work/);
    await expect
      .poll(() => reporter.locator('[data-signal]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await reporter
      .getByRole('link', { name: /^第\d+项 · / })
      .first()
      .click();
    await reporter.waitForURL(/\/deliverables\//);
    deliverablePath = new URL(reporter.url()).pathname;
    await reporter.getByLabel('进展情况').fill('已召开专题会议部署，制定工作方案并建立工作台账。');
    await reporter.getByLabel('选择佐证材料文件').setInputFiles({
      name: '会议纪要.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await expect
      .poll(() => reporter.getByRole('link', { name: '会议纪要.pdf' }).count(), { timeout: 15_000 })
      .toBe(1);
    await reporter.getByRole('button', { name: '提交报送' }).click();
    await expect.poll(() => reporter.getByText('已报送', { exact: true }).first().isVisible()).toBe(true);
    await e.shot(reporter, 'loop-submitted');
  });

  it('lets the coordinator return it with a reason', async () => {
    await admin.goto('/review');
    await admin
      .getByRole('button', { name: /审\s*核/ })
      .first()
      .click();
    const drawer = admin.getByRole('dialog');
    await expect
      .poll(() => drawer.getByRole('link', { name: '下载 会议纪要.pdf' }).count(), { timeout: 15_000 })
      .toBe(1);
    await drawer.locator('label:has(input[value=return])').click();
    await drawer.getByLabel('退回理由').fill('缺少工作台账，请补充后重新报送。');
    await drawer.getByRole('button', { name: '确认退回' }).click();
    await expect
      .poll(() => admin.getByText('没有待审核的报告').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
  });

  it('shows the reporter the reason, and takes the resubmission', async () => {
    await reporter.goto(deliverablePath);
    await expect
      .poll(
        () =>
          reporter
            .getByText(/缺少工作台账/)
            .first()
            .isVisible(),
        { timeout: 15_000 },
      )
      .toBe(true);
    await reporter.getByLabel('进展情况').fill('已召开专题会议部署，制定工作方案，工作台账已补充。');
    await reporter.getByRole('button', { name: '重新提交报送' }).click();
    await expect.poll(() => reporter.getByText('已报送', { exact: true }).first().isVisible()).toBe(true);
  });

  it('lets the coordinator accept, and the dashboard turns the deliverable blue', async () => {
    await admin.goto('/review');
    await admin
      .getByRole('button', { name: /审\s*核/ })
      .first()
      .click();
    const drawer = admin.getByRole('dialog');
    await expect
      .poll(() => drawer.getByText(/工作台账已补充/).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await drawer.getByRole('button', { name: '确认通过' }).click();
    await expect
      .poll(() => admin.getByText('没有待审核的报告').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await admin.goto('/dashboard');
    await expect.poll(() => admin.locator('[data-chart]:has(canvas)').count(), { timeout: 20_000 }).toBe(4);
    expect(await blueCount(admin)).toBe(1);
    const card = admin.getByRole('region', { name: '已办结', exact: true }).locator('.ant-statistic-content');
    await expect.poll(async () => (await card.textContent())?.trim()).toBe('1');
    await e.shot(admin, 'loop-dashboard');
    await reporter.goto(deliverablePath);
    await expect
      .poll(() => reporter.locator('[data-signal="blue"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
  });

  it("refuses the reporter another unit's deliverable", async () => {
    const other = await admin.request.get('/api/deliverables?orgId=education&limit=1');
    const id = ((await other.json()) as { items: { id: string }[] }).items[0]!.id;
    await reporter.goto(`/deliverables/${id}`);
    await expect.poll(() => reporter.getByText('没有权限').isVisible(), { timeout: 15_000 }).toBe(true);
    await e.shot(reporter, 'loop-forbidden');
  });
});
