/**
 * Responsible-unit phrases: split a cell, a bracket or label lines into units, keep qualifiers,
 * give each unit its role and resolve it against the org directory.
 */

import { joinBreaks } from '../extract/shared.ts';
import type { OrgDirectory } from '../orgs/directory.ts';
import {
  isGroupPhrase,
  namedOrganization,
  resolveUnitPhrase,
  type UnitPhraseResolution,
} from '../orgs/resolve.ts';
import { foldWidth } from '../text/normalize.ts';
import type { Span, UnitRef, UnitRole } from '../types.ts';
import { isCloseBracket, isOpenBracket, splitTopLevel, trailingBracket } from './brackets.ts';

export type LabelKind = 'lead' | 'responsible' | 'co' | 'leader' | 'deadline';

const LABELS: ReadonlyArray<readonly [string, LabelKind]> = [
  ['主要责任单位', 'lead'],
  ['牵头责任单位', 'lead'],
  ['牵头单位', 'lead'],
  ['牵头部门', 'lead'],
  ['牵头科室', 'lead'],
  ['主办单位', 'lead'],
  ['责任单位', 'responsible'],
  ['责任部门', 'responsible'],
  ['承办单位', 'responsible'],
  ['责任主体', 'responsible'],
  ['主责单位', 'responsible'],
  ['主体责任单位', 'responsible'],
  ['责任科室', 'responsible'],
  ['责任处室', 'responsible'],
  ['落实单位', 'responsible'],
  ['配合单位', 'co'],
  ['配合部门', 'co'],
  ['配合科室', 'co'],
  ['协办单位', 'co'],
  ['协办部门', 'co'],
  ['参与单位', 'co'],
  ['参与部门', 'co'],
  ['协同单位', 'co'],
  ['协同部门', 'co'],
  ['协同责任单位', 'co'],
  ['配合责任单位', 'co'],
  // A label that introduces a whole division of work (部门分工:X牵头,A、B配合): roles come from its words.
  ['部门分工', 'responsible'],
  ['责任分工', 'responsible'],
  ['职责分工', 'responsible'],
  ['任务分工', 'responsible'],
  ['分工', 'responsible'],
  ['责任领导', 'leader'],
  ['牵头领导', 'leader'],
  ['分管领导', 'leader'],
  ['牵头市领导', 'leader'],
  ['牵头负责领导', 'leader'],
  ['分管省领导', 'leader'],
  ['分管市领导', 'leader'],
  ['分管县领导', 'leader'],
  ['分管区领导', 'leader'],
  ['联系领导', 'leader'],
  ['责任人', 'leader'],
  // Labels in traditional characters (責任單位:住建局) are read through foldWidth, which folds them.
  ['完成时限', 'deadline'],
  ['完成时间', 'deadline'],
  ['完成期限', 'deadline'],
  ['时间节点', 'deadline'],
  ['时限要求', 'deadline'],
  ['时间要求', 'deadline'],
  ['进度安排', 'deadline'],
  ['时间安排', 'deadline'],
];

/**
 * The label words, longest first; a bare 分工 counts only where no other word runs into it
 * (部门分工: is a label, 具体分工: is not one of ours).
 */
const LABEL_WORDS = LABELS.map(([w]) => w)
  .sort((a, b) => b.length - a.length)
  .map((w) => (w === '分工' ? '(?<![\\u4e00-\\u9fff])分工' : w))
  .join('|');
/** A label with a colon (牵头单位:) or in brackets (【牵头单位】, folded to [牵头单位]). */
const LABEL_RE = new RegExp(`\\[ {0,2}(${LABEL_WORDS}) {0,2}\\] {0,2}:?|(${LABEL_WORDS}) {0,3}:`, 'g');
const LEADING_LABEL_RE = /^ {0,8}(?:\[ {0,2}([^\]:]{2,6}) {0,2}\] {0,2}:?|([^:]{2,6}) {0,3}:)/;
const LABEL_KIND = new Map<string, LabelKind>(LABELS);

function labelKind(m: RegExpExecArray): LabelKind | undefined {
  return LABEL_KIND.get((m[1] ?? m[2] ?? '').trim());
}

/** The label that starts `folded` (after spaces), if any, and the length it takes. */
export function leadingLabel(folded: string): { kind: LabelKind; length: number } | null {
  const m = LEADING_LABEL_RE.exec(folded);
  if (!m) return null;
  const kind = labelKind(m);
  return kind ? { kind, length: m[0].length } : null;
}

/** What a unit's name ends with (局, 委, 办, 政府, 街道 …): a name that is complete. */
export const UNIT_SUFFIX_RE =
  /(局|委|办|厅|院|会|部|府|中心|政府|街道|镇|乡|公司|集团|单位|部门|管委会|办公室|所|队|站|处|科|室|园区|区|市|县|行|社|团|馆|组|专班)$/;

