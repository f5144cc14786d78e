/**
 * Obligations: the schedules a task's text sets (docs/extraction-rules.md, "Obligations").
 *
 * Every regular expression is linear: quantifiers are bounded, no quantified group contains a
 * quantifier, and dates are put together in code from small sticky expressions. Matching runs on
 * the width-folded text (same offsets as the original); `raw`, activities and triggers are sliced
 * from the original.
 */
import { NUMBER_SOURCE, parseChineseNumber } from '../text/chinese-number.ts';
import type { MonthDay, Obligation, Period, TimeUnit } from '../types.ts';
import {
  allMatches,
  at,
  CLAUSE_BREAKS,
  daysInMonth,
  type ExtractContext,
  execAt,
  ITEM_BREAKS,
  indexText,
  isoDate,
  lastBefore,
  parseIsoDate,
  rawOf,
  SENTENCE_BREAKS,
  skipSpaces,
  spanOf,
  type TextIndex,
  wordAt,
} from './shared.ts';

export type { ExtractContext } from './shared.ts';

const MONTH = '(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})';
const DAY = '(?:[0-9]{1,2}|[一二三四五六七八九十]{1,4})';
const YEAR = '(?:[0-9]{4}|[〇零一二三四五六七八九]{4})';
const NUM = NUMBER_SOURCE;
/** Characters a frequency's words may run over between its period and its count. */
const GAP_CLASS = '[^,;。!?、:()“”"\'《》\\n\\r]';

/** Every regular expression of the obligation extractor (the tests run each on worst-case input). */
export const OBLIGATION_PATTERNS = {
  /** 每年 / 每年度, with an optional 的 / 于 / 在 before the date. */
  everyYear: /每年度?[ ]?[的于在]?/g,
  /** A month: 3月, 十一月. */
  monthHead: new RegExp(`(${MONTH})[ ]?月`, 'y'),
  /** The day after a month: 1日, 十五号. */
  dayTail: new RegExp(`[ ]?(${DAY})[ ]?[日号]`, 'y'),
  /** What else may follow a month: 底, 末, 初, 上旬, 中旬, 下旬, 份. */
  edgeTail: /(底|末|初|上旬|中旬|下旬|份)/y,
  /** The deadline marker: 前, 之前, 以前, 为止. */
  beforeTail: /[ ]?(之前|以前|前|为止)/y,
  /** 内 / 以内 after a year or a duration. */
  withinTail: /[ ]?(以内|之内|内)/y,
  /** Joins the dates of one schedule: 1月底前和7月底前. */
  dateJoin: /[ ]?(以及|和|、|及|与|或)[ ]?/y,
  /** The end or start of a year after 每年 or a year: 年底, 年末, 底, 年初. */
  yearEdge: /年?(底|末|初)/y,
  /** 上半年 / 下半年 after a year. */
  yearHalf: /(上半年|下半年)/y,
  /** A quarter after a year: 第三季度, 三季度, 第3季度. */
  yearQuarter: /第?[ ]?([一二三四1-4])[ ]?季度/y,
  /** A quarter with no year before it (三季度末, 第四季度前); 每季度 and 2025年第三季度 are not this. */
  bareQuarter: /(?<![0-9年每个第零〇一二三四五六七八九十])第?[ ]?([一二三四1-4])[ ]?季度/g,
  /** A year written out, with 截至 / 到 before it: 2024年, 截至2024年, 二〇二四年. */
  explicitYear: new RegExp(`(截至|截止到|截止|到)?[ ]?(?<![0-9〇零一二三四五六七八九])(${YEAR})[ ]?年`, 'g'),
  /** A year named relative to the notice. */
  relativeYear: /(明年|次年|今年|本年|当年)/g,
  /** 年底 / 年末 with no year before it. */
  bareYearEnd: /(?<![0-9年零〇一二两三四五六七八九十百千每明次今本当去前上往历])年(底|末)/g,
  /** 年内 with no number or year before it (三年内 is a duration, not this). */
  bareYearWithin: /(?<![0-9年零〇一二两三四五六七八九十百千几多每任当本今明次去前上])年内/g,
  /** A month with no year before it. */
  yearlessMonth: new RegExp(`(?<![0-9年月零〇一二两三四五六七八九十百千.~\\-])${MONTH}[ ]?月`, 'g'),
  /** 每月 / 每个月. */
  everyMonth: /每个?月/g,
  /** A range of days of the month: 1-25日, 1日至25日. */
  dayRange: new RegExp(`[ ]?(${DAY})[ ]?[日号]?[ ]?(?:-|~|至|到)[ ]?(${DAY})[ ]?[日号]`, 'y'),
  /** What may follow a day range: 期间, 之间, 内. */
  rangeTail: /(期间|之间|内)/y,
  /** 底 / 末 / 初 / 旬 after 每月. */
  monthEdge: /(底|末|初|上旬|中旬|下旬)/y,
  /** 每季度 / 每个季度 / 每季. */
  everyQuarter: /每个?季度?/g,
  /** 结束后10日内 after 每季度. */
  quarterAfter: new RegExp(`(?:结束|终了)?后[ ]?(${NUM})[ ]?个?[ ]?(工作日|日|天)`, 'y'),
  /** 首月10日前 after 每季度. */
  quarterFirstMonth: new RegExp(`(?:首月|第一个月)[ ]?(${DAY})[ ]?[日号]`, 'y'),
  /** 末 / 最后一个月底 after 每季度. */
  quarterEnd: /(?:最后一个月|末月)?(?:底|末)/y,
  /** 每半年, and 末 / 底 after it. */
  everyHalfYear: /每半年度?/g,
  halfYearEdge: /(底|末)/y,
  /** A frequency: a period, some words, a count of times (每年至少组织1次, 任期内至少接受1次). */
  frequency: new RegExp(
    `(每年度?|每半年|每个?季度?|每个?月|每周|每星期|任期内|任职期间|每届)(${GAP_CLASS}{0,24}?)(?<![0-9.])(${NUM})[ ]?(次|回|轮)(?!性)[ ]?(及以上|以上)?`,
    'g',
  ),
  /** A further count of the same frequency after 、: 、2次行政案卷评查. */
  frequencyMore: new RegExp(
    `、[ ]?(至少|不少于|最少)?[ ]?(${NUM})[ ]?(次|回|轮)(?!性)[ ]?(及以上|以上)?`,
    'y',
  ),
  /** A duration that ends a deadline: 3个月内, 5个工作日内, 15日内, 10天内. */
  duration: new RegExp(`(?<![0-9.])(${NUM})[ ]?(个)?[ ]?(工作日|日|天|月)[ ]?(以内|之内|内)`, 'g'),
  /** A bare 每年 / 每周 (only read in a 完成时限 column). */
  bareEvery: /每年度?|每周|每星期/g,
} as const;

