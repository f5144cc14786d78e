import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, daysInMonth, fromDayNumber, parseDate } from '../../src/calendar/dates.ts';
import { defaultCalendar } from '../../src/calendar/default-calendar.ts';

const cal = defaultCalendar();
const START = dayNumber('2023-06-01');
const END = dayNumber('2027-06-30');
/** Dates from mid-2023 to mid-2027: the data years and both sides without data. */
const dateArb = fc.integer({ min: START, max: END }).map(fromDayNumber);

describe('calendar properties', () => {
  it('addWorkingDays(d, n) then workingDaysBetween gives n (n >= 0, any day)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 300 }), (d, n) => {
        const e = cal.addWorkingDays(d, n);
        expect(cal.workingDaysBetween(d, e)).toBe(n);
        expect(cal.workingDaysBetween(e, d)).toBe(0 - n);
      }),
    );
  });

  it('addWorkingDays(d, n) then workingDaysBetween gives n (n < 0, from a working day)', () => {
    // From a rest day, n = −1 is the last working day before it and (e, d] holds no working day:
    // the interval (a, b] counts the end day, so the identity needs a working starting day.
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -300, max: -1 }), (d, n) => {
        const w = cal.nextWorkingDay(d);
        const e = cal.addWorkingDays(w, n);
        expect(cal.workingDaysBetween(w, e)).toBe(n);
        expect(cal.workingDaysBetween(e, w)).toBe(-n);
      }),
    );
  });

  it('addWorkingDays lands on a working day and moves in the direction of n', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: -60, max: 60 }).filter((n) => n !== 0),
        (d, n) => {
          const e = cal.addWorkingDays(d, n);
          expect(cal.isWorkingDay(e)).toBe(true);
          expect(n > 0 ? e > d : e < d).toBe(true);
        },
      ),
    );
  });

  it('adding working days composes', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (d, a, b) => {
        const w = cal.nextWorkingDay(d);
        expect(cal.addWorkingDays(cal.addWorkingDays(w, a), b)).toBe(cal.addWorkingDays(w, a + b));
      }),
    );
  });

  it('dueDateOf is the first working day on or after the date, and idempotent', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const due = cal.dueDateOf(d);
        expect(due >= d).toBe(true);
        expect(cal.isWorkingDay(due)).toBe(true);
        for (let x = d; x < due; x = addDays(x, 1)) expect(cal.isWorkingDay(x)).toBe(false);
        expect(cal.dueDateOf(due)).toBe(due);
      }),
    );
  });

  it('workingDaysBetween is additive', () => {
    fc.assert(
      fc.property(dateArb, dateArb, dateArb, (a, b, c) => {
        expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, c)).toBe(
          cal.workingDaysBetween(a, c),
        );
      }),
      // Found by a random run: an empty reversed range once gave -0.
      { numRuns: 50, examples: [['2023-06-10', '2023-06-01', '2023-06-09']] },
    );
  });

  it('addMonths keeps the day or clamps to the month end, and day numbers round-trip', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -36, max: 36 }), (d, n) => {
        expect(fromDayNumber(dayNumber(d))).toBe(d);
        const from = parseDate(d);
        const to = parseDate(cal.addMonths(d, n));
        expect((to.year - from.year) * 12 + to.month - from.month).toBe(n);
        expect(to.day).toBe(Math.min(from.day, daysInMonth(to.year, to.month)));
      }),
    );
  });
});
