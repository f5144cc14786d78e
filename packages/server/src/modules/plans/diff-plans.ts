/**
 * What changed between two versions of a plan, task by task number: tasks added and removed, and
 * for tasks in both the text, the responsible units (organization and role), the obligations and
 * the indicators. Spans and confidence are not compared: they move whenever the text around moves.
 */
import type { Indicator, NoticeHead, Obligation, Plan, Task, UnitRef } from '@luoshi/core';

export type TaskChangeKind = 'text' | 'units' | 'obligations' | 'indicators' | 'section';

export type ListChange = { before: string[]; after: string[] };

export type TaskChange = {
  no: number;
  changed: TaskChangeKind[];
  text?: { before: string; after: string };
  units?: ListChange;
  obligations?: ListChange;
  indicators?: ListChange;
  section?: { before: string | null; after: string | null };
};

export type PlanChanges = {
  added: { no: number; text: string }[];
  removed: { no: number; text: string }[];
  changed: TaskChange[];
  /** Fields of the notice head that changed (title, docNumber, issuer, issuedAt). */
  head: { field: keyof NoticeHead; before: string | null; after: string | null }[];
  /** In Chinese, e.g. 新增任务1项（52），删除0项，修改2项（3、17）. */
  summary: string;
};

const ROLE_LABELS: Record<UnitRef['role'], string> = { lead: '牵头', co: '配合', each: '分别负责' };
const HEAD_FIELDS = ['title', 'docNumber', 'issuer', 'issuedAt'] as const;

/** JSON with sorted keys, leaving out the fields that locate a value rather than say it. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => k !== 'span' && k !== 'confidence' && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Each organization of a task with its role, and each phrase that names none: sorted, comparable. */
export function unitLabels(task: Task): string[] {
  const labels = new Set<string>();
  for (const u of task.units) {
    if (u.orgIds.length === 0) labels.add(`${u.raw}（未识别）`);
    u.orgIds.forEach((id, i) => {
      labels.add(`${u.orgs[i] ?? id}（${ROLE_LABELS[u.role]}）`);
    });
  }
  return [...labels].sort();
}

function obligationLabel(o: Obligation): string {
  return o.raw;
}

function indicatorLabel(i: Indicator): string {
  return i.raw;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return canonical(a) === canonical(b);
}

function joinNos(nos: number[]): string {
  return nos.length === 0 ? '' : `（${nos.join('、')}）`;
}

export function diffPlans(before: Plan, after: Plan): PlanChanges {
  const old = new Map(before.tasks.map((t) => [t.no, t]));
  const now = new Map(after.tasks.map((t) => [t.no, t]));
  const added = after.tasks.filter((t) => !old.has(t.no)).map((t) => ({ no: t.no, text: t.text }));
  const removed = before.tasks.filter((t) => !now.has(t.no)).map((t) => ({ no: t.no, text: t.text }));
  const changed: TaskChange[] = [];
  for (const b of after.tasks) {
    const a = old.get(b.no);
    if (!a) continue;
    const change: TaskChange = { no: b.no, changed: [] };
    if (a.text !== b.text) {
      change.changed.push('text');
      change.text = { before: a.text, after: b.text };
    }
    const unitsA = unitLabels(a);
    const unitsB = unitLabels(b);
    if (!sameList(unitsA, unitsB)) {
      change.changed.push('units');
      change.units = { before: unitsA, after: unitsB };
    }
    if (!sameList(a.obligations, b.obligations)) {
      change.changed.push('obligations');
      change.obligations = {
        before: a.obligations.map(obligationLabel),
        after: b.obligations.map(obligationLabel),
      };
    }
    if (!sameList(a.indicators, b.indicators)) {
      change.changed.push('indicators');
      change.indicators = {
        before: a.indicators.map(indicatorLabel),
        after: b.indicators.map(indicatorLabel),
      };
    }
    const sectionA = `${a.section ?? ''}/${a.subsection ?? ''}`;
    const sectionB = `${b.section ?? ''}/${b.subsection ?? ''}`;
    if (sectionA !== sectionB) {
      change.changed.push('section');
      change.section = { before: a.subsection ?? a.section, after: b.subsection ?? b.section };
    }
    if (change.changed.length > 0) changed.push(change);
  }
  const head = HEAD_FIELDS.filter((f) => before.notice[f] !== after.notice[f]).map((field) => ({
    field,
    before: before.notice[field],
    after: after.notice[field],
  }));
  const summary =
    `新增任务${added.length}项${joinNos(added.map((t) => t.no))}，` +
    `删除${removed.length}项${joinNos(removed.map((t) => t.no))}，` +
    `修改${changed.length}项${joinNos(changed.map((t) => t.no))}`;
  return { added, removed, changed, head, summary };
}

/** True when nothing that matters changed (the versions assign the same work). */
export function isEmptyChange(c: PlanChanges): boolean {
  return c.added.length === 0 && c.removed.length === 0 && c.changed.length === 0 && c.head.length === 0;
}
