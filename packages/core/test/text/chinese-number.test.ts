import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHINESE_NUMERAL_CHARS,
  DIGITS_SOURCE,
  NUMBER_SOURCE,
  parseChineseNumber,
} from '../../src/text/chinese-number.ts';

describe('parseChineseNumber', () => {
  it.each([
    ['一', 1],
    ['二', 2],
    ['两', 2],
    ['三', 3],
    ['九', 9],
    ['十', 10],
    ['零', 0],
    ['〇', 0],
    ['十一', 11],
    ['十九', 19],
    ['二十', 20],
    ['二十五', 25],
    ['九十九', 99],
    ['一百', 100],
    ['一百零五', 105],
    ['一百一十', 110],
    ['一百一十五', 115],
    ['两百', 200],
    ['一百五', 150],
    ['两千', 2000],
    ['两千三', 2300],
    ['一千零一十', 1010],
    ['一千零十', 1010],
    ['一千零五十', 1050],
    ['一万', 10000],
    ['十万', 100000],
    ['三十万', 300000],
    ['一万五', 15000],
    ['一万零五', 10005],
    ['一万零五百', 10500],
    ['五十五万五千', 555000],
  ])('reads %s as %d', (s, n) => {
    expect(parseChineseNumber(s)).toBe(n);
  });

  it.each([
    ['二〇二四', 2024],
    ['二〇二五', 2025],
    ['一九九八', 1998],
    ['二〇〇八', 2008],
    ['五〇', 50],
  ])('reads the digit-by-digit year %s as %d', (s, n) => {
    expect(parseChineseNumber(s)).toBe(n);
  });

  it.each([
    ['5', 5],
    ['60', 60],
    ['2024', 2024],
    ['6.2', 6.2],
    ['０', 0],
    ['１５', 15],
    ['６．２', 6.2],
    ['007', 7],
  ])('reads the digits %s as %d', (s, n) => {
    expect(parseChineseNumber(s)).toBe(n);
  });

  it.each([
    '',
    ' ',
    '百',
    '千',
    '万',
    '十百',
    '二三',
    '三四',
    '两两',
    '零五十',
    '一百零',
    '五零',
    '一千零零五',
    '万万',
    '一万万',
    '3千',
    '5个',
    '1,000',
    '1.',
    '.5',
    '1.2.3',
    '六点二',
    '第一',
    'abc',
    '一 二',
    '二十五 ',
  ])('refuses %j', (s) => {
    expect(parseChineseNumber(s)).toBeNull();
  });

  it('reads every number from 0 to 99999 written the standard way', () => {
    const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const write = (n: number): string => {
      if (n === 0) return '零';
      const parts: string[] = [];
      const wan = Math.floor(n / 10000);
      const rest = n % 10000;
      const four = (x: number, leading: boolean): string => {
        let out = '';
        let zero = false;
        const units = ['千', '百', '十', ''];
        const vals: number[] = [
          Math.floor(x / 1000),
          Math.floor(x / 100) % 10,
          Math.floor(x / 10) % 10,
          x % 10,
        ];
        let started = leading;
        vals.forEach((v, i) => {
          if (v === 0) {
            if (started) zero = true;
            return;
          }
          if (zero) out += '零';
          zero = false;
          out += (i === 2 && v === 1 && !started ? '' : (digits[v] ?? '')) + (units[i] ?? '');
          started = true;
        });
        return out;
      };
      if (wan > 0) parts.push(`${four(wan, false)}万`);
      if (rest > 0) parts.push((wan > 0 && rest < 1000 ? '零' : '') + four(rest, wan > 0 && rest >= 1000));
      return parts.join('');
    };
    for (let n = 0; n < 100000; n += n < 2000 ? 1 : 37)
      expect(parseChineseNumber(write(n)), write(n)).toBe(n);
  });

  it('never throws, and returns null or a finite number (property)', () => {
    const alphabet = [...`${CHINESE_NUMERAL_CHARS}0123456789０１２.．个年 a`];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 20 }), (s) => {
        const v = parseChineseNumber(s);
        return v === null || Number.isFinite(v);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const v = parseChineseNumber(s);
        return v === null || Number.isFinite(v);
      }),
    );
  });

  it('reads back any integer written in ASCII digits (property)', () => {
    fc.assert(fc.property(fc.nat({ max: 1e12 }), (n) => parseChineseNumber(String(n)) === n));
  });
});

describe('NUMBER_SOURCE', () => {
  const whole = new RegExp(`^${NUMBER_SOURCE}$`);

  it.each(['1', '12', '6.2', '１２', '一', '两', '二十五', '二〇二四', '一百零五'])(
    'matches %s whole',
    (s) => {
      expect(whole.test(s)).toBe(true);
    },
  );

  it.each(['', 'a', '1a', '个', '1..2'])('does not match %j whole', (s) => {
    expect(whole.test(s)).toBe(false);
  });

  it('finds the numbers of a sentence, each readable', () => {
    const re = new RegExp(NUMBER_SOURCE, 'g');
    const found = [...'每年至少组织1次专项监督、两次评查,增长6.2%,二〇二四年'.matchAll(re)].map((m) => m[0]);
    expect(found).toEqual(['1', '两', '6.2', '二〇二四']);
    expect(found.map(parseChineseNumber)).toEqual([1, 2, 6.2, 2024]);
  });

  it.each([
    ['NUMBER_SOURCE', NUMBER_SOURCE],
    ['DIGITS_SOURCE', DIGITS_SOURCE],
  ])('%s completes on worst-case input (100k repetitions)', (_name, source) => {
    for (const unit of ['1', '一', '1.', '.1', '十百', '１', '1a', '%']) {
      const s = unit.repeat(100_000);
      const t0 = performance.now();
      let n = 0;
      for (const _m of s.matchAll(new RegExp(source, 'g'))) n++;
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(n).toBeGreaterThanOrEqual(0);
    }
  });
});
