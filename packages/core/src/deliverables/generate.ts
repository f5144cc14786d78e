/**
 * Deliverables (报送事项): each (task × responsible unit × period) a task's obligations imply in a
 * year, with its due date on the working-day calendar. Tasks whose text schedules nothing in the
 * year are reported on the coordinator's default cadence.
 */
import { type Calendar, missingBetween } from '../calendar/calendar.ts';
import {
  addDays,
  daysInMonth,
  formatDate,
  type IsoDate,
  isIsoDate,
  lastDayOfMonth,
  maxDate,
} from '../calendar/dates.ts';
import type { Cadence, SupervisionSettings } from '../settings.ts';
import type { MonthDay, Obligation, Task, TimeUnit, UnitRole } from '../types.ts';

export type DeliverableSpec = {
  /** Stable: `${task}:${orgId}:${period}`. */
  key: string;
  task: number;
  orgId: string;
  role: UnitRole;
  /** '2025', '2025-H1', '2025-Q3', '2025-07', '2025-once-1'; a second deliverable of the same task in the same period gets '.2' ('2025.2'). */
  period: string;
  periodStart: IsoDate;
  dueDate: IsoDate;
  source: 'obligation' | 'cadence';
  obligationIndex: number | null;
  /** Chinese, e.g. '2025年第三季度进展报告', '每年3月1日前：报告上一年度法治政府建设情况'. */
  title: string;
  /** The due date was computed over days of a year the calendar has no official data for. */
  calendarMissing: boolean;
  /** For a co unit's input: the key of the lead deliverable it feeds. */
  leadKey: string | null;
};

export type DeliverableWarning = { task: number; message: string };

export type GenerateInput = {
  tasks: readonly Task[];
  year: number;
  settings: SupervisionSettings;
  calendar: Calendar;
  /** The notice's date: deliverables due before it (and cadence periods ended before it) are not generated. */
  issuedAt?: string | null;
};

export type GenerateResult = { deliverables: DeliverableSpec[]; warnings: DeliverableWarning[] };

/** One reporting occasion of a task: every unit of the task gets a deliverable for it. */
type Slot = {
  period: string;
  periodStart: IsoDate;
  /** The date as the text gives it (before moving off rest days). */
  written: IsoDate;
  due: IsoDate;
  calendarMissing: boolean;
  source: 'obligation' | 'cadence';
  obligationIndex: number | null;
  title: string;
};

const ROLE_STRENGTH: Record<UnitRole, number> = { lead: 3, each: 2, co: 1 };
const QUARTER_NAMES = ['一', '二', '三', '四'] as const;
const DEFAULT_ACTIVITY = '报送落实情况';

