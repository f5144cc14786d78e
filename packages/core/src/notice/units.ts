/**
 * Responsible-unit phrases: split a cell, a bracket or label lines into units, keep qualifiers,
 * give each unit its role and resolve it against the org directory.
 */

import { joinBreaks } from '../extract/shared.ts';
import type { OrgDirectory } from '../orgs/directory.ts';
import { isGroupPhrase, resolveUnitPhrase, type UnitPhraseResolution } from '../orgs/resolve.ts';
import { foldWidth } from '../text/normalize.ts';
import type { Span, UnitRef, UnitRole } from '../types.ts';
import { splitTopLevel } from './brackets.ts';

export type LabelKind = 'lead' | 'responsible' | 'co' | 'leader' | 'deadline';

const LABELS: ReadonlyArray<readonly [string, LabelKind]> = [
  ['主要责任单位', 'lead'],
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
  ['责任领导', 'leader'],
  ['牵头领导', 'leader'],
  ['分管领导', 'leader'],
  ['牵头市领导', 'leader'],
  ['责任人', 'leader'],
  ['完成时限', 'deadline'],
  ['完成时间', 'deadline'],
  ['完成期限', 'deadline'],
  ['时间节点', 'deadline'],
  ['时限要求', 'deadline'],
  ['时间要求', 'deadline'],
  ['进度安排', 'deadline'],
  ['时间安排', 'deadline'],
];

const LABEL_WORDS = LABELS.map(([w]) => w).join('|');
/** A label with a colon (牵头单位:) or in brackets (【牵头单位】, folded to [牵头单位]). */
const LABEL_RE = new RegExp(`\\[ {0,2}(${LABEL_WORDS}) {0,2}\\] {0,2}:?|(${LABEL_WORDS}) {0,3}:`, 'g');
const LEADING_LABEL_RE = /^ {0,8}(?:\[ {0,2}([^\]:]{2,6}) {0,2}\] {0,2}:?|([^:]{2,6}) {0,3}:)/;
const LABEL_KIND = new Map<string, LabelKind>(LABELS);

/** Every regular expression of the unit reader (the tests run each on worst-case input). */
export const UNIT_PATTERNS = { LABEL_RE, LEADING_LABEL_RE } as const;

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
 * Only a label after a sentence end, a semicolon or a space counts, so a label quoted mid-sentence does not.
 */
export function clauseLabelAt(folded: string): number {
  const view = labelView(folded);
  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(view.text); m; m = LABEL_RE.exec(view.text)) {
    const kind = labelKind(m);
    const before = view.text[m.index - 1];
    if (kind && kind !== 'deadline' && m.index > 0 && (before === '。' || before === ';' || before === ' '))
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

/** Trailing words that qualify a unit and are not part of its name, longest first. */
const QUALIFIERS = [
  '按照职责分工负责',
  '按职责分工负责',
  '按职责分别负责',
  '按职能分工负责',
  '按职责分工落实',
  '根据职责分工负责',
  '等有关部门',
  '等相关部门',
  '等有关单位',
  '等相关单位',
  '等部门',
  '等单位',
  '分别负责',
  '按职责负责',
  '共同负责',
  '负责落实',
  '配合落实',
  '负责',
  '牵头',
  '配合',
  '参与',
  '下同',
  '落实',
  '等',
];

const ROLE_MARKS = new Map<string, UnitRole>([
  ['(牵头)', 'lead'],
  ['(牵头单位)', 'lead'],
  ['(配合)', 'co'],
  ['(配合单位)', 'co'],
]);

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
  return 0;
}

