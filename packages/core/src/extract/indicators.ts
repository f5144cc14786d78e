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
import { foldWidth } from '../text/normalize.ts';
import type { Comparator, Indicator } from '../types.ts';
import { findIndexedObligations } from './obligations.ts';
import {
  allMatches,
  at,
  CLAUSE_BREAKS,
  indexText,
  lastBefore,
  rawOf,
  SENTENCE_BREAKS,
  skipSpaces,
  spanOf,
  stripLeading,
  stripTrailing,
  type TextIndex,
  wordAt,
} from './shared.ts';

export type IndicatorContext = {
  noticeYear: number | null;
  /**
   * Also read figures with no comparator word: an amount or a count standing alone (4000万元,
   * 培育龙头企业10家, 新建5所) and 保持 N% (覆盖率保持100%). On unless set to false.
   */
  bare?: boolean;
};

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
  ['保持', '='],
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
  '万亿元',
  '万元',
  '亿元',
  '万平方米',
  '万亩',
  '万吨',
  '万户',
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

/**
 * Units a figure standing alone (no comparator, no suffix) is a target with: money, area, length,
 * weight, people and the measure words of things built or counted. Longest first. Never a unit of
 * time (年, 月, 日, 天: dates and durations), 次 (frequencies), 号 / 期 / 批 (numbers of documents
 * and rounds), 岁 (ages) or 篇 / 类 / 场.
 */
const BARE_UNITS = [
  '万亿元',
  '万元',
  '亿元',
  '万人次',
  '万人',
  '人次',
  '平方公里',
  '万平方米',
  '平方米',
  '万亩',
  '万吨',
  '万户',
  '公里',
  '千米',
  '亩',
  '吨',
  '人',
  '名',
  '家',
  '所',
  '个',
  '座',
  '处',
  '条',
  '项',
  '件',
  '台',
  '套',
  '户',
];

/** Nouns a count of the parts of a text names (3个方面, 5项原则): no target. */
const STRUCTURE_NOUNS = [
  '方面',
  '部分',
  '阶段',
  '环节',
  '步骤',
  '原则',
  '层次',
  '层级',
  '维度',
  '领域',
  '板块',
  '要点',
  '重点',
  '要求',
  '问题',
  '任务',
  '目标',
  '单位',
  '部门',
];

/** Characters before a bare figure that make it no count of a target: 第3项, 前3名, 每1000人, 3-5家, 〔2023〕5号. */
const BARE_BEFORE = '第前后近每约共至到-~—―－〔〕[]';

const SUFFIXES = ['及以上', '以上', '以下', '以内', '之内', '左右', '上下'];

/** Suffixes a bracket (含) / (不含) may stand before: 6亩(含6亩)以下, 60分(不含)以上. */
const BOUNDED_SUFFIXES = ['及以上', '及以下', '以上', '以下', '以内'];

/** Words of an inclusion bracket (不含6亩); longest first. */
const INCLUSION_WORDS = ['不包含', '不包括', '不含', '包含', '包括', '含'];

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
  /** 6亩(含6亩)以下, 60分(不含)以上: a figure with an inclusion bracket before its suffix (read in code). */
  bracketed: new RegExp(
    `(?<![0-9０-９.．${NUMERAL}])${FIG}[ ]{0,2}${UNIT}?[ ]{0,2}(?=\\((?:不?含|不?包含|不?包括))`,
    'gd',
  ),
  /** 4000万元, 1.5亿元, 培育龙头企业10家, 新建5所, 50公里: an amount or a count with no comparator. */
  bare: new RegExp(`(?<![0-9０-９.．%A-Za-zＡ-Ｚａ-ｚ])(${DIGITS_SOURCE})[ ]?(${alt(BARE_UNITS)})`, 'gd'),
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
  '本年度',
  '当年度',
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

/** Verbs that end the noun after a count (30条生产线投产 → 生产线). */
const AFTER_STOPS = ['完成', '实现', '达到', '建成', '开工', '竣工', '投产', '投用', '达产', '纳入'];

