/**
 * OFD notices: OFD packages written here (text placed character by character with DeltaX, table
 * borders as PathObjects) read to the lines and the plan of the same notice as a .docx.
 */
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandDeltas } from '../../src/formats/ofd.ts';
import { NoticeFileError, readNoticeFile, readNoticeFileAsync } from '../../src/formats/read-notice-file.ts';
import {
  layoutOfd,
  noticeDocx,
  ofdOf,
  PROSE_NOTICE,
  parse,
  planSummary,
  TABLE_NOTICE,
} from '../helpers/positioned-notices.ts';

let tableDocx: { text: string; mergesMarked: boolean };
let proseDocx: { text: string; mergesMarked: boolean };

beforeAll(async () => {
  tableDocx = readNoticeFile(new Uint8Array(await noticeDocx(TABLE_NOTICE)), 'table.docx');
  proseDocx = readNoticeFile(new Uint8Array(await noticeDocx(PROSE_NOTICE)), 'prose.docx');
});

function readError(bytes: Uint8Array, name: string): NoticeFileError {
  try {
    readNoticeFile(bytes, name);
  } catch (error) {
    if (error instanceof NoticeFileError) return error;
    throw error;
  }
  throw new Error('expected a NoticeFileError');
}

describe('a notice with a ruled task table, as OFD', () => {
  const pages = layoutOfd(TABLE_NOTICE);

  it('reads to the lines of the .docx: merges as 〃, wrapped cells joined, page numbers and header repeat dropped', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const read = readNoticeFile(ofdOf(pages), 'notice.ofd');
    expect(read).toMatchObject({ format: 'ofd', mergesMarked: true, pages: pages.length });
    expect(read.text).toBe(tableDocx.text);
  });

  it('gives the plan of the .docx', async () => {
    const read = await readNoticeFileAsync(ofdOf(pages), 'notice.ofd');
    const plan = parse(read.text, read.mergesMarked);
    expect(plan.tasks).toHaveLength(20);
    expect(planSummary(plan)).toEqual(planSummary(parse(tableDocx.text, tableDocx.mergesMarked)));
  });
});

describe('a table without ruling lines, as OFD', () => {
  it('takes the columns from the header and gives the same plan; merges are not marked', () => {
    const read = readNoticeFile(ofdOf(layoutOfd(TABLE_NOTICE, { ruled: false })), 'notice.ofd');
    expect(read.mergesMarked).toBe(false);
    const rows = read.text.split('\n').filter((line) => line.includes(' | '));
    expect(rows[0]).toBe('序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限');
    expect(rows).toHaveLength(21);
    const plan = parse(read.text, read.mergesMarked);
    expect(planSummary(plan)).toEqual(planSummary(parse(tableDocx.text, tableDocx.mergesMarked)));
  });
});

describe('a prose notice, as OFD', () => {
  it('joins the wrapped lines of each item and gives the plan of the .docx', () => {
    const read = readNoticeFile(ofdOf(layoutOfd(PROSE_NOTICE)), 'prose.ofd');
    expect(read.text).toBe(proseDocx.text);
    expect(parse(read.text, read.mergesMarked).tasks).toHaveLength(4);
  });
});

describe('OFD details and errors', () => {
  it('expands DeltaX with its g abbreviation', () => {
    expect(expandDeltas('g 3 4.2 2.1 5')).toEqual([4.2, 4.2, 4.2, 2.1, 5]);
    expect(expandDeltas(undefined)).toEqual([]);
  });

  it('an OFD without text (a scan) and a broken one get clear errors', () => {
    const scan = ofdOf([{ texts: [], lines: [] }]);
    const error = readError(scan, 'scan.ofd');
    expect(error.code).toBe('unsupported');
    expect(error.messageZh).toContain('没有可提取的文字');
    expect(readError(zipSync({ 'OFD.xml': strToU8('<ofd:OFD/>') }), 'a.ofd').code).toBe('corrupt');
    const missing = zipSync({
      'OFD.xml': strToU8('<OFD><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>'),
    });
    expect(readError(missing, 'a.ofd').message).toBe('corrupt OFD: Doc_0/Document.xml missing');
  });
});
