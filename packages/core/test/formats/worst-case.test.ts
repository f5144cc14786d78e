/**
 * Worst-case inputs for every scanner in src/formats (there are no regular expressions there: all
 * scanning is hand-written forward loops). Each case must finish; the 10 s bound is only a guard
 * against hangs (a quadratic scan of 100k items takes minutes), not a performance target, and leaves
 * room for a machine busy with other tests.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxToText, MAX_NESTING } from '../../src/formats/docx.ts';
import { NoticeFileError, readNoticeFile } from '../../src/formats/read-notice-file.ts';
import { cleanText, decodeText, firstInvalidUtf8 } from '../../src/formats/text-decode.ts';
import { classifyFormat, parseCellRef, unescapeOoxml } from '../../src/formats/xlsx.ts';
import { decodeXmlEntities, parseXml, XmlSyntaxError } from '../../src/formats/xml-reader.ts';

const HANG_GUARD_MS = 10_000;
const N = 100_000;

/** Runs `work`, checks it finished within the hang guard, and returns its result. */
function finishes<T>(work: () => T): T {
  const start = performance.now();
  const result = work();
  expect(performance.now() - start).toBeLessThan(HANG_GUARD_MS);
  return result;
}

/** Runs `work`, which must throw, within the hang guard; returns what it threw. */
function failsFast(work: () => unknown): unknown {
  return finishes(() => {
    try {
      work();
    } catch (error) {
      return error;
    }
    throw new Error('expected an error');
  });
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const documentXml = (body: string): string =>
  `<w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;

function docx(body: string): Uint8Array {
  return zipSync({ 'word/document.xml': strToU8(documentXml(body)) });
}

function xlsx(sheetXml: string, sharedStrings = ''): Uint8Array {
  return zipSync({
    'xl/workbook.xml': strToU8(
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet xmlns="${MAIN}">${sheetXml}</worksheet>`),
    'xl/sharedStrings.xml': strToU8(`<sst xmlns="${MAIN}">${sharedStrings}</sst>`),
  });
}

const quiet = { open: () => {}, close: () => {}, text: () => {} };

describe('worst cases: XML reader', () => {
  it('a 100k-character attribute value and text run', () => {
    const long = '任'.repeat(N);
    let seen = 0;
    finishes(() =>
      parseXml(`<a v="${long}">${long}</a>`, {
        open: (e) => (seen += e.attrs[0]?.value.length ?? 0),
        text: (t) => (seen += t.length),
      }),
    );
    expect(seen).toBe(2 * N);
  });

  it('100k attributes, 100k-character names, 100k nested elements', () => {
    finishes(() => parseXml(`<a ${Array.from({ length: N }, (_, k) => `a${k}="${k}"`).join(' ')}/>`, quiet));
    finishes(() => parseXml(`<${'n'.repeat(N)} ${'k'.repeat(N)}="v"></${'n'.repeat(N)}>`, quiet));
    finishes(() => parseXml(`${'<e>'.repeat(N)}${'</e>'.repeat(N)}`, quiet));
    finishes(() => parseXml(`<a>${'<x:e xmlns:x="urn:x">'.repeat(N)}${'</x:e>'.repeat(N)}</a>`, quiet));
  });

  it('entity look-alikes: 100k of &, &#x, &amp, unterminated references', () => {
    expect(finishes(() => decodeXmlEntities('&'.repeat(N)))).toHaveLength(N);
    finishes(() => decodeXmlEntities('&#x'.repeat(N)));
    finishes(() => decodeXmlEntities(`&#${'9'.repeat(N)};`));
    finishes(() => decodeXmlEntities('&amp'.repeat(N)));
    expect(finishes(() => decodeXmlEntities('&amp;'.repeat(N)))).toBe('&'.repeat(N));
  });

  it('unterminated constructs fail fast', () => {
    const cases = [
      `<a>${'<!--'.repeat(N)}`,
      `<a>${'<![CDATA['.repeat(N)}`,
      `<!DOCTYPE ${'['.repeat(N)}`,
      `<a>${'<?'.repeat(N)}`,
      `<a b="${'x'.repeat(N)}`,
      '<'.repeat(N),
      `<a>${'</'.repeat(N)}`,
      `${'<a '.repeat(N)}`,
      `<a>${'<b>'.repeat(N)}`,
    ];
    for (const xml of cases) expect(failsFast(() => parseXml(xml, quiet))).toBeInstanceOf(XmlSyntaxError);
  });
});

