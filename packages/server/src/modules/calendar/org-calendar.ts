/**
 * The iCalendar feed of a unit's deadlines: one all-day event per open deliverable (not yet
 * accepted or closed) of the published plans, on its due date in force. The feed is public at a
 * secret URL; a wrong token is "not found", whether or not the unit exists.
 */
import { timingSafeEqual } from 'node:crypto';
import { AWAITING_LABELS, DELIVERABLE_STATUS_LABELS, reportStateLabel } from '@luoshi/core';
import type { Store } from '../../db/store.ts';
import { notFound } from '../../errors.ts';
import { excerpt } from '../plans/stored-plan.ts';
import { renderCalendar } from './ics.ts';

/** An open deliverable's status in the words the web shows (core's vocabulary). */
const STATUS_LABELS: Record<string, string> = {
  pending: DELIVERABLE_STATUS_LABELS.pending,
  draft: DELIVERABLE_STATUS_LABELS.draft,
  submitted: `${reportStateLabel('submitted', false)}，${AWAITING_LABELS.coordinator}`,
  approved: `${reportStateLabel('approved', true)}，${AWAITING_LABELS.coordinator}`,
  returned: `${DELIVERABLE_STATUS_LABELS.returned}，待修改后重新报送`,
};

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function baseUrl(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

export async function orgCalendar(
  store: Store,
  orgId: string,
  token: string,
  publicUrl: string,
): Promise<string> {
  const org = await store.db
    .selectFrom('orgs')
    .select(['id', 'name', 'icalToken'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org || !sameSecret(org.icalToken, token)) throw notFound('该日历');
  const rows = await store.db
    .selectFrom('deliverables')
    .innerJoin('plans', 'plans.id', 'deliverables.planId')
    .innerJoin('tasks', 'tasks.id', 'deliverables.taskId')
    .select([
      'deliverables.id',
      'deliverables.taskNo',
      'deliverables.title',
      'deliverables.dueDate',
      'deliverables.originalDueDate',
      'deliverables.status',
      'deliverables.updatedAt',
      'tasks.text as taskText',
    ])
    .where('deliverables.orgId', '=', org.id)
    .where('deliverables.status', 'not in', ['accepted', 'closed'])
    .where('plans.status', '=', 'published')
    .orderBy('deliverables.dueDate')
    .orderBy('deliverables.taskNo')
    .orderBy('deliverables.id')
    .execute();
  const base = baseUrl(publicUrl);
  return renderCalendar({
    name: `${org.name}·报送时限`,
    description: `${org.name}承担的任务清单报送事项截止日期（落实督办系统）`,
    events: rows.map((d) => {
      const url = `${base}/deliverables/${d.id}`;
      const extended = d.dueDate !== d.originalDueDate ? `（已延期，原定${d.originalDueDate}）` : '';
      return {
        uid: `deliverable-${d.id}@luoshi`,
        date: d.dueDate,
        summary: `【报送截止】任务${d.taskNo}：${d.title}`,
        description: [
          `任务${d.taskNo}：${excerpt(d.taskText, 200)}`,
          `状态：${STATUS_LABELS[d.status] ?? d.status}`,
          `截止日期：${d.dueDate}${extended}`,
          `办理：${url}`,
        ].join('\n'),
        url,
        stamp: new Date(d.updatedAt),
        categories: ['报送事项'],
      };
    }),
  });
}
