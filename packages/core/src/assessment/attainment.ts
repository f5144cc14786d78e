/**
 * Whether a reported figure meets an indicator's target, and how far towards it it got. Used by the
 * dashboard (指标完成情况) and by the assessment (partial credit for progress).
 */
import type { Comparator } from '../types.ts';

export function meets(value: number, comparator: Comparator, target: number): boolean {
  switch (comparator) {
    case '>=':
      return value >= target;
    case '<=':
      return value <= target;
    case '>':
      return value > target;
    case '<':
      return value < target;
    case '=':
      return Math.abs(value - target) < 1e-9;
  }
}

/**
 * Progress towards the target, 0..1: 1 when met; for a floor (≥, >) the share of the target
 * reached; for a ceiling (≤, <) the target over the value (a rate of 10% against a ceiling of 5%
 * is half way); an exact target (=) is met or not. A target not met never counts as 1: at most
 * `UNMET_CEILING`, so a strict target (> 90, value 90) still shows as not reached.
 */
export const UNMET_CEILING = 0.99;

export function progress(value: number, comparator: Comparator, target: number): number {
  if (meets(value, comparator, target)) return 1;
  const clamp = (x: number) => (Number.isFinite(x) ? Math.min(UNMET_CEILING, Math.max(0, x)) : 0);
  switch (comparator) {
    case '>=':
    case '>':
      return target > 0 ? clamp(value / target) : 0;
    case '<=':
    case '<':
      return value > 0 ? clamp(target / value) : 0;
    case '=':
      return 0;
  }
}
