/**
 * Indicators: the quantitative targets of a task's text (docs/extraction-rules.md, "Indicators").
 *
 * Comparators follow the Civil Code (以上 / 以下 / 以内 include the number). A figure is only a
 * target when a comparator, a completion verb, a growth verb or a 以上 / 以内 / 左右 suffix marks it;
 * counts of a frequency (每年…1次) are obligations and are left out. Every regular expression is
 * linear (bounded quantifiers, no quantified group that holds a quantifier).
 */
import {
  CHINESE_NUMERAL_CHARS,
  DIGITS_SOURCE,
  NUMBER_SOURCE,
  parseChineseNumber,
} from '../text/chinese-number.ts';
import type { Comparator, Indicator } from '../types.ts';
import { findIndexedObligations } from './obligations.ts';
import {
  allMatches,
  at,
  CLAUSE_BREAKS,
  indexText,
  rawOf,
  SENTENCE_BREAKS,
  skipSpaces,
  spanOf,
  stripLeading,
  stripTrailing,
  type TextIndex,
  wordAt,
} from './shared.ts';

export type IndicatorContext = { noticeYear: number | null };

type Strength = 'strong' | 'weak';

/** Comparator words that may be separated from their figure (不少于本单位执法人员总数5%). */
const STRONG: ReadonlyArray<readonly [string, Comparator]> = [
  ['最长不得超过', '<='],
  ['最长不超过', '<='],
  ['最多不超过', '<='],
  ['不得超过', '<='],
  ['不得高于', '<='],
  ['不得少于', '>='],
  ['不得低于', '>='],
  ['不超过', '<='],
  ['不高于', '<='],
  ['不大于', '<='],
  ['不多于', '<='],
  ['不少于', '>='],
  ['不低于', '>='],
  ['不小于', '>='],
  ['至少', '>='],
  ['最少', '>='],
  ['最短', '>='],
  ['最多', '<='],
  ['最长', '<='],
  ['超过', '>'],
  ['高于', '>'],
  ['多于', '>'],
  ['大于', '>'],
  ['低于', '<'],
  ['少于', '<'],
  ['小于', '<'],
  ['不满', '<'],
  ['不足', '<'],
];

/** Comparator words the figure must follow at once (达到100%, 配齐2名, 控制在4%以内). */
const WEAK: ReadonlyArray<readonly [string, Comparator]> = [
  ['提高到', '>='],
  ['提高至', '>='],
  ['提升到', '>='],
  ['提升至', '>='],
  ['增加到', '>='],
  ['增加至', '>='],
  ['扩大到', '>='],
  ['增至', '>='],
  ['达到', '>='],
  ['达', '>='],
  ['完成', '>='],
  ['实现', '>='],
  ['控制在', '<='],
  ['降低到', '<='],
  ['降低至', '<='],
  ['下降到', '<='],
  ['下降至', '<='],
  ['压减到', '<='],
  ['压减至', '<='],
  ['压缩到', '<='],
  ['压缩至', '<='],
  ['降至', '<='],
  ['保持在', '='],
  ['稳定在', '='],
  ['配齐', '='],
  ['配备', '='],
  ['约', '='],
];

/** Verbs of change: the figure is the size of the change (增长6.2%左右); they stay in the subject. */
const GROWTH = ['增长', '增加', '提高', '提升', '下降', '降低', '减少', '压减', '压缩'];

const UNITS = [
  '%',
  '‰',
  '个百分点',
  '个工作日',
  '个小时',
  '个月',
  '百分点',
  '工作日',
  '小时',
  '学时',
  '课时',
  '万人次',
  '万人',
  '万元',
  '亿元',
  '人次',
  '场次',
  '批次',
  '平方公里',
  '平方米',
  '公里',
  '千米',
  '万',
  '亿',
  '元',
  '人',
  '名',
  '家',
  '次',
  '项',
  '件',
  '所',
  '米',
  '亩',
  '吨',
  '台',
  '套',
  '户',
  '场',
  '期',
  '篇',
  '天',
  '日',
  '年',
  '周',
  '倍',
  '条',
  '座',
  '处',
  '类',
  '批',
  '个',
];

