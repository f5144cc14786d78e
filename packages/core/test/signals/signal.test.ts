import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../src/calendar/default-calendar.ts';
import { DEFAULT_SETTINGS } from '../../src/settings.ts';
import { onTimeRate, rollUp, type SignalInput, signalOf } from '../../src/signals/signal.ts';

const cal = defaultCalendar();
const S = DEFAULT_SETTINGS; // dueSoonWorkdays 5

function sig(d: Partial<SignalInput>, today: string) {
  return signalOf(
    { status: 'pending', dueDate: '2025-03-10', periodStart: '2025-01-01', ...d },
    today,
    S,
    cal,
  );
}

describe('signalOf', () => {
  it('blue when accepted or closed, even late', () => {
    expect(sig({ status: 'accepted' }, '2025-06-01')).toBe('blue');
    expect(sig({ status: 'closed' }, '2025-06-01')).toBe('blue');
  });

  it('red the day after the due date, not on it', () => {
    expect(sig({}, '2025-03-11')).toBe('red');
    expect(sig({ status: 'draft' }, '2025-03-11')).toBe('red');
    expect(sig({}, '2025-03-10')).toBe('yellow');
  });

  it('returned: yellow before the due date, red after it', () => {
    expect(sig({ status: 'returned' }, '2025-02-01')).toBe('yellow');
    expect(sig({ status: 'returned' }, '2025-03-11')).toBe('red');
  });

  it('handed in on time: green while awaiting review, even after the due date', () => {
    expect(sig({ status: 'submitted' }, '2025-03-20')).toBe('green');
    expect(sig({ status: 'approved' }, '2025-03-20')).toBe('green');
    expect(sig({ status: 'submitted', submittedAt: '2025-03-10T17:30:00+08:00' }, '2025-03-20')).toBe(
      'green',
    );
    expect(sig({ status: 'submitted', submittedAt: '2025-03-09' }, '2025-03-05')).toBe('green');
  });

  it('handed in late: red until accepted', () => {
    expect(sig({ status: 'submitted', submittedAt: '2025-03-11' }, '2025-03-20')).toBe('red');
    expect(sig({ status: 'accepted', submittedAt: '2025-03-11' }, '2025-03-20')).toBe('blue');
  });

  it('yellow within dueSoonWorkdays working days, counted across 国庆 2025', () => {
    const d = { dueDate: '2025-10-10', periodStart: '2025-07-01' };
    // (9-26, 10-10] holds 9-28 (调休), 9-29, 9-30, 10-9, 10-10: exactly 5 working days in 14 calendar days
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-10')).toBe(5);
    expect(sig(d, '2025-09-26')).toBe('yellow');
    expect(sig(d, '2025-09-27')).toBe('yellow');
    expect(sig(d, '2025-09-25')).toBe('green');
    expect(sig({ ...d, status: 'submitted' }, '2025-10-09')).toBe('green');
  });

  it('grey before the period starts when nothing is done', () => {
    const d = { dueDate: '2025-10-14', periodStart: '2025-07-01' };
    expect(sig(d, '2025-06-15')).toBe('grey');
    expect(sig({ ...d, status: 'draft' }, '2025-06-15')).toBe('green');
    expect(sig(d, '2025-07-01')).toBe('green');
  });

  it('an extension moves the due date (a Saturday extension to the next working day)', () => {
    expect(sig({ extendedDueDate: '2025-03-31' }, '2025-03-12')).toBe('green');
    expect(sig({ extendedDueDate: '2025-03-31' }, '2025-04-01')).toBe('red');
    expect(sig({ extendedDueDate: '2025-03-29' }, '2025-03-31')).toBe('yellow');
    expect(sig({ extendedDueDate: null }, '2025-03-11')).toBe('red');
  });

  it('dueSoonWorkdays 0: yellow only on the due day', () => {
    const s0 = { ...S, dueSoonWorkdays: 0 };
    const d = { status: 'pending' as const, dueDate: '2025-03-10', periodStart: '2025-01-01' };
    expect(signalOf(d, '2025-03-10', s0, cal)).toBe('yellow');
    expect(signalOf(d, '2025-03-07', s0, cal)).toBe('green');
    expect(signalOf(d, '2025-03-08', s0, cal)).toBe('green');
  });
});

describe('rollUp', () => {
  it('counts and takes the worst: red > yellow > green > grey > blue', () => {
    expect(rollUp(['blue', 'green', 'red', 'green'])).toEqual({
      counts: { blue: 1, green: 2, yellow: 0, red: 1, grey: 0 },
      worst: 'red',
    });
    expect(rollUp(['green', 'yellow']).worst).toBe('yellow');
    expect(rollUp(['grey', 'green', 'blue']).worst).toBe('green');
    expect(rollUp(['blue', 'grey']).worst).toBe('grey');
    expect(rollUp(['blue', 'blue']).worst).toBe('blue');
  });

  it('an empty group is grey', () => {
    expect(rollUp([])).toEqual({ counts: { blue: 0, green: 0, yellow: 0, red: 0, grey: 0 }, worst: 'grey' });
  });
});

describe('onTimeRate', () => {
  const today = '2025-04-10';

  it('is null when nothing is due yet', () => {
    expect(onTimeRate([], today)).toBeNull();
    expect(onTimeRate([{ dueDate: '2025-05-01', submittedAt: null, accepted: false }], today)).toBeNull();
    expect(onTimeRate([{ dueDate: today, submittedAt: null, accepted: false }], today)).toBeNull();
  });

  it('shares items handed in on or before their due date among those due', () => {
    const rate = onTimeRate(
      [
        { dueDate: '2025-03-10', submittedAt: '2025-03-10', accepted: true }, // on the day: on time
        { dueDate: '2025-03-10', submittedAt: '2025-03-11T09:00:00+08:00', accepted: true }, // late
        { dueDate: '2025-04-08', submittedAt: null, accepted: false }, // overdue
        { dueDate: '2025-04-09', submittedAt: '2025-04-01', accepted: false }, // awaiting review, on time
      ],
      today,
    );
    expect(rate).toBe(0.5);
  });

  it('counts an early hand-in before its due date, and an accepted item without a date as on time', () => {
    expect(onTimeRate([{ dueDate: '2025-06-30', submittedAt: '2025-04-01', accepted: false }], today)).toBe(
      1,
    );
    expect(onTimeRate([{ dueDate: '2025-03-10', submittedAt: null, accepted: true }], today)).toBe(1);
  });
});