const P = OBLIGATION_PATTERNS;

/** Verbs that make a bare month or day a deadline: 明年7月份建成. */
const COMPLETION_VERBS = [
  '投入使用',
  '建成',
  '完成',
  '实现',
  '出台',
  '印发',
  '制定',
  '上线',
  '投用',
  '竣工',
  '开工',
  '启用',
  '建立',
  '办结',
  '开通',
  '通车',
  '交付',
  '达标',
  '到位',
  '落地',
  '运营',
  '满园',
];

/** A duration right after one of these is a limit of a rule (an indicator), not a deadline. */
const LIMIT_WORDS = [
  '不少于',
  '不超过',
  '不得超过',
  '不得少于',
  '不低于',
  '不高于',
  '不多于',
  '最长',
  '最短',
  '最多',
  '最少',
  '至少',
  '超过',
  '少于',
  '不足',
  '不满',
];

/** Where the event of a relative deadline starts inside its clause (after the last of these). */
const TRIGGER_ANCHORS = ['应当', '在', '于', '自', '从', '应', '须', '需', '要', '将', '并', '均'];

type DayPart = 'day' | 'end' | 'early' | 'mid' | 'late' | 'month';

type DateHit = { start: number; end: number; month: number; part: DayPart; day: number; before: boolean };

type Fields = Omit<Obligation, 'raw' | 'span' | 'activity'>;

type Candidate = {
  start: number;
  end: number;
  /** Lower wins an overlap; then the longer; then the earlier. */
  priority: number;
  fields: Fields;
  /** 'clause': the duty is the rest of the clause; 'item': the words up to the next 、 or break. */
  activity: 'clause' | 'item';
  /** An activity to use when none follows (the words of a frequency before its count). */
  fallback?: string;
};

const PRIORITY = { dated: 1, frequency: 2, bare: 3, yearless: 4, duration: 5 } as const;

function num(s: string | undefined): number | null {
  return s === undefined ? null : parseChineseNumber(s);
}

/** The month and day a date part stands for (in `year`, or a common year when null). */
function dueDay(
  part: DayPart,
  month: number,
  day: number,
  year: number | null,
): { day: number; endOfMonth?: true; approx?: 'early' | 'mid' | 'late'; inferred: boolean } {
  const last = daysInMonth(month, year);
  switch (part) {
    case 'day':
      return { day, inferred: false };
    case 'end':
      return { day: last, endOfMonth: true, inferred: false };
    case 'early':
      return { day: 10, approx: 'early', inferred: false };
    case 'mid':
      return { day: 20, approx: 'mid', inferred: false };
    case 'late':
      return { day: last, endOfMonth: true, approx: 'late', inferred: false };
    default:
      return { day: last, endOfMonth: true, inferred: true };
  }
}

function edgePart(word: string): DayPart {
  if (word === '底' || word === '末') return 'end';
  if (word === '初' || word === '上旬') return 'early';
  if (word === '中旬') return 'mid';
  if (word === '下旬') return 'late';
  return 'month';
}

