/**
 * A plan is shown a page of tasks at a time: a large notice must not become a response of a hundred
 * megabytes. A page carries its tasks and the stretch of the notice's text they point into (every
 * span of a task, its units', obligations' and indicators', lies inside it), with the offset where
 * that stretch begins; spans keep their offsets in the whole text. The other pages are asked for
 * with `offset`; `blocked` pages through the tasks that must be fixed before publishing only.
 */
import type { Span, Task } from '@luoshi/core';
import { z } from 'zod';
import { NOTICE_MAX_TASKS, PLAN_PAGE_MAX_TASKS, PLAN_PAGE_TASKS } from '../../http/limits.ts';
import type { PublishBlocker } from './publish-blockers.ts';

export const planPageQuery = z.object({
  offset: z.coerce
    .number('offset 应为整数')
    .int('offset 应为整数')
    .min(0, 'offset 不能小于0')
    .max(NOTICE_MAX_TASKS, `offset 不能大于${NOTICE_MAX_TASKS}`)
    .default(0)
    .describe('从第几项任务起（从 0 起，按清单顺序）'),
  limit: z.coerce
    .number('limit 应为整数')
    .int('limit 应为整数')
    .min(1, 'limit 至少为1')
    .max(PLAN_PAGE_MAX_TASKS, `每页至多${PLAN_PAGE_MAX_TASKS}项任务`)
    .default(PLAN_PAGE_TASKS)
    .describe(`每页的任务数（默认 ${PLAN_PAGE_TASKS}，至多 ${PLAN_PAGE_MAX_TASKS}）`),
  blocked: z
    .enum(['true', 'false'], 'blocked 应为 true 或 false')
    .default('false')
    .transform((v) => v === 'true')
    .describe('true：只列出发布前需修正的任务'),
});

export type PlanPageQuery = z.output<typeof planPageQuery>;

export const FIRST_PAGE: PlanPageQuery = { offset: 0, limit: PLAN_PAGE_TASKS, blocked: false };

export type PlanPage = {
  offset: number;
  limit: number;
  /** Tasks to page through (all, or those blocked). */
  total: number;
  blocked: boolean;
};

/** The stretch of the notice's text the page's spans point into: text = source.slice(start, start + text.length). */
export type SourceWindow = { start: number; text: string };

function spansOf(task: Task): Span[] {
  return [
    task.span,
    ...task.units.map((u) => u.span),
    ...task.obligations.map((o) => o.span),
    ...task.indicators.map((i) => i.span),
  ];
}

/** The tasks of one page, and the stretch of text they need. */
export function pageOfTasks(
  tasks: readonly Task[],
  source: string,
  blockers: readonly PublishBlocker[],
  query: PlanPageQuery,
): { tasks: Task[]; page: PlanPage; sourceWindow: SourceWindow } {
  const blocked = new Set(blockers.map((b) => b.task));
  const listed = query.blocked ? tasks.filter((t) => blocked.has(t.no)) : tasks;
  const shown = listed.slice(query.offset, query.offset + query.limit);
  let start = source.length;
  let end = 0;
  for (const s of shown.flatMap(spansOf)) {
    start = Math.min(start, s.start);
    end = Math.max(end, s.end);
  }
  if (start > end) start = end = 0;
  return {
    tasks: shown,
    page: { offset: query.offset, limit: query.limit, total: listed.length, blocked: query.blocked },
    sourceWindow: { start, text: source.slice(start, end) },
  };
}
