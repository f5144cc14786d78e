/**
 * Units written in a bracket at the end of a paragraph: (牵头单位:…;责任单位:…), 〔…〕,
 * [责任单位:…], (A、B、C负责). Tells such a bracket from an ordinary parenthesis like (至少1人).
 */

import type { OrgDirectory } from '../orgs/directory.ts';
import { resolveUnitPhrase } from '../orgs/resolve.ts';
import { foldWidth } from '../text/normalize.ts';
import { splitTopLevel, trailingBracket } from './brackets.ts';
import {
  clauseLabelAt,
  hasUnitLabel,
  isSeparator,
  stripQualifiers,
  UNIT_SUFFIX_RE,
  type UnitSource,
} from './units.ts';

const NOT_UNITS = new Set(['试行', '暂行', '草案', '修订', '修正', '征求意见稿', '送审稿']);

function looksLikeUnits(folded: string, opener: string, directory: OrgDirectory | null): boolean {
  const content = folded.replace(/[。.\s]+$/, '');
  if (hasUnitLabel(content)) return true;
  if (/(负责|牵头|配合)$/.test(content)) return true;
  if (/[0-9%]/.test(content)) return false;
  const names = splitTopLevel(content, isSeparator)
    .map((p) => stripQualifiers(p.text.trim()).name)
    .filter((n) => n.length > 0);
  if (names.length === 0 || names.some((n) => NOT_UNITS.has(n) || n.length > 30)) return false;
  if (directory && names.every((n) => resolveUnitPhrase(directory, n).resolution !== 'unresolved'))
    return true;
  const unitLike = names.every((n) => n.length >= 2 && UNIT_SUFFIX_RE.test(n));
  if (opener === '〔' || opener === '[') return unitLike;
  return unitLike && names.length >= 2;
}

export type FoundBracket = {
  sources: UnitSource[];
  /** Where the task text ends (the bracket's opener). */
  textEnd: number;
  /** A cut-off unit list: where the fragment that was dropped starts, and the fragment. */
  cutAt: number | null;
  cutText: string;
};

/** Labels that end a paragraph without a bracket: `…。牵头单位:市发改委;责任单位:市财政局`. */
function trailingLabels(text: string, folded: string, offset: number): FoundBracket | null {
  const at = clauseLabelAt(folded);
  if (at < 0) return null;
  return {
    sources: [{ text: text.slice(at), offset: offset + at, label: null }],
    textEnd: offset + at,
    cutAt: null,
    cutText: '',
  };
}

/** Find the unit bracket (or trailing unit labels) that ends `text`, which starts at `offset` in the source. */
export function unitBracket(
  text: string,
  offset: number,
  directory: OrgDirectory | null,
  atEndOfSource: boolean,
): FoundBracket | null {
  const folded = foldWidth(text);
  const found = trailingBracket(folded);
  if (!found) return trailingLabels(text, folded, offset);
  const opener = folded[found.open]!;
  if (found.closed) {
    const content = text.slice(found.open + 1, found.close);
    if (!looksLikeUnits(folded.slice(found.open + 1, found.close), opener, directory))
      return trailingLabels(text, folded, offset);
    return {
      sources: [{ text: content, offset: offset + found.open + 1, label: null }],
      textEnd: offset + found.open,
      cutAt: null,
      cutText: '',
    };
  }
  // The source ends inside the bracket: keep the units written in full, drop the cut fragment.
  if (!atEndOfSource) return trailingLabels(text, folded, offset);
  const content = folded.slice(found.open + 1);
  if (!hasUnitLabel(content) && !looksLikeUnits(content, opener, directory)) return null;
  let cut = -1;
  for (const piece of splitTopLevel(content, isSeparator)) if (piece.start > 0) cut = piece.start;
  const keep = cut > 0 ? text.slice(found.open + 1, found.open + 1 + cut) : '';
  const fragmentStart = Math.max(cut, 0);
  const fragment = text.slice(found.open + 1 + fragmentStart).trim();
  return {
    sources: keep ? [{ text: keep, offset: offset + found.open + 1, label: null }] : [],
    textEnd: offset + found.open,
    cutAt: offset + found.open + 1 + fragmentStart,
    cutText: fragment,
  };
}