/** A month and what follows it (day, 底, 初, 旬, 份, 前) at `pos`. */
function readMonthDate(f: string, pos: number): DateHit | null {
  const m = execAt(P.monthHead, f, pos);
  if (m === null) return null;
  const month = num(m[1]);
  if (month === null || !Number.isInteger(month) || month < 1 || month > 12) return null;
  let end = pos + m[0].length;
  let part: DayPart = 'month';
  let day = 0;
  const d = execAt(P.dayTail, f, end);
  if (d !== null) {
    const v = num(d[1]);
    if (v === null || !Number.isInteger(v) || v < 1 || v > daysInMonth(month, 2024)) return null;
    part = 'day';
    day = v;
    end += d[0].length;
  } else {
    const e = execAt(P.edgeTail, f, end);
    if (e !== null) {
      part = edgePart(e[1] ?? '');
      end += e[0].length;
    }
  }
  const b = execAt(P.beforeTail, f, end);
  if (b !== null) end += b[0].length;
  return { start: pos, end, month, part, day, before: b !== null };
}

function verbFollows(f: string, end: number): boolean {
  return wordAt(f, skipSpaces(f, end), COMPLETION_VERBS) !== null;
}

/** A date part marks a deadline by itself (底, 初, 旬, 前), or a completion verb follows it. */
function marked(f: string, hit: DateHit): boolean {
  return hit.before || (hit.part !== 'day' && hit.part !== 'month') || verbFollows(f, hit.end);
}

function annualFields(hit: DateHit): Fields {
  const d = dueDay(hit.part, hit.month, hit.day, null);
  return {
    kind: 'annual',
    confidence: d.inferred ? 'low' : 'high',
    month: hit.month,
    day: d.day,
    ...(d.endOfMonth ? { endOfMonth: true } : {}),
    ...(d.approx ? { approx: d.approx } : {}),
  };
}

function monthDay(hit: DateHit): MonthDay {
  const d = dueDay(hit.part, hit.month, hit.day, null);
  return { month: hit.month, day: d.day, ...(d.endOfMonth ? { endOfMonth: true } : {}) };
}

/** A one-off deadline; with no year known, the month and day alone. */
function onceFields(
  month: number,
  part: DayPart,
  day: number,
  year: number | null,
  yearInferred: boolean,
): Fields | null {
  const d = dueDay(part, month, day, year);
  if (part === 'day' && year !== null && day > daysInMonth(month, year)) return null;
  const fields: Fields = { kind: 'once', confidence: yearInferred || d.inferred ? 'low' : 'high' };
  if (year !== null) fields.date = isoDate(year, month, d.day);
  else {
    fields.month = month;
    fields.day = d.day;
    if (d.endOfMonth) fields.endOfMonth = true;
  }
  if (yearInferred) fields.yearInferred = true;
  if (d.approx) fields.approx = d.approx;
  return fields;
}

/** The year a date with no year falls in: the notice's, or the next if already past at issue. */
function inferYear(ctx: ExtractContext, month: number, day: number): number | null {
  const issued = parseIsoDate(ctx.issuedAt);
  const base = ctx.noticeYear ?? issued?.year ?? null;
  if (base === null) return null;
  if (issued !== null && issued.year === base) {
    if (month < issued.month || (month === issued.month && day < issued.day)) return base + 1;
  }
  return base;
}

function baseYear(ctx: ExtractContext): number | null {
  return ctx.noticeYear ?? parseIsoDate(ctx.issuedAt)?.year ?? null;
}

const QUARTER_ENDS: MonthDay[] = [
  { month: 3, day: 31, endOfMonth: true },
  { month: 6, day: 30, endOfMonth: true },
  { month: 9, day: 30, endOfMonth: true },
  { month: 12, day: 31, endOfMonth: true },
];

const HALF_YEAR_ENDS: MonthDay[] = [
  { month: 6, day: 30, endOfMonth: true },
  { month: 12, day: 31, endOfMonth: true },
];

type Finder = (ix: TextIndex, ctx: ExtractContext, lenient: boolean, out: Candidate[]) => void;

/** 每年3月1日前, 每年11月底前, 每年8月初, 每年1月底前和7月底前, 每年年底前. */
const findEveryYear: Finder = (ix, _ctx, _lenient, out) => {
  const f = ix.folded;
  for (const m of allMatches(P.everyYear, f)) {
    const pos = m.index + m[0].length;
    const edge = execAt(P.yearEdge, f, pos);
    if (edge !== null) {
      let end = pos + edge[0].length;
      const b = execAt(P.beforeTail, f, end);
      if (b !== null) end += b[0].length;
      const early = edge[1] === '初';
      const hit: DateHit = {
        start: pos,
        end,
        month: early ? 1 : 12,
        part: early ? 'early' : 'end',
        day: 0,
        before: false,
      };
      out.push({
        start: m.index,
        end,
        priority: PRIORITY.dated,
        fields: annualFields(hit),
        activity: 'clause',
      });
      continue;
    }
    const first = readMonthDate(f, pos);
    if (first === null) continue;
    const hits = [first];
    let end = first.end;
    for (let k = 0; k < 11; k++) {
      const j = execAt(P.dateJoin, f, end);
      if (j === null) break;
      const next = readMonthDate(f, end + j[0].length);
      if (next === null) break;
      hits.push(next);
      end = next.end;
    }
    // 3月、6月、9月、12月底前: the last date's 底 / 前 holds for the bare months before it.
    const last = hits[hits.length - 1] ?? first;
    for (const h of hits) {
      if (h !== last && h.part === 'month' && !h.before && last.part !== 'month') {
        h.part = last.part;
        h.day = last.day;
        h.before = last.before;
      }
    }
    let fields: Fields;
    if (hits.length === 1) fields = annualFields(first);
    else {
      const low = hits.some((h) => h.part === 'month');
      const kind = hits.length === 2 ? 'semiannual' : hits.length === 4 ? 'quarterly' : 'annual';
      fields = { kind, confidence: low ? 'low' : 'high', dates: hits.map(monthDay) };
      if (kind === 'annual') {
        const a = annualFields(first);
        fields.month = a.month;
        fields.day = a.day;
      }
    }
    out.push({ start: m.index, end, priority: PRIORITY.dated, fields, activity: 'clause' });
  }
};

