/**
 * The screenshot tour's text check (e2e/tour-checks.ts) catches what a Chinese office should never
 * read — an English word, a UUID, a slug, a machine timestamp, a leaked `undefined` — and lets pass
 * the Latin names the office itself uses: file formats, a file's own name, an account's sign-in name.
 */
import { describe, expect, it } from 'vitest';
import { layoutFindings, textFindings } from '../e2e/tour-checks.ts';

const keys = (text: string, usernames: string[] = []) =>
  textFindings(text, new Set(usernames)).map((f) => f.key);

describe('the tour text check', () => {
  it('flags English words, raw ids, machine times and leaked values, each once, with where it is', () => {
    const text =
      '状态：pending 对象 89eb2b47-0f2b-47c3-a5e2-420c8b2afc6a 单位 admin-approval 时间 2026-06-15T02:00:00.000Z 值 undefined；再次 pending';
    expect(keys(text)).toEqual([
      'uuid:89eb2b47-0f2b-47c3-a5e2-420c8b2afc6a',
      'timestamp:2026-06-15T02:00:00.000Z',
      'leak:undefined',
      'id:admin-approval',
      'word:pending',
    ]);
    expect(textFindings('状态：pending', new Set())[0]?.detail).toBe('«状态：pending»');
  });

  it('lets pass file formats, a file’s own name, sign-in names and plain dates', () => {
    const text =
      '支持 Word、Excel、.pdf、.ofd；来源 yingtan-2024-25.txt；操作人：市财政局联络员（lx-finance）、admin；截止 2026-06-30，第7项';
    expect(keys(text, ['lx-finance', 'admin'])).toEqual([]);
    // The same names are flagged where they are not sign-in names.
    expect(keys('来源 yingtan-2024-25 操作人 admin')).toEqual(['id:yingtan-2024-25', 'word:admin']);
  });
});

describe('the tour layout check', () => {
  it('flags a page wider than the screen, also when the phone widened its layout to it', () => {
    expect(layoutFindings({ scrollWidth: 390, innerWidth: 390, beyond: [] }, 390)).toEqual([]);
    expect(layoutFindings({ scrollWidth: 405, innerWidth: 405, beyond: ['div.x 29..405'] }, 390)).toEqual([
      { key: 'overflow', detail: 'page 405px wide on a 390px screen; past the edge: div.x 29..405' },
    ]);
  });
});
