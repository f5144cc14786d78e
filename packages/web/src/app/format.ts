/** Dates as people read them: 2025年3月1日 in prose, ISO in tables; times in Asia/Shanghai. */
import { VALUE_LABELS } from '@luoshi/core';

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

export const ROLE_LABELS: Readonly<Record<string, string>> = VALUE_LABELS.role!;
