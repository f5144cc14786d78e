/**
 * The scheduled escalation pass, as of today in Beijing. Correctness across processes comes from
 * `runEscalation` itself (unique rows, notify only on a real insert); the lease only spares a
 * second process from repeating the same scan at the same moment.
 */
import { ESCALATION_LABELS, ESCALATION_LEVELS } from '@luoshi/core';
import { shanghaiDay } from '../clock.ts';
import type { AppContext } from '../context.ts';
import { runEscalation } from '../modules/escalation/run-escalation.ts';
import type { Job } from '../schedule.ts';
import { acquireLease, newHolder, releaseLease } from './lease.ts';

const LEASE = 'escalation-pass';
const LEASE_MS = 30 * 60_000;

export async function runEscalationJob(ctx: AppContext): Promise<string | null> {
  const holder = newHolder();
  if (!(await acquireLease(ctx.store, LEASE, holder, LEASE_MS, ctx.clock.now()))) return null;
  try {
    const asOf = shanghaiDay(ctx.clock.now());
    const r = await runEscalation(ctx, asOf);
    const made = ESCALATION_LEVELS.filter((l) => r.created[l] > 0).map(
      (l) => `${ESCALATION_LABELS[l]} ${r.created[l]} 条`,
    );
    return made.length > 0 ? `${asOf}：${made.join('，')}，通知 ${r.notified} 人次` : null;
  } finally {
    await releaseLease(ctx.store, LEASE, holder);
  }
}

export const ESCALATION_JOB: Job = {
  name: 'escalation',
  everyMinutes: (ctx) => ctx.config.escalationEveryMinutes,
  run: runEscalationJob,
};