/** Units that count things: the words after them name what is counted (2名司法协理员). */
const COUNT_UNITS = new Set([
  '名',
  '人',
  '个',
  '家',
  '项',
  '件',
  '所',
  '台',
  '套',
  '户',
  '座',
  '处',
  '条',
  '篇',
  '场',
  '类',
  '批',
]);

/** Units a Chinese numeral may carry right after a weak comparator (配齐两名, 达到三个). */
const WEAK_NUMERAL_UNITS = new Set([
  '名',
  '人',
  '个',
  '家',
  '项',
  '所',
  '次',
  '件',
  '人次',
  '学时',
  '小时',
  '工作日',
  '天',
  '日',
]);

const SUFFIXES = ['及以上', '以上', '以下', '以内', '之内', '左右', '上下'];

/** An alternation of literal words (none of them holds a character special to a pattern but % and .). */
function alt(words: readonly string[]): string {
  return words.map((w) => w.split('.').join('\\.')).join('|');
}

const NUMERAL = CHINESE_NUMERAL_CHARS;
const FIG = `(百分之)?(${NUMBER_SOURCE})`;
const UNIT = `(${alt(UNITS)})`;
const SUFFIX = `(${alt(SUFFIXES)})`;
/** Words between a strong comparator and its figure: no digits, numerals or punctuation. */
const GAP = `([^\\s0-9０-９${NUMERAL},.;:!?。、()“”"'《》<>\\[\\]%]{0,12}?)`;
const NOUN = `[^\\s,.;:!?。、()“”"'《》%]`;
const YEAR = '(?:[0-9]{4}|[〇零一二三四五六七八九]{4})';

/** Every regular expression of the indicator extractor (the tests run each on worst-case input). */
export const INDICATOR_PATTERNS = {
  /** 不少于5%, 不少于本单位执法人员总数5%, 至少有一个, 最长不超过15个工作日. */
  strong: new RegExp(
    `(?<![不得])(${alt(STRONG.map(([w]) => w))})[ ]{0,2}${GAP}[ ]{0,2}${FIG}[ ]{0,2}${UNIT}?[ ]{0,2}${SUFFIX}?`,
    'gd',
  ),
  /** 达到 90%以上, 达100%, 实现100%, 配齐2名, 控制在4%以内. */
  weak: new RegExp(
    `(?<![不得])(${alt(WEAK.map(([w]) => w))})[ ]{0,2}${FIG}[ ]{0,2}${UNIT}?[ ]{0,2}${SUFFIX}?`,
    'gd',
  ),
  /** 完成年度目标的80%, 达到全年任务的60%以上: a share of a target to reach. */
  shareOf: new RegExp(
    `(?<![不得])(完成(?!率)|达到)[ ]{0,2}${GAP}的[ ]{0,2}(百分之)?(${DIGITS_SOURCE})[ ]{0,2}(%)?[ ]{0,2}${SUFFIX}?`,
    'gd',
  ),
  /** 增长6.2%左右, 提高5个百分点. */
  growth: new RegExp(`(${alt(GROWTH)})[ ]{0,2}${FIG}[ ]{0,2}${UNIT}?[ ]{0,2}${SUFFIX}?`, 'gd'),
  /** 90%以上, 5年以上, 3人以下, 5%左右. */
  suffixOnly: new RegExp(`(?<![0-9０-９.．${NUMERAL}])${FIG}[ ]{0,2}${UNIT}?[ ]{0,2}${SUFFIX}`, 'gd'),
  /** 100%的司法所达到: the share of the things that reach a standard. */
  percentOf: new RegExp(
    `(?<![0-9０-９.．])(${DIGITS_SOURCE})[ ]{0,2}(%)的(${NOUN}{1,15}?)(达到|实现|完成|具备|符合)`,
    'gd',
  ),
  /** 满意率95%: a rate and its figure with no comparator. */
  rateBare: new RegExp(`(率|比例|比重|覆盖面|占比)(?:为|是)?[ ]{0,2}(${DIGITS_SOURCE})[ ]{0,2}(%)`, 'gd'),
  /** A year in the clause of a figure: 2024年度完成50%, 2025年高频…达100%. */
  clauseYear: new RegExp(`(?<![0-9〇零一二三四五六七八九])(${YEAR})[ ]?年|(明年|次年|今年|本年)`, 'g'),
} as const;

const P = INDICATOR_PATTERNS;