/**
 * A quarter at `pos` and what follows it (末, 底, 前, 内): it falls due at the end of its last
 * month (第三季度 → 9月30日). `marked` when 末 / 底 / 前 / 内 says it is a deadline.
 */
function readQuarter(f: string, pos: number): { end: number; month: number; marked: boolean } | null {
  const q = execAt(P.yearQuarter, f, pos);
  if (q === null) return null;
  const n = num(q[1]);
  if (n === null || n < 1 || n > 4) return null;
  let end = pos + q[0].length;
  let isMarked = false;
  const e = execAt(P.halfYearEdge, f, end);
  if (e !== null) {
    end += e[0].length;
    isMarked = true;
  }
  const b = execAt(P.beforeTail, f, end) ?? execAt(P.withinTail, f, end);
  if (b !== null) {
    end += b[0].length;
    isMarked = true;
  }
  return { end, month: n * 3, marked: isMarked };
}

/** What may follow a year: 年底, 12月底前, 上半年, 第三季度, 内, or nothing. */
function readYearTail(
  f: string,
  pos: number,
): { end: number; month: number; part: DayPart; day: number; marked: boolean; dayInferred: boolean } {
  const edge = execAt(P.yearEdge, f, pos);
  if (edge !== null) {
    let end = pos + edge[0].length;
    const b = execAt(P.beforeTail, f, end);
    if (b !== null) end += b[0].length;
    const early = edge[1] === '初';
    return {
      end,
      month: early ? 1 : 12,
      part: early ? 'early' : 'end',
      day: 0,
      marked: true,
      dayInferred: false,
    };
  }
  const hit = readMonthDate(f, pos);
  if (hit !== null)
    return {
      end: hit.end,
      month: hit.month,
      part: hit.part,
      day: hit.day,
      marked: marked(f, hit),
      dayInferred: hit.part === 'month',
    };
  const half = execAt(P.yearHalf, f, pos);
  if (half !== null) {
    let end = pos + half[0].length;
    let isMarked = false;
    const e = execAt(P.halfYearEdge, f, end);
    if (e !== null) end += e[0].length;
    const b = execAt(P.beforeTail, f, end) ?? execAt(P.withinTail, f, end);
    if (b !== null) {
      end += b[0].length;
      isMarked = true;
    }
    return {
      end,
      month: half[1] === '上半年' ? 6 : 12,
      part: 'end',
      day: 0,
      marked: isMarked,
      dayInferred: false,
    };
  }
  const quarter = readQuarter(f, pos);
  if (quarter !== null) return { ...quarter, part: 'end', day: 0, dayInferred: false };
  const w = execAt(P.withinTail, f, pos);
  if (w !== null)
    return { end: pos + w[0].length, month: 12, part: 'end', day: 0, marked: true, dayInferred: false };
  return { end: pos, month: 12, part: 'end', day: 0, marked: false, dayInferred: true };
}

/** 截至2024年底, 2024年底前, 2024年12月底前, 2024年6月30日前. */
const findExplicitYear: Finder = (ix, _ctx, lenient, out) => {
  const f = ix.folded;
  for (const m of allMatches(P.explicitYear, f)) {
    const year = num(m[2]);
    if (year === null || year < 1900 || year > 2200) continue;
    let prefix = m[1] !== undefined;
    if (m[1] === '到' && m.index > 0 && '达得做收遇看想'.includes(f[m.index - 1] ?? '')) prefix = false;
    const pos = m.index + m[0].length;
    const tail = readYearTail(f, pos);
    // A bare year (2024年完成, 2024年度) is a deadline only after 截至 / 到.
    const bare = tail.end === pos;
    if (!lenient && !prefix && (bare || (!tail.marked && !verbFollows(f, tail.end)))) continue;
    const fields = onceFields(tail.month, tail.part, tail.day, year, false);
    if (fields === null) continue;
    if (tail.dayInferred) fields.confidence = 'low';
    const start = m[1] !== undefined && !prefix ? m.index + m[1].length : m.index;
    out.push({
      start: skipSpaces(f, start),
      end: tail.end,
      priority: PRIORITY.dated,
      fields,
      activity: 'clause',
    });
  }
};

