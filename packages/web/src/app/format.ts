/** Dates as people read them: 2025年3月1日 in prose, ISO in tables; times in Asia/Shanghai. */

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

export const STATUS_LABELS: Record<string, string> = {
  pending: '待报送',
  draft: '草稿',
  submitted: '已报送',
  approved: '领导已审核',
  accepted: '已通过',
  returned: '已退回',
  closed: '已办结',
};

export const ROLE_LABELS: Record<string, string> = {
  coordinator: '协调员（依法治市办）',
  leader: '单位领导',
  reporter: '单位联络员',
  viewer: '市领导（只读）',
  lead: '牵头',
  co: '配合',
  each: '各自负责',
};
