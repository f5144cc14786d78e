/** The SQL form of 亮灯 (thresholds on dates) decides as core `signalOf` does. */
import { addDays, DEFAULT_SETTINGS, defaultCalendar } from '@luoshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeliverableStatus } from '../../src/db/schema.ts';
import {
  rowSignal,
  type SignalRow,
  signalByThresholds,
  signalThresholds,
  submittedDay,
} from '../../src/modules/deliverables/signal-filter.ts';

const calendar = defaultCalendar();
const STATUSES: DeliverableStatus[] = [
  'pending',
  'draft',
  'submitted',
  'approved',
  'accepted',
  'returned',
  'closed',
];
const day = (offset: number) => addDays('2024-01-01', offset);

describe('signal thresholds', () => {
  it('agree with signalOf on every status, due date, period start, submission and today', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: -120, max: 30 }),
        fc.constantFrom(...STATUSES),
        fc.option(fc.integer({ min: -40, max: 40 })),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 10 }),
        (todayAt, dueIn, startIn, status, submittedIn, hour, soon) => {
          const settings = { ...DEFAULT_SETTINGS, dueSoonWorkdays: soon };
          const today = day(todayAt);
          // Any day: generated due dates are working days, an extension may set a rest day.
          const dueDate = addDays(today, dueIn);
          const submittedAt =
            submittedIn === null
              ? null
              : new Date(
                  `${addDays(dueDate, submittedIn)}T${String(hour).padStart(2, '0')}:30:00+08:00`,
                ).toISOString();
          const row: SignalRow = { status, dueDate, periodStart: addDays(dueDate, startIn), submittedAt };
          const th = signalThresholds(today, settings, calendar, [dueDate]);
          expect(signalByThresholds(row, th)).toBe(rowSignal(row, today, settings, calendar));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('counts a deadline on a rest day as the next working day', () => {
    // 2025-10-01..08 is the National Day holiday; 2025-09-30 is the last working day before it.
    const th = signalThresholds('2025-10-09', DEFAULT_SETTINGS, calendar, ['2025-10-03']);
    expect(th.overdueBy).toBe('2025-09-30');
    const onHoliday: SignalRow = {
      status: 'pending',
      dueDate: '2025-10-03',
      periodStart: '2025-07-01',
      submittedAt: null,
    };
    expect(rowSignal(onHoliday, '2025-10-09', DEFAULT_SETTINGS, calendar)).toBe('yellow');
    expect(signalByThresholds(onHoliday, th)).toBe('yellow');
    // Handed in on 9 October (the first working day after the holiday): on time, green.
    const handedIn: SignalRow = {
      ...onHoliday,
      status: 'submitted',
      submittedAt: '2025-10-09T03:00:00.000Z',
    };
    expect(rowSignal(handedIn, '2025-10-10', DEFAULT_SETTINGS, calendar)).toBe('green');
    expect(signalByThresholds(handedIn, th)).toBe('green');
  });

  it('reads a submission time as a Beijing day', () => {
    expect(submittedDay('2025-03-03T16:30:00.000Z')).toBe('2025-03-04');
    expect(submittedDay('2025-03-03T15:59:59.000Z')).toBe('2025-03-03');
    expect(submittedDay('2025-03-03')).toBe('2025-03-03');
  });
});