const STRONG_MAP = new Map<string, Comparator>(STRONG);
const WEAK_MAP = new Map<string, Comparator>(WEAK);

/** Characters that end the words of a subject (the enumeration comma too: 听证不少于4人、调查取证…). */
const SUBJECT_BREAKS = new Set([
  ',',
  ';',
  '。',
  '!',
  '?',
  ':',
  '、',
  '\n',
  '\r',
  '“',
  '”',
  '"',
  "'",
  '《',
  '》',
  '[',
  ']',
]);

const LEAD_WORDS = [
  '原则上',
  '按照',
  '依照',
  '根据',
  '确保',
  '实现',
  '推动',
  '力争',
  '努力',
  '保证',
  '落实',
  '分阶段',
  '逐步',
  '全面',
  '进一步',
  '其中',
  '并且',
  '同时',
  '要求',
  '全市',
  '全区',
  '全县',
  '全省',
  '全年',
  '明年',
  '次年',
  '今年',
  '本年',
  '当年',
  '所有',
  '各级',
  '截至',
  '按',
  '并',
  '且',
  '到',
  '使',
  '将',
];

const TRAIL_WORDS = [
  '原则上',
  '一般',
  '应当',
  '应该',
  '必须',
  '需要',
  '力争',
  '确保',
  '能够',
  '累计',
  '配备',
  '配齐',
  '配强',
  '接受',
  '保持',
  '达到',
  '实现',
  '完成',
  '按照',
  '要',
  '应',
  '须',
  '需',
  '均',
  '都',
  '将',
  '可',
  '有',
  '达',
  '为',
  '是',
  '在',
  '按',
];

/** Where the name of a rate starts: 高频处罚事项|裁量权细化率, 三大平台|满意率, 依法应当|出庭应诉率. */
const RATE_BOUNDARIES = ['应当', '依法', '事项', '平台', '机关', '负责人', '部门', '单位', '企业'];

const PER_STOPS = [
  '配备',
  '配齐',
  '配强',
  '建有',
  '设有',
  '设立',
  '建立',
  '建成',
  '至少',
  '不少于',
  '有',
  '都',
  '均',
  '要',
  '应',
];

type Source = 'before' | 'after' | 'preset' | 'fallback' | 'none';

type Hit = {
  start: number;
  end: number;
  /** Where the words before the target end (the comparator, or the figure). */
  subjectEnd: number;
  figStart: number;
  /** Just after the figure, its unit and suffix. */
  figEnd: number;
  comparator: Comparator;
  value: number;
  unit: string | null;
  approx: boolean;
  defaulted: boolean;
  priority: number;
  /** Words between a strong comparator and its figure. */
  gap: string;
  presetSubject?: string;
};

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= '0' && ch <= '9') || (ch >= '０' && ch <= '９'));
}

function normalizeUnit(u: string): string {
  if (u === '个工作日') return '工作日';
  if (u === '个百分点') return '百分点';
  if (u === '个月') return '月';
  if (u === '个小时') return '小时';
  return u;
}

function group(m: RegExpExecArray, k: number): [number, number] | null {
  const g = m.indices?.[k];
  return g === undefined ? null : [g[0], g[1]];
}

/** Read the figure of a match (groups: 百分之, number, unit, suffix); null when it is no target. */
function readFigure(
  f: string,
  m: RegExpExecArray,
  k: number,
): { value: number; unit: string | null; suffix: string | null; figStart: number; end: number } | null {
  const pct = m[k];
  const numStr = m[k + 1] ?? '';
  let unit = m[k + 2] ?? null;
  const suffix = m[k + 3] ?? null;
  const numSpan = group(m, k + 1);
  if (numSpan === null) return null;
  const digits = isDigit(numStr[0]);
  if (digits && isDigit(f[numSpan[1]])) return null;
  let value = parseChineseNumber(numStr);
  // 五万元 is 5 万元, not 50000 元.
  if (
    !digits &&
    numStr.endsWith('万') &&
    numStr.length > 1 &&
    (unit === '元' || unit === '人' || unit === '人次')
  ) {
    value = parseChineseNumber(numStr.slice(0, -1));
    unit = `万${unit}`;
  }
  if (value === null || !Number.isFinite(value)) return null;
  const end = m.index + m[0].length;
  if (pct !== undefined) {
    if (unit !== null) return null;
    unit = '%';
  }
  const unitSpan = group(m, k + 2);
  const afterUnit = unitSpan !== null ? unitSpan[1] : numSpan[1];
  if (unit === null && suffix === null) {
    if (!digits) return null;
    const next = f[skipSpaces(f, numSpan[1])];
    if (next !== undefined && !SUBJECT_BREAKS.has(next) && next !== ')' && next !== '(') return null;
  }
  if (!digits && unit === null) return null;
  if (unit === '年' || unit === '日' || unit === '天' || unit === '月') {
    const next = f[afterUnit] ?? '';
    if ('度底末初内前份'.includes(next) && next !== '') return null;
    if (unit === '年' && digits && numStr.length === 4) return null;
  }
  if (unit === '年' && !digits && numStr.length === 4) return null;
  return {
    value,
    unit: unit === null ? null : normalizeUnit(unit),
    suffix,
    figStart: pct !== undefined ? (group(m, k)?.[0] ?? numSpan[0]) : numSpan[0],
    end,
  };
}