/** 明年7月份建成, 明年年底, 今年内. */
const findRelativeYear: Finder = (ix, ctx, lenient, out) => {
  const f = ix.folded;
  const base = baseYear(ctx);
  for (const m of allMatches(P.relativeYear, f)) {
    const word = m[1] ?? '';
    const tail = readYearTail(f, m.index + m[0].length);
    const before2 = f.slice(Math.max(0, m.index - 2), m.index);
    const prefixLength = before2 === '截至' || before2 === '截止' ? 2 : f[m.index - 1] === '到' ? 1 : 0;
    const prefix = prefixLength > 0;
    const bare = tail.end === m.index + m[0].length;
    if (!lenient && !prefix && (bare || (!tail.marked && !verbFollows(f, tail.end)))) continue;
    const year = base === null ? null : word === '明年' || word === '次年' ? base + 1 : base;
    const fields = onceFields(tail.month, tail.part, tail.day, year, true);
    if (fields === null) continue;
    out.push({
      start: m.index - prefixLength,
      end: tail.end,
      priority: PRIORITY.dated,
      fields,
      activity: 'clause',
    });
  }
};

/** 年底前 / 年内 with no year: the notice year. */
const findBareYear: Finder = (ix, ctx, _lenient, out) => {
  const f = ix.folded;
  const year = baseYear(ctx);
  for (const m of allMatches(P.bareYearEnd, f)) {
    let end = m.index + m[0].length;
    const b = execAt(P.beforeTail, f, end);
    if (b !== null) end += b[0].length;
    const fields = onceFields(12, 'end', 0, year, true);
    if (fields !== null)
      out.push({ start: m.index, end, priority: PRIORITY.bare, fields, activity: 'clause' });
  }
  for (const m of allMatches(P.bareYearWithin, f)) {
    const fields = onceFields(12, 'end', 0, year, true);
    if (fields !== null)
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        priority: PRIORITY.bare,
        fields,
        activity: 'clause',
      });
  }
};

/** 三季度末, 第四季度前 with no year: the quarter's last day in the notice year (or the next). */
const findBareQuarter: Finder = (ix, ctx, lenient, out) => {
  const f = ix.folded;
  for (const m of allMatches(P.bareQuarter, f)) {
    const q = readQuarter(f, m.index);
    if (q === null) continue;
    if (!lenient && !q.marked && !verbFollows(f, q.end)) continue;
    const day = daysInMonth(q.month, null);
    const fields = onceFields(q.month, 'end', 0, inferYear(ctx, q.month, day), true);
    if (fields !== null)
      out.push({ start: m.index, end: q.end, priority: PRIORITY.yearless, fields, activity: 'clause' });
  }
};

/** 每月1-25日 (window), 每月5日前, 每月底前, 每月 (bare). */
const findEveryMonth: Finder = (ix, _ctx, _lenient, out) => {
  const f = ix.folded;
  for (const m of allMatches(P.everyMonth, f)) {
    const pos = m.index + m[0].length;
    const r = execAt(P.dayRange, f, pos);
    if (r !== null) {
      const from = num(r[1]);
      const to = num(r[2]);
      if (from !== null && to !== null && from >= 1 && from < to && to <= 31) {
        let end = pos + r[0].length;
        const t = execAt(P.rangeTail, f, end);
        if (t !== null) end += t[0].length;
        const fields: Fields = { kind: 'window', confidence: 'high', per: 'month', fromDay: from, toDay: to };
        out.push({ start: m.index, end, priority: PRIORITY.dated, fields, activity: 'clause' });
        continue;
      }
    }
    const d = execAt(P.dayTail, f, pos);
    if (d !== null) {
      const day = num(d[1]);
      if (day !== null && Number.isInteger(day) && day >= 1 && day <= 31) {
        let end = pos + d[0].length;
        const b = execAt(P.beforeTail, f, end);
        if (b !== null) end += b[0].length;
        const fields: Fields = { kind: 'monthly', confidence: 'high', day };
        out.push({ start: m.index, end, priority: PRIORITY.dated, fields, activity: 'clause' });
        continue;
      }
    }
    const e = execAt(P.monthEdge, f, pos);
    if (e !== null) {
      let end = pos + e[0].length;
      const b = execAt(P.beforeTail, f, end);
      if (b !== null) end += b[0].length;
      const part = edgePart(e[1] ?? '');
      const fields: Fields = { kind: 'monthly', confidence: 'high' };
      if (part === 'early') Object.assign(fields, { day: 10, approx: 'early' });
      else if (part === 'mid') Object.assign(fields, { day: 20, approx: 'mid' });
      else if (part === 'late') Object.assign(fields, { endOfMonth: true, approx: 'late' });
      else fields.endOfMonth = true;
      out.push({ start: m.index, end, priority: PRIORITY.dated, fields, activity: 'clause' });
      continue;
    }
    const fields: Fields = { kind: 'monthly', confidence: 'low', endOfMonth: true };
    out.push({ start: m.index, end: pos, priority: PRIORITY.bare, fields, activity: 'clause' });
  }
};

