import { describe, expect, it } from 'vitest';
import { formatCsv, formatCsvCell, parseCsv } from '../../src/orgs/csv.ts';

const cells = (text: string): string[][] => parseCsv(text).records.map((r) => r.cells);

describe('parseCsv', () => {
  it('reads plain records with LF, CRLF and CR line ends and strips a BOM', () => {
    expect(cells('\ufeffa,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(cells('a,b\r\nc,d\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(cells('a,b\rc,d\r')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks', () => {
    const result = parseCsv('id,note\r\nx,"一,二 ""三""\r\n四"\r\ny,z\r\n');
    expect(result.unterminated).toBeNull();
    expect(result.records.map((r) => r.cells)).toEqual([
      ['id', 'note'],
      ['x', '一,二 "三"\r\n四'],
      ['y', 'z'],
    ]);
    expect(result.records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('keeps empty cells and empty lines', () => {
    expect(cells('a,,\n\n,b')).toEqual([['a', '', ''], [''], ['', 'b']]);
    expect(cells('""')).toEqual([['']]);
    expect(cells('')).toEqual([]);
  });

  it('is lenient with stray quotes the way Excel is', () => {
    expect(cells('a"b,c')).toEqual([['a"b', 'c']]);
    expect(cells('"a"b,c')).toEqual([['ab', 'c']]);
  });

  it('reports an unterminated quote with the line it opens on', () => {
    const result = parseCsv('a,b\nc,"d\ne\n');
    expect(result.unterminated).toEqual({ line: 2, cell: 1 });
    expect(result.records.map((r) => r.cells)).toEqual([['a', 'b']]);
  });
});

describe('formatCsv', () => {
  it('quotes only what needs quoting', () => {
    expect(formatCsvCell('市司法局')).toBe('市司法局');
    expect(formatCsvCell('a,b')).toBe('"a,b"');
    expect(formatCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(formatCsvCell('a\nb')).toBe('"a\nb"');
    expect(formatCsvCell(' a')).toBe('" a"');
  });

  it('round-trips through parseCsv', () => {
    const rows = [
      ['id', 'note'],
      ['x', '一,二 "三"\r\n四'],
      ['', ''],
      ['y', '  padded  '],
    ];
    expect(cells(formatCsv(rows))).toEqual(rows);
  });
});
