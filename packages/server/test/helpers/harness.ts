/**
 * The server test harness: every database test runs on SQLite and on PostgreSQL (a fresh database
 * per store), with the app in-process (Fastify inject), a pinned clock and small factories.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';
import { loadDefaultOrgs } from '../../src/bootstrap.ts';
import { fixedClock } from '../../src/clock.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { AppContext } from '../../src/context.ts';
import type { Role } from '../../src/db/schema.ts';
import { type Dialect, type OpenStore, openStore } from '../../src/db/store.ts';
import { buildApp } from '../../src/http/app.ts';
import { createUser } from '../../src/modules/users/create-user.ts';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestStore = OpenStore & { dataDir: string; dispose(): Promise<void> };

export async function openTestStore(dialect: Dialect): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-test-'));
  if (dialect === 'sqlite') {
    const store = await openStore({ databaseUrl: null, dataDir });
    return {
      ...store,
      dataDir,
      dispose: async () => {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `luoshi_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString(), dataDir });
  return {
    ...store,
    dataDir,
    dispose: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const PASSWORD = 'correct-horse-9';

export type TestApp = {
  app: FastifyInstance;
  store: TestStore;
  clock: ReturnType<typeof fixedClock>;
  ctx: AppContext;
  config: Config;
  /** Log in and return the session cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** A user of a role (and unit by name); returns its username. */
  user(role: Role, orgName?: string, username?: string): Promise<string>;
  orgId(name: string): Promise<string>;
  request(
    cookie: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

/** A running app on a fresh store with the default 鹰潭 directory and a coordinator `coord`. */
export async function testApp(
  dialect: Dialect,
  opts: { now?: string; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const store = await openTestStore(dialect);
  const clock = fixedClock(opts.now ?? '2025-03-10T02:00:00.000Z');
  const config = { ...loadConfig({ DATA_DIR: store.dataDir }), ...opts.config };
  const ctx: AppContext = { store, clock, config };
  await loadDefaultOrgs(store, clock.now());
  const app = await buildApp(ctx);
  const orgIds = new Map<string, string>();
  const orgId = async (name: string) => {
    const cached = orgIds.get(name);
    if (cached) return cached;
    const row = await store.db
      .selectFrom('orgs')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    orgIds.set(name, row.id);
    return row.id;
  };
  let counter = 0;
  const t: TestApp = {
    app,
    store,
    clock,
    ctx,
    config,
    orgId,
    async user(role, orgName, username) {
      const name = username ?? `${role}${++counter}`;
      await createUser(
        store,
        SYSTEM_ACTOR,
        { username: name, password: PASSWORD, role, orgId: orgName ? await orgId(orgName) : null },
        clock.now(),
      );
      return name;
    },
    async login(username, password = PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'luoshi_session');
      if (!cookie) throw new Error('no session cookie');
      return `luoshi_session=${cookie.value}`;
    },
    request(cookie, method, url, body) {
      return app.inject({
        method,
        url,
        headers: cookie ? { cookie } : {},
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
    },
    async close() {
      await app.close();
      await store.dispose();
    },
  };
  await t.user('coordinator', '市司法局', 'coord');
  return t;
}
