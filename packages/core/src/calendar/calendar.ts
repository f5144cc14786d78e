/**
 * The working-day calendar (工作日): Monday to Friday, minus the days off declared by the State
 * Council holiday notice (放假), plus the weekend days it declares working days (调休上班).
 *
 * A year without data is not an error: its weekdays count as working days and its weekends as
 * rest days, and `missingYears` / `hasYear` let callers flag any result that relied on it
 * (`calendarMissing` on a deliverable).
 *
 * Periods follow 民法典 第二百零一条–第二百零三条: the starting day is not counted
 * (`addWorkingDays`, `workingDaysBetween`), a period in months ends on the same-numbered day or the
 * month's last day (`addMonths`), and a period whose last day is a rest day ends on the first
 * working day after it (`dueDateOf`).
 */
import {
  addDays,
  dayNumber,
  daysInMonth,
  formatDate,
  type IsoDate,
  maxDate,
  minDate,
  parseDate,
  weekday,
  yearOf,
} from './dates.ts';

/** The shape of `data/holidays-cn.json` (other fields are ignored). */
export type HolidayYear = { off_days: readonly string[]; makeup_workdays_all: readonly string[] };
export type HolidayData = { years: Readonly<Record<string, HolidayYear>> };

export type Calendar = {
  /** The years the calendar has official data for, ascending. */
  readonly years: readonly number[];
  /** True when the State Council notice of that year is in the data. */
  hasYear(year: number): boolean;
  /** Mon–Fri minus declared days off, plus 调休 makeup working days. */
  isWorkingDay(date: IsoDate): boolean;
  /**
   * The n-th working day after `date` (n > 0), before it (n < 0), the starting day not counted;
   * n = 0 returns `date` unchanged.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** Working days in (a, b] when a ≤ b; minus the working days in (b, a] when a > b. */
  workingDaysBetween(a: IsoDate, b: IsoDate): number;
  /** `date` itself when it is a working day, else the first working day after it. */
  nextWorkingDay(date: IsoDate): IsoDate;
  /** 民法典 第二百零二条: the same-numbered day n months later (or earlier), or that month's last day. */
  addMonths(date: IsoDate, n: number): IsoDate;
  /**
   * The deadline a written date really gives (民法典 第二百零三条): a date on any rest day —
   * a declared holiday or an ordinary Saturday/Sunday — moves to the next working day;
   * a 调休 Saturday stays.
   */
  dueDateOf(date: IsoDate): IsoDate;
  /**
   * Years between `from` and `to` (inclusive, either order; dates or years) without data.
   * A result computed from dates in that range relied on an assumed calendar when non-empty.
   */
  missingYears(from: IsoDate | number, to: IsoDate | number): number[];
};

/** Throws a RangeError naming the bad entry. */
function checkData(data: HolidayData): void {
  if (typeof data !== 'object' || data === null || typeof data.years !== 'object' || data.years === null) {
    throw new RangeError('节假日数据无效：缺少 years');
  }
  for (const [key, year] of Object.entries(data.years)) {
    if (!/^\d{4}$/.test(key)) throw new RangeError(`节假日数据无效：年份「${key}」`);
    for (const field of ['off_days', 'makeup_workdays_all'] as const) {
      const list = year[field];
      if (!Array.isArray(list)) throw new RangeError(`节假日数据无效：${key} 年缺少 ${field}`);
      for (const d of list) {
        if (typeof d !== 'string') throw new RangeError(`节假日数据无效：${key} 年 ${field} 含非日期值`);
        parseDate(d);
        if (d.slice(0, 4) !== key) throw new RangeError(`节假日数据无效：${d} 不属于 ${key} 年`);
      }
    }
  }
}

export function addMonthsTo(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`月数应为整数：${n}`);
  const { year, month, day } = parseDate(date);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatDate(y, m, Math.min(day, daysInMonth(y, m)));
}

function toYear(value: IsoDate | number): number {
  return typeof value === 'number' ? value : yearOf(value);
}

export function createCalendar(data: HolidayData): Calendar {
  checkData(data);
  const off = new Set<string>();
  const makeup = new Set<string>();
  const years = new Set<number>();
  for (const [key, year] of Object.entries(data.years)) {
    years.add(Number(key));
    for (const d of year.off_days) off.add(d);
    for (const d of year.makeup_workdays_all) makeup.add(d);
  }
  const yearList = [...years].sort((a, b) => a - b);

  const isWorkingDay = (date: IsoDate): boolean => {
    if (makeup.has(date)) return true;
    if (off.has(date)) return false;
    return weekday(date) <= 5;
  };

  const addWorkingDays = (date: IsoDate, n: number): IsoDate => {
    if (!Number.isInteger(n)) throw new RangeError(`工作日数应为整数：${n}`);
    parseDate(date);
    const step = n >= 0 ? 1 : -1;
    let left = Math.abs(n);
    let d = date;
    while (left > 0) {
      d = addDays(d, step);
      if (isWorkingDay(d)) left--;
    }
    return d;
  };

  const countIn = (from: IsoDate, to: IsoDate): number => {
    // working days in (from, to], from <= to
    let count = 0;
    const end = dayNumber(to);
    let d = from;
    for (let n = dayNumber(from); n < end; n++) {
      d = addDays(d, 1);
      if (isWorkingDay(d)) count++;
    }
    return count;
  };

  const nextWorkingDay = (date: IsoDate): IsoDate => {
    let d = date;
    parseDate(d);
    while (!isWorkingDay(d)) d = addDays(d, 1);
    return d;
  };

  return {
    years: yearList,
    hasYear: (year) => years.has(year),
    isWorkingDay: (date) => {
      parseDate(date);
      return isWorkingDay(date);
    },
    addWorkingDays,
    // `0 - n`, not `-n`: an empty reversed range is 0, never -0.
    workingDaysBetween: (a, b) => (a <= b ? countIn(a, b) : 0 - countIn(b, a)),
    nextWorkingDay,
    addMonths: addMonthsTo,
    dueDateOf: nextWorkingDay,
    missingYears: (from, to) => {
      const a = toYear(from);
      const b = toYear(to);
      const out: number[] = [];
      for (let y = Math.min(a, b); y <= Math.max(a, b); y++) if (!years.has(y)) out.push(y);
      return out;
    },
  };
}

/** Years without data among the days a computation looked at (from `a` to `b`, either order). */
export function missingBetween(calendar: Calendar, a: IsoDate, b: IsoDate): boolean {
  return calendar.missingYears(minDate(a, b), maxDate(a, b)).length > 0;
}
