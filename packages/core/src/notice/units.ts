/**
 * Responsible-unit phrases: split a cell, a bracket or label lines into units, keep qualifiers,
 * give each unit its role and resolve it against the org directory.
 */

import type { OrgDirectory } from '../orgs/directory.ts';
import { isGroupPhrase, resolveUnitPhrase } from '../orgs/resolve.ts';
import { foldWidth } from '../text/normalize.ts';
import type { Span, UnitRef, UnitRole } from '../types.ts';
import { splitTopLevel } from './brackets.ts';

export type LabelKind = 'lead' | 'responsible' | 'co' | 'leader' | 'deadline';

const LABELS: ReadonlyArray<readonly [string, LabelKind]> = [
  ['主要责任单位', 'lead'],
  ['牵头单位', 'lead'],
  ['牵头部门', 'lead'],
  ['责任单位', 'responsible'],
  ['责任部门', 'responsible'],
  ['承办单位', 'responsible'],
  ['配合单位', 'co'],
  ['配合部门', 'co'],
  ['协办单位', 'co'],
  ['参与单位', 'co'],
  ['协同单位', 'co'],
  ['责任领导', 'leader'],
  ['牵头领导', 'leader'],
  ['分管领导', 'leader'],
  ['责任人', 'leader'],
  ['完成时限', 'deadline'],
  ['完成时间', 'deadline'],
  ['时间节点', 'deadline'],
  ['时限要求', 'deadline'],
];

const LABEL_RE = new RegExp(`(${LABELS.map(([w]) => w).join('|')}) {0,3}:`, 'g');
const LABEL_KIND = new Map<string, LabelKind>(LABELS);

/** The label that starts `folded` (after spaces), if any, and the length it takes. */
export function leadingLabel(folded: string): { kind: LabelKind; length: number } | null {
  const m = /^ {0,8}([^:]{2,6}) {0,3}:/.exec(folded);
  if (!m) return null;
  const kind = LABEL_KIND.get(m[1]!);
  return kind ? { kind, length: m[0].length } : null;
}

/**
 * Where a unit label starts a clause of a paragraph (`…。牵头单位:市发改委;责任单位:…`), or -1.
 * Only a label after a sentence end, a semicolon or a space counts, so a label quoted mid-sentence does not.
 */
export function clauseLabelAt(folded: string): number {
  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(folded); m; m = LABEL_RE.exec(folded)) {
    const kind = LABEL_KIND.get(m[1]!);
    const before = folded[m.index - 1];
    if (kind && kind !== 'deadline' && m.index > 0 && (before === '。' || before === ';' || before === ' '))
      return m.index;
  }
  return -1;
}

/** Does this (folded) text carry a unit label anywhere? */
export function hasUnitLabel(folded: string): boolean {
  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(folded); m; m = LABEL_RE.exec(folded)) {
    const kind = LABEL_KIND.get(m[1]!);
    if (kind && kind !== 'deadline') return true;
  }
  return false;
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

/** One piece of text that lists units, with the label that introduced it, if any. */
export type UnitSource = { text: string; offset: number; label?: LabelKind | null };

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

export function isSeparator(text: string, i: number): number {
  const ch = text[i]!;
  if (ch === '、' || ch === ',' || ch === ';' || ch === ' ' || ch === '\n') return 1;
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
  const folded = foldWidth(text);
  const parts: { text: string; offset: number; label: LabelKind | null }[] = [];
  let current = label;
  let last = 0;
  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(folded); m; m = LABEL_RE.exec(folded)) {
    if (m.index > last)
      parts.push({ text: text.slice(last, m.index), offset: offset + last, label: current });
    current = LABEL_KIND.get(m[1]!) ?? null;
    last = m.index + m[0].length;
  }
  parts.push({ text: text.slice(last), offset: offset + last, label: current });
  return parts;
}

/** Parse every unit source of one task into units with roles, resolved against `directory`. */
export function parseUnits(sources: UnitSource[], directory: OrgDirectory | null): ParsedUnits {
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
    const resolved = directory
      ? resolveUnitPhrase(directory, folded, { alreadyNamed })
      : { resolution: 'unresolved' as const, orgs: [] };
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
          message: `责任单位“${it.name}”在组织目录中找不到${'note' in resolved && resolved.note ? `（${resolved.note}）` : ''}`,
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
