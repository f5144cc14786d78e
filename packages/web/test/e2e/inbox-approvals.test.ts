/**
 * The inbox grouped by kind and the leader's 待我审批, in Chromium on the demo: the coordinator's inbox
 * shows 待审核 / 延期申请 … (its office box) with the API's unread counts, each tab only its kind, and 全部标为已读 clears
 * them; with leader approval on, a report of 市财政局 waits for its leader, the menu says 待我审批 with
 * the count, and the list opens the deliverable's page (where the leader approves or sends back).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, call } from './api-calls.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, startE2E } from './harness.ts';

describe('the inbox by kind and the leader’s queue (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ demo: true });
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('groups the coordinator’s inbox by kind with the unread counts, and 全部标为已读 clears them', async () => {
    const admin = await apiSession(e.url, 'admin', ADMIN_PASSWORD);
    const inbox = await call<{ unread: number; unreadByKind: Record<string, number> }>(
      e,
      admin,
      'GET',
      '/api/notifications?limit=1',
    );
    expect(inbox.unread).toBeGreaterThan(0);
    expect(inbox.unread).toBeLessThan(100);
    const review =
      (inbox.unreadByKind['report.submitted'] ?? 0) + (inbox.unreadByKind['report.awaiting-approval'] ?? 0);
    // The coordinator's office box: extension requests to decide (results go to the units).
    const extension = inbox.unreadByKind['extension.requested'] ?? 0;
    expect(review).toBeGreaterThan(0);
    expect(extension).toBeGreaterThan(0);

    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/notifications');
    const tabs = page.getByRole('tablist');
    const tab = (name: string) => tabs.getByRole('tab', { name: new RegExp(`^${name}`) });
    await expect.poll(() => tab('待审核').textContent(), { timeout: 15_000 }).toBe(`待审核${review}`);
    expect(await tab('延期申请').textContent()).toBe(`延期申请${extension}`);
    expect(await tab('所有类别').textContent()).toBe(`所有类别${inbox.unread}`);

    await tab('待审核').click();
    const tags = page.locator('.ant-list .ant-card .ant-tag');
    await expect.poll(async () => new Set(await tags.allTextContents())).toEqual(new Set(['报告已报送']));
    await tab('延期申请').click();
    await expect
      .poll(async () => (await tags.allTextContents()).every((t) => t.startsWith('延期')))
      .toBe(true);
    expect(await tags.count()).toBeGreaterThan(0);
    await e.shot(page, 'inbox-by-kind');

    await page.getByRole('button', { name: /全部标为已读/ }).click();
    await expect.poll(() => page.getByTestId('inbox-unread').textContent()).toBe('没有未读通知');
    expect(await tab('待审核').textContent()).toBe('待审核');
    expect(await tab('延期申请').textContent()).toBe('延期申请');
  });

  it('shows the leader 待我审批 with its count in the menu, each report opening its deliverable', async () => {
    const admin = await apiSession(e.url, 'admin', ADMIN_PASSWORD);
    await call(e, admin, 'PUT', '/api/settings/reports', { leaderApproval: true });
    const finance = await apiSession(e.url, 'lx-finance', DEMO_PASSWORD);
    const pending = (
      await call<{ items: { id: string; title: string }[] }>(
        e,
        finance,
        'GET',
        '/api/deliverables?orgId=finance&status=pending&dueFrom=2026-06-15&limit=50',
      )
    ).items;
    const first = pending[0];
    if (!first) throw new Error('the demo has no pending deliverable of 市财政局');
    await call(e, finance, 'POST', `/api/deliverables/${first.id}/reports`, {
      narrative: '本季度财政预决算已全部公开，公开率100%。',
      submit: true,
    });
    const leader = await apiSession(e.url, 'leader-finance', DEMO_PASSWORD);
    const queue = await call<{ items: { deliverableId: string }[] }>(e, leader, 'GET', '/api/leader-queue');
    // Reports the unit handed in before leader approval was on wait for the leader too.
    expect(queue.items.map((i) => i.deliverableId)).toContain(first.id);
    const n = queue.items.length;

    const page = await e.page();
    await e.login(page, 'leader-finance', DEMO_PASSWORD);
    const entry = page.getByRole('link', { name: `待我审批，${n} 项` });
    await expect.poll(() => entry.count(), { timeout: 15_000 }).toBe(1);
    await entry.click();
    await page.waitForURL(/\/approvals$/);
    await expect.poll(() => page.getByTestId('approvals-summary').textContent()).toContain(`有 ${n} 份报告`);
    await e.shot(page, 'leader-approvals');
    // On the selected (red) menu entry the count stays readable: not red on red.
    const colours = (await page.evaluate(`(() => {
      const a = document.querySelector('a[aria-label^="待我审批"]');
      return [a.closest('li'), a.querySelector('sup')].map((el) => getComputedStyle(el).backgroundColor);
    })()`)) as string[];
    expect(colours[1]).not.toBe(colours[0]);
    expect(colours[1]).toBe('rgb(255, 255, 255)');
    await page.locator(`a[href="/deliverables/${first.id}"]`).click();
    await page.waitForURL(new RegExp(`/deliverables/${first.id}$`));
    await expect
      .poll(() => page.getByRole('button', { name: /^审[核批]通过$/ }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);

    // On a phone the list is cards that fit the screen.
    const phone = await e.page({ phone: true });
    await e.login(phone, 'leader-finance', DEMO_PASSWORD);
    await phone.goto('/approvals');
    await expect
      .poll(() => phone.locator(`a[href="/deliverables/${first.id}"]`).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await e.shot(phone, 'leader-approvals-phone');
  });
});