function bySuffix(suffix: string | null): { comparator: Comparator; approx: boolean } | null {
  if (suffix === '以上' || suffix === '及以上') return { comparator: '>=', approx: false };
  if (suffix === '以下' || suffix === '以内' || suffix === '之内') return { comparator: '<=', approx: false };
  if (suffix === '左右' || suffix === '上下') return { comparator: '=', approx: true };
  return null;
}

function comparatorHits(f: string, strength: Strength, out: Hit[]): void {
  const re = strength === 'strong' ? P.strong : P.weak;
  const map = strength === 'strong' ? STRONG_MAP : WEAK_MAP;
  for (const m of allMatches(re, f)) {
    const word = m[1] ?? '';
    if (word === '达' && '下到表传送抵直通发转'.includes(f[m.index - 1] ?? '_')) continue;
    const fig = readFigure(f, m, strength === 'strong' ? 3 : 2);
    if (fig === null) continue;
    // 实现一体化 / 实现一期 / 完成一批: a Chinese numeral after 达到 / 实现 / 完成 only counts people or things.
    if (
      strength === 'weak' &&
      !isDigit(m[3]?.[0]) &&
      m[2] === undefined &&
      !WEAK_NUMERAL_UNITS.has(fig.unit ?? '')
    )
      continue;
    let comparator = map.get(word) ?? '>=';
    let approx = word === '约';
    const s = bySuffix(fig.suffix);
    if (s?.approx === true) {
      approx = true;
      if (strength === 'weak' && word !== '控制在') comparator = '=';
    } else if (s !== null && strength === 'weak') comparator = s.comparator;
    out.push({
      start: m.index,
      end: fig.end,
      subjectEnd: m.index,
      figStart: fig.figStart,
      figEnd: fig.end,
      comparator,
      value: fig.value,
      unit: fig.unit,
      approx,
      defaulted: false,
      priority: 1,
      gap: strength === 'strong' ? (m[2] ?? '') : '',
    });
  }
}

/** 完成年度目标的80%: at least that share of the target (the words between name what it is of). */
function shareHits(ix: TextIndex, out: Hit[]): void {
  const f = ix.folded;
  for (const m of allMatches(P.shareOf, f)) {
    const gap = group(m, 2);
    if (gap === null || gap[1] <= gap[0]) continue;
    const fig = readFigure(f, m, 3);
    if (fig === null || fig.unit !== '%') continue;
    const s = bySuffix(fig.suffix);
    out.push({
      start: m.index,
      end: fig.end,
      subjectEnd: m.index,
      figStart: fig.figStart,
      figEnd: fig.end,
      comparator: s?.approx === true ? '=' : (s?.comparator ?? '>='),
      value: fig.value,
      unit: fig.unit,
      approx: s?.approx === true,
      defaulted: false,
      priority: 1,
      gap: m[2] ?? '',
      presetSubject: ix.text.slice(gap[0], gap[1]).trim(),
    });
  }
}

function growthHits(f: string, out: Hit[]): void {
  for (const m of allMatches(P.growth, f)) {
    const fig = readFigure(f, m, 2);
    if (fig === null || fig.unit === null) continue;
    const s = bySuffix(fig.suffix);
    out.push({
      start: m.index,
      end: fig.end,
      subjectEnd: fig.figStart,
      figStart: fig.figStart,
      figEnd: fig.end,
      comparator: s?.comparator ?? '>=',
      value: fig.value,
      unit: fig.unit,
      approx: s?.approx ?? false,
      defaulted: s === null,
      priority: 2,
      gap: '',
    });
  }
}

