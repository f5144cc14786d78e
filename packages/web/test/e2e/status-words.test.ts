/**
 * One status vocabulary, in a real browser, with leader approval on: lx-finance submits a report, and
 * the deliverable page says where it stands in one phrase — at the top and on the report — instead of
 * 草稿 above and something else below; the leader's notice and 待我审批 say the very same words, and the
 * leader's button says 审批 (the office 审核s). The dashboard counts lateness in 逾期工作日.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, call } from './api-calls.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, startE2E } from './harness.ts';

type Row = { id: string; title: string };

const WAITING_FOR_LEADER = '已提交，待单位领导审批';

/** The status at the top of a deliverable page. */
const topStatus = (page: Page) => page.getByLabel('事项状态', { exact: true });
/** The status on the report itself (its 报告状态 row). */
const reportStatus = (page: Page) =>
  page.locator('tr', { has: page.locator('th', { hasText: '报告状态' }) }).locator('td .ant-tag');

describe('one status vocabulary from the reporter to the leader (Chromium)', () => {
  let e: E2E;
  let row: Row;

  beforeAll(async () => {
    e = await startE2E({ demo: true });
    const admin = await apiSession(e.url, 'admin', ADMIN_PASSWORD);
    await call(e, admin, 'PUT', '/api/settings/reports', { leaderApproval: true });
    const finance = await apiSession(e.url, 'lx-finance', DEMO_PASSWORD);
    const { items } = await call<{ items: Row[] }>(
      e,
      finance,
      'GET',
      '/api/deliverables?orgId=finance&status=pending&dueFrom=2026-06-15&limit=50',
    );
    // Not the one leader.test.ts picks, so the two files never meet on one deliverable.
    const picked = items[1] ?? items[0];
    if (!picked) throw new Error('the demo has no pending deliverable of 市财政局');
    row = picked;
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('shows the reporter one status at the top and on the report once submitted to the leader', async () => {
    const page = await e.page();
    await e.login(page, 'lx-finance', DEMO_PASSWORD);
    await page.goto(`/deliverables/${row.id}`);
    await expect.poll(() => topStatus(page).textContent(), { timeout: 15_000 }).toBe('待报送');
    await page.getByLabel('进展情况').fill('已完成本季度预决算公开，公开率100%。');
    await page.getByRole('button', { name: '提交报送' }).click();

    await expect.poll(() => reportStatus(page).textContent(), { timeout: 15_000 }).toBe(WAITING_FOR_LEADER);
    expect(await topStatus(page).textContent()).toBe(WAITING_FOR_LEADER);
    expect(await page.getByText('报告已提交，待单位领导审批，审批后报送依法治市办审核。').isVisible()).toBe(
      true,
    );
    // The words of the leader's act only: nothing on the page says the leader 审核s.
    expect(await page.getByText(/领导审核/).count()).toBe(0);
    await e.shot(page, 'status-words-reporter');
  });

  it("gives the leader's notice and 待我审批 the same words, and the leader's button says 审批", async () => {
    const page = await e.page();
    await e.login(page, 'leader-finance', DEMO_PASSWORD);
    await page.goto('/notifications');
    const notice = `「${row.title}」的报告${WAITING_FOR_LEADER}`;
    await expect
      .poll(() => page.getByText(notice, { exact: true }).first().isVisible(), { timeout: 15_000 })
      .toBe(true);
    await e.shot(page, 'status-words-leader-notice');

    await page.goto('/approvals');
    const card = page
      .locator('.ant-list-item')
      .filter({ has: page.locator(`a[href="/deliverables/${row.id}"]`) });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    expect(await card.getByText(WAITING_FOR_LEADER, { exact: true }).isVisible()).toBe(true);

    await card.locator(`a[href="/deliverables/${row.id}"]`).click();
    await page.waitForURL(new RegExp(`/deliverables/${row.id}`));
    await expect.poll(() => topStatus(page).textContent(), { timeout: 15_000 }).toBe(WAITING_FOR_LEADER);
    expect(await reportStatus(page).textContent()).toBe(WAITING_FOR_LEADER);
    expect(await page.getByRole('button', { name: '审批通过' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '审核通过' }).count()).toBe(0);

    await page.getByRole('button', { name: '审批通过' }).click();
    const handedIn = '已报送（单位领导已审批）';
    await expect.poll(() => reportStatus(page).textContent(), { timeout: 15_000 }).toBe(handedIn);
    expect(await topStatus(page).textContent()).toBe(handedIn);
  });

  it('counts the dashboard’s overdue figures in working days, most first', async () => {
    const admin = await apiSession(e.url, 'admin', ADMIN_PASSWORD);
    const { overdue } = await call<{ overdue: { items: { workingDaysOverdue: number }[] } }>(
      e,
      admin,
      'GET',
      '/api/dashboard?overdueLimit=500',
    );
    const most = overdue.items.reduce((m, i) => Math.max(m, i.workingDaysOverdue), 0);
    if (most === 0) throw new Error('the demo has no overdue deliverable');

    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/dashboard');
    const table = page.locator('.ant-card').filter({ hasText: '逾期清单' });
    await expect
      .poll(() => table.getByRole('columnheader', { name: /逾期工作日/ }).isVisible(), { timeout: 20_000 })
      .toBe(true);
    const cells = table.locator('tbody tr td strong');
    await expect.poll(() => cells.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const texts = await cells.allTextContents();
    for (const t of texts) expect(t).toMatch(/^\d+ 个工作日$/);
    expect(texts[0]).toBe(`${most} 个工作日`);
    expect(await table.getByText(/\d+ 天/).count()).toBe(0);
    await e.shot(page, 'status-words-overdue');
  });

  it('lists units by name only: no internal id under a name, the id kept as 编号 in the edit dialog', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/orgs');
    const row = page.locator('tbody tr').filter({ has: page.getByText('市财政局', { exact: true }) });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.getByText('finance', { exact: true }).count()).toBe(0);
    expect(
      await page
        .locator('tbody')
        .getByText(/^[a-z]+(-[a-z]+)+$/)
        .count(),
    ).toBe(0);
    await row.getByRole('button', { name: '编辑 市财政局' }).click();
    const id = page.getByRole('dialog').getByLabel('编号', { exact: true });
    await expect.poll(() => id.inputValue(), { timeout: 15_000 }).toBe('finance');
    expect(await id.isDisabled()).toBe(true);
  });
});
