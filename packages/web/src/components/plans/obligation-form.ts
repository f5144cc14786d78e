/**
 * The obligation correction form's values, both ways: an obligation of any kind as form values, the
 * form values as the obligation the server accepts (only the fields of its kind), and what the
 * obligation will give when the plan is published — the same rules as core's generateDeliverables.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type {
  MonthDay,
  Obligation,
  ObligationInput,
  ObligationKind,
  Period,
  TimeUnit,
} from '../../api/plans.ts';
import { PER_LABELS, TIME_UNIT_LABELS } from './labels.ts';

/** How a day of the month is given: a day, 月底, or 上旬 / 中旬 / 下旬. */
export type DayMode = 'day' | 'end' | 'early' | 'mid' | 'late';

/** One due day of a semiannual or quarterly schedule. */
export type DateRow = { month?: number; mode: 'day' | 'end'; day?: number | null };

export type ObligationValues = {
  kind: ObligationKind;
  raw: string;
  activity?: string;
  /** annual: the month; annual / monthly / quarterly (by period): the day. */
  month?: number;
  dayMode: DayMode;
  day?: number | null;
  /** semiannual / quarterly: given dates, the end of each period, or (quarterly) N days after it ends. */
  datesMode: 'dates' | 'period' | 'after';
  dates: DateRow[];
  date?: Dayjs | null;
  amount?: number;
  unit: TimeUnit;
  trigger?: string;
  direction: 'after' | 'before';
  fromDay?: number;
  toDay?: number;
  count?: number;
  per: Period;
  atLeast: boolean;
};

/** The most dates each kind may list (the server's limit). */
export const MAX_DATES: Partial<Record<ObligationKind, number>> = { semiannual: 2, quarterly: 4 };

/** Days of a month in a common year, February with 29 (a day the form accepts). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function maxDayOf(month: number | undefined): number {
  return month !== undefined && month >= 1 && month <= 12 ? MONTH_DAYS[month - 1]! : 31;
}

/** The last day of a month as the parser writes it for 月底 (February: 28). */
function endDay(month: number): number {
  return month === 2 ? 28 : maxDayOf(month);
}

function dayModeOf(o: Obligation): DayMode {
  if (o.approx) return o.approx;
  if (o.endOfMonth) return 'end';
  return 'day';
}

/** The form's values for an obligation (or for a new one: an annual date, raw prefilled). */
export function valuesOf(o: Obligation | null, raw = ''): ObligationValues {
  const base: ObligationValues = {
    kind: 'annual',
    raw,
    dayMode: 'day',
    datesMode: 'dates',
    dates: [{ mode: 'day' }],
    unit: 'day',
    direction: 'after',
    per: 'year',
    atLeast: false,
  };
  if (o === null) return base;
  const hasDates = o.dates !== undefined && o.dates.length > 0;
  return {
    ...base,
    kind: o.kind,
    raw: o.raw,
    activity: o.activity,
    month: o.month,
    dayMode: dayModeOf(o),
    day: o.endOfMonth || o.approx ? null : (o.day ?? null),
    datesMode:
      o.kind === 'quarterly' && o.direction === 'after' && o.amount
        ? 'after'
        : hasDates || (o.kind !== 'semiannual' && o.kind !== 'quarterly')
          ? 'dates'
          : 'period',
    dates: hasDates
      ? (o.dates ?? []).map((d) => (d.endOfMonth ? { month: d.month, mode: 'end' } : { ...d, mode: 'day' }))
      : base.dates,
    date: o.date ? dayjs(o.date) : null,
    amount: o.amount,
    unit: o.unit ?? 'day',
    trigger: o.trigger,
    direction: o.direction ?? 'after',
    fromDay: o.fromDay,
    toDay: o.toDay,
    count: o.count,
    per: o.per ?? 'year',
    atLeast: o.atLeast ?? false,
  };
}

