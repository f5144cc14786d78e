/** Bracket helpers on width-folded text (（） are already `()`, 【】 are `[]`). */

const OPEN = '([{〔《“‘<';
const CLOSE = ')]}〕》”’>';

export function isOpenBracket(ch: string): boolean {
  return OPEN.includes(ch);
}

export function isCloseBracket(ch: string): boolean {
  return CLOSE.includes(ch);
}

/**
 * Split `text` on any of `separators` outside brackets. Returns pieces with their offsets in `text`
 * (untrimmed). Unbalanced closers are ignored, so the function never fails.
 */
export function splitTopLevel(
  text: string,
  isSeparator: (text: string, i: number) => number,
): { text: string; start: number }[] {
  const pieces: { text: string; start: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    if (isOpenBracket(ch)) depth++;
    else if (isCloseBracket(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const len = isSeparator(text, i);
      if (len > 0) {
        pieces.push({ text: text.slice(start, i), start });
        i += len;
        start = i;
        continue;
      }
    }
    i++;
  }
  pieces.push({ text: text.slice(start), start });
  return pieces;
}

/**
 * Find a bracketed group that ends the text (ignoring trailing sentence punctuation and spaces).
 * Returns the offsets of the opener and closer, or an unclosed opener at depth 0 when the text
 * ends inside a bracket (a cut-off notice).
 */
export function trailingBracket(
  folded: string,
): { open: number; close: number; closed: true } | { open: number; closed: false } | null {
  let end = folded.length;
  while (end > 0 && ' 。.;,\n'.includes(folded[end - 1]!)) end--;
  if (end > 0 && isCloseBracket(folded[end - 1]!) && folded[end - 1] !== '”' && folded[end - 1] !== '》') {
    let depth = 0;
    for (let i = end - 1; i >= 0; i--) {
      const ch = folded[i]!;
      if (isCloseBracket(ch)) depth++;
      else if (isOpenBracket(ch)) {
        depth--;
        if (depth === 0) return { open: i, close: end - 1, closed: true };
      }
    }
    return null;
  }
  // An opener never closed: scan forward tracking depth, remember the last opener at depth 0.
  let depth = 0;
  let lastOpen = -1;
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]!;
    if (ch === '“' || ch === '”' || ch === '《' || ch === '》') continue;
    if (isOpenBracket(ch)) {
      if (depth === 0) lastOpen = i;
      depth++;
    } else if (isCloseBracket(ch)) depth = Math.max(0, depth - 1);
  }
  return depth > 0 && lastOpen >= 0 ? { open: lastOpen, closed: false } : null;
}
