/**
 * A killed server loses no acknowledged write: clients create users while the server is killed with
 * SIGKILL; after a restart every write that got its 201 is there and the audit chain verifies.
 * Runs on the embedded SQLite file and on PostgreSQL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, verifyAuditChain } from '@luoshi/server';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(join(root, 'node_modules/.bin/luoshi'), ['serve', '--port', String(port)], {
    env: { ...process.env, ...env, LUOSHI_ADMIN_PASSWORD: 'crash-coord-1', ESCALATION_EVERY_MINUTES: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const deadline = Date.now() + 30_000;
  while (!out.includes('已启动')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'crash-coord-1' }),
  });
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}

const databases: string[] = [];
afterAll(async () => {
  if (databases.length === 0) return;
  const c = new pg.Client({ connectionString: PG_ADMIN });
  await c.connect();
  for (const name of databases) await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
});

describe.each(['sqlite', 'postgres'] as const)('SIGKILL during writes on %s', (dialect) => {
  it('keeps every acknowledged write', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-crash-'));
    const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, DATABASE_URL: '' };
    if (dialect === 'postgres') {
      const name = `luoshi_crash_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`create database ${name}`);
      await c.end();
      databases.push(name);
      const url = new URL(PG_ADMIN);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
    }
    const port = 4000 + Math.floor(Math.random() * 900);
    const base = `http://127.0.0.1:${port}`;
    let server = await startServer(env, port);
    const cookie = await login(base);

    const acknowledged: string[] = [];
    let stop = false;
    const client = async (worker: number) => {
      for (let i = 0; !stop; i++) {
        const username = `w${worker}u${i}`;
        try {
          const res = await fetch(`${base}/api/users`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify({ username, password: 'long-enough-9', role: 'viewer' }),
          });
          if (res.status === 201) acknowledged.push(username);
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = [0, 1, 2, 3].map(client);
    while (acknowledged.length < 12) await new Promise((r) => setTimeout(r, 10));
    const gone = exited(server);
    server.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    await gone;

    server = await startServer(env, port);
    const store = await openStore({ databaseUrl: env.DATABASE_URL || null, dataDir, migrate: false });
    try {
      const names = new Set(
        (await store.db.selectFrom('users').select('username').execute()).map((u) => u.username),
      );
      for (const u of acknowledged) expect(names.has(u), `${u} was acknowledged`).toBe(true);
      const chain = await verifyAuditChain(store);
      expect(chain.ok).toBe(true);
    } finally {
      await store.close();
      const done = exited(server);
      server.kill('SIGTERM');
      await done;
    }
  });
});
