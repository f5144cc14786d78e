/**
 * The commands that work on the database: serve, user add, import, backup, escalate, audit verify.
 * The server package is loaded only when one of them runs, so `luoshi parse` stays quick.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliIO } from './main.ts';

export class CommandError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

async function server() {
  return import('@luoshi/server');
}

/** Open the store named by the environment (DATABASE_URL or DATA_DIR), bootstrapped. */
async function openFromEnv(io: CliIO) {
  const { loadConfig, openStore, bootstrap } = await server();
  const config = loadConfig(io.env ?? process.env);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const boot = await bootstrap(store, { adminPassword: config.adminPassword }, new Date());
  if (boot.generatedPassword)
    io.stderr.write(`已创建协调员账号 admin，初始密码（只显示这一次）：${boot.generatedPassword}\n`);
  return { store, config };
}

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of stream)
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

/**
 * Links in notifications (督办 e-mails, their deliverable links) and calendar feeds are built from
 * PUBLIC_URL; without it they point at http://localhost:PORT, which works on no one else's computer.
 */
function publicUrlNote(env: NodeJS.ProcessEnv, links: string): string | null {
  if (env.PUBLIC_URL) return null;
  return `注意：未设置 PUBLIC_URL，通知和日历订阅中的链接将使用 ${links}；请将 PUBLIC_URL 设为用户访问本系统的地址`;
}

