/** The database commands of the CLI: user add, audit verify, and serve as a real child process. */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.ts';

const root = new URL('../../../', import.meta.url).pathname;

async function run(env: NodeJS.ProcessEnv, stdin: string | null, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main({
    argv,
    env,
    stdin: stdin === null ? undefined : Readable.from([stdin]),
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

describe('luoshi user add and audit verify (SQLite under DATA_DIR)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-cli-db-'));
  const env = { DATA_DIR: dataDir, LUOSHI_ADMIN_PASSWORD: 'first-coord-pass-1' };

  it('adds a reporter of a unit named in the directory, reading the password from stdin', async () => {
    const r = await run(
      env,
      'reporter-pass-1\n',
      'user',
      'add',
      'caizheng',
      '--role',
      'reporter',
      '--org',
      '市财政局',
      '--password-stdin',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已创建用户 caizheng');
    const db = new BetterSqlite3(join(dataDir, 'luoshi.sqlite'), { readonly: true });
    const row = db
      .prepare('select role, org_id, password_hash from users where username = ?')
      .get('caizheng') as {
      role: string;
      org_id: string;
      password_hash: string;
    };
    db.close();
    expect(row.role).toBe('reporter');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('reporter-pass-1');
  });

  it('refuses a password on the command line, an unknown unit and a taken name, changing nothing', async () => {
    expect((await run(env, null, 'user', 'add', 'x1', '--role', 'viewer')).code).toBe(2);
    const unknown = await run(
      env,
      'long-password-1',
      'user',
      'add',
      'x2',
      '--role',
      'reporter',
      '--org',
      '火星局',
      '--password-stdin',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('火星局');
    const taken = await run(
      env,
      'long-password-1',
      'user',
      'add',
      'caizheng',
      '--role',
      'viewer',
      '--password-stdin',
    );
    expect(taken.code).toBe(1);
    expect(taken.err).toContain('已存在');
    const short = await run(env, 'short', 'user', 'add', 'x3', '--role', 'viewer', '--password-stdin');
    expect(short.code).toBe(1);
    expect(short.err).toContain('密码至少10位');
    const db = new BetterSqlite3(join(dataDir, 'luoshi.sqlite'), { readonly: true });
    const names = (
      db.prepare('select username from users order by username').all() as { username: string }[]
    ).map((u) => u.username);
    db.close();
    expect(names).toEqual(['admin', 'caizheng']);
  });

  it('backs up to a SQLite copy that verifies, and to gzip-compressed JSON lines', async () => {
    const copy = join(dataDir, 'copy.sqlite');
    const r = await run(env, null, 'backup', copy);
    expect(r.code).toBe(0);
    expect(r.out).toContain('已备份到');
    const restoredDir = mkdtempSync(join(tmpdir(), 'luoshi-restored-'));
    copyFileSync(copy, join(restoredDir, 'luoshi.sqlite'));
    const verified = await run({ DATA_DIR: restoredDir }, null, 'audit', 'verify');
    expect(verified.code).toBe(0);
    // The backup is an export of every record: the audit trail says who made it, of what size.
    const source = new BetterSqlite3(join(dataDir, 'luoshi.sqlite'), { readonly: true });
    const record = source
      .prepare("select actor_name, entity_id, after_json from audit_log where action = 'backup.create'")
      .get() as { actor_name: string; entity_id: string; after_json: string };
    source.close();
    expect(record.actor_name).toBe('命令行（luoshi backup）');
    expect(record.entity_id).toBe('copy.sqlite');
    expect(JSON.parse(record.after_json)).toMatchObject({ file: 'copy.sqlite', bytes: statSync(copy).size });
    const gz = join(dataDir, 'copy.jsonl.gz');
    expect((await run(env, null, 'backup', gz)).code).toBe(0);
    const head = readFileSync(gz).subarray(0, 2);
    expect([...head]).toEqual([0x1f, 0x8b]);
    const lines = gunzipSync(readFileSync(gz)).toString('utf8').trim().split('\n');
    expect(lines.some((l) => l.includes('caizheng'))).toBe(true);
  });

  it('verifies the audit chain, and finds a record edited behind its back', async () => {
    const ok = await run(env, null, 'audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/审计链完整：共 \d+ 条记录/);
    const db = new BetterSqlite3(join(dataDir, 'luoshi.sqlite'));
    db.prepare("update audit_log set actor_name = 'mallory' where seq = 3").run();
    db.close();
    const bad = await run(env, null, 'audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('第 3 条');
  });
});

describe('luoshi serve', () => {
  it('starts on an empty data directory, prints the generated admin password once, serves, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-serve-'));
    const port = 3900 + Math.floor(Math.random() * 90);
    const { PUBLIC_URL: _unset, ...parentEnv } = process.env;
    const child = spawn(join(root, 'node_modules/.bin/luoshi'), ['serve', '--port', String(port)], {
      env: { ...parentEnv, DATA_DIR: dataDir, LUOSHI_ADMIN_PASSWORD: '', ESCALATION_EVERY_MINUTES: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const deadline = Date.now() + 30_000;
    while (!out.includes('已启动') && Date.now() < deadline && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('已启动');
    const password = /初始密码（只显示这一次）：(\S+)/.exec(out)?.[1];
    expect(password).toBeDefined();
    const health = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.json());
    expect(health).toEqual({ ok: true, dialect: 'sqlite' });
    // Without PUBLIC_URL, it says where the links in notifications will point.
    expect(out).toContain(`未设置 PUBLIC_URL，通知和日历订阅中的链接将使用 http://localhost:${port}`);
    const login = await fetch(`http://127.0.0.1:${port}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(0);
  });
});
