/**
 * Lists on a phone (390×844) are cards, not tables squeezed to a character a line: each card holds
 * the unit, the due date and the status, and nothing is wider than the screen. On a desktop
 * (1440×900) the same lists are tables whose every column header is whole, not cut by a fixed
 * column. The dashboard on a phone scrolls its matrix inside its card, the legend in view.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, call } from './api-calls.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, startE2E } from './harness.ts';

type Size = 'phone' | 'desk';
type ListPage = { path: string; user: string; name: string; dated: boolean; table: boolean };

/** Each list as the role that uses it; `dated`: its cards carry unit, due date and status. */
const LISTS: ListPage[] = [
  { path: '/my-work', user: 'lx-finance', name: 'my-work', dated: true, table: true },
  { path: '/escalations', user: 'lx-finance', name: 'escalations-unit', dated: true, table: true },
  { path: '/extensions', user: 'lx-finance', name: 'extensions-unit', dated: true, table: true },
  { path: '/approvals', user: 'leader-finance', name: 'approvals', dated: true, table: false },
  { path: '/deliverables', user: 'admin', name: 'deliverables', dated: true, table: true },
  { path: '/escalations', user: 'admin', name: 'escalations', dated: true, table: true },
  { path: '/extensions', user: 'admin', name: 'extensions', dated: true, table: true },
  { path: '/plans', user: 'admin', name: 'plans', dated: false, table: true },
  { path: '/users', user: 'admin', name: 'users', dated: false, table: true },
  { path: '/orgs', user: 'admin', name: 'orgs', dated: false, table: true },
  { path: '/audit', user: 'admin', name: 'audit', dated: false, table: false },
];

/**
 * Elements that reach past the right edge of the screen, unless an ancestor that scrolls sideways
 * (and itself fits) holds them. Returned as short descriptions, for a readable failure.
 */
async function overflowing(page: Page): Promise<string[]> {
  // The screen's width, not innerWidth: a phone widens its layout viewport to content that overflows.
  const w = page.viewportSize()?.width ?? 0;
  return (await page.evaluate(`(() => {
    const w = ${w};
    const insideScroller = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if ((ox === 'auto' || ox === 'scroll') && p.getBoundingClientRect().right <= w + 1) return true;
      }
      return false;
    };
    const bad = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      // Its box, or content that spills out of a box that does not clip it (a long unbroken word).
      const spills = getComputedStyle(el).overflowX === 'visible' ? el.scrollWidth - el.clientWidth : 0;
      const right = Math.max(r.right, r.left + el.clientWidth + spills);
      if (r.width === 0 || r.height === 0 || right <= w + 1 || insideScroller(el)) continue;
      bad.push(el);
    }
    // The innermost offenders name the cause; their ancestors only stretch around them.
    return bad
      .filter((el) => !bad.some((other) => other !== el && el.contains(other)))
      .slice(0, 8)
      .map((el) => el.tagName.toLowerCase() + '.' + String(el.className).slice(0, 60) + ': ' + (el.textContent || '').slice(0, 30));
  })()`)) as string[];
}

