/**
 * Units and leaders a task takes from around it when its own text names none: the heading above it
 * (一、县示范区管委会牵头工作, (牵头领导:成坤、柯相国)) and rules carried from earlier tasks
 * (具体任务均涉及相关市(州)人民政府，不再做分工，下同).
 */
import type { OrgDirectory } from '../orgs/directory.ts';
import { foldWidth } from '../text/normalize.ts';
import type { Task, UnitRef } from '../types.ts';
import { compact } from './lines.ts';
import { parseUnits, type ResolveOptions, type UnitSource } from './units.ts';
import { type Draft, HEADING_LABELS_RE } from './walk.ts';

/** The bracket of leader labels that ends a heading above the task, as a unit source. */
export function headingLeaders(d: Draft, source: string): UnitSource | null {
  for (const h of [d.subsection, d.section]) {
    if (!h) continue;
    const line = foldWidth(source.slice(h.span.start, h.span.end)).trimEnd();
    const m = HEADING_LABELS_RE.exec(line);
    if (!m || !/领导|责任人/.test(m[0])) continue;
    const at = h.span.start + m.index + 1;
    return { text: source.slice(at, at + m[0].length - 2), offset: at, label: null };
  }
  return null;
}

/** `X牵头` / `X负责` at the start of a heading title, the units of the tasks under it. */
export const HEADING_UNITS_RE = /^(.{2,30}?(?:牵头|负责))(?:的|推进的)?(?:重点)?(?:工作|任务|事项)/;

/** A rule for the tasks after it: 以下任务措施均需…, …不再列出, …不再做分工. */
export const CARRIED_RULE_RE = /以下|不再列出|不再做分工|不再分工/;
/** The units a rule names for every task it covers: 均需各市政府落实, 均涉及相关市(州)人民政府. */
export const RULE_UNITS_RE =
  /(?:均需|均涉及|均由|均要|都需|都由|都涉及)([^,;。:]{2,30}?)(?:负责|落实|参与|实施|配合)?(?=[,;。]|$)/;

/**
 * Units a rule in a note gives the task (具体任务均涉及相关市(州)人民政府，不再做分工，下同): added
 * where the task does not name them itself, pointing at the rule's words.
 */
export function ruleUnits(
  task: Task,
  source: string,
  directory: OrgDirectory | null,
  resolve: ResolveOptions,
): UnitRef[] {
  const added: UnitRef[] = [];
  for (const note of task.notes) {
    const m = RULE_UNITS_RE.exec(foldWidth(note));
    if (!m) continue;
    const name = note.slice(m.index + m[0].indexOf(m[1]!), m.index + m[0].indexOf(m[1]!) + m[1]!.length);
    if ([...task.units, ...added].some((u) => compact(u.raw) === compact(name))) continue;
    const at = source.indexOf(note);
    if (at < 0) continue;
    const parsed = parseUnits(
      [{ text: name, offset: at + note.indexOf(name), label: null }],
      directory,
      resolve,
    );
    added.push(...parsed.units.map((u) => ({ ...u, role: u.role === 'lead' ? ('co' as const) : u.role })));
  }
  return added;
}

/** The units a heading names for the tasks under it, as a unit source pointing into the source. */
export function headingUnits(d: Draft, source: string): UnitSource | null {
  for (const h of [d.subsection, d.section]) {
    if (!h) continue;
    const m = HEADING_UNITS_RE.exec(foldWidth(h.title));
    if (!m) continue;
    const at = source.indexOf(h.title.slice(0, m[1]!.length), h.span.start);
    if (at < 0 || at >= h.span.end) continue;
    return { text: source.slice(at, at + m[1]!.length), offset: at, label: null };
  }
  return null;
}

/** Every regular expression of the context reader (the tests run each on worst-case input). */
export const CONTEXT_PATTERNS = {
  HEADING_UNITS_RE,
  CARRIED_RULE_RE,
  RULE_UNITS_RE,
  HEADING_LABELS_RE,
} as const;
