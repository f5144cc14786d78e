/**
 * The coordinator's desk in a real browser: the dashboard's charts and figures match the API; a
 * report is returned with a reason and another accepted from the review queue, and the dashboard
 * turns one more deliverable blue; the escalation ladder and a pass run by hand; a city leader sees
 * the same dashboard with nothing to act on.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, startE2E } from './harness.ts';

type Totals = {
  counts: Record<'blue' | 'green' | 'yellow' | 'red' | 'grey', number>;
  total: number;
  overdue: number;
};

const SIGNAL_KPI = {
  blue: '已办结',
  green: '正常推进',
  yellow: '临期/退回',
  red: '逾期',
  grey: '未开始',
} as const;

/** The number a KPI card shows, without thousands separators. */
async function kpi(page: Page, name: string): Promise<number> {
  const text =
    (await page.getByRole('region', { name, exact: true }).locator('.ant-statistic-content').textContent()) ??
    '';
  return Number(text.replace(/[,\s]/g, ''));
}

async function apiTotals(page: Page): Promise<Totals> {
  const res = await page.request.get('/api/dashboard');
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { totals: Totals }).totals;
}

/** "N 份报告待审核…" → N. */
async function queued(page: Page): Promise<number> {
  const text =
    (await page
      .getByText(/份报告待审核|没有待审核的报告/)
      .first()
      .textContent()) ?? '';
  const m = /(\d+) 份报告待审核/.exec(text);
  return m ? Number(m[1]) : 0;
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('dashboard, review and escalations (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ demo: true });
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it("draws the coordinator's dashboard with the API's figures", async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/dashboard');
    const totals = await apiTotals(page);
    // Matrix, on-time rate per unit, trend, lights per section: four charts on canvas.
    await expect.poll(() => page.locator('[data-chart]:has(canvas)').count(), { timeout: 20_000 }).toBe(4);
    expect(await kpi(page, '报送事项')).toBe(totals.total);
    expect(await kpi(page, '逾期未报')).toBe(totals.overdue);
    for (const [signal, name] of Object.entries(SIGNAL_KPI))
      expect(await kpi(page, name)).toBe(totals.counts[signal as keyof typeof SIGNAL_KPI]);
    // Every chart says what it shows in words.
    const matrix = page.getByRole('img', { name: /^亮灯矩阵：\d+个单位 × 51项任务/ });
    expect(await matrix.count()).toBe(1);
    expect(await page.getByRole('img', { name: /^各单位按时报送率/ }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /^月度趋势/ }).count()).toBe(1);
    // The overdue list links to the deliverables.
    const overdue = page.getByRole('table').first();
    await expect.poll(() => overdue.getByRole('link').count()).toBeGreaterThan(0);
    await e.shot(page, 'dashboard');
  });

  it('shows a section name cut short on its axis whole in the tooltip of its row (narrow window)', async () => {
    // Below 768 px the axis gives a name 110 px (about eight characters); a mouse still hovers.
    const context = await e.browser.newContext({
      baseURL: e.url,
      locale: 'zh-CN',
      viewport: { width: 600, height: 900 },
    });
    const page = await context.newPage();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/dashboard');
    const sections = (
      (await (await page.request.get('/api/dashboard')).json()) as { sections: { section: string | null }[] }
    ).sections;
    const names = sections.map((x) => x.section ?? '');
    const longest = names.indexOf([...names].sort((x, y) => y.length - x.length)[0] ?? '');
    const full = names[longest] ?? '';
    expect(full.length).toBeGreaterThan(9);
    const chart = page.locator('.ant-card', { hasText: '各部分亮灯' }).locator('[data-chart]:has(canvas)');
    await expect.poll(() => chart.count(), { timeout: 20_000 }).toBe(1);
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    if (!box) throw new Error('the section chart is not on the page');
    expect(await page.getByText(full, { exact: false }).count()).toBe(0);
    const rowHeight = (box.height - 44) / sections.length;
    await page.mouse.move(box.x + box.width * 0.75, box.y + 36 + rowHeight * (longest + 0.5));
    await expect
      .poll(() => page.getByText(full, { exact: false }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await context.close();
  });

  it('returns one report with a reason, accepts another, and the dashboard turns one more blue', async () => {
    // A reporter hands in a report with figures and evidence, so the reviewer has files to open.
    const reporter = await e.page();
    await e.login(reporter, 'lx-finance', DEMO_PASSWORD);
    const list = (await (
      await reporter.request.get('/api/deliverables?orgId=finance&status=pending&limit=50')
    ).json()) as { items: { id: string; dueDate: string }[] };
    const target = list.items.find((d) => d.dueDate >= '2026-06-15' && d.dueDate <= '2026-12-31');
    expect(target).toBeTruthy();
    const form = new FormData();
    form.set('narrative', '本季度已完成行政执法人员培训两期，建立执法案卷评查台账，佐证材料见附件。');
    form.set('completion', 'in-progress');
    form.set('submit', 'true');
    form.append('evidence', new File([PNG], '培训现场.png', { type: 'image/png' }));
    form.append('evidence', new File([PDF], '会议纪要.pdf', { type: 'application/pdf' }));
    const created = await reporter.request.post(`/api/deliverables/${target!.id}/reports`, {
      multipart: form,
      headers: { 'x-luoshi-request': '1' },
    });
    expect(created.status()).toBe(201);
    const withEvidence = ((await created.json()) as { report: { id: string } }).report.id;

    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    const before = await apiTotals(page);
    await page.goto('/review');
    await expect.poll(() => queued(page), { timeout: 10_000 }).toBeGreaterThan(1);
    const start = await queued(page);

    // Return the oldest: a reason is required, and the form says so next to the field.
    await page
      .getByRole('button', { name: /审\s*核/ })
      .first()
      .click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByText('进展情况').count()).toBeGreaterThan(0);
    await drawer.locator('label:has(input[value=return])').click();
    await drawer.getByRole('button', { name: '确认退回' }).click();
    await expect.poll(() => drawer.getByText('请填写退回理由').count()).toBe(1);
    await drawer.getByLabel('退回理由').fill('材料不全');
    await drawer.getByRole('button', { name: '确认退回' }).click();
    await expect.poll(() => drawer.getByText('退回理由至少5个字').count()).toBe(1);
    await drawer.getByLabel('退回理由').fill('佐证材料不全，请补充会议纪要后重新报送。');
    await drawer.getByRole('button', { name: '确认退回' }).click();
    await expect.poll(() => queued(page)).toBe(start - 1);

    // Accept the one with evidence: its files are listed with download links, images and PDFs previewable.
    await page.goto(`/review?report=${withEvidence}`);
    await expect.poll(() => drawer.getByRole('link', { name: '下载 培训现场.png' }).count()).toBe(1);
    expect(await drawer.getByRole('link', { name: '下载 会议纪要.pdf' }).getAttribute('href')).toMatch(
      /^\/api\/evidence\//,
    );
    expect(await drawer.getByRole('button', { name: '预览 会议纪要.pdf' }).count()).toBe(1);
    await drawer.getByRole('button', { name: '预览 培训现场.png' }).click();
    const preview = page.getByRole('dialog', { name: '培训现场.png' });
    await expect
      .poll(() =>
        preview
          .getByRole('img', { name: '培训现场.png' })
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBe(1);
    await preview.getByRole('button', { name: /Close|关闭/ }).click();
    await expect.poll(() => preview.count()).toBe(0);
    await e.shot(page, 'review');
    await drawer.getByLabel('审核意见（可选）').fill('材料齐全，同意办结。');
    await drawer.getByRole('button', { name: '确认通过' }).click();
    await expect.poll(() => queued(page)).toBe(start - 2);
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // The dashboard: one more deliverable is blue (done).
    await page.goto('/dashboard');
    await expect.poll(() => kpi(page, '已办结'), { timeout: 10_000 }).toBe(before.counts.blue + 1);
    expect((await apiTotals(page)).counts.blue).toBe(before.counts.blue + 1);
  });

  it('lists the escalation ladder, filters it, and runs a pass on demand', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/escalations');
    await expect.poll(() => page.locator('[data-level]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByRole('combobox', { name: '督办级别' }).click();
    await page.getByTitle('督办单·红').click();
    await page.waitForURL(/level=supervise-red/);
    await expect
      .poll(async () => [
        ...new Set(
          await page
            .locator('[data-level]')
            .evaluateAll((els) => els.map((x) => x.getAttribute('data-level'))),
        ),
      ])
      .toEqual(['supervise-red']);
    await page.getByRole('button', { name: '立即运行督办' }).click();
    const dialog = page.getByRole('dialog', { name: '运行督办' });
    await dialog.getByRole('button', { name: /预\s*演/ }).click();
    await dialog.getByRole('button', { name: /执\s*行/ }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '运行督办' }).textContent(), { timeout: 10_000 })
      .toMatch(/已按 2026年6月15日 运行督办，新生成 \d+ 条记录/);
    await e.shot(page, 'escalations');
  });

  it('shows a city leader the dashboard, but no review menu and no review actions', async () => {
    const page = await e.page();
    await e.login(page, 'city-leader', DEMO_PASSWORD);
    await page.goto('/dashboard');
    await expect.poll(() => page.locator('[data-chart]:has(canvas)').count(), { timeout: 20_000 }).toBe(4);
    const menu = page.getByRole('menu', { name: '主菜单' });
    expect(await menu.getByText('督办看板').count()).toBe(1);
    expect(await menu.getByText('审核报告').count()).toBe(0);
    expect(await page.getByRole('button', { name: '立即运行督办' }).count()).toBe(0);
    await page.goto('/review');
    await expect.poll(() => page.getByText('审核报告由依法治市办协调员办理').count()).toBe(1);
    expect(await page.getByRole('button', { name: /审\s*核|确认通过|确认退回/ }).count()).toBe(0);
    await page.goto('/escalations');
    await expect.poll(() => page.locator('[data-level]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /立即运行督办|回\s*复/ }).count()).toBe(0);
  });
});
