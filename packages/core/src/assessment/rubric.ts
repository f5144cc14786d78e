/**
 * 考核细则: how the year's supervision records become each unit's score. A rubric is a setting of
 * a plan and year, edited by the coordinator: groups ranked separately, scored items, and 等次
 * (grades) with thresholds and quotas, as the local 考核办法 sets them.
 *
 * Items:
 * - on-time (按时完成): `points` × the weighted share of the unit's due deliverables whose accepted
 *   report was handed in by the due date in force (an extension granted moves it);
 * - indicators (指标完成): `points` × the weighted mean attainment of the unit's indicators (1 when met,
 *   the progress towards the target when `partialCredit`, else 0; not reported is 0);
 * - returns (退回): `pointsEach` off per report returned for rework, at most `cap` off;
 * - escalations (督办催办): points off per 催办 and per 督办单 by colour, at most `cap` off (a withdrawn
 *   escalation does not count);
 * - adjustments (加减分): bonus and deduction entries the coordinator records with a reason, at most
 *   `maxBonus` up and `maxDeduction` down.
 * Weights (per section or per task; 1 elsewhere) apply to on-time and indicators. The total never
 * goes below zero.
 */
import type { EscalationLevel } from '../escalation/ladder.ts';
import type { OrgKind } from '../types.ts';

export type Weights = {
  /** Weight of every deliverable or indicator of a section, by section number (1-based). */
  sections?: Readonly<Record<string, number>>;
  /** Weight of a task's, by task number; overrides its section's. */
  tasks?: Readonly<Record<string, number>>;
};

export type RubricItem =
  | { id: string; kind: 'on-time'; label: string; points: number }
  | { id: string; kind: 'indicators'; label: string; points: number; partialCredit: boolean }
  | { id: string; kind: 'returns'; label: string; pointsEach: number; cap: number }
  | {
      id: string;
      kind: 'escalations';
      label: string;
      pointsEach: Readonly<Partial<Record<EscalationLevel, number>>>;
      cap: number;
    }
  | { id: string; kind: 'adjustments'; label: string; maxBonus: number; maxDeduction: number };

export type RubricItemKind = RubricItem['kind'];

export type RubricGroup = {
  id: string;
  name: string;
  /** Units of these kinds belong to the group (a unit joins the first group that takes it). */
  kinds: readonly OrgKind[];
};

export type Grade = {
  name: string;
  /** The least total that earns this grade. */
  minScore: number;
  /** At most this share of a group (0..1), e.g. 优秀 ≤ 30%; rounded down, at least one when > 0. */
  maxShare?: number;
};

export type Rubric = {
  groups: readonly RubricGroup[];
  items: readonly RubricItem[];
  /** Best first; the last one's minScore is 0, so every unit gets a grade. */
  grades: readonly Grade[];
  weights: Weights;
};

export const RUBRIC_ITEM_KIND_LABELS: Readonly<Record<RubricItemKind, string>> = {
  'on-time': '按时完成',
  indicators: '指标完成',
  returns: '报告退回',
  escalations: '督办催办',
  adjustments: '加分减分',
};

/** A starting rubric: 100 points, the common shape of a 法治政府建设 考核 within the 综合考核. */
export const DEFAULT_RUBRIC: Rubric = {
  groups: [
    {
      id: 'districts',
      name: '县(市、区)政府和管委会',
      kinds: ['district-government', 'management-committee'],
    },
    { id: 'departments', name: '市直部门', kinds: ['department', 'party-organ', 'association', 'other'] },
  ],
  items: [
    { id: 'on-time', kind: 'on-time', label: '任务按时完成', points: 60 },
    { id: 'indicators', kind: 'indicators', label: '指标完成情况', points: 40, partialCredit: true },
    { id: 'returns', kind: 'returns', label: '报告被退回', pointsEach: 0.5, cap: 5 },
    {
      id: 'escalations',
      kind: 'escalations',
      label: '被催办、督办',
      pointsEach: { urge: 1, 'supervise-orange': 2, 'supervise-red': 3 },
      cap: 15,
    },
    { id: 'adjustments', kind: 'adjustments', label: '加分和减分事项', maxBonus: 5, maxDeduction: 10 },
  ],
  grades: [
    { name: '优秀', minScore: 90, maxShare: 0.3 },
    { name: '良好', minScore: 80 },
    { name: '合格', minScore: 60 },
    { name: '不合格', minScore: 0 },
  ],
  weights: {},
};

