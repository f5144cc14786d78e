/**
 * The frame around every page on a phone: for the unit with the longest name in the demo, the header
 * stays one line as high as on a desk, the page does not scroll sideways, and the full unit and user
 * names are still there (the unit's in its title, both in the user menu).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, SCREENSHOTS, startE2E } from './harness.ts';

/** The screen as the user sees it (the header and the top of the page), not the whole long page. */
const screen = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

type Header = {
  height: number;
  scrollHeight: number;
  clientHeight: number;
  /** Whether every item of the header lies within it (nothing wrapped onto a second line). */
  itemsInside: boolean;
  scrollWidth: number;
  innerWidth: number;
};

async function header(page: Page): Promise<Header> {
  return (await page.evaluate(`(() => {
    const h = document.querySelector('.ant-layout-header');
    const box = h.getBoundingClientRect();
    const items = [...h.children].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0);
    return {
      height: box.height,
      scrollHeight: h.scrollHeight,
      clientHeight: h.clientHeight,
      itemsInside: items.every((r) => r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5),
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    };
  })()`)) as Header;
}

describe('the shell header (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ demo: true });
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('stays one line on a phone for the unit with the longest name, and keeps the full names reachable', async () => {
    // The demo's reporter whose unit has the longest name.
    const admin = await e.page();
    await e.login(admin, 'admin', ADMIN_PASSWORD);
    const { orgs } = (await (await admin.request.get('/api/orgs')).json()) as {
      orgs: { id: string; name: string }[];
    };
    const { users } = (await (await admin.request.get('/api/users')).json()) as {
      users: { username: string; displayName: string; role: string; orgId: string | null }[];
    };
    const reporters = users
      .filter((u) => u.role === 'reporter' && u.username.startsWith('lx-'))
      .map((u) => ({ ...u, orgName: orgs.find((o) => o.id === u.orgId)?.name ?? '' }))
      .sort((a, b) => b.orgName.length - a.orgName.length);
    const longest = reporters[0];
    if (!longest) throw new Error('the demo has no unit reporters');
    expect(longest.orgName.length).toBeGreaterThanOrEqual(12);

    const desk = await e.page();
    await e.login(desk, longest.username, DEMO_PASSWORD);
    await desk.waitForURL(/\/my-work/);
    await expect.poll(() => desk.locator('[data-signal]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const onDesk = await header(desk);
    expect(onDesk.itemsInside).toBe(true);
    expect(await desk.locator('.ant-layout-header').getByText(longest.displayName).isVisible()).toBe(true);

    const phone = await e.page({ phone: true });
    await e.login(phone, longest.username, DEMO_PASSWORD);
    await phone.waitForURL(/\/my-work/);
    await expect.poll(() => phone.locator('[data-signal]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const onPhone = await header(phone);
    expect(onPhone.height).toBe(onDesk.height);
    expect(onPhone.scrollHeight).toBe(onPhone.clientHeight);
    expect(onPhone.itemsInside).toBe(true);
    expect(onPhone.innerWidth).toBe(390);
    expect(onPhone.scrollWidth).toBeLessThanOrEqual(onPhone.innerWidth);
    await screen(phone, 'shell-phone-long-name');

    // The unit's full name is its title; the user menu holds the user's name, role and unit, and 退出.
    const bar = phone.locator('.ant-layout-header');
    expect(await bar.getByTitle(longest.orgName, { exact: true }).count()).toBe(1);
    await bar.getByRole('button', { name: new RegExp(`^${longest.displayName}（`) }).click();
    const menu = phone.getByRole('menu');
    await expect.poll(() => menu.getByText(longest.displayName, { exact: true }).isVisible()).toBe(true);
    expect(await menu.getByText(`单位联络员 · ${longest.orgName}`, { exact: true }).isVisible()).toBe(true);
    await screen(phone, 'shell-phone-user-menu');
    await menu.getByRole('menuitem', { name: /退\s*出/ }).click();
    await phone.waitForURL(/\/login/);
  });

  it('names the signed-in user with the role in one pair of parentheses, for every role', async () => {
    const accounts = [
      { username: 'admin', password: ADMIN_PASSWORD, line: '依法治市办管理员（协调员）' },
      { username: 'leader-finance', password: DEMO_PASSWORD, line: '市财政局分管领导（单位领导）' },
      { username: 'lx-finance', password: DEMO_PASSWORD, line: /^[^（）]+（单位联络员）$/ },
      // Named after its role: the name alone, never 市领导（只读）（市领导（只读））.
      { username: 'city-leader', password: DEMO_PASSWORD, line: '市领导（只读）' },
    ];
    for (const a of accounts) {
      const page = await e.page();
      await e.login(page, a.username, a.password);
      const bar = page.locator('.ant-layout-header');
      const who =
        typeof a.line === 'string' ? bar.getByTitle(a.line, { exact: true }) : bar.getByTitle(a.line);
      await expect.poll(() => who.isVisible(), { timeout: 15_000 }).toBe(true);
      const text = (await who.textContent()) ?? '';
      if (typeof a.line === 'string') expect(text).toBe(a.line);
      else expect(text).toMatch(a.line);
      expect(await who.getAttribute('title')).toBe(text);
      expect(text).not.toMatch(/（[^）]*（|）（|））/);
      await page.close();
    }
  });
});
