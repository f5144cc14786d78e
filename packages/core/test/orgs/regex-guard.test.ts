/**
 * Hang guards: each regular expression in src/orgs meets a worst-case input of 100k characters
 * through the public function that uses it, and must finish quickly (no catastrophic backtracking).
 * The CSV reader and the group matchers use no regular expressions; they are covered too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/orgs/csv.ts';
import { type OrgDirectory, parseOrgDirectoryCsv } from '../../src/orgs/directory.ts';
import { orgKey } from '../../src/orgs/org-key.ts';
import { isGroupPhrase, resolveUnitPhrase } from '../../src/orgs/resolve.ts';

const N = 100_000;
const HEADER = 'id,name,kind,parent,aliases,tags,code,note';

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const loaded = parseOrgDirectoryCsv(
  readFileSync(new URL('../../data/yingtan-orgs.csv', import.meta.url), 'utf8'),
);
const DIR = (loaded as { directory: OrgDirectory }).directory;

describe('regular expressions under worst-case input', () => {
  it('org-key.ts WHITESPACE /\\s+/g: long runs of mixed whitespace', () => {
    const spaces = `${' \t\u3000\u00a0'.repeat(N / 4)}x`;
    expect(timed(() => expect(orgKey(spaces, DIR.place)).toBe('x'))).toBeLessThan(2000);
    const alternating = ' a'.repeat(N / 2);
    expect(timed(() => orgKey(alternating, DIR.place))).toBeLessThan(2000);
  });

  it('directory.ts LIST_SEPARATOR /[|｜]/: an alias cell of 100k separators', () => {
    const text = `${HEADER}\ncity,鹰潭市人民政府,government,,${'|｜'.repeat(N / 2)},${'a|'.repeat(N / 2)},,`;
    let result: ReturnType<typeof parseOrgDirectoryCsv> | undefined;
    expect(timed(() => (result = parseOrgDirectoryCsv(text)))).toBeLessThan(2000);
    expect(result && 'directory' in result && result.directory.orgs[0]?.aliases).toEqual([]);
  });

  it('directory.ts EXCEL_NUMBER /^\\d+(?:\\.\\d+)?e\\+\\d+$/i: near-miss digit runs in id and code', () => {
    const rows = [
      `${'1'.repeat(N)},甲,other,,,,${'1'.repeat(N / 2)}.${'1'.repeat(N / 2)}e+1x,`,
      `${'1'.repeat(N / 2)}e+${'1'.repeat(N / 2)}!,乙,other,,,,${'1.'.repeat(N / 2)},`,
    ];
    expect(timed(() => parseOrgDirectoryCsv([HEADER, ...rows].join('\n')))).toBeLessThan(2000);
  });
});

describe('regex-free scanners under worst-case input', () => {
  it('parseCsv: 100k quotes, separators and line breaks', () => {
    expect(timed(() => parseCsv('"'.repeat(N)))).toBeLessThan(2000);
    expect(timed(() => parseCsv(`"${'""'.repeat(N / 2)}"`))).toBeLessThan(2000);
    expect(timed(() => parseCsv(','.repeat(N)))).toBeLessThan(2000);
    expect(timed(() => parseCsv('\r\n'.repeat(N / 2)))).toBeLessThan(2000);
    expect(timed(() => parseOrgDirectoryCsv(`${HEADER}\n${'a,"b\n'.repeat(N / 6)}`))).toBeLessThan(2000);
  });

  it('resolveUnitPhrase and isGroupPhrase: 100k-character phrases', () => {
    for (const phrase of [
      '各'.repeat(N),
      '其他'.repeat(N / 2),
      `各${'区(市)、'.repeat(N / 5)}政府`,
      `各${'乡镇(街道)'.repeat(N / 6)}`,
      `市政府${'各'.repeat(N)}部门`,
      '鹰潭市'.repeat(N / 3),
      '司'.repeat(N),
    ]) {
      expect(timed(() => resolveUnitPhrase(DIR, phrase, { alreadyNamed: ['justice'] }))).toBeLessThan(2000);
      expect(timed(() => isGroupPhrase(phrase, DIR))).toBeLessThan(2000);
      expect(timed(() => isGroupPhrase(phrase))).toBeLessThan(2000);
    }
  });
});