/** 每季度结束后10日内, 每季度首月10日前, 每季度末, 每季度 (bare). */
const findEveryQuarter: Finder = (ix, _ctx, _lenient, out) => {
  const f = ix.folded;
  for (const m of allMatches(P.everyQuarter, f)) {
    const pos = m.index + m[0].length;
    const a = execAt(P.quarterAfter, f, pos);
    if (a !== null) {
      const n = num(a[1]);
      if (n !== null && Number.isInteger(n) && n >= 1 && n <= 90) {
        let end = pos + a[0].length;
        const w = execAt(P.withinTail, f, end) ?? execAt(P.beforeTail, f, end);
        if (w !== null) end += w[0].length;
        const unit: TimeUnit = a[2] === '工作日' ? 'workday' : 'day';
        // Counted from each quarter's end (the deliverables add it on the calendar), not a day of a month.
        const fields: Fields = {
          kind: 'quarterly',
          confidence: 'high',
          amount: n,
          unit,
          trigger: '季度结束',
          direction: 'after',
        };
        out.push({ start: m.index, end, priority: PRIORITY.dated, fields, activity: 'clause' });
        continue;
      }
    }
    const fm = execAt(P.quarterFirstMonth, f, pos);
    if (fm !== null) {
      const n = num(fm[1]);
      if (n !== null && Number.isInteger(n) && n >= 1 && n <= 31) {
        let end = pos + fm[0].length;
        const b = execAt(P.beforeTail, f, end);
        if (b !== null) end += b[0].length;
        const dates = [1, 4, 7, 10].map((month) => ({ month, day: Math.min(n, daysInMonth(month, null)) }));
        const fields: Fields = { kind: 'quarterly', confidence: 'high', day: n, dates };
        out.push({ start: m.index, end, priority: PRIORITY.dated, fields, activity: 'clause' });
        continue;
      }
    }
    const qe = execAt(P.quarterEnd, f, pos);
    if (qe !== null) {
      let end = pos + qe[0].length;
      const b = execAt(P.beforeTail, f, end);
      if (b !== null) end += b[0].length;
      const fields: Fields = { kind: 'quarterly', confidence: 'high', endOfMonth: true, dates: QUARTER_ENDS };
      out.push({ start: m.index, end, priority: PRIORITY.dated, fields, activity: 'clause' });
      continue;
    }
    const fields: Fields = { kind: 'quarterly', confidence: 'low', endOfMonth: true, dates: QUARTER_ENDS };
    out.push({ start: m.index, end: pos, priority: PRIORITY.bare, fields, activity: 'clause' });
  }
};

/** 每半年 (semiannual, 6-30 and 12-31). */
const findEveryHalfYear: Finder = (ix, _ctx, _lenient, out) => {
  const f = ix.folded;
  for (const m of allMatches(P.everyHalfYear, f)) {
    let end = m.index + m[0].length;
    const e = execAt(P.halfYearEdge, f, end);
    if (e !== null) {
      end += e[0].length;
      const b = execAt(P.beforeTail, f, end);
      if (b !== null) end += b[0].length;
    }
    const fields: Fields = {
      kind: 'semiannual',
      confidence: e !== null ? 'high' : 'low',
      dates: HALF_YEAR_ENDS,
    };
    out.push({
      start: m.index,
      end,
      priority: e !== null ? PRIORITY.dated : PRIORITY.bare,
      fields,
      activity: 'clause',
    });
  }
};

function periodOf(word: string): Period {
  if (word.startsWith('每年')) return 'year';
  if (word.startsWith('每半年')) return 'halfyear';
  if (word.includes('季')) return 'quarter';
  if (word.includes('月')) return 'month';
  if (word.startsWith('每周') || word.startsWith('每星期')) return 'week';
  return 'term';
}

const AT_LEAST_WORDS = ['至少', '不少于', '不低于', '最少', '起码'];

/** The words of a frequency before its count, without the 至少 / 不少于 (学法不少于 → 学法). */
function gapActivity(gap: string): string {
  let out = gap;
  for (const w of AT_LEAST_WORDS) out = out.split(w).join('');
  return out.trim();
}

/** 每年至少组织1次专项监督、2次行政案卷评查; 每年学法不少于1次; 任期内至少接受1次. */
const findFrequency: Finder = (ix, _ctx, _lenient, out) => {
  const f = ix.folded;
  for (const m of allMatches(P.frequency, f)) {
    const period = periodOf(m[1] ?? '');
    const gap = m[2] ?? '';
    const count = num(m[3]);
    if (count === null || !Number.isInteger(count) || count < 1 || count > 1000) continue;
    const atLeast = AT_LEAST_WORDS.some((w) => gap.includes(w)) || m[5] !== undefined;
    const end = m.index + m[0].length;
    out.push({
      start: m.index,
      end,
      priority: PRIORITY.frequency,
      fields: { kind: 'frequency', confidence: 'high', count, per: period, atLeast },
      activity: 'item',
      fallback: gapActivity(
        ix.text.slice(m.index + (m[1] ?? '').length, m.index + (m[1] ?? '').length + gap.length),
      ),
    });
    // Further counts of the same period: 、2次行政案卷评查.
    let pos = end;
    for (let k = 0; k < 20; k++) {
      let j = pos;
      const limit = Math.min(f.length, pos + 40);
      while (j < limit && !ITEM_BREAKS.has(f[j] ?? '')) j++;
      if (f[j] !== '、') break;
      const more = execAt(P.frequencyMore, f, j);
      if (more === null) break;
      const c = num(more[2]);
      if (c === null || !Number.isInteger(c) || c < 1 || c > 1000) break;
      const start = skipSpaces(f, j + 1);
      const moreEnd = j + more[0].length;
      out.push({
        start,
        end: moreEnd,
        priority: PRIORITY.frequency,
        fields: {
          kind: 'frequency',
          confidence: 'high',
          count: c,
          per: period,
          atLeast: atLeast || more[1] !== undefined || more[4] !== undefined,
        },
        activity: 'item',
      });
      pos = moreEnd;
    }
  }
};

