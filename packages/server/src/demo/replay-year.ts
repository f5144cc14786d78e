/**
 * The demo's year, replayed day by day: the steps of every deliverable (hand-ins, reviews,
 * extensions) in time order, and each morning the escalation pass as the schedule would run it,
 * as of that day and with the clock at that morning. So each 提醒, 催办 and 督办单 is issued on the
 * day the ladder says and stamped with it, and nothing is urged that was handed in in time.
 *
 * A pass runs on each day a step of some ladder falls due, and the day after a step that sets a
 * ladder running again (a return, an extension): on other days a pass would issue nothing, and
 * skipping them keeps the demo quick to load.
 */
import { addDays, ESCALATION_LEVELS, escalationSchedule } from '@luoshi/core';
import { fixedClock, shanghaiDay } from '../clock.ts';
import type { AppContext } from '../context.ts';
import { escalationRules } from '../modules/escalation/escalation-scan.ts';
import { type EscalationCounts, noCounts, runEscalation } from '../modules/escalation/run-escalation.ts';
import type { Step } from './demo-story.ts';

/** The pass runs at 08:30 in Beijing, before the day's work. */
const PASS_UTC = 'T00:30:00.000Z';

/** Play the steps from the first day to now, with the morning passes; returns what the passes issued. */
export async function replayYear(
  ctx: AppContext,
  steps: readonly Step[],
  dueDates: readonly string[],
  now: Date,
): Promise<EscalationCounts> {
  const clock = fixedClock(now.toISOString());
  const at = { ...ctx, clock };
  const queue = [...steps].sort((a, b) => a.at.getTime() - b.at.getTime());
  let next = 0;
  const playUntil = async (moment: Date) => {
    for (; next < queue.length && queue[next]!.at <= moment; next++) {
      const step = queue[next]!;
      clock.set(step.at.toISOString());
      await step.act(at, step.at);
    }
  };
  const issued = noCounts();
  for (const day of await passDays(ctx, queue, dueDates, shanghaiDay(now))) {
    const morning = new Date(`${day}${PASS_UTC}`);
    if (morning > now) break;
    await playUntil(morning);
    clock.set(morning.toISOString());
    const r = await runEscalation(at, shanghaiDay(morning));
    for (const level of ESCALATION_LEVELS) issued[level] += r.created[level];
  }
  await playUntil(now);
  return issued;
}

/** The days a pass may issue something, up to today (and today, as the schedule runs it), in order. */
async function passDays(
  ctx: AppContext,
  steps: readonly Step[],
  dueDates: readonly string[],
  today: string,
): Promise<string[]> {
  const { settings, calendar } = await escalationRules(ctx.store);
  const days = new Set<string>([today]);
  const ladder = (dueDate: string, from: string) => {
    for (const s of escalationSchedule({ dueDate }, settings, calendar))
      if (s.dueFrom >= from) days.add(s.dueFrom);
  };
  for (const due of new Set(dueDates)) ladder(due, '');
  for (const s of steps) {
    if (!s.ladder) continue;
    const next = addDays(shanghaiDay(s.at), 1);
    days.add(next);
    ladder(s.ladder, next);
  }
  return [...days].filter((d) => d <= today).sort();
}
