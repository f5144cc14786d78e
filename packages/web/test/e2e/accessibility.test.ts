/**
 * Keyboard and screen-reader basics (issue 4), checked by a machine: axe-core (WCAG 2 A/AA) finds no
 * serious or critical violation on any main page, charts have an accessible name, and the sign-in form
 * and a reporter's first deliverable work from the keyboard with a visible focus.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, injectAxe, startE2E } from './harness.ts';

type Violation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; summary: string }[];
};

/** Waits until the page has a heading and nothing has been loading or moving for a few checks in a row. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(`new Promise((resolve, reject) => {
    const quiet = () =>
      !!document.querySelector('h1, h2, h3, h4') &&
      !document.querySelector('.ant-spin-spinning, .ant-skeleton-active') &&
      document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
    let calm = 0;
    const started = Date.now();
    const timer = setInterval(() => {
      calm = quiet() ? calm + 1 : 0;
      if (calm >= 3) { clearInterval(timer); resolve(true); }
      else if (Date.now() - started > 15000) { clearInterval(timer); reject(new Error('the page did not settle: ' + location.pathname)); }
    }, 100);
  })`);
}

/** Runs axe on the page and returns its serious and critical violations. */
async function axeProblems(page: Page): Promise<Violation[]> {
  await injectAxe(page);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, summary: (n.failureSummary || '').split('\\n').slice(1, 2).join('') })) })))`,
  )) as Violation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describeProblems(where: string, problems: Violation[]): string {
  const lines = problems.map((v) => {
    // One example per distinct failure (for contrast: per colour pair), so each fix needed shows up.
    const examples = new Map<string, string>();
    for (const n of v.nodes) if (!examples.has(n.summary)) examples.set(n.summary, JSON.stringify(n.target));
    const shown = [...examples].slice(0, 8).map(([summary, target]) => `    ${target} ${summary.trim()}`);
    return `  ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length}×, e.g.\n${shown.join('\n')}`;
  });
  return `${where}:\n${lines.join('\n')}`;
}

/**
 * Known problems in files this test's author could not change (left to their owners), by page: the
 * rule and the failing elements' selector. Keep this list short and name each one in the report.
 */
const KNOWN: Record<string, { rule: string; target: RegExp }[]> = {};

/** Checks the page and returns how many charts (canvases) it drew. */
async function expectAccessible(page: Page, path: string): Promise<number> {
  await page.goto(path);
  await settle(page);
  const known = KNOWN[path] ?? [];
  const problems = (await axeProblems(page))
    .map((v) => ({
      ...v,
      nodes: v.nodes.filter(
        (n) => !known.some((k) => k.rule === v.id && k.target.test(String(n.target[n.target.length - 1]))),
      ),
    }))
    .filter((v) => v.nodes.length > 0);
  expect
    .soft(
      problems.map((v) => v.id),
      describeProblems(path, problems),
    )
    .toEqual([]);
  const unnamedCharts = await page.evaluate(
    `[...document.querySelectorAll('canvas')].filter((c) => !c.closest('[role="img"][aria-label]')).length`,
  );
  expect.soft(unnamedCharts, `${path}: charts without role="img" and aria-label`).toBe(0);
  return Number(await page.evaluate(`document.querySelectorAll('canvas').length`));
}

/**
 * The focused element shows an outline or a shadow — on itself or, for antd's composite inputs (the
 * password field with its eye button), on the wrapper around it.
 */
function focusVisible(page: Page): Promise<unknown> {
  return page.evaluate(`(() => {
    const shows = (el) => {
      const s = getComputedStyle(el);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    };
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const wrapper = el.closest('.ant-input-affix-wrapper, .ant-select, .ant-picker');
    return shows(el) || (wrapper !== null && shows(wrapper));
  })()`);
}

describe('accessibility basics (Chromium + axe-core)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ demo: true });
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('has no serious WCAG 2 A/AA problems on the sign-in page and the coordinator pages', async () => {
    const login = await e.page();
    await expectAccessible(login, '/login');

    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    const { plans } = (await (await page.request.get('/api/plans')).json()) as {
      plans: { id: string; status: string }[];
    };
    const published = plans.find((p) => p.status === 'published');
    expect(published).toBeDefined();
    // The dashboard's charts are canvases: each must sit in a named role="img" box.
    expect(await expectAccessible(page, '/dashboard')).toBeGreaterThan(0);
    for (const path of [
      '/review',
      '/plans',
      `/plans/${published?.id}`,
      '/deliverables',
      '/escalations',
      '/users',
      '/settings',
      '/audit',
      '/notifications',
    ])
      await expectAccessible(page, path);
  }, 180_000);

  it("has no serious WCAG 2 A/AA problems on a reporter's pages, on a desk and on a phone", async () => {
    const page = await e.page();
    await e.login(page, 'lx-finance', DEMO_PASSWORD);
    const { items } = (await (
      await page.request.get('/api/deliverables?orgId=finance&status=pending&limit=5')
    ).json()) as { items: { id: string }[] };
    expect(items.length).toBeGreaterThan(0);
    for (const path of ['/my-work', `/deliverables/${items[0]?.id}`, '/calendar', '/extensions'])
      await expectAccessible(page, path);

    const phone = await e.page({ phone: true });
    await e.login(phone, 'lx-finance', DEMO_PASSWORD);
    await expectAccessible(phone, '/my-work');
  }, 120_000);

  it('signs in from the keyboard (username → password → its show toggle → 登录) with a visible focus', async () => {
    const page = await e.page();
    await page.goto('/login');
    const focused = page.locator(':focus');
    await page.getByLabel('用户名').focus();
    expect(await focused.getAttribute('id')).toBe(await page.getByLabel('用户名').getAttribute('id'));
    await expect.poll(() => focusVisible(page)).toBe(true);
    await page.keyboard.type('lx-finance');
    await page.keyboard.press('Tab');
    expect(await focused.getAttribute('id')).toBe(await page.getByLabel('密码').getAttribute('id'));
    await expect.poll(() => focusVisible(page)).toBe(true);
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Tab');
    // The password field's own 显示/隐藏 toggle comes next (it must stay reachable: WCAG 2.1.1).
    expect(await focused.getAttribute('aria-label')).toMatch(/显示|隐藏/);
    await page.keyboard.press('Tab');
    expect(await focused.getAttribute('type')).toBe('submit');
    expect((await focused.textContent())?.replace(/\s/g, '')).toBe('登录');
    await expect.poll(() => focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/my-work/);
  });

  it("reaches and opens a reporter's first deliverable with Tab and Enter", async () => {
    const page = await e.page();
    await e.login(page, 'lx-finance', DEMO_PASSWORD);
    await page.waitForURL(/\/my-work/);
    await settle(page);
    const href = await page
      .locator('.ant-layout-content a[href^="/deliverables/"]')
      .first()
      .getAttribute('href');
    expect(href).toBeTruthy();
    const focused = page.locator(':focus');
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focused.count()) === 1 && (await focused.getAttribute('href')) === href;
    }
    expect(reached, `Tab did not reach ${href}`).toBe(true);
    await expect.poll(() => focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === href);
    await settle(page);
  });
});