/** A month with no year: 4月1日前 (annual when the sentence says 每年), 11月底前 (once). */
const findYearless: Finder = (ix, ctx, lenient, out) => {
  const f = ix.folded;
  const everyYear = allMatches(P.everyYear, f).map((m) => m.index);
  const years = allMatches(P.explicitYear, f);
  const yearStarts = years.map((m) => m.index);
  for (const m of allMatches(P.yearlessMonth, f)) {
    const hit = readMonthDate(f, m.index);
    if (hit === null) continue;
    if (!lenient && !marked(f, hit)) continue;
    const sentence = at(ix.sentenceStart, m.index);
    const e = lastBefore(everyYear, m.index);
    if (e >= 0 && (everyYear[e] ?? -1) >= sentence) {
      out.push({
        start: m.index,
        end: hit.end,
        priority: PRIORITY.yearless,
        fields: annualFields(hit),
        activity: 'clause',
      });
      continue;
    }
    // A year written earlier in the same sentence (2024年6月底前完成A, 9月底前完成B).
    const y = lastBefore(yearStarts, m.index);
    const yearMatch = y >= 0 ? years[y] : undefined;
    let year: number | null = null;
    if (yearMatch !== undefined && yearMatch.index >= sentence) year = num(yearMatch[2]);
    if (year === null) {
      const probe = dueDay(hit.part, hit.month, hit.day, null);
      year = inferYear(ctx, hit.month, probe.day);
    }
    const fields = onceFields(hit.month, hit.part, hit.day, year, true);
    if (fields === null) continue;
    out.push({ start: m.index, end: hit.end, priority: PRIORITY.yearless, fields, activity: 'clause' });
  }
};

/** The clause before the one that starts at `clauseStart` (same sentence), trimmed. */
function previousClause(ix: TextIndex, clauseStart: number): string | undefined {
  const breakAt = clauseStart - 1;
  if (breakAt < 0 || SENTENCE_BREAKS.has(ix.folded[breakAt] ?? '')) return undefined;
  const start = at(ix.clauseStart, breakAt);
  const t = ix.text.slice(start, breakAt).trim();
  if (t.length === 0) return undefined;
  return t.length > 40 ? t.slice(t.length - 40) : t;
}

/** Where the event words of a relative deadline start, searching back from `end` in its clause. */
function eventStart(f: string, clauseStart: number, end: number): number {
  let cut = clauseStart;
  const seg = f.slice(clauseStart, end);
  for (const a of TRIGGER_ANCHORS) {
    const i = seg.lastIndexOf(a);
    if (i >= 0) cut = Math.max(cut, clauseStart + i + a.length);
  }
  return skipSpaces(f, Math.max(cut, end - 20));
}

/** 3个月内, 5个工作日内, 15日内, 10天内, 上会前2个工作日内, 收到申请后15日内. */
const findDuration: Finder = (ix, _ctx, _lenient, out) => {
  const f = ix.folded;
  for (const m of allMatches(P.duration, f)) {
    const unitWord = m[3] ?? '';
    if (unitWord === '月' && m[2] === undefined) continue;
    if (m.index > 0 && f[m.index - 1] === '月') continue;
    const amount = num(m[1]);
    if (amount === null || amount <= 0 || amount > 1000) continue;
    const unit: TimeUnit = unitWord === '工作日' ? 'workday' : unitWord === '月' ? 'month' : 'day';
    const end = m.index + m[0].length;
    const cs = at(ix.clauseStart, m.index);
    const prefix = f.slice(cs, m.index).trimEnd();
    if (LIMIT_WORDS.some((w) => prefix.endsWith(w))) continue;
    const fields: Fields = { kind: 'relative', confidence: 'high', amount, unit, direction: 'after' };
    let start = m.index;
    const beforeWord = ['之前', '以前', '前'].find((w) => prefix.endsWith(w));
    const afterWord = ['之日起', '之日后', '之后', '以后', '后', '起'].find((w) => prefix.endsWith(w));
    const marker = beforeWord ?? afterWord;
    if (marker !== undefined) {
      if (beforeWord !== undefined) fields.direction = 'before';
      let evEnd = cs + prefix.length - marker.length;
      if (beforeWord !== undefined && f[evEnd - 1] === '提') evEnd--;
      const evStart = eventStart(f, cs, evEnd);
      const trigger = ix.text.slice(evStart, evEnd).trim();
      if (trigger.length > 0) {
        fields.trigger = trigger;
        start = evStart;
      } else {
        start = evEnd;
        const prev = previousClause(ix, cs);
        if (prev !== undefined) fields.trigger = prev;
      }
    } else {
      const prev = previousClause(ix, cs);
      if (prev !== undefined) fields.trigger = prev;
    }
    out.push({ start, end, priority: PRIORITY.duration, fields, activity: 'clause' });
  }
};