/** Strip trailing qualifiers and role marks; returns the bare name and what was stripped. */
export function stripQualifiers(name: string): { name: string; qualifiers: string[]; mark: UnitRole | null } {
  const qualifiers: string[] = [];
  let mark: UnitRole | null = null;
  let rest = name;
  for (let changed = true; changed && rest.length > 0; ) {
    changed = false;
    for (const [m, role] of ROLE_MARKS) {
      if (rest.endsWith(m)) {
        mark = role;
        rest = rest.slice(0, -m.length).trimEnd();
        changed = true;
      }
    }
    for (const q of QUALIFIERS) {
      if (rest.endsWith(q) && rest.length >= q.length) {
        qualifiers.unshift(q);
        if (q === '牵头') mark = 'lead';
        else if (q === '配合' || q === '参与' || q === '配合落实') mark = mark ?? 'co';
        rest = rest.slice(0, -q.length).trimEnd();
        changed = true;
        break;
      }
    }
  }
  // A leading 由 (由市司法局牵头) is not part of the name.
  if (rest.startsWith('由') && rest.length > 2) rest = rest.slice(1);
  return { name: rest, qualifiers, mark };
}

/** What a unit cell or label holds when there is no such unit. */
const NO_UNIT = new Set(['无', '暂无', '/', '-', '--', '---', '\\', '×', '空']);

/** A bracketed remark inside a unit list: (排第一位的为牵头单位), (下同). */
function isRemark(folded: string): boolean {
  return /^\(.{0,30}\)$/.test(folded) && /牵头|下同|下列|排名|第一/.test(folded);
}

/** Split one labeled or unlabeled piece into items. */
function splitItems(
  original: string,
  offset: number,
  label: LabelKind | null,
  notes: UnitNote[],
  items: Item[],
  listQualifiers: string[],
): void {
  const folded = foldWidth(original);
  // A sentence after 。 inside a unit bracket is a note, not a unit.
  const sentences = splitTopLevel(folded, (t, i) => (t[i] === '。' ? 1 : 0));
  const head = sentences[0]!;
  const noteStart = sentences.length > 1 ? sentences[1]!.start : -1;
  if (noteStart >= 0) {
    const text = original.slice(noteStart).trim();
    if (text) {
      const lead = original.slice(noteStart).length - original.slice(noteStart).trimStart().length;
      notes.push({
        text,
        span: { start: offset + noteStart + lead, end: offset + noteStart + lead + text.length },
      });
    }
  }
  for (const piece of splitTopLevel(head.text, isSeparator)) {
    const trimmedStart = piece.text.length - piece.text.trimStart().length;
    const foldedName = piece.text.trim();
    if (!foldedName) continue;
    const start = piece.start + trimmedStart;
    if (isRemark(foldedName)) {
      listQualifiers.push(original.slice(start, start + foldedName.length));
      continue;
    }
    // 配合单位:无, a cell holding / or —: no unit, said explicitly.
    if (NO_UNIT.has(foldedName)) continue;
    const stripped = stripQualifiers(foldedName);
    if (!stripped.name) {
      // A qualifier standing alone (…,按职责分工负责) qualifies the unit before it.
      const prev = items[items.length - 1];
      if (prev) prev.qualifiers.push(...stripped.qualifiers);
      else listQualifiers.push(...stripped.qualifiers);
      continue;
    }
    items.push({
      name: original.slice(start, start + stripped.name.length),
      start: offset + start,
      label,
      qualifiers: stripped.qualifiers,
      mark: stripped.mark,
    });
  }
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

  for (const source of sources) {
    for (const part of labeledParts(source.text, source.offset, source.label ?? null)) {
      if (part.label === 'deadline') {
        if (part.text.trim()) deadlines.push({ text: part.text, offset: part.offset });
        continue;
      }
      const before = items.length;
      const partItems: Item[] = [];
      splitItems(part.text, part.offset, part.label, notes, partItems, listQualifiers);
      items.push(...partItems);
      if (part.label === 'leader') {
        for (const it of items.splice(before)) leaders.push(it.name.trim());
      }
    }
  }

  const explicitLead = items.some((it) => it.label === 'lead' || it.mark === 'lead');
  const units: UnitRef[] = [];
  const alreadyNamed: string[] = [];
  items.forEach((it, index) => {
    const folded = foldWidth(it.name);
    const group = isGroupPhrase(folded);
    let role: UnitRole;
    if (group) role = 'each';
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
