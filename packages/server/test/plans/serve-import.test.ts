/**
 * The parser's thread works in the server as people start it: `luoshi serve` (the launcher that
 * registers the TypeScript loader, then the server from its sources). The demo data is imported
 * through it at start-up, and a notice imported over HTTP afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { referenceText } from '../helpers/plans.ts';

const root = new URL('../../../../', import.meta.url).pathname;
const ADMIN_PASSWORD = 'Serve-import-2026';

const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-serve-import-'));
let child: ChildProcess | null = null;

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

it('imports notices in the parser’s thread under `luoshi serve --demo`', async () => {
  const port = 3800 + Math.floor(Math.random() * 90);
  const started = spawn(join(root, 'node_modules/.bin/luoshi'), ['serve', '--demo', '--port', String(port)], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LUOSHI_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ESCALATION_EVERY_MINUTES: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  let out = '';
  started.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  started.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const deadline = Date.now() + 60_000;
  while (!out.includes('已启动') && Date.now() < deadline && started.exitCode === null)
    await new Promise((r) => setTimeout(r, 100));
  expect(out).toContain('已启动');
  const base = `http://127.0.0.1:${port}`;

  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

  // The demo's notice was imported at start-up, through the thread.
  const plans = (await (await fetch(`${base}/api/plans`, { headers: { cookie } })).json()) as {
    plans: { counts: { tasks: number } }[];
  };
  expect(plans.plans.map((p) => p.counts.tasks)).toEqual([51]);

  // And one more over HTTP: a revised notice (one task more) becomes a new plan.
  const revised = `${referenceText()}\n52 | 建立重大行政决策合法性审查台账，每季度通报一次 | 市司法局`;
  const res = await fetch(`${base}/api/notices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ text: revised }),
  });
  const body = (await res.json()) as { plan: { counts: { tasks: number } } };
  expect(res.status, JSON.stringify(body)).toBe(201);
  expect(body.plan.counts.tasks).toBeGreaterThanOrEqual(51);
}, 120_000);
