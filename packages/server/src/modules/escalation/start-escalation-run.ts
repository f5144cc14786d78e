/**
 * A coordinator runs the escalation pass now, as of a day: for real (records, messages) or as a dry
 * run (预演) that lists what the pass would issue and writes nothing.
 *
 * A real pass may not look ahead: `asOf` is at most tomorrow in Beijing (a pass run late in the
 * evening for the next morning), because records issued for a future day are messages sent now
 * about deadlines that have not come. A dry run may look as far ahead as a date input allows. Both
 * start no earlier than 1 January of the first year a published plan supervises (before that there
 * is nothing to escalate, and such a date is a typing error).
 */
import { addDays } from '@luoshi/core';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { shanghaiDay } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { Store } from '../../db/store.ts';
import { AppError } from '../../errors.ts';
import { chineseDate } from './escalation-notice.ts';
import { type EscalationPreview, previewEscalation } from './preview-escalation.ts';
import { type EscalationResult, runEscalation } from './run-escalation.ts';

export type RunInput = { asOf?: string | undefined; dryRun?: boolean | undefined };

export type RunOutcome =
  | (EscalationResult & { asOf: string; dryRun: false })
  /** lastRunDay: the latest day a real pass may take now (tomorrow in Beijing). */
  | (EscalationPreview & { lastRunDay: string });

export async function startEscalationRun(
  ctx: AppContext,
  user: SessionUser,
  input: RunInput,
): Promise<RunOutcome> {
  const today = shanghaiDay(ctx.clock.now());
  const asOf = input.asOf ?? today;
  const dryRun = input.dryRun === true;
  await checkAsOf(ctx.store, asOf, today, dryRun);
  if (dryRun) return { ...(await previewEscalation(ctx.store, asOf)), lastRunDay: lastRunDay(today) };
  return { asOf, dryRun: false, ...(await runEscalation(ctx, asOf, actorOf(user))) };
}

function lastRunDay(today: string): string {
  return addDays(today, 1);
}

async function checkAsOf(store: Store, asOf: string, today: string, dryRun: boolean): Promise<void> {
  const latest = lastRunDay(today);
  if (!dryRun && asOf > latest)
    throw new AppError(
      'validation',
      `asOf：督办日期不能晚于明天（${chineseDate(latest)}）。要看某一天会发出哪些提醒和督办，请先预演（dryRun）`,
      'asOf',
    );
  const earliest = await firstPlanDay(store, today);
  if (asOf < earliest)
    throw new AppError(
      'validation',
      `asOf：督办日期不能早于${chineseDate(earliest)}（已发布计划的第一个督办年度）`,
      'asOf',
    );
}

/** 1 January of the first year a published plan supervises; this year's when none is published. */
async function firstPlanDay(store: Store, today: string): Promise<string> {
  const row = await store.db
    .selectFrom('plans')
    .select((eb) => eb.fn.min('year').as('year'))
    .where('status', '=', 'published')
    .executeTakeFirst();
  const year =
    row?.year == null ? Number(today.slice(0, 4)) : Math.min(Number(row.year), Number(today.slice(0, 4)));
  return `${String(year).padStart(4, '0')}-01-01`;
}