/** A subject that is only a preposition (对6亩以下(不含6亩)的地块) names nothing. */
const PREPOSITIONS = new Set(['对', '对于', '在', '从', '把', '给', '向', '于', '以', '按', '为', '将']);

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

/**
 * An inclusion bracket at `pos` (after spaces): `(含)`, `(不含)`, `(含本数)`, `(不含6亩)`; the figure
 * in it, if any, must be the target's own (`value`, with no unit or a unit). Null when there is none.
 */
function inclusionAt(f: string, pos: number, value: number): { exclusive: boolean; end: number } | null {
  const i = skipSpaces(f, pos);
  if (f[i] !== '(') return null;
  const word = wordAt(f, i + 1, INCLUSION_WORDS);
  if (word === null) return null;
  let j = i + 1 + word.length;
  // The closing bracket within 8 characters (a bounded look, so the scan stays linear).
  let close = j;
  while (close < f.length && close - j <= 8 && f[close] !== ')' && f[close] !== '(') close++;
  if (f[close] !== ')') return null;
  const rest = f.slice(j, close).trim();
  if (rest !== '' && rest !== '本数') {
    // (不含10万元): digits and a dot, or Chinese numerals, then the unit.
    const digits = isDigit(rest[0]);
    j = 0;
    while (
      j < rest.length &&
      (digits ? isDigit(rest[j]) || '.．'.includes(rest[j] ?? '_') : NUMERAL.includes(rest[j] ?? '_'))
    )
      j++;
    if (j === 0 || parseChineseNumber(rest.slice(0, j)) !== value) return null;
    const unit = rest.slice(j).trim();
    if (unit !== '' && !UNITS.includes(unit)) return null;
  }
  return { exclusive: word.startsWith('不'), end: close + 1 };
}

/** Read the figure of a match (groups: 百分之, number, unit, suffix); null when it is no target. */
function readFigure(
  f: string,
  m: RegExpExecArray,
  k: number,
): {
  value: number;
  unit: string | null;
  suffix: string | null;
  /** (不含) after 以上 / 以下 / 以内, or before them: the number itself is left out. */
  exclusive: boolean;
  figStart: number;
  end: number;
} | null {
  const pct = m[k];
  const numStr = m[k + 1] ?? '';
  let unit = m[k + 2] ?? null;
  let suffix = m[k + 3] ?? null;
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
  let end = m.index + m[0].length;
  if (pct !== undefined) {
    if (unit !== null) return null;
    unit = '%';
  }
  const unitSpan = group(m, k + 2);
  const afterUnit = unitSpan !== null ? unitSpan[1] : numSpan[1];
  // 6亩以下(不含6亩) / 60分(含)以上: a bracket says whether the number itself is in.
  let exclusive = false;
  const suffixSpan = group(m, k + 3);
  if (suffix !== null && suffixSpan !== null) {
    const q = inclusionAt(f, suffixSpan[1], value);
    if (q !== null) [exclusive, end] = [q.exclusive, q.end];
  } else if (suffix === null) {
    const q = inclusionAt(f, afterUnit, value);
    const s = q === null ? null : wordAt(f, skipSpaces(f, q.end), BOUNDED_SUFFIXES);
    if (q !== null && s !== null) {
      suffix = s;
      exclusive = q.exclusive;
      end = skipSpaces(f, q.end) + s.length;
    }
  }
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
    exclusive,
    figStart: pct !== undefined ? (group(m, k)?.[0] ?? numSpan[0]) : numSpan[0],
    end,
  };
}

