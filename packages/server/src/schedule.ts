/** Background jobs the server runs on a timer. Each job is safe to run in several processes at once. */
import type { AppContext } from './context.ts';
import { ESCALATION_JOB } from './jobs/escalation-job.ts';
import { OUTBOX_JOB } from './jobs/outbox-job.ts';

export type Job = {
  name: string;
  everyMinutes: (ctx: AppContext) => number;
  run: (ctx: AppContext) => Promise<string | null>;
};

/**
 * Jobs register here: the escalation pass (every `escalationEveryMinutes`) and the outbox delivery
 * (every minute). Several server processes may run them at once: the escalation pass records each
 * step once (unique per deliverable and level; only a real insert notifies) and the outbox is
 * claimed row by row (PostgreSQL: for update skip locked; SQLite: a lease in the single writer).
 */
export const JOBS: Job[] = [ESCALATION_JOB, OUTBOX_JOB];

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
