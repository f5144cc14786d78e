/**
 * What happens to one deliverable over the demo year, as dated steps through the real use cases:
 * handed in early or late, accepted, returned (and handed in again or not), left awaiting review,
 * drafted, extended, or never reported. The replay (replay-year.ts) plays the steps of all
 * deliverables in time order, between the daily escalation passes.
 *
 * Each choice is rolled from what the deliverable is (unit, task, period), not its random id, so
 * the same day gives the same demo on every machine.
 */
import { createHash } from 'node:crypto';
import type { SessionUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { approveExtension } from '../modules/extensions/approve-extension.ts';
import { requestExtension } from '../modules/extensions/request-extension.ts';
import { acceptReport } from '../modules/reports/accept-report.ts';
import { createReport } from '../modules/reports/create-report.ts';
import type { ReportView } from '../modules/reports/present.ts';
import { returnReport } from '../modules/reports/return-report.ts';
import type { Figure } from '../modules/reports/schemas.ts';
import { submitReport } from '../modules/reports/submit-report.ts';
import { noFiles } from '../modules/reports/upload.ts';

const NARRATIVES = [
  '已按要求完成本阶段工作，建立工作台账，明确专人负责，相关材料已归档备查。',
  '本单位召开专题会议研究部署，制定实施方案，目前各项措施正在有序推进。',
  '已完成年度目标任务的主要部分，剩余工作计划于下一阶段完成，并已明确时间节点。',
  '对照任务要求逐项自查，发现的问题已列出整改清单，正在按期整改。',
];

const RETURN_REASON = '佐证材料不全，请补充会议纪要和工作台账后重新报送。';
const EXTENSION_REASON = '涉及多个部门会签，需延长办理时间。';

/** Reports handed in longer ago than this have been reviewed; nearer ones may still wait. */
const REVIEWED_WITHIN_DAYS = 30;
/** Deliverables due within this many days of today are in the unit's hands now. */
const SOON_DAYS = 30;

/** A stable number in [0, 1) from a text. */
export function unit(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/** A moment on a day in Beijing (10:00 local), shifted by whole days and minutes. */
export function at(day: string, shiftDays = 0, minutes = 0): Date {
  const t = new Date(`${day}T02:00:00.000Z`);
  return new Date(t.getTime() + shiftDays * 86_400_000 + minutes * 60_000);
}

export type Step = {
  at: Date;
  act: (ctx: AppContext, at: Date) => Promise<void>;
  /** After this step the ladder of this due date runs again (a return, an extension granted). */
  ladder?: string;
};

/** A moment whole days after another. */
function later(t: Date, days: number): Date {
  return new Date(t.getTime() + days * 86_400_000);
}

export type StoryDeliverable = {
  id: string;
  orgId: string;
  taskNo: number;
  periodStart: string;
  dueDate: string;
};

export type Cast = {
  reporter: SessionUser;
  coordinator: SessionUser;
  /** The figures for the task's indicators (empty when it has none). */
  figures: (roll: number) => Figure[];
  today: string;
  now: Date;
  /** The demo's first day (the plan is published then): nothing is dated before it. */
  start: Date;
};

/** Counts what the story did, for the summary. */
export type Tally = { reports: number };

/** The dated steps of one deliverable's year. */
export function storyOf(d: StoryDeliverable, cast: Cast, tally: Tally): Step[] {
  const key = `${d.orgId}:${d.taskNo}:${d.periodStart}:${d.dueDate}`;
  const roll = unit(key);
  const spread = (salt: string, n: number) => Math.floor(unit(`${key}:${salt}`) * n);
  const s = new Script(cast, d, tally, {
    narrative: NARRATIVES[spread('n', NARRATIVES.length)]!,
    figures: cast.figures(unit(`${key}:f`)),
  });
  if (d.dueDate < cast.today) pastDue(s, d.dueDate, roll, spread, cast.today);
  else if (d.dueDate <= at(cast.today, SOON_DAYS).toISOString().slice(0, 10))
    dueSoon(s, d.dueDate, roll, spread, cast.now);
  return s.steps.filter((x) => x.at <= cast.now);
}

type Spread = (salt: string, n: number) => number;

/** Due before today: most handed in and accepted; some late, returned, waiting, or never reported. */
function pastDue(s: Script, due: string, roll: number, spread: Spread, today: string): void {
  if (roll < 0.55) {
    // On time: some before the 提醒 (3 working days ahead), some after it.
    const t = s.submit(at(due, -1 - spread('lead', 6)));
    s.accept(later(t, 1 + spread('lag', 3)));
  } else if (roll < 0.62) {
    const t = s.submit(at(due, -4));
    s.return(later(t, 2));
    s.resubmit(at(due, 1 + spread('lag', 3)));
    s.accept(at(due, 5));
  } else if (roll < 0.72) {
    // Late: after the 催办, some after the 督办单.
    s.submit(at(due, 2 + spread('late', 12)));
    s.accept(at(due, 16));
  } else if (roll < 0.8) {
    s.submit(at(due, -1));
    s.return(at(due, 2));
  } else if (roll < 0.86) {
    s.submit(at(due, -1));
    if (due < at(today, -REVIEWED_WITHIN_DAYS).toISOString().slice(0, 10)) s.accept(at(due, 3));
  }
  // The rest never reported: red, and the daily passes climb the whole ladder.
}

/**
 * Due within the month: drafts, hand-ins of the last three weeks (spread, so the coordinator's inbox
 * holds tens, not hundreds), returns not yet redone, extensions.
 */
function dueSoon(s: Script, due: string, roll: number, spread: Spread, now: Date): void {
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000 - 3_600_000);
  if (roll < 0.2) s.draft(daysAgo(spread('s', 7)));
  else if (roll < 0.35) s.submit(daysAgo(1 + spread('s', 21)));
  else if (roll < 0.47) {
    // Returned for rework and not yet handed in again: yellow.
    const t = s.submit(daysAgo(8 + spread('s', 10)));
    s.return(later(t, 2));
  } else if (roll < 0.53) {
    const t = s.requestExtension(daysAgo(2 + spread('s', 5)), at(due, 14).toISOString().slice(0, 10));
    if (roll < 0.5) s.approveExtension(later(t, 1));
  }
  // The rest are pending: yellow within the 临期 window, green before it.
}

/** Builds the steps; each step finds what earlier ones made (the report, the extension). */
class Script {
  readonly steps: Step[] = [];
  private report: ReportView | null = null;
  private extensionId: string | null = null;
  /** The due date the story works to (an extension moves it). */
  private dueDate: string;

  constructor(
    private readonly cast: Cast,
    private readonly d: StoryDeliverable,
    private readonly tally: Tally,
    private readonly content: { narrative: string; figures: Figure[] },
  ) {
    this.dueDate = d.dueDate;
  }

  /** Add a step no earlier than the demo's start; returns its moment. */
  private add(when: Date, act: Step['act'], ladder?: string): Date {
    const last = this.steps[this.steps.length - 1]?.at ?? this.cast.start;
    const t = new Date(Math.max(when.getTime(), last.getTime() + 60_000));
    this.steps.push({ at: t, act, ...(ladder ? { ladder } : {}) });
    return t;
  }

  private create(when: Date, submit: boolean): Date {
    return this.add(when, async (ctx, t) => {
      this.tally.reports++;
      const completion = submit ? 'done' : 'in-progress';
      const input = { ...this.content, completion, submit } as const;
      this.report = await createReport(ctx, this.cast.reporter, this.d.id, input, noFiles(), t);
    });
  }

  submit(when: Date): Date {
    return this.create(when, true);
  }

  draft(when: Date): Date {
    return this.create(when, false);
  }

  resubmit(when: Date): Date {
    return this.add(when, async (ctx, t) => {
      const r = this.report!;
      this.report = await submitReport(ctx, this.cast.reporter, r.id, { rowVersion: r.rowVersion }, t);
    });
  }

  accept(when: Date): Date {
    return this.add(when, async (ctx, t) => {
      const r = this.report!;
      const input = { rowVersion: r.rowVersion };
      this.report = await acceptReport(ctx, this.cast.coordinator, r.id, input, t);
    });
  }

  return(when: Date): Date {
    return this.add(
      when,
      async (ctx, t) => {
        const r = this.report!;
        const input = { rowVersion: r.rowVersion, reason: RETURN_REASON };
        this.report = await returnReport(ctx, this.cast.coordinator, r.id, input, t);
      },
      this.dueDate,
    );
  }

  requestExtension(when: Date, requestedDueDate: string): Date {
    this.dueDate = requestedDueDate;
    return this.add(when, async (ctx, t) => {
      const input = { requestedDueDate, reason: EXTENSION_REASON };
      this.extensionId = (await requestExtension(ctx, this.cast.reporter, this.d.id, input, t)).id;
    });
  }

  approveExtension(when: Date): Date {
    return this.add(
      when,
      async (ctx, t) => {
        await approveExtension(ctx, this.cast.coordinator, this.extensionId!, {}, t);
      },
      this.dueDate,
    );
  }
}
