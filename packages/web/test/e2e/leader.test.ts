/**
 * A unit leader in a real browser, with leader approval on: the leader's landing page shows the
 * unit's standing (the same figures as the API); the leader sends lx-finance's report back with a
 * reason (a short one is refused at the field, and the text stays), lx-finance sees 领导退回 and the
 * reason, edits and resubmits, the leader approves, and the coordinator finds it in the review queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, call } from './api-calls.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, startE2E } from './harness.ts';

type Row = { id: string; taskNo: number; orgId: string; status: string; title: string; dueDate: string };
type Report = { id: string; status: string; returnedByRole: string | null; returnReason: string | null };

describe('a unit leader sends a report back, then approves it (Chromium)', () => {
  let e: E2E;
  let row: Row;
  let finance: string;
  const latestReport = async () =>
    (await call<{ reports: Report[] }>(e, finance, 'GET', `/api/deliverables/${row.id}/reports`)).reports[0];

  beforeAll(async () => {
    e = await startE2E({ demo: true });
    const admin = await apiSession(e.url, 'admin', ADMIN_PASSWORD);
    await call(e, admin, 'PUT', '/api/settings/reports', { leaderApproval: true });
    finance = await apiSession(e.url, 'lx-finance', DEMO_PASSWORD);
    const pending = (
      await call<{ items: Row[] }>(
        e,
        finance,
        'GET',
        '/api/deliverables?orgId=finance&status=pending&dueFrom=2026-06-15&limit=50',
      )
    ).items;
    const first = pending[0];
    if (!first) throw new Error('the demo has no pending deliverable of 市财政局');
    row = first;
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it("shows the leader the unit's standing on the landing page, with the API's figures", async () => {
    const leader = await apiSession(e.url, 'leader-finance', DEMO_PASSWORD);
    const standing = await call<{
      totals: { onTimeRate: number | null; overdue: number; counts: Record<string, number> };
      rank: { position: number; of: number } | null;
    }>(e, leader, 'GET', '/api/dashboard/units/finance');
    if (standing.totals.onTimeRate === null || !standing.rank)
      throw new Error('the demo gives 市财政局 no on-time rate');
    const page = await e.page();
    await e.login(page, 'leader-finance', DEMO_PASSWORD);
    await page.waitForURL(/\/my-work/);
    const box = page.getByRole('region', { name: '本单位落实情况' });
    const rate = `${(standing.totals.onTimeRate * 100).toFixed(1)}%`;
    await expect.poll(() => box.getByText(rate, { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    expect(await box.getByText(`第 ${standing.rank.position} 名`).isVisible()).toBe(true);
    expect(await box.getByText(`共 ${standing.rank.of} 个单位`).isVisible()).toBe(true);
    expect(
      await box
        .getByText(
          standing.totals.overdue > 0 ? `逾期未报 ${standing.totals.overdue} 项` : '本单位目前没有逾期事项',
        )
        .isVisible(),
    ).toBe(true);
    // A reporter's landing page does not carry it.
    const reporter = await e.page();
    await e.login(reporter, 'lx-finance', DEMO_PASSWORD);
    await reporter.waitForURL(/\/my-work/);
    await expect.poll(() => reporter.getByRole('heading', { name: '我的任务' }).isVisible()).toBe(true);
    expect(await reporter.getByRole('region', { name: '本单位落实情况' }).count()).toBe(0);
    await e.shot(page, 'leader-standing');
  });

  it('lx-finance submits; the leader sends it back, and a short reason is refused at the field', async () => {
    const reporter = await e.page();
    await e.login(reporter, 'lx-finance', DEMO_PASSWORD);
    await reporter.goto(`/deliverables/${row.id}`);
    await reporter.getByLabel('进展情况').fill('已完成本季度预决算公开，公开率100%。');
    await reporter.getByRole('button', { name: '提交报送' }).click();
    await expect
      .poll(() => reporter.getByText('报告已提交，待单位领导审批，审批后报送依法治市办审核。').isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);
    expect((await latestReport())?.status).toBe('submitted');

    const page = await e.page();
    await e.login(page, 'leader-finance', DEMO_PASSWORD);
    await page.goto(`/deliverables/${row.id}`);
    await page.getByRole('button', { name: '退回修改' }).click();
    const dialog = page.getByRole('dialog', { name: '退回修改' });
    const reason = dialog.getByLabel('退回理由');
    await reason.fill('太短了');
    await dialog.getByRole('button', { name: '确认退回' }).click();
    // The server's message, at the field; the dialog stays open with what was typed.
    await expect
      .poll(() => dialog.locator('.ant-form-item-explain-error').textContent(), { timeout: 15_000 })
      .toBe('退回理由至少5个字');
    expect(await reason.inputValue()).toBe('太短了');
    expect((await latestReport())?.status).toBe('submitted');
    await e.shot(page, 'leader-send-back-refused');

    await reason.fill('请补充公开网址和页面截图。');
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(false);
    expect(await latestReport()).toMatchObject({
      status: 'returned',
      returnedByRole: 'leader',
      returnReason: '请补充公开网址和页面截图。',
    });
  });

  it('lx-finance sees 领导退回 and the reason, and resubmits; the leader approves it for the coordinator', async () => {
    const reporter = await e.page();
    await e.login(reporter, 'lx-finance', DEMO_PASSWORD);
    await reporter.goto(`/deliverables/${row.id}`);
    const alert = reporter.getByRole('alert').filter({ hasText: '报告已被退回' });
    await expect
      .poll(() => alert.getByText('领导退回', { exact: true }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    expect(await alert.getByText('退回理由：请补充公开网址和页面截图。').isVisible()).toBe(true);
    await e.shot(reporter, 'leader-returned-reporter');
    await reporter
      .getByLabel('进展情况')
      .fill('已完成本季度预决算公开，公开率100%，公开网址及页面截图已补充。');
    await reporter.getByRole('button', { name: '重新提交报送' }).click();
    await expect
      .poll(() => reporter.getByText('报告已提交，待单位领导审批，审批后报送依法治市办审核。').isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);

    const page = await e.page();
    await e.login(page, 'leader-finance', DEMO_PASSWORD);
    await page.goto(`/deliverables/${row.id}`);
    await expect.poll(() => page.getByText(/页面截图已补充/).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: '审批通过' }).click();
    await expect
      .poll(() => page.getByText('报告已报送（单位领导已审批），待依法治市办审核。').isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);
    expect((await latestReport())?.status).toBe('approved');

    const admin = await e.page();
    await e.login(admin, 'admin', ADMIN_PASSWORD);
    await admin.goto('/review');
    const queued = admin
      .locator('tbody tr[data-row-key]')
      .filter({ hasText: row.title })
      .filter({ hasText: '市财政局' });
    await expect.poll(() => queued.count(), { timeout: 15_000 }).toBe(1);
    await e.shot(admin, 'leader-approved-review-queue');
  });
});
