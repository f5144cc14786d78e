/** Background jobs the server runs on a timer. Each job is safe to run in several processes at once. */
import type { AppContext } from './context.ts';

export type Job = {
  name: string;
  everyMinutes: (ctx: AppContext) => number;
  run: (ctx: AppContext) => Promise<string | null>;
};

/** Jobs register here (escalation pass, outbox delivery). */
export const JOBS: Job[] = [];

export function startSchedule(ctx: AppContext, log: (line: string) => void): { stop(): void } {
  const timers: NodeJS.Timeout[] = [];
  for (const job of JOBS) {
    const minutes = job.everyMinutes(ctx);
    if (minutes <= 0) continue;
    const tick = () => {
      job.run(ctx).then(
        (message) => {
          if (message) log(`[${job.name}] ${message}`);
        },
        (e: unknown) => log(`[${job.name}] 失败：${e instanceof Error ? e.message : String(e)}`),
      );
    };
    timers.push(setInterval(tick, minutes * 60_000));
    setTimeout(tick, 1_000).unref();
  }
  for (const t of timers) t.unref();
  return { stop: () => timers.forEach(clearInterval) };
}
