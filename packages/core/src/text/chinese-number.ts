/**
 * Numbers as Chinese notices write them: ASCII or full-width digits (`5`, `６.２`), Chinese
 * numerals (`一`, `两`, `十一`, `二十五`, `一百零五`, `两千`, `三十万`) and years written digit by digit
 * (`二〇二四`). Pure functions, no regular expressions with backtracking.
 */

/** The Chinese numeral characters a number may be written with. */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万';

/**
 * Regular-expression source (no capture group, no nested quantifier, bounded) for "a number
 * written in digits or in Chinese numerals": `12`, `6.2`, `１２`, `一`, `二十五`, `二〇二四`.
 * A match still has to be read with {@link parseChineseNumber}, which may refuse it.
 */
export const NUMBER_SOURCE = `(?:[0-9０-９]{1,12}[.．][0-9０-９]{1,6}|[0-9０-９]{1,12}|[${CHINESE_NUMERAL_CHARS}]{1,12})`;

/** Regular-expression source for a number written in digits only (ASCII or full width). */
export const DIGITS_SOURCE = `(?:[0-9０-９]{1,12}[.．][0-9０-９]{1,6}|[0-9０-９]{1,12})`;

const PLAIN_DIGITS = new Map<string, number>([
  ['零', 0],
  ['〇', 0],
  ['一', 1],
  ['二', 2],
  ['三', 3],
  ['四', 4],
  ['五', 5],
  ['六', 6],
  ['七', 7],
  ['八', 8],
  ['九', 9],
]);

const DIGIT_VALUES = new Map<string, number>([...PLAIN_DIGITS, ['两', 2]]);

const SMALL_UNITS = new Map<string, number>([
  ['十', 10],
  ['百', 100],
  ['千', 1000],
]);

function isZero(ch: string): boolean {
  return ch === '零' || ch === '〇';
}

/** ASCII digits and '.', with full-width ones folded; null when `s` has anything else. */
function asciiDecimal(s: string): string | null {
  let out = '';
  let dots = 0;
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (code >= 0x30 && code <= 0x39) out += ch;
    else if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xfee0);
    else if (ch === '.' || ch === '．') {
      dots++;
      out += '.';
    } else return null;
  }
  if (dots > 1 || out.startsWith('.') || out.endsWith('.')) return null;
  return out;
}

/** Positional Chinese numerals (十, 百, 千, 万), or null when the form is not a number. */
function parsePositional(s: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  /** The next 十/百/千 must be smaller than this (units descend within a 万 section). */
  let unitCap = Number.POSITIVE_INFINITY;
  /** The unit last applied, 0 when none yet. */
  let lastUnit = 0;
  let zero = false;
  let wanUsed = false;
  for (const ch of s) {
    if (isZero(ch)) {
      if (digit !== null || zero || lastUnit === 0) return null;
      zero = true;
      continue;
    }
    const d = DIGIT_VALUES.get(ch);
    if (d !== undefined) {
      if (digit !== null) return null;
      digit = d;
      continue;
    }
    const u = SMALL_UNITS.get(ch);
    if (u !== undefined) {
      if (u >= unitCap) return null;
      let times = digit;
      if (times === null) {
        // 十 stands alone at the start of a section (十一, 一万十) or after 零 (一千零十).
        if (u === 10 && (section === 0 || zero)) times = 1;
        else return null;
      }
      section += times * u;
      unitCap = u;
      lastUnit = u;
      digit = null;
      zero = false;
      continue;
    }
    if (ch === '万') {
      if (wanUsed || zero) return null;
      if (digit !== null) section += digit;
      if (section === 0) return null;
      total = section * 10000;
      section = 0;
      digit = null;
      unitCap = 10000;
      lastUnit = 10000;
      wanUsed = true;
      continue;
    }
    return null;
  }
  if (zero && digit === null) return null;
  if (digit !== null) {
    // 一百五 is 150 and 两千三 is 2300; 一百零五 is 105 and 二十五 is 25.
    if (lastUnit >= 100 && !zero) section += digit * (lastUnit / 10);
    else section += digit;
  }
  return total + section;
}

/**
 * Read a number written in digits or Chinese numerals; null for anything else (the whole string
 * must be the number: no spaces, no unit).
 */
export function parseChineseNumber(s: string): number | null {
  if (s.length === 0 || s.length > 32) return null;
  const ascii = asciiDecimal(s);
  if (ascii !== null) return Number(ascii);
  if (s.length === 1 && isZero(s)) return 0;
  let allPlain = true;
  let hasCircle = false;
  for (const ch of s) {
    if (!PLAIN_DIGITS.has(ch)) allPlain = false;
    if (ch === '〇') hasCircle = true;
  }
  // Digit by digit: 二〇二四 → 2024, 一九九八 → 1998 (two characters only with 〇: 五〇).
  if (allPlain && (s.length >= 3 || hasCircle)) {
    let out = 0;
    for (const ch of s) out = out * 10 + (PLAIN_DIGITS.get(ch) ?? 0);
    return out;
  }
  return parsePositional(s);
}
