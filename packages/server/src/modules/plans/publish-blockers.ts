/**
 * What keeps a plan from being published: a task must say, without guessing, which organizations
 * answer for it. Unit phrases the directory does not know and vague ones (有关部门) must first be
 * replaced by named units (a `set-units` correction); a task cut off in the source must be completed.
 */
import type { Plan } from '@luoshi/core';

export type PublishBlocker = { task: number; problems: string[] };

export function publishBlockers(plan: Plan): PublishBlocker[] {
  const blockers: PublishBlocker[] = [];
  for (const task of plan.tasks) {
    const problems: string[] = [];
    if (task.units.length === 0) problems.push('没有责任单位');
    for (const u of task.units) {
      if (u.resolution === 'vague') problems.push(`「${u.raw}」不明确，请指定具体单位`);
      else if (u.resolution === 'unresolved' || u.orgIds.length === 0)
        problems.push(`「${u.raw}」未对应到单位目录`);
    }
    if (task.incomplete) problems.push('任务内容不完整，请补全任务文字');
    if (problems.length > 0) blockers.push({ task: task.no, problems });
  }
  return blockers;
}

/** One line per task, for an error message: 任务12：「有关部门」不明确…；任务30：… */
export function describeBlockers(blockers: readonly PublishBlocker[], max = 10): string {
  const shown = blockers.slice(0, max).map((b) => `任务${b.task}：${b.problems.join('，')}`);
  const more = blockers.length > max ? `；另有${blockers.length - max}项` : '';
  return `${shown.join('；')}${more}`;
}