/** In a 完成时限 column only: a bare 每年 (annual, year end) or 每周 (once a week). */
const findBareEvery: Finder = (ix, _ctx, lenient, out) => {
  if (!lenient) return;
  for (const m of allMatches(P.bareEvery, ix.folded)) {
    const end = m.index + m[0].length;
    const fields: Fields = m[0].startsWith('每年')
      ? { kind: 'annual', confidence: 'low', month: 12, day: 31, endOfMonth: true }
      : { kind: 'frequency', confidence: 'low', count: 1, per: 'week', atLeast: false };
    out.push({ start: m.index, end, priority: PRIORITY.duration + 1, fields, activity: 'clause' });
  }
};

const FINDERS: readonly Finder[] = [
  findEveryYear,
  findExplicitYear,
  findRelativeYear,
  findBareYear,
  findBareQuarter,
  findEveryMonth,
  findEveryQuarter,
  findEveryHalfYear,
  findFrequency,
  findYearless,
  findDuration,
  findBareEvery,
];

/** The duty after a schedule phrase: the rest of its clause (or the next clause), up to the next schedule. */
function clauseActivity(ix: TextIndex, end: number, nextStart: number): string | undefined {
  const f = ix.folded;
  let i = skipSpaces(f, end);
  if (f[i] === ',' || f[i] === ':') i = skipSpaces(f, i + 1);
  const limit = Math.min(f.length, nextStart, i + 80);
  let j = i;
  while (j < limit && !CLAUSE_BREAKS.has(f[j] ?? '')) j++;
  let act = ix.text.slice(i, j);
  if (j === nextStart && j < f.length && !CLAUSE_BREAKS.has(f[j] ?? '')) {
    const k = act.lastIndexOf('、');
    act = k >= 0 ? act.slice(0, k) : '';
  }
  act = act.trim();
  while (act.endsWith('、')) act = act.slice(0, -1).trim();
  return act.length > 0 ? act : undefined;
}

/** The words after a count up to the next punctuation (专项监督 in 1次专项监督、…). */
function itemActivity(ix: TextIndex, end: number, nextStart: number): string | undefined {
  const f = ix.folded;
  const i = skipSpaces(f, end);
  const limit = Math.min(f.length, nextStart, i + 30);
  let j = i;
  while (j < limit && !ITEM_BREAKS.has(f[j] ?? '')) j++;
  const act = ix.text.slice(i, j).trim();
  return act.length > 0 ? act : undefined;
}

/** Keep the best candidates that do not overlap, in text order. */
function resolve(cands: Candidate[], length: number): Candidate[] {
  const sorted = [...cands].sort(
    (a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const taken = new Uint8Array(length + 1);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    if (c.end <= c.start) continue;
    let free = true;
    for (let i = c.start; i < c.end; i++)
      if (taken[i] === 1) {
        free = false;
        break;
      }
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Obligations of an indexed text with their spans in the index's own offsets (those of `ix.text`,
 * which has the line breaks of a wrapped paragraph taken out); `lenient` reads bare dates too.
 */
export function findIndexedObligations(ix: TextIndex, ctx: ExtractContext, lenient: boolean): Obligation[] {
  const cands: Candidate[] = [];
  for (const find of FINDERS) find(ix, ctx, lenient, cands);
  const kept = resolve(cands, ix.folded.length);
  return kept.map((c, k) => {
    const nextStart = kept[k + 1]?.start ?? ix.folded.length;
    const activity =
      c.activity === 'item'
        ? (itemActivity(ix, c.end, nextStart) ??
          (c.fallback !== undefined && c.fallback.length > 0 ? c.fallback : undefined))
        : clauseActivity(ix, c.end, nextStart);
    const ob: Obligation = {
      ...c.fields,
      raw: ix.text.slice(c.start, c.end),
      span: { start: c.start, end: c.end },
    };
    if (activity !== undefined) ob.activity = activity;
    return ob;
  });
}

/**
 * Obligations of an indexed text, each with its span in the document (`offset` + its offset in
 * the original text) and its `raw` as written there.
 */
export function findObligations(
  ix: TextIndex,
  offset: number,
  ctx: ExtractContext,
  lenient: boolean,
): Obligation[] {
  return findIndexedObligations(ix, ctx, lenient).map((o) => ({
    ...o,
    raw: rawOf(ix, o.span.start, o.span.end),
    span: spanOf(ix, offset, o.span.start, o.span.end),
  }));
}

/**
 * The schedules a task's text sets (docs/extraction-rules.md, "Obligations"). `text` is the task's
 * original text and `offset` its start in the document: every span is `offset + i`, and
 * `raw === text.slice(i, j)`. Obligations never overlap and come in text order.
 */
export function extractObligations(text: string, offset: number, ctx: ExtractContext): Obligation[] {
  return findObligations(indexText(text), offset, ctx, false);
}
