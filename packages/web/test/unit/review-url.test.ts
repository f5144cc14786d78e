/** The review queue's URL: what a shared link asks the server for, and how a change moves the page. */
import { describe, expect, it } from 'vitest';
import { boxOf } from '../../src/api/inbox.ts';
import { filterOf, isFiltered, withChanges, withoutFilters } from '../../src/components/review/review-url.ts';

const url = (s: string) => new URLSearchParams(s);

describe('the review queue URL', () => {
  it('reads every filter, the sort and the page of a shared link', () => {
    expect(
      filterOf(url('unit=finance&task=7&overdue=1&returned=1&wait=5&q=%20公开%20&sort=newest&page=3')),
    ).toEqual({
      orgId: 'finance',
      taskNo: 7,
      overdue: true,
      returned: true,
      waitingDays: 5,
      q: '公开',
      sort: 'newest',
      limit: 20,
      offset: 40,
    });
  });

  it('leaves out what a hand-edited link cannot mean instead of sending it to be refused', () => {
    expect(filterOf(url('task=x&wait=-2&overdue=yes&sort=up&page=0&q=%20'))).toEqual({
      orgId: undefined,
      taskNo: undefined,
      overdue: undefined,
      returned: undefined,
      waitingDays: undefined,
      q: undefined,
      sort: 'oldest',
      limit: 20,
      offset: 0,
    });
  });

  it('goes back to the first page when a filter changes, and clears filters but not the sort or the open report', () => {
    const now = url('unit=finance&page=4&sort=newest&report=r1');
    expect(withChanges(now, { overdue: '1' }).toString()).toBe(
      'unit=finance&sort=newest&report=r1&overdue=1',
    );
    expect(withChanges(now, { page: '5' }).get('page')).toBe('5');
    expect(withChanges(now, { unit: undefined }).has('unit')).toBe(false);
    expect(withoutFilters(url('unit=a&task=1&q=x&sort=newest&report=r1')).toString()).toBe(
      'sort=newest&report=r1',
    );
    expect(isFiltered(url('sort=newest&page=2'))).toBe(false);
    expect(isFiltered(url('wait=3'))).toBe(true);
  });
});

describe('a coordinator’s inbox boxes', () => {
  it('keeps review, extension requests and replies in the office’s box, the unit’s 督办 and assignments apart', () => {
    for (const kind of ['report.submitted', 'extension.requested', 'escalation-reply'])
      expect(boxOf(kind)).toBe('office');
    for (const kind of [
      'reminder',
      'urge',
      'supervise-orange',
      'supervise-red',
      'escalation-withdrawn',
      'assigned',
    ])
      expect(boxOf(kind)).toBe('unit');
  });
});