describe('worst cases: .docx', () => {
  it('a 100k-character text run and a paragraph of 100k runs', () => {
    const long = '任'.repeat(N);
    expect(
      finishes(() => readNoticeFile(docx(`<w:p><w:r><w:t>${long}</w:t></w:r></w:p>`), 'a.docx')).text,
    ).toBe(long);
    const runs = '<w:r><w:t>字</w:t><w:tab/></w:r>'.repeat(N);
    expect(finishes(() => readNoticeFile(docx(`<w:p>${runs}</w:p>`), 'a.docx')).text).toHaveLength(2 * N);
  });

  it('huge gridSpan / gridBefore values are capped', () => {
    const row =
      '<w:tbl><w:tr><w:trPr><w:gridBefore w:val="999999999"/></w:trPr>' +
      '<w:tc><w:tcPr><w:gridSpan w:val="999999999"/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    const text = finishes(() => docxToText(documentXml(row)).text);
    expect(text.split(' | ')).toHaveLength(2000);
  });

  it('tables nested 20k deep are read in linear time', () => {
    const depth = 20_000;
    const open = '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>层</w:t></w:r></w:p>';
    const close = '</w:tc></w:tr></w:tbl>';
    const result = finishes(() => docxToText(documentXml(open.repeat(depth) + close.repeat(depth))));
    // Levels are kept apart by a space, framed or (past the cap) as paragraphs of one cell.
    expect(result.text).toBe(`${'层 '.repeat(depth - 1)}层`);
    expect(result.notes).toContain(`read tables nested more than ${MAX_NESTING} deep as paragraphs`);
  });

  it('text boxes nested 20k deep are read in linear time', () => {
    const depth = 20_000;
    const open = '<w:p><w:r><w:t>框</w:t></w:r><w:r><w:txbxContent>';
    const close = '</w:txbxContent></w:r></w:p>';
    const text = finishes(() => docxToText(documentXml(open.repeat(depth) + close.repeat(depth))).text);
    expect(text.replaceAll(' ', '')).toBe('框'.repeat(depth));
  });
});

describe('worst cases: .xlsx', () => {
  it('a 100k-character shared string and a cell at column XFD', () => {
    const long = '任'.repeat(N);
    const sheet =
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="XFD1"><v>1</v></c></row></sheetData>';
    const text = finishes(() => readNoticeFile(xlsx(sheet, `<si><t>${long}</t></si>`), 'a.xlsx').text);
    expect(text.startsWith(`${long} | `)).toBe(true);
    expect(text.split(' | ')).toHaveLength(16384);
  });

  it('thousands of overlapping merged ranges stay within budget', () => {
    const rows = Array.from(
      { length: 5000 },
      (_, k) => `<row r="${k + 1}"><c r="A${k + 1}"><v>${k}</v></c></row>`,
    );
    const merges = Array.from({ length: 5000 }, (_, k) => `<mergeCell ref="B${k + 1}:C1048576"/>`);
    const sheet = `<sheetData>${rows.join('')}</sheetData><mergeCells>${merges.join('')}</mergeCells>`;
    const result = finishes(() => readNoticeFile(xlsx(sheet), 'a.xlsx'));
    expect(result.text.split('\n')).toHaveLength(5000);
  });

  it('_x escapes, cell references and number formats of 100k characters', () => {
    expect(finishes(() => unescapeOoxml('_x'.repeat(N)))).toHaveLength(2 * N);
    expect(finishes(() => unescapeOoxml('_x0041_'.repeat(N)))).toBe('A'.repeat(N));
    expect(finishes(() => parseCellRef('A'.repeat(N)))).toBeNull();
    expect(finishes(() => parseCellRef(`A${'1'.repeat(N)}`))).toBeNull();
    finishes(() => classifyFormat('"'.repeat(N)));
    finishes(() => classifyFormat('['.repeat(N)));
    finishes(() => classifyFormat(`[${'h'.repeat(N)}]`));
    finishes(() => classifyFormat('\\'.repeat(N)));
  });
});

describe('worst cases: text', () => {
  it('a megabyte of CR, of stray controls, of invalid UTF-8', () => {
    expect(finishes(() => cleanText('\r'.repeat(10 * N))).text).toBe('\n'.repeat(10 * N));
    expect(finishes(() => cleanText('\u0001'.repeat(10 * N))).removedControls).toBe(10 * N);
    const invalid = new Uint8Array(10 * N).fill(0xff);
    expect(finishes(() => firstInvalidUtf8(invalid))).toBe(0);
    expect(failsFast(() => decodeText(invalid))).toBeInstanceOf(NoticeFileError);
    const gb = new Uint8Array(10 * N);
    for (let k = 0; k < gb.length; k += 2) gb.set([0xc4, 0xe3], k);
    expect(finishes(() => decodeText(gb)).encoding).toBe('gb18030');
  });

  it('an OLE file full of near-miss stream names', () => {
    const bytes = new Uint8Array(10 * N);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (let k = 8; k + 1 < bytes.length; k += 2) bytes[k] = 0x57; // W
    const error = failsFast(() => readNoticeFile(bytes, 'a'));
    expect(error).toBeInstanceOf(NoticeFileError);
  });
});
