import { describe, expect, it } from 'vitest';
import { addMonthsTo, createCalendar } from '../../src/calendar/calendar.ts';
import { addDays, dayNumber, fromDayNumber, parseDate, weekday } from '../../src/calendar/dates.ts';
import { defaultCalendar } from '../../src/calendar/default-calendar.ts';

const cal = defaultCalendar();

function workingDaysIn(year: number): number {
  return cal.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`);
}

describe('dates', () => {
  it('knows weekdays', () => {
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('2025-03-01')).toBe(6);
    expect(weekday('2025-03-03')).toBe(1);
    expect(weekday('2024-02-04')).toBe(7);
  });

  it('round-trips day numbers', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(dayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('rejects dates that do not exist', () => {
    expect(() => parseDate('2025-02-29')).toThrow(RangeError);
    expect(() => parseDate('2025-2-1')).toThrow(/YYYY-MM-DD/);
    expect(() => cal.isWorkingDay('2025-13-01')).toThrow(RangeError);
  });
});

describe('working days 2024–2026 (State Council notices)', () => {
  it('has data for 2024–2026 only', () => {
    expect(cal.years).toEqual([2024, 2025, 2026]);
    expect(cal.hasYear(2025)).toBe(true);
    expect(cal.hasYear(2027)).toBe(false);
  });

  it('counts 调休 Sundays as working days (2024 Spring Festival)', () => {
    expect(cal.isWorkingDay('2024-02-04')).toBe(true);
    expect(cal.isWorkingDay('2024-02-18')).toBe(true);
    expect(cal.isWorkingDay('2024-02-09')).toBe(true); // 除夕 2024 is only 鼓励休息
    for (let d = '2024-02-10'; d <= '2024-02-17'; d = addDays(d, 1)) expect(cal.isWorkingDay(d)).toBe(false);
  });

  it('knows 2025 国庆 and 中秋 (10-01 to 10-08) and its makeup days', () => {
    for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1)) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2025-09-28')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
    expect(cal.isWorkingDay('2025-10-09')).toBe(true);
    expect(cal.isWorkingDay('2025-10-12')).toBe(false);
  });

  it('knows 2026 Spring Festival (02-15 to 02-23, 02-14 and 02-28 worked)', () => {
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.isWorkingDay('2026-02-23')).toBe(false);
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
  });

  it('ordinary weekends are rest days, 2024 元旦 weekend stays ordinary', () => {
    expect(cal.isWorkingDay('2025-03-01')).toBe(false);
    expect(cal.isWorkingDay('2023-12-30')).toBe(false);
    expect(cal.isWorkingDay('2024-01-01')).toBe(false);
    expect(cal.isWorkingDay('2024-01-02')).toBe(true);
  });

  it('gives the yearly totals (2024: 251, 2025: 248, 2026: 248 working days)', () => {
    // 2025 by hand: 261 weekdays − 18 weekday holidays (元旦1, 春节6, 清明1, 劳动3, 端午1, 国庆6) + 5 调休 = 248
    expect(workingDaysIn(2024)).toBe(251);
    expect(workingDaysIn(2025)).toBe(248);
    expect(workingDaysIn(2026)).toBe(248);
  });
});

describe('addWorkingDays and workingDaysBetween', () => {
  it('does not count the starting day', () => {
    expect(cal.addWorkingDays('2025-03-03', 1)).toBe('2025-03-04');
    expect(cal.addWorkingDays('2025-03-03', 0)).toBe('2025-03-03');
    expect(cal.addWorkingDays('2025-03-01', 0)).toBe('2025-03-01');
    expect(cal.addWorkingDays('2025-03-07', 1)).toBe('2025-03-10');
  });

  it('jumps 国庆 2025', () => {
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-26', 5)).toBe('2025-10-10');
    expect(cal.addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
    expect(cal.addWorkingDays('2025-10-11', -3)).toBe('2025-09-30');
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-09')).toBe(1);
    expect(cal.workingDaysBetween('2025-10-09', '2025-09-30')).toBe(-1);
    expect(cal.workingDaysBetween('2025-09-30', '2025-09-30')).toBe(0);
  });

  it('jumps 国庆 2024 (10-01 to 10-07, 10-12 worked)', () => {
    expect(cal.addWorkingDays('2024-09-30', 1)).toBe('2024-10-08');
    expect(cal.addWorkingDays('2024-09-30', 5)).toBe('2024-10-12');
    expect(cal.workingDaysBetween('2024-09-27', '2024-10-14')).toBe(8);
  });

  it('counts negative n backwards', () => {
    expect(cal.addWorkingDays('2025-02-05', -1)).toBe('2025-01-27');
    expect(cal.addWorkingDays('2025-01-27', -1)).toBe('2025-01-26');
  });

  it('rejects fractional counts', () => {
    expect(() => cal.addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('nextWorkingDay and dueDateOf (民法典 第二百零三条)', () => {
  it('keeps a working day', () => {
    expect(cal.nextWorkingDay('2025-04-01')).toBe('2025-04-01');
    expect(cal.dueDateOf('2025-10-11')).toBe('2025-10-11'); // 调休 Saturday
  });

  it('moves a weekend deadline to Monday', () => {
    expect(cal.dueDateOf('2025-03-01')).toBe('2025-03-03');
    expect(cal.dueDateOf('2024-12-28')).toBe('2024-12-30');
  });

  it('moves a holiday deadline past the holiday', () => {
    expect(cal.dueDateOf('2025-01-31')).toBe('2025-02-05');
    expect(cal.dueDateOf('2025-10-01')).toBe('2025-10-09');
    expect(cal.dueDateOf('2026-01-01')).toBe('2026-01-04');
  });
});

describe('addMonths (民法典 第二百零二条)', () => {
  it('uses the same-numbered day or the last day of the month', () => {
    expect(cal.addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(cal.addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(cal.addMonths('2025-03-31', 1)).toBe('2025-04-30');
    expect(cal.addMonths('2025-01-15', 3)).toBe('2025-04-15');
    expect(cal.addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(cal.addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(cal.addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(cal.addMonths('2025-01-10', -1)).toBe('2024-12-10');
    expect(addMonthsTo('2025-05-20', 0)).toBe('2025-05-20');
  });
});

describe('years without data', () => {
  it('treats weekdays as working days and reports the missing years', () => {
    expect(cal.isWorkingDay('2027-01-01')).toBe(true); // 元旦 2027 unknown: assumed working
    expect(cal.isWorkingDay('2027-01-02')).toBe(false);
    expect(cal.missingYears('2026-12-20', '2027-01-10')).toEqual([2027]);
    expect(cal.missingYears('2027-01-10', '2023-06-01')).toEqual([2023, 2027]);
    expect(cal.missingYears(2024, 2026)).toEqual([]);
    expect(cal.missingYears('2025-01-01', '2025-12-31')).toEqual([]);
  });

  it('an empty calendar is all weekdays', () => {
    const empty = createCalendar({ years: {} });
    expect(empty.years).toEqual([]);
    expect(empty.isWorkingDay('2025-10-01')).toBe(true);
    expect(empty.addWorkingDays('2025-09-30', 1)).toBe('2025-10-01');
    expect(empty.missingYears('2025-01-01', '2025-01-02')).toEqual([2025]);
  });
});

describe('createCalendar validates its data', () => {
  it('rejects a bad date, a date of another year and a missing list', () => {
    expect(() =>
      createCalendar({ years: { '2025': { off_days: ['2025-02-30'], makeup_workdays_all: [] } } }),
    ).toThrow(RangeError);
    expect(() =>
      createCalendar({ years: { '2025': { off_days: ['2024-10-01'], makeup_workdays_all: [] } } }),
    ).toThrow(/不属于 2025/);
    expect(() => createCalendar({ years: { '2025': { off_days: [] } } } as never)).toThrow(
      /makeup_workdays_all/,
    );
  });

  it('uses the data it is given', () => {
    const c = createCalendar({
      years: { '2030': { off_days: ['2030-01-01'], makeup_workdays_all: ['2030-01-05'] } },
    });
    expect(c.isWorkingDay('2030-01-01')).toBe(false);
    expect(c.isWorkingDay('2030-01-05')).toBe(true);
    expect(c.hasYear(2030)).toBe(true);
  });
});
