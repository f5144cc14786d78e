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

/** The reports of my unit waiting for my approval (a leader's). */
export async function getLeaderQueue(): Promise<QueueItem[]> {
  return (await api.get<{ items: QueueItem[] }>('/api/leader-queue')).items;
}
