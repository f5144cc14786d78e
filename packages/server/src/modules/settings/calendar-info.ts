/**
 * Which years the working-day calendar has official State Council holiday data for, and what each
 * year's notice changes: weekdays declared off (放假) and weekend days declared working (调休上班).
 * The current and next Beijing year without data are named, so the coordinator can see deadlines
 * there rest on plain Monday–Friday.
 */
import { addDays, type Calendar, defaultCalendar, formatDate, weekday } from '@luoshi/core';
import { shanghaiDay } from '../../clock.ts';

export type CalendarYear = {
  year: number;
  /** Monday–Friday days the notice declares rest days. */
  weekdaysOff: number;
  /** Saturdays and Sundays the notice declares working days (调休上班). */
  makeupWorkdays: number;
  /** Working days in the year after both. */
  workingDays: number;
};

export type CalendarInfo = {
  years: CalendarYear[];
  today: string;
  /** The current and next year, each with whether the calendar has its data. */
  upcoming: { year: number; hasData: boolean }[];
};

function yearCounts(calendar: Calendar, year: number): CalendarYear {
  let weekdaysOff = 0;
  let makeupWorkdays = 0;
  let workingDays = 0;
  const last = formatDate(year, 12, 31);
  for (let d = formatDate(year, 1, 1); ; d = addDays(d, 1)) {
    const working = calendar.isWorkingDay(d);
    const weekend = weekday(d) > 5;
    if (working) workingDays++;
    if (!working && !weekend) weekdaysOff++;
    if (working && weekend) makeupWorkdays++;
    if (d === last) break;
  }
  return { year, weekdaysOff, makeupWorkdays, workingDays };
}

export function calendarInfo(now: Date, calendar: Calendar = defaultCalendar()): CalendarInfo {
  const today = shanghaiDay(now);
  const year = Number(today.slice(0, 4));
  return {
    years: calendar.years.map((y) => yearCounts(calendar, y)),
    today,
    upcoming: [year, year + 1].map((y) => ({ year: y, hasData: calendar.hasYear(y) })),
  };
}
