/** Background jobs the server runs on a timer. Each job is safe to run in several processes at once. */
import { AUDIT_ANCHOR_JOB } from './audit/anchor-job.ts';
import type { AppContext } from './context.ts';
import { ESCALATION_JOB } from './jobs/escalation-job.ts';
import { OUTBOX_JOB } from './jobs/outbox-job.ts';

export type Job = {
  name: string;
  everyMinutes: (ctx: AppContext) => number;
  run: (ctx: AppContext) => Promise<string | null>;
  /** Run once more when the server stops cleanly (only when the job is on). */
  atStop?: (ctx: AppContext) => Promise<string | null>;
};

/**
 * Jobs register here: the escalation pass (every `escalationEveryMinutes`), the outbox delivery
 * (every minute) and the audit anchor (every `auditAnchorEveryMinutes`, and at a clean stop).
 * Several server processes may run them at once: the escalation pass records each step once
 * (unique per deliverable and level; only a real insert notifies), the outbox is claimed row by row
 * (PostgreSQL: for update skip locked; SQLite: a lease in the single writer) and anchors are
 * appended as whole lines.
 */
export const JOBS: Job[] = [ESCALATION_JOB, OUTBOX_JOB, AUDIT_ANCHOR_JOB];

/**
 * Start the timers. `stop` clears them and runs the `atStop` step of each job that was on; call it
 * after the HTTP server has closed and before the store does.
 */
export function startSchedule(ctx: AppContext, log: (line: string) => void): { stop(): Promise<void> } {
  const timers: NodeJS.Timeout[] = [];
  const running: Job[] = [];
  const report = (job: Job, work: Promise<string | null>) =>
    work.then(
      (message) => {
        if (message) log(`[${job.name}] ${message}`);
      },
      (e: unknown) => log(`[${job.name}] 失败：${e instanceof Error ? e.message : String(e)}`),
    );
  for (const job of JOBS) {
    const minutes = job.everyMinutes(ctx);
    if (minutes <= 0) continue;
    running.push(job);
    const tick = () => void report(job, job.run(ctx));
    timers.push(setInterval(tick, minutes * 60_000));
    timers.push(setTimeout(tick, 1_000));
  }
  for (const t of timers) t.unref();
  return {
    stop: async () => {
      for (const t of timers) clearTimeout(t);
      for (const job of running) if (job.atStop) await report(job, job.atStop(ctx));
    },
  };
}
