/**
 * The screenshot tour: every page in each role's menu, plus the detail pages one click away (a
 * deliverable, a plan, a report under review) and the coordinator's forms (新建用户, 编辑用户, 编辑单位,
 * 运行督办), at 1440×900 and at 390×844, on the demo. Each page is
 * kept as test-output/screenshots/tour/<role>-<page>-<size>.png and must not be wider than the
 * screen nor show an English word, a raw id, a machine timestamp or a leaked `undefined`
 * (tour-checks.ts). A role's findings are reported all at once, page by page.
 *
 * One server, one browser, pages in sequence (108 page views): about six minutes on a two-core
 * machine, ten when other tests run beside it. Every entry of a role's menu must be in its tour.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, call } from './api-calls.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, SCREENSHOTS, startE2E } from './harness.ts';
import { type Finding, type Layout, layoutFindings, layoutProbe, textFindings } from './tour-checks.ts';

type Size = 'desk' | 'phone';
type Role = 'coordinator' | 'reporter' | 'leader' | 'viewer' | 'visitor';

/**
 * Findings on pages owned by changes still under way: (role, page, size, finding key). To be emptied
 * when the owner's change lands — each entry must still fail, so a fixed one forces its removal.
 */
const PENDING: [Role, string, Size, string][] = [];

const SIZES: Record<Size, { width: number; height: number; isMobile: boolean }> = {
  desk: { width: 1440, height: 900, isMobile: false },
  phone: { width: 390, height: 844, isMobile: true },
};
const DIR = join(SCREENSHOTS, 'tour');
/** The accounts' sign-in names, which pages may show (see textFindings). */
let usernames: ReadonlySet<string> = new Set();

/**
 * One page of the tour: where it is and what shows that it has arrived; with `click`, a form one
 * click away on that page (the page's title shows first, then the click, then `ready`).
 */
type Stop = { page: string; path: string; ready: (p: Page) => Locator; click?: Click };
type Click = { title: string; target: (p: Page) => Locator };

const titled = (name: string) => (p: Page) => p.getByRole('heading', { name, exact: true, level: 3 });
const anyTitle = (p: Page) => p.getByRole('heading', { level: 3 }).first();
const drawer = (p: Page) => p.locator('.ant-drawer-open .ant-drawer-title');
const modal = (title: string | RegExp) => (p: Page) =>
  p.locator('.ant-modal-title').filter({ hasText: title });
/** A button by its words (an icon before them adds its own name, e.g. `plus 新建用户`). */
const button = (name: string) => (p: Page) =>
  p.getByRole('button', { name: new RegExp(`(^|\\s)${name}$`) }).first();

/** The menu pages every signed-in role has. */
const common: Stop[] = [
  { page: 'dashboard', path: '/dashboard', ready: anyTitle },
  { page: 'escalations', path: '/escalations', ready: titled('提醒督办') },
  { page: 'assessment', path: '/assessment', ready: titled('年度考核') },
  { page: 'plans', path: '/plans', ready: titled('任务清单') },
  { page: 'notifications', path: '/notifications', ready: titled('通知') },
  { page: 'account', path: '/account', ready: titled('账号安全') },
];

type Ids = { deliverable: string; plan: string; report: string };

function unitStops(ids: Ids): Stop[] {
  return [
    { page: 'my-work', path: '/my-work', ready: titled('我的任务') },
    { page: 'deliverable', path: `/deliverables/${ids.deliverable}`, ready: anyTitle },
    { page: 'extensions', path: '/extensions', ready: titled('延期申请') },
    { page: 'plan', path: `/plans/${ids.plan}`, ready: anyTitle },
    { page: 'calendar', path: '/calendar', ready: titled('本单位日历') },
  ];
}

