/**
 * The review queue's filters live in the page's URL (?unit=…&task=7&overdue=1&returned=1&wait=5&q=…
 * &sort=newest&page=2), so a link names the same list and back/forward steps through filters.
 */
import type { ReviewFilter, ReviewSort } from '../../api/dashboard.ts';

export const PAGE_SIZE = 20;

/** The waiting buckets offered: at least this many working days since hand-in. */
export const WAIT_BUCKETS = [3, 5, 10] as const;

export type ReviewUrlKey = 'unit' | 'task' | 'overdue' | 'returned' | 'wait' | 'q' | 'sort' | 'page';

const FILTER_KEYS: readonly ReviewUrlKey[] = ['unit', 'task', 'overdue', 'returned', 'wait', 'q'];

function positive(text: string | null): number | undefined {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The filter a URL names; what it cannot mean is left out rather than sent to be refused. */
export function filterOf(params: URLSearchParams): ReviewFilter {
  const page = positive(params.get('page')) ?? 1;
  const sort: ReviewSort = params.get('sort') === 'newest' ? 'newest' : 'oldest';
  return {
    orgId: params.get('unit') || undefined,
    taskNo: positive(params.get('task')),
    overdue: params.get('overdue') === '1' || undefined,
    returned: params.get('returned') === '1' || undefined,
    waitingDays: positive(params.get('wait')),
    q: params.get('q')?.trim() || undefined,
    sort,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
}

/** Whether the URL narrows the queue (a sort or page alone does not). */
export function isFiltered(params: URLSearchParams): boolean {
  return FILTER_KEYS.some((k) => params.get(k));
}

/** The URL with some keys changed (undefined removes one); any change of filter goes back to page 1. */
export function withChanges(
  params: URLSearchParams,
  changes: Partial<Record<ReviewUrlKey, string | undefined>>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v) next.set(k, v);
    else next.delete(k);
  }
  if (!('page' in changes)) next.delete('page');
  return next;
}

/** The URL without any filter (the open report and the sort stay). */
export function withoutFilters(params: URLSearchParams): URLSearchParams {
  return withChanges(params, Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])));
}