/** A day of the month as the obligation fields the parser would give it. */
function dayFields(month: number | undefined, mode: DayMode, day: number | null | undefined) {
  switch (mode) {
    case 'end':
      return { day: month === undefined ? undefined : endDay(month), endOfMonth: true };
    case 'early':
      return { day: 10, approx: 'early' as const };
    case 'mid':
      return { day: 20, approx: 'mid' as const };
    case 'late':
      return { endOfMonth: true, approx: 'late' as const };
    case 'day':
      return { day: day ?? undefined };
  }
}

function text(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/**
 * The obligation the form describes, with only the fields of its kind (the server refuses any
 * other). The corrected value is certain (`confidence: 'high'`); it keeps its place in the text.
 */
export function obligationOf(v: ObligationValues, span?: Obligation['span']): ObligationInput {
  const common = {
    raw: v.raw.trim(),
    ...(span ? { span } : {}),
    confidence: 'high' as const,
    ...(text(v.activity) ? { activity: text(v.activity) } : {}),
  };
  switch (v.kind) {
    case 'annual':
      return { kind: 'annual', ...common, month: v.month, ...dayFields(v.month, v.dayMode, v.day) };
    case 'monthly':
      return { kind: 'monthly', ...common, ...dayFields(undefined, v.dayMode, v.day) };
    case 'semiannual':
    case 'quarterly': {
      if (v.datesMode === 'dates') {
        const dates = v.dates.map(
          (d): MonthDay =>
            d.mode === 'end'
              ? { month: d.month ?? 0, day: endDay(d.month ?? 1), endOfMonth: true }
              : { month: d.month ?? 0, day: d.day ?? 0 },
        );
        return { kind: v.kind, ...common, dates };
      }
      if (v.kind === 'quarterly' && v.datesMode === 'after')
        return {
          kind: 'quarterly',
          ...common,
          amount: v.amount,
          unit: v.unit,
          trigger: '季度结束',
          direction: 'after',
        };
      if (v.kind === 'semiannual') return { kind: 'semiannual', ...common, endOfMonth: true };
      return v.dayMode === 'day' && v.day
        ? { kind: 'quarterly', ...common, day: v.day }
        : { kind: 'quarterly', ...common, endOfMonth: true };
    }
    case 'once':
      return { kind: 'once', ...common, date: v.date?.format('YYYY-MM-DD') };
    case 'relative':
      return {
        kind: 'relative',
        ...common,
        amount: v.amount,
        unit: v.unit,
        ...(text(v.trigger) ? { trigger: text(v.trigger) } : {}),
        direction: v.direction,
      };
    case 'window':
      return { kind: 'window', ...common, fromDay: v.fromDay, toDay: v.toDay };
    case 'frequency':
      return { kind: 'frequency', ...common, count: v.count, per: v.per, atLeast: v.atLeast };
  }
}

const KIND_FIELDS: Record<ObligationKind, (keyof Obligation)[]> = {
  annual: ['month', 'day', 'endOfMonth', 'approx'],
  semiannual: ['dates', 'day', 'endOfMonth'],
  quarterly: ['dates', 'day', 'endOfMonth', 'amount', 'unit', 'trigger', 'direction'],
  monthly: ['day', 'endOfMonth', 'approx'],
  once: ['date', 'yearInferred'],
  relative: ['amount', 'unit', 'trigger', 'direction'],
  window: ['fromDay', 'toDay'],
  frequency: ['count', 'per', 'atLeast'],
};

/**
 * An obligation as read by the parser, sent back unchanged beside a corrected one: only the fields
 * the server accepts for its kind (the parser keeps extras, e.g. the trigger of 每季度结束后10日内).
 */
export function asSent(o: Obligation): ObligationInput {
  const out: Record<string, unknown> = { kind: o.kind, raw: o.raw, span: o.span, confidence: o.confidence };
  if (o.activity !== undefined) out.activity = o.activity;
  for (const k of KIND_FIELDS[o.kind]) if (o[k] !== undefined) out[k] = o[k];
  return out as ObligationInput;
}

// ——— what publishing makes of it ———

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day of `month` a due date falls on (core's dayIn: 月底 / 下旬 → last day, 上旬 → 10, 中旬 → 20). */
function dueDay(
  year: number,
  month: number,
  spec: { day?: number; endOfMonth?: boolean; approx?: Obligation['approx'] },
): number {
  const last = daysIn(year, month);
  if (spec.endOfMonth || spec.approx === 'late') return last;
  if (spec.approx === 'early') return Math.min(spec.day ?? 10, 10);
  if (spec.approx === 'mid') return Math.min(spec.day ?? 20, 20);
  return spec.day === undefined ? last : Math.min(spec.day, last);
}

const md = (month: number, day: number) => `${month}月${day}日`;

const FALLBACK = '；本项若没有其他有日期的时限，按默认报送周期生成报送事项';

/**
 * What publishing the plan for `year` makes of the obligation: the written due dates of its
 * deliverables (a due date on a rest day moves to the next working day), or why there are none.
 */
export function publishPreview(o: ObligationInput, year: number): { dated: boolean; text: string } {
  const dated = (days: string[]) => ({
    dated: true,
    text: `发布${year}年度时生成${days.length}次报送事项：${days.join('、')}前（遇周末、节假日顺延至下一个工作日）`,
  });
  switch (o.kind) {
    case 'annual':
      return o.month ? dated([md(o.month, dueDay(year, o.month, o))]) : { dated: false, text: '请填写月份' };
    case 'semiannual':
    case 'quarterly': {
      if (o.kind === 'quarterly' && o.direction === 'after') {
        if (!o.amount) return { dated: false, text: '请填写季度结束后的天数' };
        const unit = TIME_UNIT_LABELS[o.unit ?? 'day'];
        return {
          dated: true,
          text: `发布${year}年度时生成4次报送事项：每季度结束后${o.amount}${unit}内（第四季度的在${year + 1}年1月；遇周末、节假日顺延至下一个工作日）`,
        };
      }
      if (o.dates && o.dates.length > 0)
        return dated(
          [...o.dates]
            .sort((a, b) => a.month - b.month || a.day - b.day)
            .map((d) => md(d.month, dueDay(year, d.month, d))),
        );
      const months = o.kind === 'semiannual' ? [6, 12] : [3, 6, 9, 12];
      const spec = o.kind === 'semiannual' ? { endOfMonth: true } : o;
      return dated(months.map((m) => md(m, dueDay(year, m, spec))));
    }
    case 'monthly':
      return dated([
        `每月${o.endOfMonth || o.approx === 'late' ? '底' : `${dueDay(year, 1, o)}日`}（共12次）`,
      ]);
    case 'once': {
      if (!o.date) return { dated: false, text: '请选择完成日期' };
      if (Number(o.date.slice(0, 4)) !== year)
        return {
          dated: false,
          text: `完成日期不在${year}年度内，发布${year}年度时不为它生成报送事项${FALLBACK}`,
        };
      return dated([`${year}年${md(Number(o.date.slice(5, 7)), Number(o.date.slice(8, 10)))}`]);
    }
    case 'relative':
      return {
        dated: false,
        text: `按事件起算的期限没有固定日期，发布时不为它生成报送事项${FALLBACK}`,
      };
    case 'window':
      return { dated: false, text: `每月时段是常态要求，没有截止日期，发布时不为它生成报送事项${FALLBACK}` };
    case 'frequency': {
      if (o.per === 'year') return dated(['12月31日']);
      if (o.per === 'halfyear') return dated([md(6, 30), md(12, 31)]);
      if (o.per === 'quarter') return dated([3, 6, 9, 12].map((m) => md(m, daysIn(year, m))));
      if (o.per === 'month') return dated(['每月底（共12次）']);
      return {
        dated: false,
        text: `「${o.per ? PER_LABELS[o.per] : ''}」若干次没有固定截止日期，发布时不为它生成报送事项${FALLBACK}`,
      };
    }
  }
}
