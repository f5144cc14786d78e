/**
 * The scheduled audit anchor: every `auditAnchorEveryMinutes` (and once more at a clean shutdown)
 * the head of the audit chain is appended to the anchor file in the data folder. Several processes
 * may run it at once: each appends whole lines, and an unchanged head is not written again.
 */
import type { AppContext } from '../context.ts';
import type { Job } from '../schedule.ts';
import { writeAnchor } from './anchors.ts';

export async function runAnchorJob(ctx: AppContext): Promise<string | null> {
  const r = await writeAnchor(ctx.store, ctx.config.dataDir, ctx.clock.now());
  return r.note;
}

export const AUDIT_ANCHOR_JOB: Job = {
  name: 'audit-anchor',
  everyMinutes: (ctx) => ctx.config.auditAnchorEveryMinutes,
  run: runAnchorJob,
  atStop: runAnchorJob,
};
