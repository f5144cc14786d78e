import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../src/calendar/default-calendar.ts';
import { escalationSchedule, escalationSteps } from '../../src/escalation/ladder.ts';
import { DEFAULT_SETTINGS } from '../../src/settings.ts';
import type { DeliverableStatus } from '../../src/signals/signal.ts';

const cal = defaultCalendar();
const S = DEFAULT_SETTINGS; // remind 3 before, orange 5, red 10, reply 3

function steps(
  today: string,
  status: DeliverableStatus = 'pending',
  dueDate = '2025-03-10',
  extendedDueDate?: string,
) {
  return escalationSteps({ dueDate, status, extendedDueDate }, today, S, cal);
}

const levels = (list: { level: string }[]) => list.map((s) => s.level);

describe('escalationSteps', () => {
  it('nothing before the reminder day', () => {
    expect(steps('2025-03-04')).toEqual([]);
  });

  it('reminder from 3 working days before the due date', () => {
    expect(steps('2025-03-05')).toEqual([{ level: 'reminder', dueFrom: '2025-03-05', replyDue: null }]);
    expect(levels(steps('2025-03-10'))).toEqual(['reminder']);
  });

  it('urge from the day after the due date', () => {
    expect(steps('2025-03-11')).toEqual([
      { level: 'reminder', dueFrom: '2025-03-05', replyDue: null },
      { level: 'urge', dueFrom: '2025-03-11', replyDue: null },
    ]);
  });

  it('orange 督办 after 5 working days overdue, red after 10, each with a reply deadline', () => {
    expect(levels(steps('2025-03-16'))).toEqual(['reminder', 'urge']);
    expect(steps('2025-03-17')[2]).toEqual({
      level: 'supervise-orange',
      dueFrom: '2025-03-17',
      replyDue: '2025-03-20',
    });
    expect(levels(steps('2025-03-21'))).toEqual(['reminder', 'urge', 'supervise-orange']);
    expect(steps('2025-03-24')[3]).toEqual({
      level: 'supervise-red',
      dueFrom: '2025-03-24',
      replyDue: '2025-03-27',
    });
    expect(levels(steps('2025-12-31'))).toEqual(['reminder', 'urge', 'supervise-orange', 'supervise-red']);
  });

  it('counts overdue in working days across 国庆 2025', () => {
    const due = '2025-09-30';
    // 10 calendar days late, but only 10-09 and 10-10 are working days
    expect(levels(steps('2025-10-10', 'pending', due))).toEqual(['reminder', 'urge']);
    expect(cal.workingDaysBetween(due, '2025-10-13')).toBe(4); // 10-09, 10-10, 10-11 (调休), 10-13
    expect(levels(steps('2025-10-13', 'pending', due))).toEqual(['reminder', 'urge']);
    expect(steps('2025-10-14', 'pending', due)).toEqual([
      { level: 'reminder', dueFrom: '2025-09-26', replyDue: null },
      { level: 'urge', dueFrom: '2025-10-01', replyDue: null },
      { level: 'supervise-orange', dueFrom: '2025-10-14', replyDue: '2025-10-17' },
    ]);
    expect(steps('2025-10-21', 'pending', due)[3]).toEqual({
      level: 'supervise-red',
      dueFrom: '2025-10-21',
      replyDue: '2025-10-24',
    });
  });

  it('the reminder counts back over the 调休 Sunday', () => {
    // 9-30 − 3 working days: 9-29 (1), 9-28 (2, a 调休 Sunday), 9-26 (3)
    expect(steps('2025-09-25', 'pending', '2025-09-30')).toEqual([]);
    expect(levels(steps('2025-09-26', 'pending', '2025-09-30'))).toEqual(['reminder']);
  });

  it('stops when handed in or done; a returned report runs on', () => {
    for (const status of ['submitted', 'approved', 'accepted', 'closed'] as const) {
      expect(steps('2025-04-30', status)).toEqual([]);
    }
    expect(levels(steps('2025-04-30', 'returned'))).toEqual([
      'reminder',
      'urge',
      'supervise-orange',
      'supervise-red',
    ]);
    expect(levels(steps('2025-03-11', 'draft'))).toEqual(['reminder', 'urge']);
  });

  it('an extension moves every step', () => {
    expect(steps('2025-03-20', 'pending', '2025-03-10', '2025-03-31')).toEqual([]);
    expect(steps('2025-03-26', 'pending', '2025-03-10', '2025-03-31')).toEqual([
      { level: 'reminder', dueFrom: '2025-03-26', replyDue: null },
    ]);
    expect(levels(steps('2025-04-01', 'pending', '2025-03-10', '2025-03-31'))).toEqual(['reminder', 'urge']);
    // extension to Saturday 3-29 → due Monday 3-31
    expect(
      escalationSchedule({ dueDate: '2025-03-10', extendedDueDate: '2025-03-29' }, S, cal)[1]!.dueFrom,
    ).toBe('2025-04-01');
  });

  it('follows the settings', () => {
    const s = {
      ...S,
      remindWorkdaysBefore: 0,
      superviseOrangeAfterWorkdays: 1,
      superviseRedAfterWorkdays: 2,
      replyWorkdays: 1,
    };
    const schedule = escalationSchedule({ dueDate: '2025-03-07' }, s, cal);
    expect(schedule).toEqual([
      { level: 'reminder', dueFrom: '2025-03-07', replyDue: null },
      { level: 'urge', dueFrom: '2025-03-08', replyDue: null },
      { level: 'supervise-orange', dueFrom: '2025-03-10', replyDue: '2025-03-11' },
      { level: 'supervise-red', dueFrom: '2025-03-11', replyDue: '2025-03-12' },
    ]);
  });
});
