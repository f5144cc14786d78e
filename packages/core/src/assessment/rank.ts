/**
 * 排名与等次: units ranked within their group, then graded.
 *
 * Order within a group: the higher total first; on equal totals, the higher 按时完成 points, then the
 * fewer points taken off for 督办催办, then the unit's name in Chinese collation (so the order never
 * depends on the order records arrived in). Every unit has its own place (1, 2, 3 …); `tiedWith`
 * says when the totals are equal and a tie rule decided.
 *
 * Grades go down the ranking: a unit gets the best grade whose score line it reaches and whose
 * quota (maxShare of the group, rounded down, at least one when the share is above zero) is not yet
 * taken; otherwise the next grade down.
 */
import type { Grade, Rubric, RubricGroup } from './rubric.ts';
import type { UnitScore } from './score.ts';

export type RankedUnit = UnitScore & {
  groupId: string;
  rank: number;
  grade: string;
  /** Units of the same group with the same total, decided by the tie rules. */
  tiedWith: string[];
};

export type GroupRanking = { group: RubricGroup; units: RankedUnit[] };

export const TIE_RULE =
  '总分相同的，按时完成得分高者在前；仍相同的，督办催办扣分少者在前；再相同的，按单位名称排序';

const collator = new Intl.Collator('zh-CN');

const itemPoints = (u: UnitScore, kind: string, rubric: Rubric): number =>
  u.items
    .filter((i) => rubric.items.find((r) => r.id === i.itemId)?.kind === kind)
    .reduce((s, i) => s + i.points, 0);

export function rankUnits(scores: readonly UnitScore[], rubric: Rubric): GroupRanking[] {
  const claimed = new Set<string>();
  return rubric.groups.map((group) => {
    const members = scores.filter((u) => !claimed.has(u.orgId) && group.kinds.includes(u.kind));
    for (const u of members) claimed.add(u.orgId);
    const ordered = [...members].sort(
      (a, b) =>
        b.total - a.total ||
        itemPoints(b, 'on-time', rubric) - itemPoints(a, 'on-time', rubric) ||
        itemPoints(b, 'escalations', rubric) - itemPoints(a, 'escalations', rubric) ||
        collator.compare(a.name, b.name) ||
        a.orgId.localeCompare(b.orgId),
    );
    const grades = gradesFor(ordered, rubric.grades);
    return {
      group,
      units: ordered.map((u, i) => ({
        ...u,
        groupId: group.id,
        rank: i + 1,
        grade: grades[i] ?? '',
        tiedWith: ordered.filter((o) => o !== u && o.total === u.total).map((o) => o.orgId),
      })),
    };
  });
}

/** The grade of each unit of a ranked group, in its order. */
export function gradesFor(ordered: readonly UnitScore[], grades: readonly Grade[]): string[] {
  const quota = grades.map((g) =>
    g.maxShare === undefined
      ? Number.POSITIVE_INFINITY
      : g.maxShare > 0
        ? Math.max(1, Math.floor(ordered.length * g.maxShare))
        : 0,
  );
  const used = grades.map(() => 0);
  return ordered.map((u) => {
    const at = grades.findIndex((g, i) => u.total >= g.minScore && (used[i] ?? 0) < (quota[i] ?? 0));
    if (at < 0) return grades.at(-1)?.name ?? '';
    used[at] = (used[at] ?? 0) + 1;
    return grades[at]?.name ?? '';
  });
}
