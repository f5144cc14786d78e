/**
 * The 完成时限 (deadline) column of a table, or a `完成时限:` label: a short phrase that is all
 * schedule (`2024年12月底前`, `每季度`, `2024年6月`, `长期坚持`). Read more leniently than a task's
 * text: a bare month or year there is a deadline.
 */
import type { Obligation, Span } from '../types.ts';
import { findObligations } from './obligations.ts';
import { allMatches, type ExtractContext, indexText, rawOf, spanOf } from './shared.ts';

export type Schedule = {
  /** The phrase as written, trimmed. */
  raw: string;
  span: Span;
  /** The deadlines and periods the phrase sets (none for 长期坚持). */
  obligations: Obligation[];
  /** 长期坚持 / 持续推进 / 常态化: the work has no end date. */
  ongoing: boolean;
};

/** Every regular expression of the schedule reader (the tests run each on worst-case input). */
export const SCHEDULE_PATTERNS = {
  /** Words that mark a schedule as ongoing: no deadline. */
  ongoing: /长期坚持|长期推进|长期开展|长期|持续推进|持续开展|持续|常态化推进|常态化开展|常态化|长效/g,
} as const;

/**
 * Read a 完成时限 phrase; null when it names no schedule. `offset` is where `text` starts in the
 * document (spans are `offset + i`).
 */
export function extractSchedule(text: string, offset: number, ctx: ExtractContext): Schedule | null {
  const ix = indexText(text);
  const obligations = findObligations(ix, offset, ctx, true);
  const ongoing = allMatches(SCHEDULE_PATTERNS.ongoing, ix.folded).length > 0;
  if (obligations.length === 0 && !ongoing) return null;
  let start = 0;
  let end = ix.folded.length;
  while (start < end && ix.folded[start]?.trim() === '') start++;
  while (end > start && ix.folded[end - 1]?.trim() === '') end--;
  return { raw: rawOf(ix, start, end), span: spanOf(ix, offset, start, end), obligations, ongoing };
}