/** Does `name` end like a complete unit name (市司法局, 各乡镇), not a fragment (市商务, 市)? */
export function endsLikeUnit(name: string): boolean {
  const t = name.trim();
  return t.length >= 2 && UNIT_SUFFIX_RE.test(t);
}

/**
 * Where a unit label starts a clause of a paragraph (`…。牵头单位:市发改委;责任单位:…`), or -1.
 * Only a label after a sentence end, a semicolon, a comma (技能培训提升,牵头单位:市退役军人局) or a
 * space counts, so a label quoted inside a word does not.
 */
export function clauseLabelAt(folded: string): number {
  const view = labelView(folded);
  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(view.text); m; m = LABEL_RE.exec(view.text)) {
    const kind = labelKind(m);
    const before = view.text[m.index - 1];
    if (kind && kind !== 'deadline' && m.index > 0 && before !== undefined && '。;, '.includes(before))
      return view.start(m.index);
  }
  return -1;
}

/** Does this (folded) text carry a unit label anywhere? */
export function hasUnitLabel(folded: string): boolean {
  const view = labelView(folded);
  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(view.text); m; m = LABEL_RE.exec(view.text)) {
    const kind = labelKind(m);
    if (kind && kind !== 'deadline') return true;
  }
  return false;
}

const NO_BREAK_KEPT: ReadonlySet<string> = new Set();

/**
 * The (folded) text labels are looked for in: its line breaks taken out, so that a label a PDF
 * broke in two (配\n合单位:) is still found; `start` / `end` map offsets back to the text.
 */
function labelView(folded: string): {
  text: string;
  start: (i: number) => number;
  end: (i: number) => number;
} {
  const joined = joinBreaks(folded, NO_BREAK_KEPT);
  if (joined === null) return { text: folded, start: (i) => i, end: (i) => i };
  const origin = joined.origin;
  return {
    text: joined.text,
    start: (i) => origin[i] ?? folded.length,
    end: (i) => (i > 0 ? (origin[i - 1] ?? folded.length - 1) + 1 : (origin[0] ?? 0)),
  };
}

/**
 * One piece of text that lists units, with the label that introduced it, if any, and the table
 * column it sits in (units keep the order of the columns, inherited cells included).
 */
export type UnitSource = { text: string; offset: number; label?: LabelKind | null; column?: number };

export type UnitNote = { text: string; span: Span };

export type UnitProblem = { code: string; message: string; span: Span };

export type ParsedUnits = {
  units: UnitRef[];
  leaders: string[];
  /** Sentences inside a unit bracket that are not units (e.g. 具体任务均涉及…，下同). */
  notes: UnitNote[];
  /** Text after a label that is a deadline (完成时限:…). */
  deadlines: { text: string; offset: number }[];
  problems: UnitProblem[];
};

type Item = {
  name: string;
  start: number;
  label: LabelKind | null;
  qualifiers: string[];
  mark: UnitRole | null;
};

/*
 * The words around unit names, read as a small grammar rather than one pattern per wording:
 *
 *   part      := clause ((,|;) clause)*
 *   clause    := rule | list ('会同' list)? | qualifier
 *   list      := unit (joiner unit)*
 *   joiner    := 、 | 及 | 以及 | 和 / 与 (after 等, or between two whole names) | nothing (two whole
 *                names written together: 市行政审批局市司法局)
 *   unit      := '由'? name tail*
 *   tail      := etc | duty | 下同 | (牵头) | (配合)
 *   etc       := 等 (有关|相关)? (部门|单位)?
 *   duty      := manner? adverb? verb{0,2}         (按职责分工 / 分别 / 负责, 牵头, 配合 …)
 *   rule      := a clause that says who leads (排在第一位的部门为牵头部门), and a 下同 after it
 *
 * The verb that ends a list gives every unit of the list its role (A、B配合: both co;
 * A、B分别牵头: both lead); 会同 makes the units before it lead and those after it co.
 */

/** Verbs that end a unit's duty (牵头督导: two); 牵头 / 负总责 make it lead, 配合 / 参与 / 协助 / 协同 co. */
const DUTY_VERBS: ReadonlyArray<readonly [string, UnitRole | null]> = [
  ['负总责', 'lead'],
  ['牵头', 'lead'],
  ['负责', null],
  ['落实', null],
  ['督导', null],
  ['配合', 'co'],
  ['参与', 'co'],
  ['协助', 'co'],
  ['协同', 'co'],
];
/** How the units share the duty: 分别负责, 共同负责. */
const DUTY_ADVERBS = ['分别', '共同', '各自', '具体'];
/** By what the duty is shared: 按职责分工负责, 按照职责. */
const DUTY_MANNERS = [
  '按照职责分工',
  '根据职责分工',
  '依据职责分工',
  '按照职能分工',
  '按照各自职责',
  '根据各自职责',
  '按职责分工',
  '按职能分工',
  '按各自职责',
  '按照职责',
  '根据职责',
  '依据职责',
  '按照分工',
  '各司其职',
  '按职责',
  '依职责',
  '按职能',
  '按分工',
];
/** 等 and what may follow it: the list goes on beyond the units it names. */
const ETC = ['等有关部门', '等相关部门', '等有关单位', '等相关单位', '等部门', '等单位', '等'];

