/**
 * The year's assessment as it stands: every unit's score under the plan's rubric, computed from the
 * records at the moment of asking (as of today, or the year's last day once it is over), ranked per
 * group. A coordinator (or viewer) sees every unit; a unit's reporter or leader sees its own row,
 * with its rank in its group.
 */
import {
  defaultCalendar,
  type GroupRanking,
  type ItemScore,
  type RankedUnit,
  type Rubric,
  rankUnits,
  scoreUnits,
  TIE_RULE,
  type UnitScore,
} from '@luoshi/core';
import type { SessionUser } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../errors.ts';
import { loadAssessmentRecords } from './assessment-records.ts';
import { getRubric } from './rubric-setting.ts';

/** A unit's row: the items' points without the lines behind them (the breakdown has those). */
export type RankedRow = Omit<RankedUnit, 'items'> & { items: Omit<ItemScore, 'lines'>[]; groupSize: number };

export type AssessmentView = {
  planId: string;
  year: number;
  asOf: string;
  rubric: Rubric;
  tieRule: string;
  groups: { id: string; name: string; units: RankedRow[] }[];
  /** Units of kinds no group takes (e.g. 法院、检察院 when left out): scored, not ranked. */
  unranked: Omit<RankedRow, 'rank' | 'grade' | 'tiedWith' | 'groupId' | 'groupSize'>[];
};

export type Computed = { view: AssessmentView; scores: UnitScore[]; ranking: GroupRanking[] };

export async function computeAssessment(
  ctx: AppContext,
  planId: string,
  year: number,
  today: string,
): Promise<Computed> {
  const { rubric } = await getRubric(ctx.store, planId, year);
  const asOf = today < `${year}-12-31` ? today : `${year}-12-31`;
  const records = await loadAssessmentRecords(ctx.store, planId, year, asOf);
  const scores = scoreUnits(records, rubric, defaultCalendar());
  const ranking = rankUnits(scores, rubric);
  const ranked = new Set(ranking.flatMap((g) => g.units.map((u) => u.orgId)));
  const brief = <T extends { items: ItemScore[] }>(u: T) => ({
    ...u,
    items: u.items.map(({ lines, ...i }) => i),
  });
  return {
    scores,
    ranking,
    view: {
      planId,
      year,
      asOf,
      rubric,
      tieRule: TIE_RULE,
      groups: ranking.map((g) => ({
        id: g.group.id,
        name: g.group.name,
        units: g.units.map((u) => ({ ...brief(u), groupSize: g.units.length })),
      })),
      unranked: scores.filter((s) => !ranked.has(s.orgId)).map(brief),
    },
  };
}

export async function getAssessment(
  ctx: AppContext,
  user: SessionUser,
  planId: string,
  year: number,
  today: string,
): Promise<AssessmentView> {
  const { view } = await computeAssessment(ctx, planId, year, today);
  if (user.role === 'coordinator' || user.role === 'viewer') return view;
  const own = (u: { orgId: string }) => u.orgId === user.orgId;
  return {
    ...view,
    groups: view.groups.map((g) => ({ ...g, units: g.units.filter(own) })).filter((g) => g.units.length > 0),
    unranked: view.unranked.filter(own),
  };
}

/** One unit's breakdown: every item with the record behind each point. */
export async function getUnitBreakdown(
  ctx: AppContext,
  user: SessionUser,
  planId: string,
  year: number,
  orgId: string,
  today: string,
): Promise<{
  asOf: string;
  unit: UnitScore;
  rank: number | null;
  grade: string | null;
  groupName: string | null;
}> {
  if (!(user.role === 'coordinator' || user.role === 'viewer' || user.orgId === orgId))
    throw forbidden('只能查看本单位的考核得分');
  const { view, scores, ranking } = await computeAssessment(ctx, planId, year, today);
  const unit = scores.find((s) => s.orgId === orgId);
  if (!unit) throw forbidden('该单位不在本清单的考核范围内');
  const group = ranking.find((g) => g.units.some((u) => u.orgId === orgId));
  const placed = group?.units.find((u) => u.orgId === orgId);
  return {
    asOf: view.asOf,
    unit,
    rank: placed?.rank ?? null,
    grade: placed?.grade ?? null,
    groupName: group?.group.name ?? null,
  };
}
