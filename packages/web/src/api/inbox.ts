/** The inbox's groups of notification kinds, and the leader's queue (待我审批). */
import { api } from './client.ts';
import type { QueueItem } from './dashboard.ts';

export type InboxGroup = { key: string; label: string; kinds: readonly string[] | null };

/** How the inbox groups the kinds the server stores; 其他 takes every kind not named above it. */
export const INBOX_GROUPS: readonly InboxGroup[] = [
  { key: 'review', label: '待审核', kinds: ['report.submitted', 'report.awaiting-approval'] },
  {
    key: 'escalation',
    label: '督办/催办',
    kinds: [
      'reminder',
      'urge',
      'supervise-orange',
      'supervise-red',
      'escalation-reply',
      'escalation-withdrawn',
    ],
  },
  { key: 'returned', label: '退回', kinds: ['report.returned'] },
  {
    key: 'extension',
    label: '延期',
    kinds: ['extension.requested', 'extension.approved', 'extension.refused'],
  },
  { key: 'other', label: '其他', kinds: null },
];

const NAMED = new Set(INBOX_GROUPS.flatMap((g) => g.kinds ?? []));

/** Whether a notification of this kind belongs to the group. */
export function inGroup(group: InboxGroup, kind: string): boolean {
  return group.kinds ? group.kinds.includes(kind) : !NAMED.has(kind);
}

/** Unread notices of the group, from the server's unread count by kind. */
export function groupUnread(group: InboxGroup, unreadByKind: Record<string, number>): number {
  return Object.entries(unreadByKind)
    .filter(([kind]) => inGroup(group, kind))
    .reduce((sum, [, n]) => sum + n, 0);
}

/**
 * A coordinator's inbox in two boxes. The office (依法治市办) is itself a responsible unit, so the
 * coordinator also receives what every unit receives (提醒/催办/督办单, new assignments); those are
 * the office's own duties as a unit (本单位事项), kept apart from the work it does as coordinator —
 * reports to review, extensions to decide, units' replies to its escalations (办公室待办).
 */
export const OFFICE_GROUPS: readonly InboxGroup[] = [
  { key: 'review', label: '待审核', kinds: ['report.submitted'] },
  { key: 'extension-requests', label: '延期申请', kinds: ['extension.requested'] },
  { key: 'replies', label: '督办回复', kinds: ['escalation-reply'] },
];

export type InboxBox = 'office' | 'unit';

const OFFICE_KINDS = new Set(OFFICE_GROUPS.flatMap((g) => g.kinds ?? []));

/** A coordinator's box of a notification kind: the office's work, or the office's unit's own. */
export function boxOf(kind: string): InboxBox {
  return OFFICE_KINDS.has(kind) ? 'office' : 'unit';
}

/** Unread notices of a box, from the server's unread count by kind. */
export function boxUnread(box: InboxBox, unreadByKind: Record<string, number>): number {
  return Object.entries(unreadByKind)
    .filter(([kind]) => boxOf(kind) === box)
    .reduce((sum, [, n]) => sum + n, 0);
}

/** The reports of my unit waiting for my approval (a leader's). */
export async function getLeaderQueue(): Promise<QueueItem[]> {
  return (await api.get<{ items: QueueItem[] }>('/api/leader-queue')).items;
}