const TOURS: Record<Exclude<Role, 'visitor'>, { username: string; stops: (ids: Ids) => Stop[] }> = {
  coordinator: {
    username: 'admin',
    stops: (ids) => [
      ...common,
      { page: 'deliverables', path: '/deliverables', ready: titled('报送事项') },
      { page: 'deliverable', path: `/deliverables/${ids.deliverable}`, ready: anyTitle },
      { page: 'review', path: '/review', ready: titled('审核报告') },
      { page: 'review-report', path: `/review?report=${ids.report}`, ready: drawer },
      { page: 'extensions', path: '/extensions', ready: titled('延期申请') },
      { page: 'plan', path: `/plans/${ids.plan}`, ready: anyTitle },
      { page: 'import', path: '/plans/import', ready: titled('导入通知') },
      {
        page: 'run-escalation',
        path: '/escalations',
        click: { title: '提醒督办', target: button('立即运行督办') },
        ready: modal('运行督办'),
      },
      { page: 'orgs', path: '/orgs', ready: titled('组织目录') },
      {
        page: 'org-edit',
        path: '/orgs',
        click: { title: '组织目录', target: button('编辑 市财政局') },
        ready: modal('编辑单位：市财政局'),
      },
      { page: 'users', path: '/users', ready: titled('用户') },
      {
        page: 'user-new',
        path: '/users',
        click: { title: '用户', target: button('新建用户') },
        ready: modal('新建用户'),
      },
      {
        page: 'user-edit',
        path: '/users',
        click: { title: '用户', target: button('编辑 lx-finance') },
        ready: modal('编辑用户：lx-finance'),
      },
      { page: 'settings', path: '/settings', ready: titled('设置') },
      { page: 'audit', path: '/audit', ready: titled('审计记录') },
    ],
  },
  reporter: { username: 'lx-finance', stops: (ids) => [...common, ...unitStops(ids)] },
  leader: {
    username: 'leader-finance',
    stops: (ids) => [
      ...common,
      ...unitStops(ids),
      { page: 'approvals', path: '/approvals', ready: titled('待我审批') },
    ],
  },
  viewer: {
    username: 'city-leader',
    stops: (ids) => [
      ...common,
      { page: 'deliverables', path: '/deliverables', ready: titled('报送事项') },
      { page: 'deliverable', path: `/deliverables/${ids.deliverable}`, ready: anyTitle },
      { page: 'plan', path: `/plans/${ids.plan}`, ready: anyTitle },
    ],
  },
};

/** Transitions and finite animations still running (a drawer sliding in is wider than the screen). */
const MOVING = `document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity).length`;

/** Requests under way, per page: the tour waits for the API to go quiet before it looks. */
const inFlight = new WeakMap<Page, number>();

function track(page: Page): void {
  inFlight.set(page, 0);
  const done = () => inFlight.set(page, (inFlight.get(page) ?? 1) - 1);
  page.on('request', () => inFlight.set(page, (inFlight.get(page) ?? 0) + 1));
  page.on('requestfinished', done);
  page.on('requestfailed', done);
}

/**
 * Opens the page as the app's own links do (the app stays loaded, as for a user clicking through the
 * menu), then waits for its content: its title shown, no spinner or skeleton left, no request out.
 * A form one click away starts from a fresh load of its page, so no form of the stop before is open.
 */
async function arrive(page: Page, stop: Stop): Promise<void> {
  const { click } = stop;
  if (page.url().startsWith('http') && !click)
    await page.evaluate(
      `history.pushState(null, '', ${JSON.stringify(stop.path)}); dispatchEvent(new PopStateEvent('popstate'))`,
    );
  else await page.goto(stop.path);
  if (click) {
    await expect.poll(() => titled(click.title)(page).isVisible(), { timeout: 20_000 }).toBe(true);
    await quiet(page);
    await click.target(page).click();
  }
  await expect.poll(() => stop.ready(page).isVisible(), { timeout: 20_000 }).toBe(true);
  await quiet(page);
}

/** No spinner or skeleton left and no request out, twice in a row a tenth of a second apart. */
async function quiet(page: Page): Promise<void> {
  const busy = async () =>
    (inFlight.get(page) ?? 0) +
    (await page.locator('.ant-spin-spinning, .ant-skeleton-active').count()) +
    Number(await page.evaluate(MOVING));
  // Twice: a page that asks again once it has an answer is caught.
  const still = async () => {
    if ((await busy()) > 0) return false;
    await page.waitForTimeout(100);
    return (await busy()) === 0;
  };
  await expect.poll(still, { timeout: 20_000 }).toBe(true);
}

