/**
 * The year's assessment as it stands: every unit's score under the plan's rubric, computed from the
 * records at the moment of asking (as of today, or the year's last day once it is over), ranked per
 * group. A coordinator (or viewer) sees every unit; a unit's reporter or leader sees its own row,
 * with its rank in its group.
 */
import {
  defaultCalendar,
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
import type { Store } from '../../db/store.ts';
import { forbidden } from '../../errors.ts';
import { loadAssessmentRecords } from './assessment-records.ts';
import { statusWord, type YearState, yearState } from './assessment-year.ts';
import { getRubric } from './rubric-setting.ts';

/** A unit's row: the items' points without the lines behind them (the breakdown has those). */
export type RankedRow = Omit<RankedUnit, 'items'> & { items: Omit<ItemScore, 'lines'>[]; groupSize: number };

export type AssessmentView = {
  /** Where the year stands (计分中 / 公示申诉中 / 已定格); a frozen view is the stored one. */
  state: YearState & { label: string };
  /** After the freeze: units whose total the records would now give differently (the frozen stands). */
  changedSince: { orgId: string; name: string; frozen: number; live: number }[];
  planId: string;
  year: number;
  asOf: string;
  rubric: Rubric;
  tieRule: string;
  groups: { id: string; name: string; units: RankedRow[] }[];
  /** Units of kinds no group takes (e.g. 法院、检察院 when left out): scored, not ranked. */
  unranked: Omit<RankedRow, 'rank' | 'grade' | 'tiedWith' | 'groupId' | 'groupSize'>[];
};

export type Computed = { view: AssessmentView; scores: UnitScore[] };

/** What a freeze stores: the view as shown and every unit's lines, for the breakdown. */
type Frozen = { view: AssessmentView; scores: UnitScore[] };

/** The year's assessment: the stored result once frozen (with what has changed since), else live. */
export async function currentAssessment(
  store: Store,
  planId: string,
  year: number,
  today: string,
): Promise<Computed> {
  const { resultJson, ...state } = await yearState(store, planId, year);
  const live = await computeAssessment(store, planId, year, today);
  if (state.status !== 'frozen' || resultJson === null) return live;
  const frozen = JSON.parse(resultJson) as Frozen;
  const liveTotals = new Map(live.scores.map((s) => [s.orgId, s.total]));
  const changedSince = frozen.scores
    .filter((s) => liveTotals.get(s.orgId) !== s.total)
    .map((s) => ({ orgId: s.orgId, name: s.name, frozen: s.total, live: liveTotals.get(s.orgId) ?? 0 }));
  return {
    scores: frozen.scores,
    view: { ...frozen.view, state: { ...state, label: statusWord(state.status) }, changedSince },
  };
}

/** The stored form of a freeze, computed inside the freeze's transaction. */
export async function frozenResult(
  store: Store,
  planId: string,
  year: number,
  today: string,
): Promise<string> {
  const { view, scores } = await computeAssessment(store, planId, year, today);
  return JSON.stringify({ view, scores } satisfies Frozen);
}

export async function computeAssessment(
  store: Store,
  planId: string,
  year: number,
  today: string,
): Promise<Computed> {
  const { resultJson: _, ...state } = await yearState(store, planId, year);
  const { rubric } = await getRubric(store, planId, year);
  const asOf = today < `${year}-12-31` ? today : `${year}-12-31`;
  const records = await loadAssessmentRecords(store, planId, year, asOf);
  const scores = scoreUnits(records, rubric, defaultCalendar());
  const ranking = rankUnits(scores, rubric);
  const ranked = new Set(ranking.flatMap((g) => g.units.map((u) => u.orgId)));
  const brief = <T extends { items: ItemScore[] }>(u: T) => ({
    ...u,
    items: u.items.map(({ lines, ...i }) => i),
  });
  return {
    scores,
    view: {
      state: { ...state, label: statusWord(state.status) },
      changedSince: [],
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
  const { view } = await currentAssessment(ctx.store, planId, year, today);
  if (user.role === 'coordinator' || user.role === 'viewer') return view;
  const own = (u: { orgId: string }) => u.orgId === user.orgId;
  return {
    ...view,
    groups: view.groups.map((g) => ({ ...g, units: g.units.filter(own) })).filter((g) => g.units.length > 0),
    unranked: view.unranked.filter(own),
    changedSince: view.changedSince.filter(own),
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
  const { view, scores } = await currentAssessment(ctx.store, planId, year, today);
  const unit = scores.find((s) => s.orgId === orgId);
  if (!unit) throw forbidden('该单位不在本清单的考核范围内');
  const group = view.groups.find((g) => g.units.some((u) => u.orgId === orgId));
  const placed = group?.units.find((u) => u.orgId === orgId);
  return {
    asOf: view.asOf,
    unit,
    rank: placed?.rank ?? null,
    grade: placed?.grade ?? null,
    groupName: group?.name ?? null,
  };
}
