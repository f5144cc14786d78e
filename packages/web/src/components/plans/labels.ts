/** What an extracted value means, said in Chinese: for tooltips, tags and the correction forms. */
import type {
  Comparator,
  Indicator,
  Obligation,
  ObligationKind,
  Period,
  TimeUnit,
  UnitRef,
} from '../../api/plans.ts';

export const UNIT_ROLE_LABELS: Record<UnitRef['role'], string> = {
  lead: '牵头',
  co: '配合',
  each: '各自负责',
};

export const RESOLUTION_LABELS: Record<UnitRef['resolution'], string> = {
  named: '单位',
  group: '单位集合',
  vague: '不明确',
  unresolved: '未识别',
};

export const OBLIGATION_KIND_LABELS: Record<ObligationKind, string> = {
  annual: '每年',
  semiannual: '每半年',
  quarterly: '每季度',
  monthly: '每月',
  once: '一次性',
  relative: '期限',
  window: '时段',
  frequency: '频次',
};

export const COMPARATOR_LABELS: Record<Comparator, string> = {
  '>=': '≥ 不低于',
  '<=': '≤ 不高于',
  '=': '= 等于',
  '>': '> 高于',
  '<': '< 低于',
};

const COMPARATOR_SIGNS: Record<Comparator, string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' };

export const PER_LABELS: Record<Period, string> = {
  year: '每年',
  halfyear: '每半年',
  quarter: '每季度',
  month: '每月',
  week: '每周',
  term: '每届',
};

export const TIME_UNIT_LABELS: Record<TimeUnit, string> = {
  day: '日',
  workday: '个工作日',
  month: '个月',
};

const APPROX_LABELS = { early: '初（上旬）', mid: '中（中旬）', late: '下旬' } as const;

/** What each kind means, for choosing a kind in the correction form. */
export const OBLIGATION_KIND_HELP: Record<ObligationKind, string> = {
  annual: '每年（每年某月某日前）',
  semiannual: '每半年（每年两个日期，或半年末）',
  quarterly: '每季度（每年四个日期、季度末，或季度结束后若干日内）',
  monthly: '每月（每月某日前）',
  once: '一次性（某年某月某日前）',
  relative: '期限（某事件之后或之前若干日内）',
  window: '时段（每月某日至某日）',
  frequency: '频次（每年、每季度……若干次）',
};

function dayOf(month: number | undefined, day: number | undefined, endOfMonth?: boolean): string {
  const m = month === undefined ? '' : `${month}月`;
  if (endOfMonth) return `${m}底`;
  return day === undefined ? m : `${m}${day}日`;
}

/** 每年3月1日前, 2025年6月30日前, 每年1月底前和7月底前 … */
export function describeObligation(o: Obligation): string {
  switch (o.kind) {
    case 'annual':
      if (o.approx) return `每年${o.month}月${APPROX_LABELS[o.approx]}`;
      return `每年${dayOf(o.month, o.day, o.endOfMonth)}前`;
    case 'semiannual':
    case 'quarterly': {
      const head = OBLIGATION_KIND_LABELS[o.kind];
      if (o.kind === 'quarterly' && o.direction === 'after' && o.amount)
        return `每季度结束后${o.amount}${o.unit ? TIME_UNIT_LABELS[o.unit] : '日'}内`;
      if (o.dates && o.dates.length > 0)
        return `${head}：${o.dates.map((d) => `${dayOf(d.month, d.day, d.endOfMonth)}前`).join('、')}`;
      // Without dates the deliverables fall at each period's end (a quarter: day `day` of its last month).
      return o.kind === 'quarterly' && o.day && !o.endOfMonth ? `${head}末月${o.day}日前` : `${head}末`;
    }
    case 'monthly':
      if (o.approx) return `每月${APPROX_LABELS[o.approx]}`;
      return o.endOfMonth ? '每月底前' : o.day ? `每月${o.day}日前` : '每月';
    case 'once': {
      if (!o.date) return '一次性';
      const [y, m, d] = o.date.split('-').map(Number);
      return `${y}年${m}月${d}日前${o.yearInferred ? '（年份推定）' : ''}`;
    }
    case 'relative':
      return `${o.trigger ? `${o.trigger}${o.direction === 'before' ? '前' : '后'}` : ''}${o.amount ?? '?'}${
        o.unit ? TIME_UNIT_LABELS[o.unit] : ''
      }内`;
    case 'window':
      return `每月${o.fromDay}-${o.toDay}日`;
    case 'frequency':
      return `${o.per ? PER_LABELS[o.per] : ''}${o.atLeast ? '至少' : ''}${o.count ?? '?'}次`;
  }
}

/** ≥ 90%（2025年） */
export function describeIndicator(i: Indicator): string {
  const year = i.year ? `（${i.year}年）` : '';
  const subject = i.subject ? `${i.subject} ` : '';
  return `${subject}${COMPARATOR_SIGNS[i.comparator]} ${i.value}${i.unit ?? ''}${i.approx ? '左右' : ''}${year}`;
}

/** 牵头：市司法局 / 各自负责：月湖区人民政府、余江区人民政府 … */
export function describeUnit(u: UnitRef): string {
  if (u.resolution === 'unresolved' || u.orgIds.length === 0) return `未识别的单位「${u.raw}」，请指定`;
  if (u.resolution === 'vague') return `「${u.raw}」不明确，请指定具体单位`;
  const names =
    u.orgs.length > 6 ? `${u.orgs.slice(0, 6).join('、')}等${u.orgs.length}个单位` : u.orgs.join('、');
  return `${UNIT_ROLE_LABELS[u.role]}：${names}`;
}