/** Screenshot and checks of one page; what is found, each as "page size: key — detail". */
async function inspect(page: Page, role: Role, stop: Stop, size: Size): Promise<string[]> {
  await arrive(page, stop);
  // The whole page, up to ten screens: a plan's hundred tasks would take half a minute to capture.
  const height = Math.min(
    Number(await page.evaluate('document.documentElement.scrollHeight')),
    10 * SIZES[size].height,
  );
  await page.screenshot({
    path: join(DIR, `${role}-${stop.page}-${size}.png`),
    fullPage: true,
    clip: { x: 0, y: 0, width: SIZES[size].width, height },
  });
  const text = await page.evaluate('document.body.innerText');
  const width = SIZES[size].width;
  const found: Finding[] = [
    ...layoutFindings((await page.evaluate(layoutProbe(width))) as Layout, width),
    ...textFindings(String(text), usernames),
  ];
  return found.map((f) => `${stop.page} ${size}: ${f.key} — ${f.detail}`);
}

/** A role's whole tour at both sizes; every finding not PENDING, and every PENDING entry not found. */
async function tour(e: E2E, role: Role, username: string | null, stops: Stop[]): Promise<string[]> {
  const found: string[] = [];
  for (const size of ['desk', 'phone'] as const) {
    const { width, height, isMobile } = SIZES[size];
    const context = await e.browser.newContext({
      baseURL: e.url,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width, height },
      isMobile,
    });
    const page = await context.newPage();
    track(page);
    if (username) {
      await e.login(page, username, username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD);
      if (size === 'desk') found.push(...(await notToured(page, stops)));
    }
    for (const stop of stops) found.push(...(await inspect(page, role, stop, size)));
    await context.close();
  }
  return unexpected(role, found);
}

/** Entries of the role's menu the tour does not visit: a page added to the menu joins the tour. */
async function notToured(page: Page, stops: Stop[]): Promise<string[]> {
  const menu = page.getByRole('menu', { name: '主菜单' });
  await expect.poll(() => menu.getByRole('link').count(), { timeout: 20_000 }).toBeGreaterThan(2);
  const paths = await menu.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  return paths
    .filter((path) => !stops.some((s) => s.path === path))
    .map((path) => `menu desk: ${path} is in the menu but not in the tour`);
}

function unexpected(role: Role, found: string[]): string[] {
  const pending = PENDING.filter(([r]) => r === role).map(
    ([, page, size, key]) => `${page} ${size}: ${key} — `,
  );
  const fresh = found.filter((f) => !pending.some((p) => f.startsWith(p)));
  const fixed = pending
    .filter((p) => !found.some((f) => f.startsWith(p)))
    .map((p) => `PENDING entry no longer found, remove it: ${role} ${p.slice(0, -3)}`);
  return [...fresh, ...fixed];
}

describe('the screenshot tour of every page for every role (Chromium)', () => {
  let e: E2E;
  let ids: Ids;

  beforeAll(async () => {
    e = await startE2E({ demo: true });
    mkdirSync(DIR, { recursive: true });
    const admin = await apiSession(e.url, 'admin', ADMIN_PASSWORD);
    ids = await pickIds(e, admin);
    const { users } = await call<{ users: { username: string }[] }>(e, admin, 'GET', '/api/users');
    usernames = new Set(users.map((u) => u.username));
  }, 180_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('shows the sign-in page in Chinese, fitting the screen', async () => {
    const stop: Stop = { page: 'login', path: '/login', ready: titled('落实 · 任务清单督办') };
    expect(await tour(e, 'visitor', null, [stop])).toEqual([]);
  });

  for (const [role, { username, stops }] of Object.entries(TOURS)) {
    it(`shows the ${role} (${username}) every page in Chinese, fitting the screen`, async () => {
      expect(await tour(e, role as Role, username, stops(ids))).toEqual([]);
    }, 600_000);
  }
});

/** Detail pages with something on them: 市财政局's returned (or else reported) deliverable, its plan, a report under review. */
async function pickIds(e: E2E, admin: string): Promise<Ids> {
  type Row = { id: string; planId: string; status: string };
  const rows = (await call<{ items: Row[] }>(e, admin, 'GET', '/api/deliverables?orgId=finance&limit=500'))
    .items;
  const row = rows.find((r) => r.status === 'returned') ?? rows.find((r) => r.status !== 'pending');
  const queue = (await call<{ items: { reportId: string }[] }>(e, admin, 'GET', '/api/review-queue')).items;
  if (!row || !queue[0])
    throw new Error('the demo has no reported deliverable of 市财政局 or no report to review');
  return { deliverable: row.id, plan: row.planId, report: queue[0].reportId };
}