/** Column headers whose text is cut: clipped by its cell, or covered (e.g. by a fixed column). */
async function cutHeaders(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const cut = [];
    for (const th of document.querySelectorAll('main .ant-table-thead th')) {
      const text = (th.textContent || '').trim();
      if (!text) continue;
      th.scrollIntoView({ block: 'center', inline: 'nearest' });
      const range = document.createRange();
      range.selectNodeContents(th);
      const b = range.getBoundingClientRect();
      const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
      if (th.scrollWidth > th.clientWidth || !hit || !th.contains(hit)) cut.push(text);
    }
    return cut;
  })()`)) as string[];
}

describe('lists as cards on a phone, whole headers on a desktop (Chromium)', () => {
  let e: E2E;
  const contexts = new Map<string, BrowserContext>();

  /** A signed-in page for the user at the size, sharing one browser context per user and size. */
  async function pageFor(user: string, size: Size): Promise<Page> {
    const key = `${user}/${size}`;
    let context = contexts.get(key);
    if (!context) {
      context = await e.browser.newContext({
        baseURL: e.url,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: size === 'phone' ? { width: 390, height: 844 } : { width: 1440, height: 900 },
        isMobile: size === 'phone',
      });
      contexts.set(key, context);
      const first = await context.newPage();
      await e.login(first, user, user === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD);
      return first;
    }
    return context.newPage();
  }

  /** The list page with its rows in: on the extensions page, all requests rather than the pending. */
  async function open(list: ListPage, size: Size): Promise<Page> {
    const page = await pageFor(list.user, size);
    await page.goto(list.path);
    if (list.path === '/extensions' && list.user === 'admin')
      await page.locator('.ant-segmented-item', { hasText: /^全部$/ }).click();
    return page;
  }

  /** With unit leaders approving, 市财政局 hands in a report: its leader has one to approve. */
  async function reportForTheLeader(): Promise<void> {
    const admin = await apiSession(e.url, 'admin', ADMIN_PASSWORD);
    await call(e, admin, 'PUT', '/api/settings/reports', { leaderApproval: true });
    const finance = await apiSession(e.url, 'lx-finance', DEMO_PASSWORD);
    const pending = await call<{ items: { id: string }[] }>(
      e,
      finance,
      'GET',
      '/api/deliverables?orgId=finance&status=pending&dueFrom=2026-06-15&limit=1',
    );
    const first = pending.items[0];
    if (!first) throw new Error('the demo has no pending deliverable of 市财政局');
    await call(e, finance, 'POST', `/api/deliverables/${first.id}/reports`, {
      narrative: '本季度财政预决算已全部公开，公开率100%。',
      submit: true,
    });
  }

  beforeAll(async () => {
    e = await startE2E({ demo: true });
    await reportForTheLeader();
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts.values()) await c.close();
    await e?.stop();
  });

  for (const list of LISTS) {
    it(`${list.path} as ${list.user} on a phone: cards, nothing wider than the screen`, async () => {
      const page = await open(list, 'phone');
      const cards = page.locator('main [data-item-card], main .ant-card[data-seq]');
      await expect.poll(() => cards.count(), { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await page.locator('main .ant-table').count()).toBe(0);
      expect(await overflowing(page)).toEqual([]);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      expect(await page.evaluate('window.innerWidth')).toBe(390);
      if (list.dated) {
        const card = cards.first();
        for (const field of ['unit', 'due', 'status'])
          expect((await card.locator(`[data-field="${field}"]`).textContent())?.trim()).toBeTruthy();
      }
      await e.shot(page, `phone-list-${list.name}`);
      await page.close();
    }, 90_000);
  }

  it('a deliverable card on a phone says what the table row says', async () => {
    const page = await pageFor('admin', 'phone');
    await page.goto('/deliverables?taskNo=15');
    const res = await page.request.get('/api/deliverables?taskNo=15&limit=20');
    const row = ((await res.json()) as { items: { orgName: string; dueDate: string; title: string }[] })
      .items[0];
    if (!row) throw new Error('the demo has no deliverable of task 15');
    const card = page.locator('main [data-item-card]').first();
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    expect(await card.locator('[data-field="unit"]').textContent()).toBe(row.orgName);
    expect(await card.locator('[data-field="due"]').textContent()).toBe(`截止 ${row.dueDate}`);
    expect(await card.textContent()).toContain(`第15项 · ${row.title}`.slice(0, 12));
    await page.close();
  }, 60_000);

  for (const list of LISTS.filter((l) => l.table)) {
    it(`${list.path} as ${list.user} at 1440×900: a table, every header whole`, async () => {
      const page = await open(list, 'desk');
      const rows = page.locator('main .ant-table-tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await page.locator('main [data-item-card]').count()).toBe(0);
      expect(await page.locator('main .ant-table-thead th').count()).toBeGreaterThan(3);
      expect(await cutHeaders(page)).toEqual([]);
      await e.shot(page, `desk-list-${list.name}`);
      await page.close();
    }, 90_000);
  }

  it('the extensions table fits a 1440 px screen: 审批意见 and 操作 in view without scrolling', async () => {
    const page = await open(LISTS.find((l) => l.name === 'extensions') as ListPage, 'desk');
    await expect
      .poll(() => page.locator('main .ant-table-tbody tr.ant-table-row').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    const header = (name: string) => page.locator('main .ant-table-thead th', { hasText: name });
    for (const name of ['审批意见', '操作']) {
      const box = await header(name).boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(1440);
    }
    await page.close();
  }, 60_000);

  it('the dashboard on a phone scrolls its matrix inside the card, the legend in view', async () => {
    const page = await pageFor('admin', 'phone');
    await page.goto('/dashboard');
    await expect.poll(() => page.locator('[data-chart]:has(canvas)').count(), { timeout: 30_000 }).toBe(4);
    const scroller = page.locator('[data-matrix-scroll]');
    const widths = await scroller.evaluate((el: { scrollWidth: number; clientWidth: number }) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
    }));
    expect(widths.scroll).toBeGreaterThan(widths.client);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await overflowing(page)).toEqual([]);
    const legend = page.getByRole('list', { name: '图例' });
    expect(await legend.getByRole('listitem').allInnerTexts()).toEqual([
      '逾期',
      '临期/退回',
      '正常推进',
      '未开始',
      '已办结',
    ]);
    const box = await legend.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    // Scrolling the matrix sideways leaves the legend where it was.
    await scroller.evaluate((el: { scrollBy(o: { left: number }): void }) => el.scrollBy({ left: 400 }));
    expect((await legend.boundingBox())?.x).toBe(box?.x);
    await e.shot(page, 'phone-dashboard');
    await page.close();
  }, 90_000);
});
