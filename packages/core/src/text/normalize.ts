/**
 * Length-preserving width folding: full-width ASCII variants and the common CJK punctuation
 * are mapped one character to one character, so every offset in the folded text is also an
 * offset in the original. Match on the folded text, report `raw` from the original.
 * `｜` is deliberately left alone: the .docx/.xlsx readers use it for a `|` inside a table cell.
 */

const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['（', '('],
  ['）', ')'],
  ['［', '['],
  ['］', ']'],
  ['【', '['],
  ['】', ']'],
  ['｛', '{'],
  ['｝', '}'],
  ['，', ','],
  ['：', ':'],
  ['；', ';'],
  ['！', '!'],
  ['？', '?'],
  ['％', '%'],
  ['－', '-'],
  ['—', '-'],
  ['–', '-'],
  ['～', '~'],
  ['〜', '~'],
  ['．', '.'],
  ['﹒', '.'],
  ['○', '〇'],
  ['､', '、'],
  ['﹐', ','],
  ['﹔', ';'],
  ['﹕', ':'],
  ['／', '/'],
  ['　', ' '],
  ['\u00a0', ' '],
  ['\t', ' '],
  ['＋', '+'],
  ['＝', '='],
  ['＜', '<'],
  ['＞', '>'],
];

const MAP = new Map<string, string>(PAIRS);
const FOLDABLE = new RegExp(
  `[${PAIRS.map(([from]) => from).join('')}\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]`,
  'g',
);

function foldChar(ch: string): string {
  // Full-width digits and Latin letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A) sit 0xFEE0 above ASCII.
  return MAP.get(ch) ?? String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
}

/** Fold a string to its ASCII-punctuation, half-width form, keeping its length. */
export function foldWidth(text: string): string {
  return text.replace(FOLDABLE, foldChar);
}

/** Maps offsets of a text to 1-based line and column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? 0;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
