/**
 * Server benchmark (not a test): a province-sized data set on SQLite and/or PostgreSQL, then
 * p50/p95 of GET /api/dashboard and GET /api/deliverables?orgId=… through Fastify inject against
 * the same questions asked in hand-written SQL, and reports submitted per second under 8 concurrent
 * clients.
 *
 *   npx tsx packages/server/bench/server.bench.ts [--dialect sqlite|postgres|both] [--scale small|full]
 *
 * PostgreSQL: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres) must allow creating
 * a database; the benchmark makes its own and drops it afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, defaultCalendar } from '@luoshi/core';
import { sql } from 'kysely';
import pg from 'pg';
import { appendAudit, verifyAuditChain } from '../src/audit/audit.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { fixedClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { type Dialect, inTransaction, type OpenStore, openStore } from '../src/db/store.ts';
import { buildApp } from '../src/http/app.ts';
import { newId } from '../src/ids.ts';
import { createUser } from '../src/modules/users/create-user.ts';
import { generate, SCALES } from './generate.ts';
import { handWrittenDashboard, handWrittenDeliverables } from './hand-sql.ts';

const NOW = '2025-11-20T02:00:00.000Z';
const REPORT = {
  narrative: '本季度各项工作按计划推进，进展顺利，详见附件。',
  completion: 'in-progress',
  submit: true,
};
const TODAY = '2025-11-20';
const PASSWORD = 'bench-password-1';
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function arg(name: string, allowed: readonly string[], fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (v === undefined) return fallback;
  if (!allowed.includes(v)) throw new Error(`--${name} must be one of ${allowed.join(', ')}`);
  return v;
}

const dialectArg = arg('dialect', ['sqlite', 'postgres', 'both'], 'both');
const scaleName = arg('scale', ['small', 'full'], 'small') as 'small' | 'full';
const scale = SCALES[scaleName];
const dialects: Dialect[] = dialectArg === 'both' ? ['sqlite', 'postgres'] : [dialectArg as Dialect];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

const fmt = (n: number) => `${n.toFixed(1).padStart(8)} ms`;

function row(
  label: string,
  server: { p50: number; p95: number },
  direct: { p50: number; p95: number } | null,
) {
  const ratio = direct ? `  ratio p50 ${(server.p50 / direct.p50).toFixed(2)}×` : '';
  const sqlPart = direct ? `   SQL p50 ${fmt(direct.p50)} p95 ${fmt(direct.p95)}` : '';
  console.log(`  ${label.padEnd(34)} server p50 ${fmt(server.p50)} p95 ${fmt(server.p95)}${sqlPart}${ratio}`);
}

async function openBenchStore(dialect: Dialect): Promise<{ store: OpenStore; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
  if (dialect === 'sqlite') {
    const store = await openStore({ databaseUrl: null, dataDir });
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `luoshi_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString(), dataDir });
  return {
    store,
    dispose: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function bench(dialect: Dialect): Promise<void> {
  console.log(
    `\n== ${dialect}, scale ${scaleName}: ${scale.cities} cities × ${scale.unitsPerCity} units × ${scale.tasks} tasks, ${scale.years.length} years quarterly`,
  );
  const { store, dispose } = await openBenchStore(dialect);
  try {
    const t0 = performance.now();
    const passwordHash = await hashPassword(PASSWORD);
    const data = await generate(store, scale, { today: TODAY, passwordHash, log: console.log });
    await sql`analyze`.execute(store.db);
    const genSeconds = (performance.now() - t0) / 1000;
    const c = data.counts;
    console.log(
      `  generated in ${genSeconds.toFixed(1)} s: ${c.deliverables?.toLocaleString()} deliverables, ${c.reports?.toLocaleString()} reports, ${c.auditLog?.toLocaleString()} audit rows`,
    );

    const clock = fixedClock(NOW);
    const ctx: AppContext = { store, clock, config: { ...loadConfig({}), escalationEveryMinutes: 0 } };
    await createUser(
      store,
      { id: null, name: '系统', orgId: null },
      { username: 'bench-coord', password: PASSWORD, role: 'coordinator', orgId: 'province-justice' },
      clock.now(),
    );
    const app = await buildApp(ctx);
    const login = async (username: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username, password: PASSWORD },
      });
      const cookie = res.cookies.find((k) => k.name === 'luoshi_session');
      if (!cookie) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      return `luoshi_session=${cookie.value}`;
    };
    const coord = await login('bench-coord');
    const runs = scaleName === 'full' ? 10 : 20;
    const calendar = defaultCalendar();

    // Dashboard of the whole province for the current year.
    const direct = await handWrittenDashboard(store, {
      year: 2025,
      today: TODAY,
      settings: DEFAULT_SETTINGS,
      calendar,
    });
    if (process.env.BENCH_PROFILE)
      console.log('  SQL per query (ms):', await direct.profile?.(), await direct.profile?.());
    const check = await app.inject({
      method: 'GET',
      url: '/api/dashboard?year=2025',
      headers: { cookie: coord },
    });
    if (check.statusCode !== 200) throw new Error(`dashboard: ${check.statusCode} ${check.body}`);
    const body = check.json() as {
      totals: { total: number; counts: Record<string, number> };
      units: unknown[];
    };
    console.log(
      `  dashboard 2025: ${body.totals.total.toLocaleString()} deliverables, ${body.units.length} units, lights ${JSON.stringify(body.totals.counts)}`,
    );
    row(
      'GET /api/dashboard?year=2025',
      await timeIt(runs, () =>
        app.inject({ method: 'GET', url: '/api/dashboard?year=2025', headers: { cookie: coord } }),
      ),
      await timeIt(runs, direct.run),
    );
    const unit = data.orgIds[Math.floor(data.orgIds.length / 2)]!;
    row(
      'GET /api/dashboard/units/{orgId}',
      await timeIt(runs, () =>
        app.inject({
          method: 'GET',
          url: `/api/dashboard/units/${unit}?year=2025`,
          headers: { cookie: coord },
        }),
      ),
      null,
    );

    // The deliverable list of one unit.
    const listUrl = `/api/deliverables?orgId=${encodeURIComponent(unit)}`;
    const probe = await app.inject({ method: 'GET', url: listUrl, headers: { cookie: coord } });
    const directList = await handWrittenDeliverables(store, unit);
    if (probe.statusCode === 200) {
      row(
        'GET /api/deliverables?orgId=…',
        await timeIt(runs, () => app.inject({ method: 'GET', url: listUrl, headers: { cookie: coord } })),
        await timeIt(runs, directList.run),
      );
    } else {
      console.log(
        `  GET /api/deliverables?orgId=… not available yet (${probe.statusCode}); hand-written SQL only:`,
      );
      row('  SQL: deliverables of one unit', await timeIt(runs, directList.run), null);
    }
    await direct.close();
    await directList.close();

    // Reports submitted per second, 8 concurrent clients.
    await submitThroughput(app, store, data, login);

    const v0 = performance.now();
    const chain = await verifyAuditChain(store);
    console.log(
      `  audit chain: ${chain.ok ? 'verifies' : `BROKEN at ${chain.problem?.seq}`} — ${chain.count.toLocaleString()} records in ${((performance.now() - v0) / 1000).toFixed(1)} s`,
    );
    await app.close();
  } finally {
    await dispose();
  }
}

async function submitThroughput(
  app: Awaited<ReturnType<typeof buildApp>>,
  store: OpenStore,
  data: Awaited<ReturnType<typeof generate>>,
  login: (username: string) => Promise<string>,
): Promise<void> {
  const CLIENTS = 8;
  const SECONDS = 5;
  const byOrg = new Map<string, string[]>();
  for (const d of data.openDeliverables) byOrg.set(d.orgId, [...(byOrg.get(d.orgId) ?? []), d.id]);
  const clients = data.reporters.slice(0, CLIENTS).map((r) => ({ ...r, targets: byOrg.get(r.orgId) ?? [] }));
  const first = clients[0]!;
  const cookie = await login(first.username);
  const probe = await app.inject({
    method: 'POST',
    url: `/api/deliverables/${first.targets[0]}/reports`,
    headers: { cookie },
    payload: REPORT,
  });
  const viaApi = probe.statusCode >= 200 && probe.statusCode < 300;
  let done = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  const rate = () => (done / ((performance.now() - started) / 1000)).toFixed(0);
  if (viaApi) {
    const cookies = await Promise.all(clients.map((k) => login(k.username)));
    await Promise.all(
      clients.map(async (k, i) => {
        // Each open deliverable of the unit once (the first was taken by the probe).
        for (let n = i === 0 ? 1 : 0; n < k.targets.length && performance.now() < until; n++) {
          const target = k.targets[n]!;
          const res = await app.inject({
            method: 'POST',
            url: `/api/deliverables/${target}/reports`,
            headers: { cookie: cookies[i]! },
            payload: REPORT,
          });
          if (res.statusCode < 300) done++;
        }
      }),
    );
    console.log(
      `  reports submitted via POST /api/deliverables/{id}/reports (JSON, submit: true), ${CLIENTS} concurrent clients: ${rate()}/s (${done} reports)`,
    );
    return;
  }
  // No reports route yet: the submit use case by hand — insert the report, hand in the deliverable, audit — per transaction.
  const authors = new Map(
    (
      await store.db
        .selectFrom('users')
        .select(['id', 'orgId'])
        .where(
          'username',
          'in',
          clients.map((k) => k.username),
        )
        .execute()
    ).map((u) => [u.orgId, u.id]),
  );
  await Promise.all(
    clients.map(async (k) => {
      const authorId = authors.get(k.orgId)!;
      for (let n = 0; n < k.targets.length && performance.now() < until; n++) {
        const deliverableId = k.targets[n]!;
        const at = new Date();
        await inTransaction(store, async (tx) => {
          const reportId = newId();
          const iso = at.toISOString();
          await tx.db
            .insertInto('reports')
            .values({
              id: reportId,
              deliverableId,
              orgId: k.orgId,
              authorId,
              status: 'submitted',
              narrative: '本季度进展顺利。',
              completion: 'in-progress',
              figuresJson: '[]',
              submittedAt: iso,
              approvedBy: null,
              approvedAt: null,
              reviewedBy: null,
              reviewedAt: null,
              returnReason: null,
              createdAt: iso,
              updatedAt: iso,
              rowVersion: 1,
            })
            .execute();
          await tx.db
            .updateTable('deliverables')
            .set((eb) => ({
              status: 'submitted',
              submittedAt: iso,
              updatedAt: iso,
              rowVersion: eb('rowVersion', '+', 1),
            }))
            .where('id', '=', deliverableId)
            .execute();
          await appendAudit(
            tx,
            { id: authorId, name: k.username, orgId: k.orgId },
            {
              action: 'report.submit',
              entity: 'report',
              entityId: reportId,
              after: { deliverableId, status: 'submitted' },
            },
            at,
          );
        });
        done++;
      }
    }),
  );
  console.log(
    `  reports submitted, ${CLIENTS} concurrent clients: ${rate()}/s (${done} reports) — measured on the submit use case by direct SQL transaction + audit append, because POST /api/deliverables/{id}/reports answered ${probe.statusCode} ${probe.body.slice(0, 160)}`,
  );
}

for (const d of dialects) await bench(d);
