/**
 * 审核报告 and the coordinator's inbox, in Chromium on the demo: filtering the queue by unit narrows
 * the list to that unit's reports and the URL holds the filter (back and forward step through it); a
 * word of a task finds its reports; 最新报送在前 flips the order; on a phone the queue is cards that fit
 * the screen. The inbox keeps the office's work (待审核, 延期申请) apart from the 督办 notices the office
 * receives as a responsible unit itself, and says how many reports wait.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, call } from './api-calls.ts';
import { ADMIN_PASSWORD, type E2E, startE2E } from './harness.ts';

type Queue = {
  items: { reportId: string; orgName: string; taskNo: number }[];
  queued: number;
  total: number;
  today: string;
  units: { orgId: string; orgName: string; count: number }[];
  tasks: { taskNo: number; text: string; count: number }[];
};

/** The kinds the office receives as coordinator; every other kind reaches it as a unit. */
const OFFICE_KINDS = ['report.submitted', 'extension.requested', 'escalation-reply'];

describe('the review queue’s filters and the coordinator’s inbox (Chromium)', () => {
  let e: E2E;
  let admin: string;
  beforeAll(async () => {
    e = await startE2E({ demo: true });
    admin = await apiSession(e.url, 'admin', ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  const queue = (query: string) => call<Queue>(e, admin, 'GET', `/api/review-queue${query}`);
  const ids = (q: Queue) => q.items.map((i) => i.reportId);
  const rowKeys = (page: Page) =>
    page
      .locator('.ant-table-tbody tr.ant-table-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')));

  it('filters by unit into the URL (back and forward included), searches a task’s words and flips the order', async () => {
    const all = await queue('?limit=20');
    expect(all.queued).toBeGreaterThan(20);
    // A unit with a few reports: the filter visibly narrows the list.
    const unit = [...all.units].sort((a, b) => a.count - b.count).find((u) => u.count >= 2);
    if (!unit) throw new Error('the demo queue has no unit with two reports');
    const ofUnit = await queue(`?orgId=${unit.orgId}&limit=20`);

    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/review');
    const summary = page.getByTestId('review-summary');
    await expect
      .poll(() => summary.textContent(), { timeout: 15_000 })
      .toContain(`${all.queued} 份报告待审核`);
    await expect.poll(() => rowKeys(page)).toEqual(ids(all));

    await page.getByRole('combobox', { name: '责任单位' }).click();
    await page.keyboard.type(unit.orgName);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('unit')).toBe(unit.orgId);
    await expect.poll(() => rowKeys(page)).toEqual(ids(ofUnit));
    expect(await summary.textContent()).toContain(`符合筛选条件的 ${unit.count} 份`);
    await e.shot(page, 'review-queue-unit');

    await page.goBack();
    await expect.poll(() => rowKeys(page)).toEqual(ids(all));
    expect(new URL(page.url()).searchParams.has('unit')).toBe(false);
    await page.goForward();
    await expect.poll(() => rowKeys(page)).toEqual(ids(ofUnit));
    // A shared link opens the same list.
    const shared = await e.page();
    await e.login(shared, 'admin', ADMIN_PASSWORD);
    await shared.goto(`/review?unit=${unit.orgId}`);
    await expect.poll(() => rowKeys(shared), { timeout: 15_000 }).toEqual(ids(ofUnit));

    // A word of one task's text that not every report matches.
    const task = [...all.tasks].sort((a, b) => a.count - b.count)[0]!;
    let word = '';
    let found: Queue | null = null;
    for (let i = 0; i + 4 <= task.text.length && !found; i += 3) {
      word = task.text.slice(i, i + 4);
      if (/[\s,，。、“”()（）]/.test(word)) continue;
      const q = await queue(`?q=${encodeURIComponent(word)}&limit=20`);
      if (q.total < all.queued && q.items.some((r) => r.taskNo === task.taskNo)) found = q;
    }
    if (!found) throw new Error(`no word of task ${task.taskNo} narrows the queue`);
    await page.goto('/review');
    await expect.poll(() => rowKeys(page), { timeout: 15_000 }).toEqual(ids(all));
    const search = page.getByPlaceholder('搜索任务、单位、报告内容');
    await search.fill(word);
    await search.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(word);
    await expect.poll(() => rowKeys(page)).toEqual(ids(found));
    expect(await summary.textContent()).toContain(`符合筛选条件的 ${found.total} 份`);

    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => rowKeys(page)).toEqual(ids(all));
    const newest = await queue('?sort=newest&limit=20');
    expect(ids(newest)).not.toEqual(ids(all));
    await page.getByText('最新报送在前').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('newest');
    await expect.poll(() => rowKeys(page)).toEqual(ids(newest));
    await page.getByText('最早报送在前').click();
    await expect.poll(() => rowKeys(page)).toEqual(ids(all));

    // A page past the end (its last reports reviewed meanwhile) turns into the last page.
    const last = Math.ceil(all.queued / 20);
    const tail = await queue(`?limit=20&offset=${(last - 1) * 20}`);
    await page.goto('/review?page=99');
    await expect
      .poll(() => new URL(page.url()).searchParams.get('page'), { timeout: 15_000 })
      .toBe(String(last));
    await expect.poll(() => rowKeys(page)).toEqual(ids(tail));
  });

  it('shows the queue as cards that fit a phone’s screen, filters included', async () => {
    const all = await queue('?limit=20');
    const phone = await e.page({ phone: true });
    await e.login(phone, 'admin', ADMIN_PASSWORD);
    await phone.goto('/review');
    const cards = phone.locator('[data-item-card]');
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(all.items.length);
    expect(await phone.locator('.ant-table').count()).toBe(0);
    const first = all.items[0]!;
    const card = cards.first();
    expect(await card.textContent()).toContain(`第${first.taskNo}项`);
    expect(await card.locator('[data-field="unit"]').textContent()).toBe(first.orgName);
    expect(await card.locator('[data-field="handed-in"]').textContent()).toMatch(
      /报送 .+已等待 \d+ 个工作日/,
    );
    // Run in the page (as text: the tests compile without the DOM's types).
    const fits = () =>
      phone.evaluate(`(() => ({
        page: document.documentElement.scrollWidth,
        widest: Math.max(
          ...[...document.querySelectorAll('[data-item-card], .ant-select, .ant-input-search')].map(
            (el) => el.getBoundingClientRect().right,
          ),
        ),
        screen: window.innerWidth,
      }))()`) as Promise<{ page: number; widest: number; screen: number }>;
    const sized = await fits();
    expect(sized.page).toBeLessThanOrEqual(sized.screen);
    expect(sized.widest).toBeLessThanOrEqual(sized.screen);
    await e.shot(phone, 'review-queue-phone');

    const unit = all.units.find((u) => u.count >= 2)!;
    await phone.goto(`/review?unit=${unit.orgId}&sort=newest`);
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(Math.min(unit.count, 20));
    expect(await cards.locator('[data-field="unit"]').allTextContents()).toEqual(
      Array(Math.min(unit.count, 20)).fill(unit.orgName),
    );
    const filtered = await fits();
    expect(filtered.page).toBeLessThanOrEqual(filtered.screen);
  });

  it('keeps the office’s review work apart from the 督办 its own unit receives, and says how many reports wait', async () => {
    // The office (依法治市办) sits in 市司法局, itself a responsible unit: put the coordinator there, and
    // issue a 督办 pass again (withdraw a pass that reached 市司法局, then run today's), so 督办
    // notices reach the coordinator as a member of the unit.
    const me = await call<{ user: { id: string } }>(e, admin, 'GET', '/api/me');
    const users = await call<{ users: { id: string; rowVersion: number }[] }>(e, admin, 'GET', '/api/users');
    const row = users.users.find((u) => u.id === me.user.id)!;
    await call(e, admin, 'PATCH', `/api/users/${row.id}`, { rowVersion: row.rowVersion, orgId: 'justice' });
    const records = await call<{ items: { runId: string | null; withdrawn: unknown }[] }>(
      e,
      admin,
      'GET',
      '/api/escalations?orgId=justice&limit=50',
    );
    const runId = records.items.find((r) => r.runId && !r.withdrawn)?.runId;
    if (!runId) throw new Error('no 督办 pass reached 市司法局 in the demo');
    await call(e, admin, 'POST', `/api/escalations/runs/${runId}/revert`, { reason: '重新发出督办' });
    const { today, queued } = await queue('?limit=1');
    await call(e, admin, 'POST', '/api/escalations/run', { asOf: today });

    const inbox = await call<{ unreadByKind: Record<string, number> }>(
      e,
      admin,
      'GET',
      '/api/notifications?limit=1',
    );
    const byBox = { office: 0, unit: 0 };
    for (const [kind, n] of Object.entries(inbox.unreadByKind))
      byBox[OFFICE_KINDS.includes(kind) ? 'office' : 'unit'] += n;
    expect(byBox.unit).toBeGreaterThan(0);
    expect(inbox.unreadByKind['report.submitted']).toBeGreaterThan(0);

    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/notifications');
    const waiting = page.getByTestId('review-waiting');
    await expect.poll(() => waiting.textContent(), { timeout: 15_000 }).toContain(`${queued} 份报告待审核`);
    const box = (name: string) => page.locator('.ant-segmented-item-label', { hasText: name });
    await expect.poll(() => box('办公室待办').textContent()).toBe(`办公室待办${byBox.office}`);
    expect(await box('本单位事项').textContent()).toBe(`本单位事项${byBox.unit}`);
    const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
    expect(await tab('待审核').textContent()).toBe(`待审核${inbox.unreadByKind['report.submitted']}`);

    const tags = page.locator('.ant-list .ant-card .ant-tag');
    const officeLabels = new Set(['报告已报送', '延期申请', '督办回复']);
    await expect
      .poll(async () => (await tags.allTextContents()).every((t) => officeLabels.has(t)))
      .toBe(true);
    expect(await tags.count()).toBeGreaterThan(0);
    await e.shot(page, 'inbox-office');

    await box('本单位事项').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('box')).toBe('unit');
    await expect
      .poll(async () => {
        const shown = await tags.allTextContents();
        return shown.length > 0 && shown.every((t) => !officeLabels.has(t));
      })
      .toBe(true);
    const ladder = ['提醒', '催办', '督办（橙）', '督办（红）'];
    expect((await tags.allTextContents()).some((t) => ladder.includes(t))).toBe(true);
    expect(await page.getByRole('tab', { name: /^待审核/ }).count()).toBe(0);
    await e.shot(page, 'inbox-own-unit');
    await page.goBack();
    await expect
      .poll(async () => (await tags.allTextContents()).every((t) => officeLabels.has(t)))
      .toBe(true);
  });
});