function suffixHits(f: string, out: Hit[]): void {
  for (const m of allMatches(P.suffixOnly, f)) {
    const fig = readFigure(f, m, 1);
    if (fig === null) continue;
    const s = bySuffix(fig.suffix);
    if (s === null) continue;
    out.push({
      start: fig.figStart,
      end: fig.end,
      subjectEnd: fig.figStart,
      figStart: fig.figStart,
      figEnd: fig.end,
      comparator: s.comparator,
      value: fig.value,
      unit: fig.unit,
      approx: s.approx,
      defaulted: false,
      priority: 3,
      gap: '',
    });
  }
}

function percentOfHits(ix: TextIndex, out: Hit[]): void {
  const f = ix.folded;
  for (const m of allMatches(P.percentOf, f)) {
    const value = parseChineseNumber(m[1] ?? '');
    const noun = group(m, 3);
    if (value === null || noun === null) continue;
    if (isDigit(f[(group(m, 1) ?? [0, 0])[1]])) continue;
    const end = m.index + m[0].length;
    out.push({
      start: m.index,
      end,
      subjectEnd: m.index,
      figStart: m.index,
      figEnd: end,
      comparator: '>=',
      value,
      unit: '%',
      approx: false,
      defaulted: false,
      priority: 2,
      gap: '',
      presetSubject: ix.text.slice(noun[0], noun[1]).trim(),
    });
  }
}

function rateHits(f: string, out: Hit[]): void {
  for (const m of allMatches(P.rateBare, f)) {
    const num = group(m, 2);
    if (num === null || isDigit(f[num[1]])) continue;
    const value = parseChineseNumber(m[2] ?? '');
    if (value === null) continue;
    const end = m.index + m[0].length;
    out.push({
      start: num[0],
      end,
      subjectEnd: num[0],
      figStart: num[0],
      figEnd: end,
      comparator: '>=',
      value,
      unit: '%',
      approx: false,
      defaulted: true,
      priority: 4,
      gap: '',
    });
  }
}

/** Where the words before `end` start: back to a break, skipping whole (…) groups. */
function wordsBefore(f: string, end: number): number {
  let i = end;
  let depth = 0;
  while (i > 0 && end - i < 40) {
    const ch = f[i - 1] ?? '';
    if (ch === ')') depth++;
    else if (ch === '(') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && SUBJECT_BREAKS.has(ch)) break;
    i--;
  }
  return i;
}

function stripYear(s: string): string {
  let t = s;
  const head = t.slice(0, 4);
  const yearDigits =
    head.length === 4 && [...head].every((c) => isDigit(c) || '〇零一二三四五六七八九'.includes(c));
  if (t[4] === '年' && yearDigits) {
    t = t.slice(5);
    if (t.startsWith('度') || t.startsWith('底') || t.startsWith('末')) t = t.slice(1);
  }
  return t;
}

/** Drop a list number at the head: `1.`, `12、`, `(一)`, `(3)`. */
function stripNumbering(s: string): string {
  let i = 0;
  while (i < s.length && i < 3 && isDigit(s[i])) i++;
  if (i > 0 && (s[i] === '.' || s[i] === '、' || s[i] === '．')) return s.slice(i + 1);
  if (s[0] === '(') {
    const close = s.indexOf(')');
    if (close > 1 && close <= 4 && [...s.slice(1, close)].every((c) => isDigit(c) || NUMERAL.includes(c)))
      return s.slice(close + 1);
  }
  return s;
}

function clean(s: string): string {
  let t = s.trim();
  for (let guard = 0; guard < 10; guard++) {
    const before = t;
    t = stripTrailing(stripLeading(stripYear(stripNumbering(t)), LEAD_WORDS), TRAIL_WORDS);
    if (t === before) break;
  }
  return t;
}