const ROLE_MARKS = new Map<string, UnitRole>([
  ['(牵头)', 'lead'],
  ['(牵头单位)', 'lead'],
  ['(配合)', 'co'],
  ['(配合单位)', 'co'],
]);

/** A clause that states who leads (排在第一位的部门为牵头部门, 排名不分先后): a note, not a unit. */
const RULE_RE = /第一位|首位|[排列]名?第一|第一个|第一家|排名?在前|不分先后/;
const RULE_ROLE_RE = /牵头|主办|主责|不分先后/;
/** A clause about the tasks after it (以下任务措施均需各市政府落实, 不再列出): a note, not a unit. */
const CARRY_RE = /以下|下列|不再列出|不再一一列出|不再重复/;

/** Does this clause state the rule that decides who leads (排在第一位的部门为牵头部门)? */
export function isLeadRule(clause: string): boolean {
  return RULE_RE.test(clause) && RULE_ROLE_RE.test(clause);
}

/**
 * Is this clause of a unit phrase a rule rather than units: who leads (排在第一位的为牵头单位) or
 * what goes for the tasks after it (以下任务措施均需各市政府落实, 不再列出)?
 */
export function isRuleClause(clause: string): boolean {
  return isLeadRule(clause) || (clause.length > 3 && CARRY_RE.test(clause));
}

/**
 * What a name ends with where another name may follow without a separator (市行政审批局|市司法局):
 * the end of an organization's name, never a place (月湖区|市场监管局 is one name).
 */
const JOIN_SUFFIXES = [
  '管委会',
  '办事处',
  '中心',
  '公司',
  '集团',
  '支队',
  '大队',
  '分局',
  '政府',
  '局',
  '委',
  '办',
  '厅',
  '院',
  '部',
  '会',
  '室',
  '所',
  '站',
  '馆',
  '社',
  '联',
];
/** Characters a name may start with after another name (市, 县, 区 …, or 各 for a group). */
const NAME_STARTS = '市县区省州旗镇乡各';
/** Words that start with a place character and start no name (市场监管局 is one name). */
const NOT_NAME_STARTS = [
  '市场',
  '市民',
  '市内',
  '市域',
  '区域',
  '区内',
  '县域',
  '县内',
  '省内',
  '省域',
  '乡村',
];

function endsWithJoinSuffix(text: string, end: number): boolean {
  for (const s of JOIN_SUFFIXES) if (text.endsWith(s, end)) return true;
  return false;
}

/** Does a new name start at `i` (市司法局, 各乡镇, 中共…)? */
function startsName(text: string, i: number): boolean {
  const ch = text[i];
  if (ch === undefined) return false;
  if (text.startsWith('中共', i)) return true;
  if (!NAME_STARTS.includes(ch)) return false;
  for (const w of NOT_NAME_STARTS) if (text.startsWith(w, i)) return false;
  return true;
}

/**
 * Is 和 / 与 at `i` a joiner between two units (市发改委、市财政局等和各省级人民政府; 市委宣传部
 * 与市文明办) rather than part of a name (市住房和城乡建设局, 市人力资源和社会保障局)?
 */
function joinsUnits(text: string, i: number): boolean {
  // After 等 (or 等有关部门) a new unit follows, unless the words go on (等相关部门和单位).
  for (const w of ETC) if (text.endsWith(w, i)) return !KINDS_OF_UNITS.some((k) => text.startsWith(k, i + 1));
  if (!endsWithJoinSuffix(text, i) && !text.endsWith('署', i) && !text.endsWith('部门', i)) return false;
  // 海关总署与海南省人民政府: a named province or city starts a name after 和 / 与.
  return startsName(text, i + 1) || PLACE_NAME_RE.test(text.slice(i + 1, i + 7));
}

/** A province or city named at the start of a name (海南省人民政府, 北京市人民政府). */
const PLACE_NAME_RE = /^[\u4e00-\u9fff]{2,3}(省|市|自治区)/;

/** Words for a kind of unit, not a unit (相关部门和单位). */
const KINDS_OF_UNITS = ['单位', '部门', '机构', '组织', '企业'];

/**
 * A line break inside a unit list separates two units only where the text before it ends a unit
 * name (市发改委\n市财政局); text copied from a PDF breaks names anywhere (市商务\n局), and such a
 * break is part of the name (the directory lookup ignores it).
 */
function breakSeparates(text: string, i: number): boolean {
  let start = i;
  while (start > 0 && !'、,;\n()'.includes(text[start - 1]!)) start--;
  return endsLikeUnit(text.slice(start, i));
}