function quarterOf(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

function quarterStart(year: number, q: number): IsoDate {
  return formatDate(year, (q - 1) * 3 + 1, 1);
}

function halfStart(year: number, h: number): IsoDate {
  return formatDate(year, h === 1 ? 1 : 7, 1);
}

function yearStart(year: number): IsoDate {
  return formatDate(year, 1, 1);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The day of `month` an obligation means: 月底 / 下旬 → the real last day; 月初 → 10; 中旬 → 20. */
function dayIn(
  year: number,
  month: number,
  spec: { day?: number; endOfMonth?: boolean; approx?: Obligation['approx'] },
): number {
  const last = daysInMonth(year, month);
  if (spec.endOfMonth || spec.approx === 'late') return last;
  if (spec.approx === 'early') return Math.min(spec.day ?? 10, 10);
  if (spec.approx === 'mid') return Math.min(spec.day ?? 20, 20);
  if (spec.day === undefined) return last;
  return Math.min(spec.day, last);
}

/** '3月1日前', '11月底前', '8月初', '8月中旬', '8月下旬'. */
function monthDayPhrase(
  month: number,
  spec: { day?: number; endOfMonth?: boolean; approx?: Obligation['approx'] },
): string {
  if (spec.approx === 'early') return `${month}月初`;
  if (spec.approx === 'mid') return `${month}月中旬`;
  if (spec.approx === 'late') return `${month}月下旬`;
  if (spec.endOfMonth || spec.day === undefined) return `${month}月底前`;
  return `${month}月${spec.day}日前`;
}

function activityOf(ob: Obligation): string {
  const a = ob.activity?.trim();
  return a !== undefined && a !== '' ? a : DEFAULT_ACTIVITY;
}

function validMonth(m: unknown): m is number {
  return typeof m === 'number' && Number.isInteger(m) && m >= 1 && m <= 12;
}

function validDay(d: unknown): boolean {
  return d === undefined || (typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= 31);
}

type Draft = Omit<Slot, 'due' | 'calendarMissing'> & {
  /** Due this long after `written` (每季度结束后10个工作日内), counted on the calendar. */
  after?: { amount: number; unit: TimeUnit };
};
type Problem = string;

/** A periodic duty counted from the end of each period: 每季度结束后10日内 (amount, unit, after). */
function countsAfterPeriodEnd(ob: Obligation): ob is Obligation & { amount: number; unit: TimeUnit } {
  return (
    ob.direction === 'after' &&
    typeof ob.amount === 'number' &&
    Number.isInteger(ob.amount) &&
    ob.amount >= 1 &&
    ob.unit !== undefined
  );
}

/** `date` moved on by an amount of calendar days, working days or months. */
function offsetBy(calendar: Calendar, date: IsoDate, by: { amount: number; unit: TimeUnit }): IsoDate {
  if (by.unit === 'workday') return calendar.addWorkingDays(date, by.amount);
  if (by.unit === 'month') return calendar.addMonths(date, by.amount);
  return addDays(date, by.amount);
}

/** The slots one obligation gives in `year` (none for relative and window obligations). */
function obligationSlots(
  ob: Obligation,
  index: number,
  onceOrdinal: number,
  year: number,
): { drafts: Draft[]; problems: Problem[] } {
  const drafts: Draft[] = [];
  const problems: Problem[] = [];
  const activity = activityOf(ob);
  const base = { source: 'obligation' as const, obligationIndex: index };
  const dated = (
    md: MonthDay | { month: number; day?: number; endOfMonth?: boolean; approx?: Obligation['approx'] },
  ) => formatDate(year, md.month, dayIn(year, md.month, md));

  switch (ob.kind) {
    case 'annual': {
      if (!validMonth(ob.month) || !validDay(ob.day)) {
        problems.push(`「${ob.raw}」的日期无法确定，未生成报送事项`);
        break;
      }
      const spec = { month: ob.month, day: ob.day, endOfMonth: ob.endOfMonth, approx: ob.approx };
      drafts.push({
        ...base,
        period: String(year),
        periodStart: yearStart(year),
        written: dated(spec),
        title: `每年${monthDayPhrase(ob.month, spec)}：${activity}`,
      });
      break;
    }
    case 'semiannual':
    case 'quarterly': {
      if (ob.kind === 'quarterly' && countsAfterPeriodEnd(ob)) {
        // 每季度结束后N(工作)日内: the report on each quarter of `year`, due N days after it ends
        // (the fourth quarter's falls in January of the next year).
        for (const q of [1, 2, 3, 4]) {
          drafts.push({
            ...base,
            period: `${year}-Q${q}`,
            periodStart: quarterStart(year, q),
            written: lastDayOfMonth(year, q * 3),
            after: { amount: ob.amount, unit: ob.unit },
            title: `${year}年第${QUARTER_NAMES[q - 1]}季度：${activity}`,
          });
        }
        break;
      }
      const explicit = ob.dates !== undefined && ob.dates.length > 0;
      if (explicit) {
        const dates = [...(ob.dates ?? [])].sort((a, b) => a.month - b.month || a.day - b.day);
        for (const md of dates) {
          if (!validMonth(md.month) || !validDay(md.day)) {
            problems.push(`「${ob.raw}」含无效日期 ${md.month}月${md.day}日，已跳过`);
            continue;
          }
          const half = md.month <= 6 ? 1 : 2;
          const q = quarterOf(md.month);
          drafts.push({
            ...base,
            period: ob.kind === 'semiannual' ? `${year}-H${half}` : `${year}-Q${q}`,
            periodStart: ob.kind === 'semiannual' ? halfStart(year, half) : quarterStart(year, q),
            written: dated(md),
            title: `每年${monthDayPhrase(md.month, md)}：${activity}`,
          });
        }
      } else if (ob.kind === 'semiannual') {
        for (const half of [1, 2]) {
          const month = half === 1 ? 6 : 12;
          drafts.push({
            ...base,
            period: `${year}-H${half}`,
            periodStart: halfStart(year, half),
            written: lastDayOfMonth(year, month),
            title: `${year}年${half === 1 ? '上' : '下'}半年：${activity}`,
          });
        }
      } else {
        for (const q of [1, 2, 3, 4]) {
          const lastMonth = q * 3;
          drafts.push({
            ...base,
            period: `${year}-Q${q}`,
            periodStart: quarterStart(year, q),
            written: formatDate(
              year,
              lastMonth,
              dayIn(year, lastMonth, { day: ob.day, endOfMonth: ob.endOfMonth }),
            ),
            title: `${year}年第${QUARTER_NAMES[q - 1]}季度：${activity}`,
          });
        }
      }
      break;
    }
    case 'monthly': {
      if (!validDay(ob.day)) {
        problems.push(`「${ob.raw}」的日期无法确定，未生成报送事项`);
        break;
      }
      for (let month = 1; month <= 12; month++) {
        drafts.push({
          ...base,
          period: `${year}-${pad2(month)}`,
          periodStart: formatDate(year, month, 1),
          written: formatDate(year, month, dayIn(year, month, ob)),
          title: `${year}年${month}月：${activity}`,
        });
      }
      break;
    }
    case 'once': {
      if (ob.date === undefined || !isIsoDate(ob.date)) {
        problems.push(`「${ob.raw}」的日期无法确定，未生成报送事项`);
        break;
      }
      if (Number(ob.date.slice(0, 4)) !== year) break;
      const [, m, d] = ob.date.split('-').map(Number) as [number, number, number];
      drafts.push({
        ...base,
        period: `${year}-once-${onceOrdinal}`,
        periodStart: yearStart(year),
        written: ob.date,
        title: `${year}年${m}月${d}日前：${activity}`,
      });
      break;
    }
    case 'frequency': {
      const times = `${ob.atLeast ? '至少' : ''}${ob.count ?? 1}次`;
      const what = `${activity}${times}`;
      if (ob.per === 'year') {
        drafts.push({
          ...base,
          period: String(year),
          periodStart: yearStart(year),
          written: formatDate(year, 12, 31),
          title: `${year}年度：${what}`,
        });
      } else if (ob.per === 'halfyear') {
        for (const half of [1, 2]) {
          drafts.push({
            ...base,
            period: `${year}-H${half}`,
            periodStart: halfStart(year, half),
            written: lastDayOfMonth(year, half === 1 ? 6 : 12),
            title: `${year}年${half === 1 ? '上' : '下'}半年：${what}`,
          });
        }
      } else if (ob.per === 'quarter') {
        for (const q of [1, 2, 3, 4]) {
          drafts.push({
            ...base,
            period: `${year}-Q${q}`,
            periodStart: quarterStart(year, q),
            written: lastDayOfMonth(year, q * 3),
            title: `${year}年第${QUARTER_NAMES[q - 1]}季度：${what}`,
          });
        }
      } else if (ob.per === 'month') {
        for (let month = 1; month <= 12; month++) {
          drafts.push({
            ...base,
            period: `${year}-${pad2(month)}`,
            periodStart: formatDate(year, month, 1),
            written: lastDayOfMonth(year, month),
            title: `${year}年${month}月：${what}`,
          });
        }
      }
      // per week / per term: no scheduled deliverable (the task falls back to the cadence).
      break;
    }
    case 'relative':
    case 'window':
      // Event-triggered (relative) and standing rules (window) schedule nothing by themselves.
      break;
  }
  return { drafts, problems };
}

/** Quarter / month / half / year of the default cadence: due `offset` working days after the period ends. */
function cadenceDrafts(cadence: Cadence, year: number): (Draft & { periodEnd: IsoDate })[] {
  const source = 'cadence' as const;
  const base = { source, obligationIndex: null };
  switch (cadence) {
    case 'monthly':
      return Array.from({ length: 12 }, (_, i) => {
        const month = i + 1;
        const end = lastDayOfMonth(year, month);
        return {
          ...base,
          period: `${year}-${pad2(month)}`,
          periodStart: formatDate(year, month, 1),
          periodEnd: end,
          written: end,
          title: `${year}年${month}月进展报告`,
        };
      });
    case 'quarterly':
      return [1, 2, 3, 4].map((q) => {
        const end = lastDayOfMonth(year, q * 3);
        return {
          ...base,
          period: `${year}-Q${q}`,
          periodStart: quarterStart(year, q),
          periodEnd: end,
          written: end,
          title: `${year}年第${QUARTER_NAMES[q - 1]}季度进展报告`,
        };
      });
    case 'semiannual':
      return [1, 2].map((half) => {
        const end = lastDayOfMonth(year, half === 1 ? 6 : 12);
        return {
          ...base,
          period: `${year}-H${half}`,
          periodStart: halfStart(year, half),
          periodEnd: end,
          written: end,
          title: `${year}年${half === 1 ? '上' : '下'}半年进展报告`,
        };
      });
    case 'annual': {
      const end = formatDate(year, 12, 31);
      return [
        {
          ...base,
          period: String(year),
          periodStart: yearStart(year),
          periodEnd: end,
          written: end,
          title: `${year}年度进展报告`,
        },
      ];
    }
  }
}

/** Makes periods unique within a task: the second '2025' becomes '2025.2', the third '2025.3'. */
function uniquePeriods<T extends { period: string }>(slots: T[]): T[] {
  const seen = new Map<string, number>();
  return slots.map((s) => {
    const n = (seen.get(s.period) ?? 0) + 1;
    seen.set(s.period, n);
    return n === 1 ? s : { ...s, period: `${s.period}.${n}` };
  });
}

/** Every org of a task with its strongest role (lead > each > co), in the order first named. */
export function taskOrgs(task: Task): { orgs: { orgId: string; role: UnitRole }[]; unmatched: string[] } {
  const roles = new Map<string, UnitRole>();
  const unmatched: string[] = [];
  for (const unit of task.units) {
    if (unit.orgIds.length === 0) unmatched.push(unit.raw);
    for (const orgId of unit.orgIds) {
      const had = roles.get(orgId);
      if (had === undefined || ROLE_STRENGTH[unit.role] > ROLE_STRENGTH[had]) roles.set(orgId, unit.role);
    }
  }
  return { orgs: [...roles].map(([orgId, role]) => ({ orgId, role })), unmatched };
}

/** The reporting occasions of one task in `year`, in order, before any unit is attached. */
function taskSlots(
  task: Task,
  year: number,
  settings: SupervisionSettings,
  calendar: Calendar,
  issuedAt: IsoDate | null,
  warn: (message: string) => void,
): Slot[] {
  const drafts: Draft[] = [];
  let onceOrdinal = 0;
  task.obligations.forEach((ob, index) => {
    if (ob.kind === 'once') onceOrdinal++;
    const { drafts: got, problems } = obligationSlots(ob, index, onceOrdinal, year);
    drafts.push(...got);
    for (const p of problems) warn(p);
  });

  let slots: Slot[];
  if (drafts.length > 0) {
    slots = drafts.map(({ after, ...d }) => {
      const due = calendar.dueDateOf(after === undefined ? d.written : offsetBy(calendar, d.written, after));
      return { ...d, due, calendarMissing: missingBetween(calendar, d.written, due) };
    });
    if (issuedAt !== null) {
      const early = slots.filter((s) => s.due < issuedAt);
      if (early.length > 0) {
        const list = early.map((s) => s.due).join('、');
        warn(`${early.length}项报送时限(${list})早于通知印发日期 ${issuedAt}，未生成`);
        slots = slots.filter((s) => s.due >= issuedAt);
      }
    }
  } else {
    slots = cadenceDrafts(settings.defaultCadence, year)
      .filter((d) => issuedAt === null || d.periodEnd >= issuedAt)
      .map(({ periodEnd, ...d }) => {
        const due = calendar.dueDateOf(calendar.addWorkingDays(periodEnd, settings.cadenceDueOffsetWorkdays));
        return { ...d, due, calendarMissing: missingBetween(calendar, periodEnd, due) };
      });
  }
  if (issuedAt !== null) {
    slots = slots.map((s) =>
      s.periodStart < issuedAt && s.due >= issuedAt
        ? { ...s, periodStart: maxDate(s.periodStart, issuedAt) }
        : s,
    );
  }
  return uniquePeriods(slots);
}

/**
 * The deliverables of `year`. Rules:
 * - every organization of a task's units gets one deliverable per reporting occasion; an org named
 *   twice keeps its strongest role (lead > each > co);
 * - annual obligations give one occasion on their day (月底 → the real last day, 月初 → day 10);
 *   semiannual / quarterly ones one per date; monthly ones twelve; a one-off deadline one if it
 *   falls in `year`; a frequency per year one at year end (per half-year / quarter / month: one
 *   at the end of each); relative (event-triggered) and window obligations none;
 * - a task whose obligations give nothing in `year` is reported on `settings.defaultCadence`,
 *   due `cadenceDueOffsetWorkdays` working days after each period ends;
 * - every due date goes through `calendar.dueDateOf` (a rest day moves to the next working day);
 * - co units hand their input to the (first) lead `coInputLeadWorkdays` working days before the
 *   lead's due date (`leadKey` names it); without a lead they report on the lead's date;
 * - an incomplete task, or one without any resolved unit, gives a warning and no deliverables;
 *   unit phrases that match no organization give a warning.
 */
export function generateDeliverables(input: GenerateInput): GenerateResult {
  const { year, settings, calendar } = input;
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`年份无效：${year}`);
  const issuedAt = input.issuedAt != null && isIsoDate(input.issuedAt) ? input.issuedAt : null;
  const deliverables: DeliverableSpec[] = [];
  const warnings: DeliverableWarning[] = [];

  for (const task of [...input.tasks].sort((a, b) => a.no - b.no)) {
    const warn = (message: string) => warnings.push({ task: task.no, message });
    if (task.incomplete) {
      warn(`任务${task.no}不完整(原文被截断或缺少内容)，请先补全，未生成报送事项`);
      continue;
    }
    const { orgs, unmatched } = taskOrgs(task);
    for (const raw of unmatched) warn(`责任单位「${raw}」未对应到单位目录，请人工确认`);
    if (orgs.length === 0) {
      warn(`任务${task.no}没有可落实的责任单位，未生成报送事项`);
      continue;
    }
    const slots = taskSlots(task, year, settings, calendar, issuedAt, warn);
    const leads = orgs.filter((o) => o.role === 'lead');
    for (const slot of slots) {
      const leadKey = leads.length > 0 ? `${task.no}:${leads[0]!.orgId}:${slot.period}` : null;
      let coDue = slot.due;
      let coMissing = slot.calendarMissing;
      if (leadKey !== null && settings.coInputLeadWorkdays > 0) {
        coDue = calendar.dueDateOf(calendar.addWorkingDays(slot.due, -settings.coInputLeadWorkdays));
        if (issuedAt !== null && coDue < issuedAt) coDue = calendar.dueDateOf(issuedAt);
        coMissing = coMissing || missingBetween(calendar, coDue, slot.due);
      }
      for (const { orgId, role } of orgs) {
        const co = role === 'co';
        deliverables.push({
          key: `${task.no}:${orgId}:${slot.period}`,
          task: task.no,
          orgId,
          role,
          period: slot.period,
          periodStart: slot.periodStart,
          dueDate: co ? coDue : slot.due,
          source: slot.source,
          obligationIndex: slot.obligationIndex,
          title: co && leadKey !== null ? `${slot.title}（配合单位向牵头单位报送）` : slot.title,
          calendarMissing: co ? coMissing : slot.calendarMissing,
          leadKey: co ? leadKey : null,
        });
      }
    }
  }
  return { deliverables, warnings };
}
