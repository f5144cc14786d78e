/** Dates as people read them: 2025年3月1日 in prose, ISO in tables; times in Asia/Shanghai. */
import { reportStateLabel, VALUE_LABELS } from '@luoshi/core';

export function proseDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function dateTime(iso: string | null | undefined): string {
  return iso ? TIME.format(new Date(iso)).replace(/\//g, '-') : '—';
}

export const SIGNAL_LABELS = {
  blue: '已办结',
  green: '正常推进',
  yellow: '临期/退回',
  red: '逾期',
  grey: '未开始',
} as const;

export const SIGNAL_COLORS = {
  blue: 'blue',
  green: 'green',
  yellow: 'gold',
  red: 'red',
  grey: 'default',
} as const;

/** Statuses and roles in words: the vocabulary shared with the server and the documents (core). */
export const STATUS_LABELS: Readonly<Record<string, string>> = VALUE_LABELS.status!;

/**
 * A deliverable's status in a list, in the words its page uses: while the unit's report waits for the
 * leader's 审批 the deliverable is still 草稿, but it reads 已提交，待单位领导审批 as on the page.
 */
export function deliverableStatusWord(d: { status: string; waitingFor?: 'leader' | null }): string {
  return d.waitingFor === 'leader'
    ? reportStateLabel('submitted', true)
    : (STATUS_LABELS[d.status] ?? d.status);
}

export const ROLE_LABELS: Readonly<Record<string, string>> = VALUE_LABELS.role!;

/**
 * Who is signed in, as the header says it: 依法治市办管理员（协调员）. The role goes in one pair of
 * parentheses — a label with its own (市领导（只读）) is written 市领导，只读 inside them — and is left out
 * when the name already says it (the demo's 市领导（只读） is named after its role).
 */
export function userLine(
  displayName: string,
  role: string,
): { name: string; role: string | null; text: string } {
  const label = ROLE_LABELS[role] ?? role;
  if (displayName.includes(label)) return { name: displayName, role: null, text: displayName };
  const plain = label.replace(/（(.+)）$/, '，$1');
  return { name: displayName, role: plain, text: `${displayName}（${plain}）` };
}