/** The comparator of a suffix; `exclusive` (以下(不含)) leaves the number out. */
function bySuffix(
  suffix: string | null,
  exclusive = false,
): { comparator: Comparator; approx: boolean } | null {
  if (suffix === '以上' || suffix === '及以上') return { comparator: exclusive ? '>' : '>=', approx: false };
  if (suffix === '以下' || suffix === '及以下' || suffix === '以内' || suffix === '之内')
    return { comparator: exclusive ? '<' : '<=', approx: false };
  if (suffix === '左右' || suffix === '上下') return { comparator: '=', approx: true };
  return null;
}

function comparatorHits(f: string, strength: Strength, out: Hit[], bare: boolean): void {
  const re = strength === 'strong' ? P.strong : P.weak;
  const map = strength === 'strong' ? STRONG_MAP : WEAK_MAP;
  for (const m of allMatches(re, f)) {
    const word = m[1] ?? '';
    if (word === '达' && '下到表传送抵直通发转'.includes(f[m.index - 1] ?? '_')) continue;
    const fig = readFigure(f, m, strength === 'strong' ? 3 : 2);
    if (fig === null) continue;
    // 覆盖率保持100%: a bare 保持 keeps a rate or a bound (保持10年不变 is no target).
    if (word === '保持' && !bare) continue;
    if (word === '保持' && fig.unit !== '%' && fig.unit !== '‰' && fig.suffix === null) continue;
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
    const s = bySuffix(fig.suffix, fig.exclusive);
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
    const s = bySuffix(fig.suffix, fig.exclusive);
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
    const s = bySuffix(fig.suffix, fig.exclusive);
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
  for (const m of [...allMatches(P.suffixOnly, f), ...allMatches(P.bracketed, f)]) {
    const fig = readFigure(f, m, 1);
    if (fig === null) continue;
    const s = bySuffix(fig.suffix, fig.exclusive);
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

/**
 * Where each character sits inside a title (《…》) or quotes (“…”): a figure there names a thing
 * (《三年行动计划》, “5个1”工程), it is no target. One pass.
 */
function quotedMask(f: string): Uint8Array {
  const mask = new Uint8Array(f.length + 1);
  let title = 0;
  let quote = false;
  for (let i = 0; i < f.length; i++) {
    const ch = f[i];
    if (ch === '《') title++;
    else if (ch === '》') title = Math.max(0, title - 1);
    else if (ch === '“') quote = true;
    else if (ch === '”') quote = false;
    else if (ch === '\n' || ch === '。') [title, quote] = [0, false];
    if (title > 0 || quote) mask[i] = 1;
  }
  return mask;
}

/** The noun after a count names parts of a text, tasks or units (3个方面, 133项具体任务, 34个牵头单位). */
function countsNoTarget(f: string, pos: number): boolean {
  let j = pos;
  while (j < f.length && j - pos < 6 && !SUBJECT_BREAKS.has(f[j] ?? '') && !isDigit(f[j])) {
    if (wordAt(f, j, STRUCTURE_NOUNS) !== null) return true;
    j++;
  }
  return false;
}

/** For each offset, the last 已 / 现有 / 目前 before it (-1 when none): one pass. */
function lastDone(f: string): Int32Array {
  const last = new Int32Array(f.length + 1);
  let k = -1;
  for (let i = 0; i <= f.length; i++) {
    last[i] = k;
    if (f[i] === '已' || f.startsWith('现有', i) || f.startsWith('目前', i)) k = i;
  }
  return last;
}

/** 4000万元, 培育龙头企业10家, 新建5所: an amount or a count standing alone is at least that much. */
function bareHits(ix: TextIndex, out: Hit[]): void {
  const f = ix.folded;
  let mask: Uint8Array | null = null;
  let done: Int32Array | null = null;
  for (const m of allMatches(P.bare, f)) {
    const num = group(m, 1);
    const unitSpan = group(m, 2);
    const unit = m[2] ?? '';
    if (num === null || unitSpan === null) continue;
    if (isDigit(f[num[1]])) continue;
    // 3个月, 5个工作日: the unit the full list reads there is another one (of time).
    if (wordAt(f, unitSpan[0], UNITS) !== unit) continue;
    const before = f[num[0] - 1] ?? '';
    const after = f[unitSpan[1]] ?? '';
    if (before !== '' && BARE_BEFORE.includes(before)) continue;
    // (12项) after a heading counts its tasks.
    if (before === '(' && after === ')') continue;
    if (isDigit(after) || /[A-Za-z]/.test(after)) continue;
    // 100万元至300万元, 3-5家: a range.
    if ('至到-~—―－'.includes(after) && after !== '' && isDigit(f[skipSpaces(f, unitSpan[1] + 1)])) continue;
    // 3个方面, 133项具体任务, 34个牵头单位: parts of a text, counts of tasks or units.
    if (countsNoTarget(f, unitSpan[1])) continue;
    mask ??= quotedMask(f);
    if (mask[num[0]] === 1) continue;
    // 已建成建筑垃圾中转站3个: what is done already (a report of progress).
    done ??= lastDone(f);
    if ((done[num[0]] ?? -1) >= at(ix.clauseStart, num[0])) continue;
    const value = parseChineseNumber(m[1] ?? '');
    if (value === null || !Number.isFinite(value)) continue;
    out.push({
      start: num[0],
      end: unitSpan[1],
      subjectEnd: num[0],
      figStart: num[0],
      figEnd: unitSpan[1],
      comparator: '>=',
      value,
      unit: normalizeUnit(unit),
      approx: false,
      defaulted: true,
      priority: 5,
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
  const dot = i > 0 ? skipSpaces(s, i) : i;
  if (i > 0 && (s[dot] === '.' || s[dot] === '、' || s[dot] === '．')) return s.slice(dot + 1);
  if (s[0] === '(' || s[0] === '（') {
    const close = foldWidth(s).indexOf(')');
    if (close > 1 && close <= 4 && [...s.slice(1, close)].every((c) => isDigit(c) || NUMERAL.includes(c)))
      return s.slice(close + 1);
    // (国家发展改革委、财政部等按职责分工负责)使用…: a bracket of units before the words.
    if (close > 1 && close < s.length - 1 && !foldWidth(s.slice(1, close)).includes('('))
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
  // 新增16个“文化驿站”: the quoted name.
  if (f[i] === '“') {
    const close = f.indexOf('”', i + 1);
    if (close > i + 1 && close - i <= 20) return ix.text.slice(i + 1, close).trim();
  }
  // 19个项目完成投资3000万元 → 项目; 376个村居广播室和752只… → 村居广播室.
  let j = i;
  while (
    j < f.length &&
    j - i < 20 &&
    !SUBJECT_BREAKS.has(f[j] ?? '') &&
    f[j] !== '(' &&
    f[j] !== ')' &&
    !isDigit(f[j]) &&
    wordAt(f, j, AFTER_STOPS) === null
  )
    j++;
  return stripTrailing(ix.text.slice(i, j), ['和', '及', '与', '并', '等']);
}

/** The previous clause of the same sentence, reduced to its head noun (保证足够的合法性审查时间 → 合法性审查时间). */
function previousClauseHead(ix: TextIndex, pos: number): string {
  const cs = at(ix.clauseStart, pos);
  const breakAt = cs - 1;
  if (breakAt < 0 || SENTENCE_BREAKS.has(ix.folded[breakAt] ?? '')) return '';
  // (At most the last 200 characters of it, so a long clause is not read again for every target.)
  const start = Math.max(at(ix.clauseStart, breakAt), breakAt - 200);
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
  const bare = ctx.bare !== false;
  comparatorHits(f, 'strong', hits, bare);
  comparatorHits(f, 'weak', hits, bare);
  shareHits(ix, hits);
  growthHits(f, hits);
  suffixHits(f, hits);
  percentOfHits(ix, hits);
  rateHits(f, hits);
  if (bare) bareHits(ix, hits);
  // A count inside a schedule (每年至少组织1次, 5个工作日内) belongs to the obligation.
  // (How many obligation spans cover each offset: one pass, so the filter stays linear.)
  const covered = new Int32Array(f.length + 2);
  for (const o of obligations) {
    const s = Math.min(Math.max(o.span.start, 0), f.length + 1);
    const e = Math.min(Math.max(o.span.end, 0), f.length + 1);
    if (e <= s) continue;
    covered[s] = (covered[s] ?? 0) + 1;
    covered[e] = (covered[e] ?? 0) - 1;
  }
  for (let i = 1; i < covered.length; i++) covered[i] = (covered[i] ?? 0) + (covered[i - 1] ?? 0);
  const outside = hits.filter((h) => (covered[h.figStart] ?? 0) === 0);
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
      const words = head(split.rest);
      const before = PREPOSITIONS.has(words) ? '' : words;
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
  // (The previous subject of the sentence is carried along, so this stays linear.)
  const fill = (r: Draft, k: number, previous: string): void => {
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
    if (previous.length > 0) {
      r.subject = previous;
      r.source = 'fallback';
      return;
    }
    r.subject = previousClauseHead(ix, r.h.start);
    if (r.subject.length > 0) r.source = 'fallback';
  };
  let sentence = -1;
  let previous = '';
  results.forEach((r, k) => {
    const s = at(ix.sentenceStart, r.h.start);
    if (s !== sentence) [sentence, previous] = [s, ''];
    fill(r, k, previous);
    if (r.subject.length > 0) previous = r.subject;
  });

  const years = yearIndex(ix, obligations);
  return results.map(({ h, per, subject }) => {
    const { year, relative } = yearOf(ix, h, years, ctx);
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

type Deadline = ReturnType<typeof findIndexedObligations>[number];

/** The years written in the text and the dated deadlines of each sentence, found once. */
type YearIndex = {
  /** Every match of `clauseYear` in the folded text, by start. */
  years: RegExpExecArray[];
  yearStarts: number[];
  /** Per sentence start: its one-off dated deadlines by start, and their starts. */
  deadlines: Map<number, { list: Deadline[]; starts: number[] }>;
};

function yearIndex(ix: TextIndex, obligations: Deadline[]): YearIndex {
  const years = allMatches(P.clauseYear, ix.folded);
  const deadlines = new Map<number, { list: Deadline[]; starts: number[] }>();
  const dated = obligations
    .filter((o) => o.kind === 'once' && o.date !== undefined && o.yearInferred !== true)
    .sort((a, b) => a.span.start - b.span.start);
  for (const o of dated) {
    const key = at(ix.sentenceStart, o.span.start);
    let entry = deadlines.get(key);
    if (entry === undefined) {
      entry = { list: [], starts: [] };
      deadlines.set(key, entry);
    }
    entry.list.push(o);
    entry.starts.push(o.span.start);
  }
  return { years, yearStarts: years.map((m) => m.index), deadlines };
}

/** The year of a target: written in its clause, else the year of a deadline of its sentence. */
function yearOf(
  ix: TextIndex,
  h: Hit,
  index: YearIndex,
  ctx: IndicatorContext,
): { year: number | null; relative: boolean } {
  const cs = at(ix.clauseStart, h.subjectEnd);
  // The last year written in the clause before the target (a match that runs past it does not count).
  let last: RegExpExecArray | undefined;
  for (let k = lastBefore(index.yearStarts, h.subjectEnd); k >= 0; k--) {
    const m = index.years[k];
    if (m === undefined || m.index < cs) break;
    if (m.index + m[0].length <= h.subjectEnd) {
      last = m;
      break;
    }
  }
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
  const entry = index.deadlines.get(at(ix.sentenceStart, h.start));
  const chosen =
    entry === undefined ? undefined : (entry.list[lastBefore(entry.starts, h.start)] ?? entry.list[0]);
  if (chosen?.date !== undefined) return { year: Number(chosen.date.slice(0, 4)), relative: false };
  return { year: null, relative: false };
}
