/**
 * The figures a demo report carries for its task's indicators (指标数据), so the dashboard's
 * 指标完成情况 shows values: most units meet the target, some are partway there.
 */
import type { Comparator, Indicator } from '@luoshi/core';
import type { Figure } from '../modules/reports/schemas.ts';

/** Share of units whose figure meets the target; the rest report a value partway to it. */
const MEETS_SHARE = 0.65;

/** A report's figure names its indicator as written (as the dashboard matches it), within 200 characters. */
function nameOf(ind: Indicator): string {
  return ind.raw.length <= 200 ? ind.raw : ind.subject.slice(0, 200);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A value that meets the target, or one short of it (below a floor, above a ceiling). */
export function valueFor(comparator: Comparator, target: number, meets: boolean): number {
  const atMost = comparator === '<=' || comparator === '<';
  if (meets) {
    if (comparator === '>') return round1(target + Math.max(1, target * 0.05));
    if (comparator === '<') return round1(target * 0.8);
    return atMost ? round1(target * 0.9) : target;
  }
  if (atMost) return round1(target === 0 ? 1 : target * 1.3);
  return round1(target * 0.8);
}

/** The figures for one report; `roll` in [0, 1) chooses whether this unit meets the targets. */
export function demoFigures(indicatorsJson: string, roll: number): Figure[] {
  const indicators = JSON.parse(indicatorsJson) as Indicator[];
  return indicators.map((ind) => ({
    indicator: nameOf(ind),
    value: valueFor(ind.comparator, ind.value, roll < MEETS_SHARE),
    ...(ind.unit ? { unit: ind.unit.slice(0, 20) } : {}),
  }));
}
