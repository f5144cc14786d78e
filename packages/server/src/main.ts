/** Start the server: open the store, bootstrap an empty database, listen, run the schedule. */
import type { FastifyInstance } from 'fastify';
import { bootstrap } from './bootstrap.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { type OpenStore, openStore } from './db/store.ts';
import { buildApp } from './http/app.ts';
import type { LogDestination } from './http/logging.ts';
import { startSchedule } from './schedule.ts';

export type RunningServer = { app: FastifyInstance; store: OpenStore; url: string; stop(): Promise<void> };

export async function startServer(
  config: Config,
  opts: {
    clock?: Clock;
    log?: (line: string) => void;
    demo?: boolean;
    /** Where the server log (JSON lines) goes: stdout unless said. */
    logStream?: LogDestination;
  } = {},
): Promise<RunningServer> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const clock = opts.clock ?? systemClock;
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const boot = await bootstrap(store, { adminPassword: config.adminPassword }, clock.now());
  if (boot.generatedPassword)
    log(`已创建协调员账号 admin，初始密码（只显示这一次）：${boot.generatedPassword}`);
  else if (boot.createdAdmin) log('已创建协调员账号 admin（密码取自 LUOSHI_ADMIN_PASSWORD）');
  const ctx: AppContext = { store, clock, config };
  if (opts.demo) {
    const { loadDemo } = await import('./demo/load-demo.ts');
    log('正在加载演示数据…');
    const demo = await loadDemo(ctx);
    log(demo.message);
  }
  const app = await buildApp(ctx, { log: opts.logStream ?? true });
  const address = await app.listen({ port: config.port, host: config.host });
  // Port 0 picks a free port: links in e-mails and calendar feeds need the real one.
  if (config.port === 0 && config.publicUrl.endsWith(':0')) ctx.config = { ...config, publicUrl: address };
  const schedule = startSchedule(ctx, log);
  const where = store.dialect === 'sqlite' ? store.file : 'PostgreSQL';
  log(`落实 Luoshi 已启动：${address.replace('0.0.0.0', 'localhost')}（数据库：${where}）`);
  return {
    app,
    store,
    url: address.replace('0.0.0.0', '127.0.0.1'),
    stop: async () => {
      await app.close();
      await schedule.stop();
      await store.close();
    },
  };
}