export async function serveCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { demo: { type: 'boolean', default: false }, port: { type: 'string' } },
  });
  const { loadConfig, startServer } = await server();
  const env = { ...(io.env ?? process.env) };
  if (values.port) env.PORT = values.port;
  const config = loadConfig(env);
  const running = await startServer(config, {
    demo: values.demo,
    log: (line) => io.stdout.write(`${line}\n`),
  });
  // Port 0 picks a free port, and the links then use the one it picked.
  const note = publicUrlNote(env, config.port === 0 ? running.url : config.publicUrl);
  if (note) io.stdout.write(`${note}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  io.stdout.write('正在停止…\n');
  await running.stop();
  return 0;
}

export async function userCommand(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add')
    throw new CommandError(
      '用法：luoshi user add NAME --role coordinator|leader|reporter|viewer [--org 单位] --password-stdin',
      2,
    );
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      'display-name': { type: 'string' },
      email: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  const name = positionals[0];
  if (!name || positionals.length !== 1) throw new CommandError('user add 需要一个用户名', 2);
  if (!values['password-stdin'])
    throw new CommandError('请用 --password-stdin 从标准输入提供密码（不要写在命令行上）', 2);
  const password = (await readAll(io.stdin ?? process.stdin)).replace(/\r?\n$/, '');
  const { createUser } = await server();
  const { store } = await openFromEnv(io);
  try {
    let orgId: string | null = null;
    if (values.org) {
      const org = await store.db
        .selectFrom('orgs')
        .select('id')
        .where((eb) => eb.or([eb('id', '=', values.org!), eb('name', '=', values.org!)]))
        .executeTakeFirst();
      if (!org) throw new CommandError(`组织目录中没有单位“${values.org}”`);
      orgId = org.id;
    }
    const role = values.role as 'coordinator' | 'leader' | 'reporter' | 'viewer';
    const id = await createUser(
      store,
      { id: null, name: 'cli', orgId: null },
      {
        username: name,
        password,
        role,
        orgId,
        displayName: values['display-name'],
        email: values.email ?? null,
        // Set by an administrator: the user changes it at first login.
        mustChangePassword: true,
      },
      new Date(),
    );
    io.stdout.write(`已创建用户 ${name}（${role}${values.org ? `，${values.org}` : ''}）：${id}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function auditCommand(args: string[], io: CliIO): Promise<number> {
  if (args[0] !== 'verify') throw new CommandError('用法：luoshi audit verify', 2);
  const { verifyAudit, writeAnchor } = await server();
  const { store, config } = await openFromEnv(io);
  try {
    const check = await verifyAudit(store, config.dataDir);
    const anchors = check.anchors;
    const out = (line: string) => io.stdout.write(`${line}\n`);
    if (check.problem)
      out(`审计链不完整：第 ${check.problem.seq} 条 ${check.problem.reason}（之前 ${check.count} 条完好）`);
    if (anchors.problem) {
      const others = anchors.failed > 1 ? `，另有 ${anchors.failed - 1} 个锚点不符` : '';
      out(
        check.problem
          ? `与锚点也不符：${anchors.problem.reason}${others}`
          : `审计链不完整：${anchors.problem.reason}${others}（现有 ${check.count} 条记录彼此相连无误，是数据库之外的锚点发现了问题）`,
      );
    }
    for (const problem of check.frozen.problems) out(`考核结果不符：${problem}`);
    if (check.ok) out(`审计链完整：共 ${check.count} 条记录`);
    if (check.frozen.checked > 0 && check.frozen.problems.length === 0)
      out(`已核对 ${check.frozen.checked} 个定格的考核结果，与哈希和审计记录一致`);
    if (anchors.latest && !anchors.problem)
      out(
        `已与 ${anchors.checked} 个锚点核对无误（${anchors.file}），最近的锚点在第 ${anchors.latest.seq} 条`,
      );
    for (const note of anchors.notes) out(`注意：${note}`);
    if (!check.ok) return 1;
    // A head that has just been verified is the best anchor there is.
    const written = await writeAnchor(store, config.dataDir, new Date());
    if (written.note) out(`注意：${written.note}`);
    if (written.written && written.anchor) out(`已记录锚点：第 ${written.anchor.seq} 条（${anchors.file}）`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function escalateCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args, options: { 'as-of': { type: 'string' } } });
  const asOf = values['as-of'];
  if (!asOf || !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    throw new CommandError('用法：luoshi escalate --as-of YYYY-MM-DD', 2);
  const { runEscalation, systemClock } = await server();
  const { store, config } = await openFromEnv(io);
  const note = publicUrlNote(io.env ?? process.env, config.publicUrl);
  if (note) io.stderr.write(`${note}\n`);
  try {
    const result = await runEscalation({ store, config, clock: systemClock }, asOf);
    const c = result.created;
    io.stdout.write(
      `按 ${asOf} 运行督办：提醒 ${c.reminder}，催办 ${c.urge}，督办单（橙）${c['supervise-orange']}，督办单（红）${c['supervise-red']}；通知 ${result.notified} 人次\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

/** `--list-start-line N`: the 1-based line where the task list begins, as a person marked it. */
export function lineOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CommandError(`--list-start-line 应为正整数行号，而不是“${value}”`, 2);
  return n;
}

export async function importCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      year: { type: 'string' },
      publish: { type: 'boolean', default: false },
      'list-start-line': { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length !== 1)
    throw new CommandError('用法：luoshi import FILE [--year YYYY] [--list-start-line N] [--publish]', 2);
  const listStartLine = lineOption(values['list-start-line']);
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !Number.isInteger(year))
    throw new CommandError(`--year 应为年份，而不是“${values.year}”`, 2);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    throw new CommandError(`无法读取通知文件 ${file}`, 2);
  }
  const { importNotice, publishPlan } = await server();
  const { store } = await openFromEnv(io);
  const actor = { id: null, name: 'cli', orgId: null };
  try {
    const imported = await importNotice(
      store,
      actor,
      { bytes, fileName: basename(file), year, listStartLine },
      new Date(),
    );
    const p = imported.plan;
    io.stdout.write(
      `${imported.created ? '已导入' : '此前已导入（未改动）'}：${p.notice.title ?? file}，第 ${p.version} 版，${p.year} 年，状态 ${p.status}\n`,
    );
    if (values.publish && p.status === 'draft') {
      const published = await publishPlan(store, actor, p.id, { rowVersion: p.rowVersion }, new Date());
      io.stdout.write(
        `已发布：任务 ${published.tasks} 项，交办 ${published.assignments} 个，报送事项 ${published.deliverables} 个\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}

export async function backupCommand(args: string[], io: CliIO): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const file = positionals[0];
  if (!file || positionals.length !== 1)
    throw new CommandError(
      '用法：luoshi backup FILE（.sqlite 为 SQLite 副本；.jsonl 或 .jsonl.gz 为可移植的 JSON 行备份）',
      2,
    );
  const { auditBackup, backupStore } = await server();
  const { store } = await openFromEnv(io);
  try {
    const result = await backupStore(store, resolve(file));
    await auditBackup(store, result, new Date());
    const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);
    io.stdout.write(`已备份到 ${result.file}：${rows} 行，${result.bytes} 字节\n`);
    return 0;
  } finally {
    await store.close();
  }
}