/** Split a per phrase (每人每年, 每个司法所) off the head of a subject. */
function splitPer(s: string): { per?: string; rest: string } {
  for (const p of [
    '每人每年',
    '每人每月',
    '每人每季度',
    '每人',
    '每年度',
    '每年',
    '每季度',
    '每月',
    '每周',
  ]) {
    if (s.startsWith(p)) return { per: p, rest: clean(s.slice(p.length)) };
  }
  if (s.startsWith('每个') || s.startsWith('每一个')) {
    let k = s.length;
    for (const w of PER_STOPS) {
      const i = s.indexOf(w, 2);
      if (i >= 0 && i < k) k = i;
    }
    return { per: s.slice(0, k), rest: clean(s.slice(k)) };
  }
  return { rest: s };
}

/** The head noun of a subject: after the last 的, and a rate without its owner. */
function head(s: string): string {
  let t = s;
  const de = t.lastIndexOf('的');
  if (de >= 0 && de < t.length - 1) t = t.slice(de + 1);
  if (t.endsWith('率') || t.endsWith('比例') || t.endsWith('比重') || t.endsWith('占比')) {
    let cut = 0;
    for (const b of RATE_BOUNDARIES) {
      const i = t.lastIndexOf(b);
      if (i >= 0 && i + b.length < t.length) cut = Math.max(cut, i + b.length);
    }
    t = t.slice(cut);
  }
  return t.trim();
}

/** The words after a figure that name what it counts or measures. */
function wordsAfter(ix: TextIndex, pos: number, count: boolean): string {
  const f = ix.folded;
  let i = skipSpaces(f, pos);
  if (f[i] === '的') {
    i++;
    const w = wordAt(f, i, ['要求', '比例', '标准']);
    if (w !== null) i += w.length;
    const v = wordAt(f, i, ['配备', '配齐', '配强', '设置', '建立']);
    if (v !== null) i += v.length;
    let j = i;
    while (j < f.length && j - i < 30 && !CLAUSE_BREAKS.has(f[j] ?? '') && !'()“”"《》'.includes(f[j] ?? ''))
      j++;
    return ix.text.slice(i, j).trim();
  }
  if (!count) return '';
  let j = i;
  while (j < f.length && j - i < 20 && !SUBJECT_BREAKS.has(f[j] ?? '') && f[j] !== '(' && f[j] !== ')') j++;
  return ix.text.slice(i, j).trim();
}

/** The previous clause of the same sentence, reduced to its head noun (保证足够的合法性审查时间 → 合法性审查时间). */
function previousClauseHead(ix: TextIndex, pos: number): string {
  const cs = at(ix.clauseStart, pos);
  const breakAt = cs - 1;
  if (breakAt < 0 || SENTENCE_BREAKS.has(ix.folded[breakAt] ?? '')) return '';
  const start = at(ix.clauseStart, breakAt);
  const t = clean(ix.text.slice(start, breakAt));
  if (!t.includes('的')) return '';
  return head(t);
}

