/**
 * End-to-end harness: the real server (in-process, on a free port, with its own data folder and the
 * built web app) and Debian's Chromium driven by playwright-core. Screenshots go to
 * test-output/screenshots/ — look at them.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, loadConfig, type RunningServer, startServer } from '@luoshi/server';
import { type Browser, chromium, type Page } from 'playwright-core';

const root = new URL('../../../../', import.meta.url).pathname;
/** The built web app; E2E_WEB_DIST points elsewhere (a build of its own, e.g. for parallel work). */
export const WEB_DIST = process.env.E2E_WEB_DIST ?? join(root, 'packages/web/dist');
export const SCREENSHOTS = join(root, 'test-output/screenshots');
export const ADMIN_PASSWORD = 'e2e-coord-pass';
export const DEMO_PASSWORD = 'luoshi-demo-2026';

export type E2E = {
  url: string;
  server: RunningServer;
  browser: Browser;
  /** A new browser page (its own cookies), optionally phone-sized. */
  page(opts?: { phone?: boolean }): Promise<Page>;
  login(page: Page, username: string, password: string): Promise<void>;
  shot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
};

export async function startE2E(opts: { demo?: boolean; now?: string } = {}): Promise<E2E> {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error('the web app is not built: run `npm run build -w @luoshi/web` (npm test does it)');
  const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LUOSHI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ESCALATION_EVERY_MINUTES: '0',
    WEB_DIR: WEB_DIST,
  });
  const server = await startServer(config, {
    demo: opts.demo ?? false,
    clock: fixedClock(opts.now ?? '2026-06-15T02:00:00.000Z'),
    log: () => undefined,
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-dev-shm-usage',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const url = server.url;
  return {
    url,
    server,
    browser,
    async page(o = {}) {
      const context = await browser.newContext({
        baseURL: url,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: o.phone ? { width: 390, height: 844 } : { width: 1366, height: 900 },
        isMobile: o.phone ?? false,
      });
      return context.newPage();
    },
    async login(page, username, password) {
      await page.goto('/login');
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    },
    async shot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async stop() {
      await browser.close();
      await server.stop();
    },
  };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Puts axe-core into the page. Evaluated through the DevTools protocol, not added as a <script>:
 * the app's Content-Security-Policy (scripts from its own origin only) rightly refuses an inline one.
 */
export async function injectAxe(page: Page): Promise<void> {
  await page.evaluate(AXE_SOURCE);
}