export type RubricError = { field: string; message: string };

const nonNegative = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

/** Every problem of a rubric, each naming its field (`items[2].cap`) and saying why in Chinese. */
export function validateRubric(rubric: Rubric): RubricError[] {
  const errors: RubricError[] = [];
  const bad = (field: string, message: string) => errors.push({ field, message: `${field}：${message}` });
  const ids = new Set<string>();
  rubric.items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (!item.id || ids.has(item.id)) bad(`${at}.id`, `考核项编号“${item.id}”为空或重复`);
    ids.add(item.id);
    if (!item.label.trim()) bad(`${at}.label`, '考核项名称不能为空');
    const numbers: Record<string, unknown> =
      item.kind === 'on-time' || item.kind === 'indicators'
        ? { points: item.points }
        : item.kind === 'returns'
          ? { pointsEach: item.pointsEach, cap: item.cap }
          : item.kind === 'escalations'
            ? { cap: item.cap, ...prefixed('pointsEach.', item.pointsEach) }
            : { maxBonus: item.maxBonus, maxDeduction: item.maxDeduction };
    for (const [name, value] of Object.entries(numbers))
      if (!nonNegative(value)) bad(`${at}.${name}`, '应为不小于 0 的数');
  });
  const groupIds = new Set<string>();
  rubric.groups.forEach((g, i) => {
    if (!g.id || groupIds.has(g.id)) bad(`groups[${i}].id`, `分组编号“${g.id}”为空或重复`);
    groupIds.add(g.id);
    if (!g.name.trim()) bad(`groups[${i}].name`, '分组名称不能为空');
  });
  if (rubric.grades.length === 0) bad('grades', '至少设一个等次');
  rubric.grades.forEach((g, i) => {
    if (!g.name.trim()) bad(`grades[${i}].name`, '等次名称不能为空');
    if (!nonNegative(g.minScore)) bad(`grades[${i}].minScore`, '应为不小于 0 的数');
    else if (i > 0 && g.minScore >= (rubric.grades[i - 1]?.minScore ?? Number.POSITIVE_INFINITY))
      bad(`grades[${i}].minScore`, '应低于上一等次的分数线（等次从高到低排列）');
    if (g.maxShare !== undefined && !(nonNegative(g.maxShare) && g.maxShare <= 1))
      bad(`grades[${i}].maxShare`, '比例应在 0 到 1 之间');
  });
  const last = rubric.grades.at(-1);
  if (last && last.minScore !== 0)
    bad(`grades[${rubric.grades.length - 1}].minScore`, '最低等次的分数线应为 0');
  if (last?.maxShare !== undefined)
    bad(`grades[${rubric.grades.length - 1}].maxShare`, '最低等次不能设比例上限');
  for (const [kind, table] of [
    ['sections', rubric.weights.sections],
    ['tasks', rubric.weights.tasks],
  ] as const)
    for (const [key, w] of Object.entries(table ?? {}))
      if (!nonNegative(w)) bad(`weights.${kind}.${key}`, '权重应为不小于 0 的数');
  return errors;
}

function prefixed(prefix: string, o: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [`${prefix}${k}`, v]));
}

/** The weight of a task's deliverables and indicators: the task's, else its section's, else 1. */
export function weightOf(weights: Weights, taskNo: number, sectionNo: number | null): number {
  return (
    weights.tasks?.[String(taskNo)] ??
    (sectionNo === null ? undefined : weights.sections?.[String(sectionNo)]) ??
    1
  );
}