export function isSeparator(text: string, i: number): number {
  const ch = text[i]!;
  if (ch === '\n') return breakSeparates(text, i) ? 1 : 0;
  if (ch === ' ') {
    // Spaces before a line break go with it (bounded look-ahead keeps the split linear).
    let j = i;
    while (text[j] === ' ' && j - i < 8) j++;
    if (text[j] === '\n') return 0;
  }
  if (ch === '、' || ch === ',' || ch === ';' || ch === ' ') return 1;
  if (ch === '以' && text[i + 1] === '及') return 2;
  if (ch === '及' && text[i - 1] !== '以' && text[i - 1] !== '涉') return 1;
  if ((ch === '和' || ch === '与') && joinsUnits(text, i)) return 1;
  return 0;
}

/** Clauses of a unit phrase: `市司法局牵头,市财政局、市教育局配合` → two. */
function isClauseSeparator(text: string, i: number): number {
  return text[i] === ',' || text[i] === ';' ? 1 : 0;
}

/** Where 会同 joins a leading list to a co-list (市司法局会同有关部门负责), or -1; 会同县 is a place. */
function coWithAt(folded: string): number {
  let depth = 0;
  for (let i = 0; i + 1 < folded.length; i++) {
    const ch = folded[i]!;
    if (isOpenBracket(ch)) depth++;
    else if (isCloseBracket(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && ch === '会' && folded[i + 1] === '同' && folded[i + 2] !== '县') return i;
  }
  return -1;
}

/** The duty words that end `text` before `end` (按职责分工负责, 分别牵头, 配合), and the role they give. */
function dutyAt(text: string, end: number): { start: number; role: UnitRole | null } | null {
  let p = end;
  let role: UnitRole | null = null;
  for (let n = 0; n < 2; n++) {
    const verb = DUTY_VERBS.find(([v]) => text.endsWith(v, p));
    if (!verb) break;
    p -= verb[0].length;
    if (verb[1] === 'lead' || (verb[1] === 'co' && role === null)) role = verb[1];
  }
  const adverb = DUTY_ADVERBS.find((a) => text.endsWith(a, p));
  if (adverb) p -= adverb.length;
  const manner = DUTY_MANNERS.find((m) => text.endsWith(m, p));
  if (manner) p -= manner.length;
  return p < end ? { start: p, role } : null;
}

export type Stripped = {
  /** The bare name. */
  name: string;
  /** Where the name starts in the phrase (after a leading 由). */
  start: number;
  qualifiers: string[];
  /** The unit's role as the phrase states it: a mark (牵头) or the verb that ends it. */
  mark: UnitRole | null;
  /** The role given by the verb that ends the phrase (牵头, 配合): it goes for the whole list. */
  verb: UnitRole | null;
};

/** Strip trailing qualifiers and role marks (and a leading 由); returns the bare name and what was stripped. */
export function stripQualifiers(name: string): Stripped {
  // Read from the end with an index (no slicing per step: a run of qualifiers stays linear).
  const stripped: string[] = [];
  let mark: UnitRole | null = null;
  let verb: UnitRole | null = null;
  let end = name.length;
  const trim = () => {
    while (end > 0 && /\s/.test(name[end - 1]!)) end--;
  };
  for (let changed = true; changed && end > 0; ) {
    changed = false;
    for (const [m, role] of ROLE_MARKS) {
      if (name.endsWith(m, end)) {
        mark = mark ?? role;
        end -= m.length;
        trim();
        changed = true;
      }
    }
    if (name.endsWith('下同', end)) {
      stripped.push('下同');
      end -= 2;
      trim();
      changed = true;
      continue;
    }
    const duty = dutyAt(name, end);
    if (duty) {
      stripped.push(name.slice(duty.start, end));
      if (duty.role) {
        verb = verb ?? duty.role;
        mark = mark ?? duty.role;
      }
      end = duty.start;
      trim();
      changed = true;
      continue;
    }
    const etc = ETC.find((q) => name.endsWith(q, end));
    if (etc) {
      stripped.push(etc);
      end -= etc.length;
      trim();
      changed = true;
    }
  }
  // A leading 由 (由市司法局牵头) is not part of the name.
  const start = name.startsWith('由') && end > 2 ? 1 : 0;
  return { name: name.slice(start, end), start, qualifiers: stripped.reverse(), mark, verb };
}

/** What a unit cell or label holds when there is no such unit. */
const NO_UNIT = new Set(['无', '暂无', '/', '-', '--', '---', '\\', '×', '空']);

/** A bracketed remark inside a unit list: (排第一位的为牵头单位), (下同). */
function isRemark(folded: string): boolean {
  return /^\(.{0,30}\)$/.test(folded) && /牵头|下同|下列|排名|第一/.test(folded);
}

/** Names and aliases of a directory, width folded, for telling where a glued name starts. */
const DIRECTORY_NAMES = new WeakMap<OrgDirectory, string[]>();

function directoryNames(directory: OrgDirectory): string[] {
  let names = DIRECTORY_NAMES.get(directory);
  if (!names) {
    names = directory.orgs
      .flatMap((o) => [o.name, ...o.aliases])
      .map((n) => foldWidth(n).replace(/\s+/g, ''))
      .filter((n) => n.length >= 3);
    DIRECTORY_NAMES.set(directory, names);
  }
  return names;
}

/** What follows 各 in a group of the body named before it (国务院各部门, 市政府各有关单位). */
const GROUP_AFTER_EACH = [
  '部门',
  '单位',
  '有关',
  '相关',
  '级',
  '地',
  '直属',
  '所属',
  '成员',
  '科室',
  '处室',
  '委办',
];

/** A bare government or party committee (市委, 县政府): 市委市政府督查室 is one name. */
const BARE_GOVERNMENT_RE = /^(中共)?[省市县区](委|政府|人民政府)$/;

/**
 * Where two names written without a separator meet (市行政审批局市司法局, 县发改局县财政局): the
 * left part ends like an organization's name and the right part starts a new one (a place
 * character, 各, or a name of the directory). Real names stay whole: 市委政法委, 市人民政府办公室,
 * 县委组织部, 市公安局交警支队, 市纪委市监委, 市委市政府督查室, a name the directory knows.
 * Returns the offsets in `name` where the parts start (the first is 0).
 */
export function gluedNames(name: string, directory: OrgDirectory | null): number[] {
  const starts = [0];
  if (name.length < 6) return starts;
  if (directory && namedOrganization(directory, name)) return starts;
  const known = directory ? directoryNames(directory) : [];
  let depth = 0;
  let open = -1;
  for (let i = 1; i + 3 <= name.length; i++) {
    const ch = name[i - 1]!;
    if (isOpenBracket(ch)) {
      if (depth === 0) open = i - 1;
      depth++;
    } else if (isCloseBracket(ch)) depth = Math.max(0, depth - 1);
    const from = starts[starts.length - 1]!;
    if (depth > 0 || i - from < 3) continue;
    // The left part ends like a name; a bracket after it (市委宣传部(市新闻办)) is its other name.
    const leftEnd = ch === ')' ? open : i;
    if (leftEnd <= from || !endsWithJoinSuffix(name, leftEnd)) continue;
    // Only the end of the left part is looked at (a bounded window keeps the scan linear).
    const left = name.slice(Math.max(from, leftEnd - 8), leftEnd);
    const whole = leftEnd - from <= 8;
    if (whole && BARE_GOVERNMENT_RE.test(left)) continue;
    // 市纪委市监委: the commission for discipline inspection and the supervisory commission are one.
    if (left.endsWith('纪委') && (name.startsWith('监委', i) || name.startsWith('监委', i + 1))) continue;
    // 市政府各部门, 国务院各部门, 县委各单位: a group of the body before it, not two names.
    let begins =
      startsName(name, i) && !(name[i] === '各' && GROUP_AFTER_EACH.some((w) => name.startsWith(w, i + 1)));
    if (
      !begins &&
      known.length > 0 &&
      leftEnd - from <= 30 &&
      namedOrganization(directory!, name.slice(from, leftEnd))
    )
      begins = known.some((k) => name.startsWith(k, i));
    if (begins) starts.push(i);
  }
  return starts;
}

/**
 * Where 等 ends a list inside a name-like phrase and a unit follows it (工业和信息化部等国务院相关部门,
 * 国家电网有限公司等相关部门和单位), or -1. The part before must end like a unit (so 各高等学校
 * stays whole) and the part after must be more than a bare 部门 / 单位.
 */
function etcAt(name: string): number {
  let depth = 0;
  for (let i = 1; i + 2 < name.length; i++) {
    const ch = name[i - 1]!;
    if (isOpenBracket(ch)) depth++;
    else if (isCloseBracket(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && i >= 2 && name[i] === '等' && UNIT_SUFFIX_RE.test(name.slice(Math.max(0, i - 4), i)))
      return i;
  }
  return -1;
}

/** Split one labeled or unlabeled piece into items. */
/**
 * A list of two-character names padded with a space to the width of three (俞 悦), run together
 * with no separator (陆 明俞 悦): the names, or null when the text is anything else.
 */
function paddedNames(text: string): string[] | null {
  const t = foldWidth(text);
  const isHan = (c: string | undefined) => c !== undefined && c >= '\u4e00' && c <= '\u9fff';
  const isSeparator = (c: string | undefined) => c !== undefined && ' \n\t、,;'.includes(c);
  const names: string[] = [];
  let i = 0;
  while (isSeparator(t[i])) i++;
  while (i < t.length) {
    if (!isHan(t[i])) return null;
    let j = i + 1;
    while (t[j] === ' ' && j - i <= 2) j++;
    if (j === i + 1 || !isHan(t[j])) return null;
    names.push(`${t[i]}${t[j]}`);
    i = j + 1;
    while (isSeparator(t[i])) i++;
  }
  return names.length > 0 ? names : null;
}

/**
 * A level word that is no unit alone but goes on the 各… before it: 各区、县级市 (every district and
 * county-level city), 各县、区人民政府(管委会) (its other name in brackets).
 */
const LEVEL_WORD_RE =
  /^(?:县级市|县\(市、区\)|县\(市\)|县区|市县|乡镇|镇街|县|区|市|乡|镇|街道)(?:人民政府|政府)?(?:\([^()]{1,12}\))?$/;

/** Join 各区 + 县级市 into one collective unit 各区、县级市, as written. */
function joinLevelWords(items: Item[], text: string, offset: number): void {
  for (let k = 0; k + 1 < items.length; k++) {
    const prev = items[k]!;
    if (!prev.name.trimStart().startsWith('各')) continue;
    // 各县、市、区政府: every level word after the 各… goes with it.
    while (k + 1 < items.length && LEVEL_WORD_RE.test(foldWidth(items[k + 1]!.name).trim())) {
      const it = items[k + 1]!;
      // Only across a 、 (各县、市、区政府), not a comma (各有关部门，乡镇人民政府 are two).
      const between = text.slice(prev.start - offset + prev.name.length, it.start - offset).trim();
      if (between !== '、') break;
      prev.name = text.slice(prev.start - offset, it.start - offset + it.name.length);
      prev.qualifiers.push(...it.qualifiers);
      items.splice(k + 1, 1);
    }
  }
}

function splitItems(
  original: string,
  offset: number,
  label: LabelKind | null,
  notes: UnitNote[],
  items: Item[],
  listQualifiers: string[],
  directory: OrgDirectory | null,
): void {
  const folded = foldWidth(original);
  // A sentence after 。 inside a unit bracket is a note, not a unit.
  const sentences = splitTopLevel(folded, (t, i) => (t[i] === '。' ? 1 : 0));
  const head = sentences[0]!;
  const list: ListText = { original, folded, offset, label, items, listQualifiers, directory };
  let rule: { start: number; end: number } | null = null;
  const flushRule = () => {
    if (rule) notes.push(noteOf(original, offset, rule.start, rule.end));
    rule = null;
  };
  for (const clause of splitTopLevel(head.text, isClauseSeparator)) {
    const text = clause.text.trim();
    if (!text) continue;
    const start = clause.start + clause.text.length - clause.text.trimStart().length;
    const end = start + text.length;
    // A list whose last unit carries the rule in brackets (…、市税务局(列第一位者为工作牵头单位,
    // 下同)): the units, then the rule as a note.
    const tail = trailingBracket(text);
    if (tail?.closed && tail.open > 0 && isRuleClause(text.slice(tail.open + 1, tail.close))) {
      flushRule();
      readList(list, start, start + tail.open, null);
      notes.push(noteOf(original, offset, start + tail.open, end));
      continue;
    }
    // 排在第一位的部门为牵头部门,下同: the rule (and the 下同 after it) is a note.
    if (isRuleClause(text) || (rule && text === '下同')) {
      rule = rule ? { start: rule.start, end } : { start, end };
      continue;
    }
    flushRule();
    const at = coWithAt(text);
    if (at < 0) readList(list, start, end, null);
    else {
      readList(list, start, start + at, 'lead');
      readList(list, start + at + 2, end, 'co');
    }
  }
  flushRule();
  const noteStart = sentences.length > 1 ? sentences[1]!.start : -1;
  if (noteStart >= 0 && original.slice(noteStart).trim())
    notes.push(noteOf(original, offset, noteStart, original.length));
}

function noteOf(original: string, offset: number, start: number, end: number): UnitNote {
  const raw = original.slice(start, end);
  const text = raw.trim();
  const lead = raw.length - raw.trimStart().length;
  return { text, span: { start: offset + start + lead, end: offset + start + lead + text.length } };
}

/** The text a list of units is read from, and where its items go. */
type ListText = {
  original: string;
  /** `original` width folded. */
  folded: string;
  /** Where `original` starts in the source. */
  offset: number;
  label: LabelKind | null;
  items: Item[];
  listQualifiers: string[];
  directory: OrgDirectory | null;
};

/**
 * Read one list of units (`A、B等和C按职责分工负责`) from `folded[from, to)`. The verb that ends the
 * list, or `role` (会同), gives the role of each unit that states none of its own.
 */
function readList(text: ListText, from: number, to: number, role: UnitRole | null): void {
  const { original, folded, offset, label, items, listQualifiers, directory } = text;
  const list: Item[] = [];
  let verb: UnitRole | null = null;
  for (const piece of splitTopLevel(folded.slice(from, to), isSeparator)) {
    const trimmedStart = piece.text.length - piece.text.trimStart().length;
    const foldedName = piece.text.trim();
    if (!foldedName) continue;
    const start = from + piece.start + trimmedStart;
    if (isRemark(foldedName)) {
      listQualifiers.push(original.slice(start, start + foldedName.length));
      continue;
    }
    // 配合单位:无, a cell holding / or —: no unit, said explicitly.
    if (NO_UNIT.has(foldedName)) continue;
    const stripped = stripQualifiers(foldedName);
    verb = stripped.verb;
    if (!stripped.name) {
      // A qualifier standing alone (…,按职责分工负责) qualifies the unit before it.
      const prev = items[items.length - 1];
      if (prev) prev.qualifiers.push(...stripped.qualifiers);
      else listQualifiers.push(...stripped.qualifiers);
      continue;
    }
    const nameStart = start + stripped.start;
    /** Push the units of `name` (two written together are two), its qualifiers on the last. */
    const push = (name: string, at: number, qualifiers: string[]) => {
      const parts = gluedNames(name, directory);
      parts.forEach((from, k) => {
        const to = k + 1 < parts.length ? parts[k + 1]! : name.length;
        const item: Item = {
          name: original.slice(at + from, at + to),
          start: offset + at + from,
          label,
          qualifiers: k === parts.length - 1 ? qualifiers : [],
          mark: stripped.mark,
        };
        list.push(item);
        items.push(item);
      });
    };
    // 工业和信息化部等国务院相关部门: 等 ends a list and the group after it is a unit of its own.
    const etc = etcAt(stripped.name);
    if (etc > 0) {
      push(stripped.name.slice(0, etc), nameStart, ['等']);
      push(stripped.name.slice(etc + 1), nameStart + etc + 1, stripped.qualifiers);
    } else push(stripped.name, nameStart, stripped.qualifiers);
  }
  const listRole = role ?? verb;
  if (listRole) for (const it of list) it.mark = it.mark ?? listRole;
}

/** Cut a piece of text at its labels: `牵头单位:A;责任单位:B` → two labeled parts. */
function labeledParts(
  text: string,
  offset: number,
  label: LabelKind | null,
): { text: string; offset: number; label: LabelKind | null }[] {
  const view = labelView(foldWidth(text));
  const parts: { text: string; offset: number; label: LabelKind | null }[] = [];
  let current = label;
  let last = 0;
  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(view.text); m; m = LABEL_RE.exec(view.text)) {
    const at = view.start(m.index);
    if (at > last) parts.push({ text: text.slice(last, at), offset: offset + last, label: current });
    current = labelKind(m) ?? null;
    last = view.end(m.index + m[0].length);
  }
  parts.push({ text: text.slice(last), offset: offset + last, label: current });
  return parts;
}

/** How unit phrases are matched to the directory. */
export type ResolveOptions = {
  /**
   * The notice comes from another government than the directory's (石溪县 with the 鹰潭
   * directory): its 县财政局 or 县直各部门 are not the directory's; only a name that spells out
   * the directory's place (鹰潭市司法局) is matched. The string names the notice's government.
   */
  foreign?: string | null;
};

/** The bracketed part that ends a name (市委政法委(市综治办) → [市委政法委, 市综治办]), or null. */
function bracketAlias(key: string): [string, string] | null {
  if (!key.endsWith(')')) return null;
  let depth = 0;
  for (let i = key.length - 1; i >= 0; i--) {
    if (key[i] === ')') depth++;
    else if (key[i] === '(' && --depth === 0) {
      const name = key.slice(0, i);
      const alias = key.slice(i + 1, -1);
      return name.length >= 2 && alias.length >= 2 ? [name, alias] : null;
    }
  }
  return null;
}

/**
 * Resolve one phrase: as written; else, for 市委政法委(市综治办) or 市公安局(市禁毒办), by the
 * name before the brackets or the one inside them; then the foreign-notice rule.
 */
function resolvePhrase(
  directory: OrgDirectory,
  folded: string,
  alreadyNamed: string[],
  options: ResolveOptions,
): UnitPhraseResolution {
  const key = folded.replace(/\s+/g, '');
  let resolved = resolveUnitPhrase(directory, key, { alreadyNamed });
  const alias = resolved.resolution === 'unresolved' ? bracketAlias(key) : null;
  if (alias)
    for (const name of alias) {
      const byName = resolveUnitPhrase(directory, name, { alreadyNamed });
      if (byName.resolution === 'named') {
        resolved = byName;
        break;
      }
    }
  const foreign = options.foreign;
  const place = directory.place?.name ?? '';
  const spelledOut = place !== '' && key.replace(/^中共/, '').startsWith(place);
  if (foreign && (resolved.resolution === 'group' || resolved.resolution === 'named') && !spelledOut)
    return {
      resolution: 'unresolved',
      orgs: [],
      note: `本通知由${foreign}发出，组织目录属于${directory.root?.name ?? '另一级政府'}，不能按目录对应`,
    };
  return resolved;
}

/**
 * A unit named again in another source of the same task (the brackets of two of its measures,
 * a 牵头单位 line and a 配合单位 line) is one unit: the first mention stays, leading if any
 * mention leads, with the qualifiers of all. A name repeated within one list stays as written.
 */
function mergeRepeated(items: Item[], sourceOf: ReadonlyMap<Item, number>): void {
  const seen = new Map<string, Item>();
  let kept = 0;
  for (const it of items) {
    const key = foldWidth(it.name).replace(/\s+/g, '');
    const first = seen.get(key);
    if (!first || sourceOf.get(first) === sourceOf.get(it)) {
      if (!first) seen.set(key, it);
      items[kept++] = it;
      continue;
    }
    if (it.mark === 'lead' || it.label === 'lead') first.mark = 'lead';
    for (const q of it.qualifiers) if (!first.qualifiers.includes(q)) first.qualifiers.push(q);
  }
  items.length = kept;
}

/** Parse every unit source of one task into units with roles, resolved against `directory`. */
export function parseUnits(
  sources: UnitSource[],
  directory: OrgDirectory | null,
  options: ResolveOptions = {},
): ParsedUnits {
  const notes: UnitNote[] = [];
  const deadlines: { text: string; offset: number }[] = [];
  const leaders: string[] = [];
  const problems: UnitProblem[] = [];
  const items: Item[] = [];
  const listQualifiers: string[] = [];

  const sourceOf = new Map<Item, number>();
  for (const [sourceIndex, source] of sources.entries()) {
    for (const part of labeledParts(source.text, source.offset, source.label ?? null)) {
      if (part.label === 'deadline') {
        if (part.text.trim()) deadlines.push({ text: part.text, offset: part.offset });
        continue;
      }
      const before = items.length;
      // Names padded to three characters (俞　悦), run together with no separator (陆　明俞　悦).
      if (part.label === 'leader') {
        const padded = paddedNames(part.text);
        if (padded) {
          leaders.push(...padded);
          continue;
        }
      }
      const partItems: Item[] = [];
      splitItems(part.text, part.offset, part.label, notes, partItems, listQualifiers, directory);
      joinLevelWords(partItems, part.text, part.offset);
      for (const it of partItems) sourceOf.set(it, sourceIndex);
      items.push(...partItems);
      if (part.label === 'leader') {
        for (const it of items.splice(before)) leaders.push(it.name.trim());
      }
    }
  }

  mergeRepeated(items, sourceOf);
  const explicitLead = items.some((it) => it.label === 'lead' || it.mark === 'lead');
  const units: UnitRef[] = [];
  const alreadyNamed: string[] = [];
  items.forEach((it, index) => {
    const folded = foldWidth(it.name);
    const group = isGroupPhrase(folded);
    let role: UnitRole;
    // A group answers each for its part, unless the words make it co (会同有关部门, 各部门配合).
    if (group) role = it.mark === 'co' ? 'co' : 'each';
    else if (it.mark === 'lead' || it.label === 'lead') role = 'lead';
    else if (it.mark === 'co' || it.label === 'co') role = 'co';
    else if (!explicitLead && index === 0) role = 'lead';
    else role = 'co';
    const resolved: UnitPhraseResolution = directory
      ? resolvePhrase(directory, folded, alreadyNamed, options)
      : { resolution: 'unresolved', orgs: [] };
    if (resolved.resolution === 'named') alreadyNamed.push(...resolved.orgs.map((o) => o.id));
    const span = { start: it.start, end: it.start + it.name.length };
    const qualifiers = index === items.length - 1 ? [...it.qualifiers, ...listQualifiers] : it.qualifiers;
    units.push({
      raw: it.name,
      role,
      orgs: resolved.orgs.map((o) => o.name),
      orgIds: resolved.orgs.map((o) => o.id),
      resolution: resolved.resolution,
      qualifiers,
      span,
      inherited: false,
      confidence: resolved.resolution === 'named' || resolved.resolution === 'group' ? 'high' : 'low',
    });
    if (directory) {
      if (resolved.resolution === 'unresolved')
        problems.push({
          code: 'unit-unresolved',
          message: `责任单位“${it.name}”在组织目录中找不到${resolved.note ? `（${resolved.note}）` : ''}`,
          span,
        });
      else if (resolved.resolution === 'vague')
        problems.push({
          code: 'unit-vague',
          message: `“${it.name}”是泛指，需要人工指定具体单位`,
          span,
        });
    }
  });
  return { units, leaders, notes, deadlines, problems };
}

/** Every regular expression of the unit reader (the tests run each on worst-case input). */
export const UNIT_PATTERNS = {
  LABEL_RE,
  LEADING_LABEL_RE,
  RULE_RE,
  LEVEL_WORD_RE,
  RULE_ROLE_RE,
  BARE_GOVERNMENT_RE,
  PLACE_NAME_RE,
} as const;