/** Keep one target per figure, the best one, with no two raw spans overlapping. */
function resolveHits(hits: Hit[], length: number): Hit[] {
  const sorted = [...hits].sort((a, b) => a.priority - b.priority || a.start - b.start);
  const taken = new Uint8Array(length + 1);
  const kept: Hit[] = [];
  for (const h of sorted) {
    let free = true;
    for (let i = h.start; i < h.end; i++)
      if (taken[i] === 1) {
        free = false;
        break;
      }
    if (!free) continue;
    taken.fill(1, h.start, h.end);
    kept.push(h);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * The targets of a task's text (docs/extraction-rules.md, "Indicators"). `text` is the task's
 * original text and `offset` its start in the document. Indicators come in text order.
 */
export function extractIndicators(text: string, offset: number, ctx: IndicatorContext): Indicator[] {
  const ix = indexText(text);
  const f = ix.folded;
  const obligations = findIndexedObligations(ix, { noticeYear: ctx.noticeYear, issuedAt: null }, false);
  const hits: Hit[] = [];
  comparatorHits(f, 'strong', hits);
  comparatorHits(f, 'weak', hits);
  shareHits(ix, hits);
  growthHits(f, hits);
  suffixHits(f, hits);
  percentOfHits(ix, hits);
  rateHits(f, hits);
  // A count inside a schedule (每年至少组织1次, 5个工作日内) belongs to the obligation.
  const outside = hits.filter(
    (h) => !obligations.some((o) => h.figStart >= o.span.start && h.figStart < o.span.end),
  );
  const kept = resolveHits(outside, f.length);

  type Draft = { h: Hit; per: string | undefined; subject: string; source: Source };
  const results = kept.map((h): Draft => {
    let per: string | undefined;
    let subject = '';
    let source: Source = 'none';
    if (h.presetSubject !== undefined) {
      subject = h.presetSubject;
      source = 'preset';
    } else {
      const split = splitPer(clean(ix.text.slice(wordsBefore(f, h.subjectEnd), h.subjectEnd)));
      per = split.per;
      const before = head(split.rest);
      const after = wordsAfter(ix, h.figEnd, h.unit !== null && COUNT_UNITS.has(h.unit));
      const isCount = h.unit !== null && COUNT_UNITS.has(h.unit);
      if (isCount && after.length > 0) [subject, source] = [after, 'after'];
      else if (before.length > 0) [subject, source] = [before, 'before'];
      else if (after.length > 0) [subject, source] = [after, 'after'];
    }
    return { h, per, subject, source };
  });

  // Subjects left empty: share the counted noun of the next item (配备2名、…配备1名专职人民调解员),
  // the words between comparator and figure, the previous target of the sentence, or the previous clause.
  results.forEach((r, k) => {
    if (r.subject.length > 0) return;
    const next = results[k + 1];
    if (next !== undefined && next.source === 'after' && next.h.unit === r.h.unit) {
      const between = f.slice(r.h.end, next.h.start);
      if (between.includes('、') && ![...between].some((c) => CLAUSE_BREAKS.has(c))) {
        r.subject = next.subject;
        r.source = 'fallback';
        return;
      }
    }
    const gap = head(clean(r.h.gap));
    if (gap.length > 0) {
      r.subject = gap;
      r.source = 'fallback';
      return;
    }
    const sentence = at(ix.sentenceStart, r.h.start);
    for (let p = k - 1; p >= 0; p--) {
      const prev = results[p];
      if (prev === undefined || at(ix.sentenceStart, prev.h.start) !== sentence) break;
      if (prev.subject.length > 0) {
        r.subject = prev.subject;
        r.source = 'fallback';
        return;
      }
    }
    r.subject = previousClauseHead(ix, r.h.start);
    if (r.subject.length > 0) r.source = 'fallback';
  });

  return results.map(({ h, per, subject }) => {
    const { year, relative } = yearOf(ix, h, obligations, ctx);
    const ind: Indicator = {
      raw: rawOf(ix, h.start, h.end),
      span: spanOf(ix, offset, h.start, h.end),
      comparator: h.comparator,
      value: h.value,
      unit: h.unit,
      year,
      subject,
      confidence: subject.length === 0 || h.defaulted || relative ? 'low' : 'high',
    };
    if (h.approx) ind.approx = true;
    if (per !== undefined) ind.per = per;
    return ind;
  });
}

/** The year of a target: written in its clause, else the year of a deadline of its sentence. */
function yearOf(
  ix: TextIndex,
  h: Hit,
  obligations: ReturnType<typeof findIndexedObligations>,
  ctx: IndicatorContext,
): { year: number | null; relative: boolean } {
  const f = ix.folded;
  const cs = at(ix.clauseStart, h.subjectEnd);
  const clause = f.slice(cs, h.subjectEnd);
  let last: RegExpExecArray | undefined;
  for (const m of allMatches(P.clauseYear, clause)) last = m;
  if (last !== undefined) {
    if (last[1] !== undefined) {
      const y = parseChineseNumber(last[1]);
      if (y !== null) return { year: y, relative: false };
    } else if (ctx.noticeYear !== null) {
      const word = last[2] ?? '';
      return {
        year: word === '明年' || word === '次年' ? ctx.noticeYear + 1 : ctx.noticeYear,
        relative: true,
      };
    }
  }
  const sentence = at(ix.sentenceStart, h.start);
  const deadlines = obligations.filter(
    (o) =>
      o.kind === 'once' &&
      o.date !== undefined &&
      o.yearInferred !== true &&
      at(ix.sentenceStart, o.span.start) === sentence,
  );
  const before = deadlines.filter((o) => o.span.start < h.start);
  const chosen = before[before.length - 1] ?? deadlines[0];
  if (chosen?.date !== undefined) return { year: Number(chosen.date.slice(0, 4)), relative: false };
  return { year: null, relative: false };
}
