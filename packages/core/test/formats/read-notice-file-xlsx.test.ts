import ExcelJS from 'exceljs';
import { strToU8, type Zippable, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { NoticeFileError, readNoticeFile } from '../../src/formats/read-notice-file.ts';
import {
  classifyFormat,
  formatDateSerial,
  formatGeneral,
  parseCellRef,
  resolvePartPath,
  unescapeOoxml,
} from '../../src/formats/xlsx.ts';

async function toBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function row(...cells: string[]): string {
  return cells.join(' | ');
}

function readError(bytes: Uint8Array, name: string): NoticeFileError {
  try {
    readNoticeFile(bytes, name);
  } catch (error) {
    if (error instanceof NoticeFileError) return error;
    throw error;
  }
  throw new Error('expected a NoticeFileError');
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const WORKSHEET_TYPE = `${REL}/worksheet`;

/** A minimal hand-written .xlsx: one sheet per entry, plus optional shared strings and styles. */
function handmadeXlsx(options: {
  sheets: Array<{ name: string; xml: string; state?: string }>;
  sharedStrings?: string;
  styles?: string;
  omit?: string[];
}): Uint8Array {
  const sheets = options.sheets
    .map(
      (s, k) =>
        `<sheet name="${s.name}" sheetId="${k + 1}" r:id="rId${k + 1}"${s.state ? ` state="${s.state}"` : ''}/>`,
    )
    .join('');
  const rels = options.sheets
    .map(
      (_, k) =>
        `<Relationship Id="rId${k + 1}" Type="${WORKSHEET_TYPE}" Target="worksheets/sheet${k + 1}.xml"/>`,
    )
    .join('');
  const files: Zippable = {
    '[Content_Types].xml': strToU8(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    'xl/workbook.xml': strToU8(
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships xmlns="${PKG_REL}">${rels}` +
        `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>` +
        `<Relationship Id="rIdT" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
  };
  options.sheets.forEach((s, k) => {
    files[`xl/worksheets/sheet${k + 1}.xml`] = strToU8(
      `<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${s.xml}</worksheet>`,
    );
  });
  if (options.sharedStrings !== undefined) {
    files['xl/sharedStrings.xml'] = strToU8(`<sst xmlns="${MAIN}">${options.sharedStrings}</sst>`);
  }
  if (options.styles !== undefined)
    files['xl/styles.xml'] = strToU8(`<styleSheet xmlns="${MAIN}">${options.styles}</styleSheet>`);
  for (const name of options.omit ?? []) delete files[name];
  return zipSync(files);
}

describe('readNoticeFile: .xlsx', () => {
  it('reads a task sheet with a header, merged cells, shared strings and numbers, line by line', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务清单');
    sheet.getCell('A1').value = '鹰潭市法治政府建设任务清单';
    sheet.mergeCells('A1:E1');
    sheet.addRow(['序号', '任务', '牵头单位', '责任单位', '完成时限']);
    sheet.addRow([
      1,
      '每年3月1日前报告上一年度法治政府建设情况。',
      '市司法局',
      '市政府各部门',
      '每年3月1日前',
    ]);
    sheet.addRow([2, '于每年1月底前和7月底前提交发文目录。', '市司法局', null, '每年1月底前和7月底前']);
    sheet.mergeCells('D3:D4');
    sheet.addRow([
      3,
      {
        richText: [
          { text: '截至2024年底,', font: { bold: true } },
          { text: '100%的司法所达到规范化建设要求。' },
        ],
      },
      '市司法局',
      '各区(市)政府、管委会',
      '2024年12月底前',
    ]);
    sheet.addRow([4.5, '专项监督|案卷评查', null, null, null]);
    sheet.addRow([]);
    sheet.getCell('A8').value = 0.1 + 0.2;
    sheet.getCell('C8').value = true;
    sheet.getCell('E9').value = { formula: '1+1', result: 2 };
    sheet.getCell('B10').value = { formula: 'C3&"等"', result: '市司法局等' };

    const result = readNoticeFile(await toBytes(workbook), '任务清单.xlsx');
    expect(result.format).toBe('xlsx');
    expect(result.notes).toEqual([]);
    expect(result.mergesMarked).toBe(true);
    expect(result.text.split('\n')).toEqual([
      '鹰潭市法治政府建设任务清单',
      '序号 | 任务 | 牵头单位 | 责任单位 | 完成时限',
      row('1', '每年3月1日前报告上一年度法治政府建设情况。', '市司法局', '市政府各部门', '每年3月1日前'),
      // The cell below the top of a vertical merge is written as 〃 (同上), not left empty.
      row('2', '于每年1月底前和7月底前提交发文目录。', '市司法局', '〃', '每年1月底前和7月底前'),
      row(
        '3',
        '截至2024年底,100%的司法所达到规范化建设要求。',
        '市司法局',
        '各区(市)政府、管委会',
        '2024年12月底前',
      ),
      row('4.5', '专项监督｜案卷评查'),
      row('0.3', '', 'TRUE'),
      row('', '', '', '', '2'),
      row('', '市司法局等'),
    ]);
  });

  it('marks merged rows with 〃 in the left column only, not for a blank merge or a row with nothing else', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(['序号', '工作任务', '牵头单位', '', '配合单位']);
    sheet.addRow([1, '任务一', '市司法局', null, null]);
    sheet.addRow([2, '任务二', null, null, null]);
    sheet.addRow([3, '任务三', null, null, '市财政局']);
    sheet.addRow([4, '任务四', '市商务局', null, null]);
    sheet.addRow([5, '任务五', '市商务局', null, null]);
    sheet.getCell('B8').value = '  ';
    sheet.getCell('F1').value = '备注';
    sheet.mergeCells('C2:D4');
    sheet.mergeCells('E5:E6');
    sheet.mergeCells('F1:F9');
    const result = readNoticeFile(await toBytes(workbook), 'n.xlsx');
    expect(result.text.split('\n')).toEqual([
      row('序号', '工作任务', '牵头单位', '', '配合单位', '备注'),
      row('1', '任务一', '市司法局', '', '', '〃'),
      row('2', '任务二', '〃', '', '', '〃'),
      row('3', '任务三', '〃', '', '市财政局', '〃'),
      // E5:E6 holds nothing: its rows stay empty there.
      row('4', '任务四', '市商务局', '', '', '〃'),
      row('5', '任务五', '市商务局', '', '', '〃'),
      // Row 8 holds only blanks and the mark: left out.
    ]);
  });

  it('skips a hidden sheet and separates visible sheets with an empty line', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('清单').addRow(['序号', '任务']);
    workbook.getWorksheet('清单')?.addRow([1, '任务一']);
    workbook.addWorksheet('草稿', { state: 'hidden' }).addRow(['不应出现']);
    workbook.addWorksheet('空表');
    workbook.addWorksheet('说明').addRow(['说明', '见附件']);

    const result = readNoticeFile(await toBytes(workbook), 'n.xlsx');
    expect(result.text).toBe('序号 | 任务\n1 | 任务一\n\n说明 | 见附件');
    expect(result.notes).toEqual(['skipped hidden sheet "草稿"']);
  });

  it('writes date cells as YYYY年M月D日 and percentages with %', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.getCell('A1').value = '完成时限';
    sheet.getCell('B1').value = new Date(Date.UTC(2024, 11, 31));
    sheet.getCell('B1').numFmt = 'yyyy-mm-dd';
    sheet.getCell('C1').value = 0.95;
    sheet.getCell('C1').numFmt = '0%';
    sheet.getCell('D1').value = 12348;
    const result = readNoticeFile(await toBytes(workbook), 'n.xlsx');
    expect(result.text).toBe(row('完成时限', '2024年12月31日', '95%', '12348'));
    expect(result.notes).toEqual([
      'wrote 1 date cell(s) as YYYY年M月D日',
      'wrote 1 percentage cell(s) with %',
    ]);
  });

  it('reads inline strings, str/b/e cells, rows out of order or without references, phonetic runs, stale merged values', () => {
    const xml =
      '<sheetData>' +
      '<row r="1"><c r="B1" t="s"><v>1</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>内联</t></is></c><c r="C2" t="s"><v>0</v></c></row>' +
      '<row><c t="str"><v>公式_x000D_\n结果</v></c><c t="b"><v>0</v></c><c t="e"><v>#N/A</v></c></row>' +
      '<row r="7"><c r="A7" s="0"/><c r="B7" t="s"><v>3</v></c><c r="C7"><v>7</v></c></row>' +
      '<row r="5"><c r="A5" t="s"><v>2</v></c><c r="B5"><v>stale</v></c></row>' +
      '</sheetData><mergeCells count="1"><mergeCell ref="A5:B5"/></mergeCells>' +
      '<extLst><ext><c r="Z9"><v>1</v></c></ext></extLst>';
    const sharedStrings =
      '<si><t>共享</t></si>' +
      '<si><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r><rPh><t>ふ</t></rPh></si>' +
      '<si><t>合并</t></si>' +
      '<si><t xml:space="preserve">  </t></si>';
    const bytes = handmadeXlsx({ sheets: [{ name: 'S', xml }], sharedStrings });
    expect(readNoticeFile(bytes, 'n.xlsx').text.split('\n')).toEqual([
      row('', '富文本'),
      row('内联', '', '共享'),
      row('公式 结果', 'FALSE', '#N/A'),
      '合并',
      row('', '  ', '7'),
    ]);
  });

  it('skips veryHidden sheets too and resolves targets relative to xl/', () => {
    const bytes = handmadeXlsx({
      sheets: [
        { name: 'A', xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' },
        {
          name: 'B',
          state: 'veryHidden',
          xml: '<sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData>',
        },
      ],
    });
    const result = readNoticeFile(bytes, 'n.xlsx');
    expect(result.text).toBe('1');
    expect(result.notes).toEqual(['skipped hidden sheet "B"']);
  });

  it('rejects a workbook whose visible sheets are empty', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('空');
    workbook.addWorksheet('藏', { state: 'hidden' }).addRow(['x']);
    const error = readError(await toBytes(workbook), 'n.xlsx');
    expect(error.code).toBe('empty');
    expect(error.message).toBe('workbook has no text');
  });

  it('reports missing parts as corrupt', () => {
    const sheet = { name: 'S', xml: '<sheetData/>' };
    const noRels = readError(
      handmadeXlsx({ sheets: [sheet], omit: ['xl/_rels/workbook.xml.rels'] }),
      'n.xlsx',
    );
    expect(noRels.code).toBe('corrupt');
    expect(noRels.message).toBe('corrupt .xlsx: xl/_rels/workbook.xml.rels missing');
    const noSheet = readError(
      handmadeXlsx({ sheets: [sheet], omit: ['xl/worksheets/sheet1.xml'] }),
      'n.xlsx',
    );
    expect(noSheet.message).toBe('corrupt .xlsx: xl/worksheets/sheet1.xml missing');
    const badXml = readError(handmadeXlsx({ sheets: [{ name: 'S', xml: '<sheetData><row>' }] }), 'n.xlsx');
    expect(badXml.code).toBe('corrupt');
    expect(badXml.message.startsWith('corrupt .xlsx: xl/worksheets/sheet1.xml is not well-formed XML')).toBe(
      true,
    );
  });
});

describe('xlsx helpers', () => {
  it('parses cell references', () => {
    expect(parseCellRef('A1')).toEqual({ col: 1, row: 1 });
    expect(parseCellRef('ab12')).toEqual({ col: 28, row: 12 });
    expect(parseCellRef('XFD1048576')).toEqual({ col: 16384, row: 1048576 });
    expect(parseCellRef('C')).toEqual({ col: 3, row: 0 });
    expect(parseCellRef('XFE1')).toBeNull();
    expect(parseCellRef('1A')).toBeNull();
    expect(parseCellRef('A1B')).toBeNull();
  });

  it('formats numbers like General', () => {
    expect(formatGeneral(3)).toBe('3');
    expect(formatGeneral(-0)).toBe('0');
    expect(formatGeneral(0.1 + 0.2)).toBe('0.3');
    expect(formatGeneral(2.5)).toBe('2.5');
  });

  it('classifies number formats', () => {
    expect(classifyFormat('General')).toBe('general');
    expect(classifyFormat('yyyy"年"m"月"d"日"')).toBe('date');
    expect(classifyFormat('m/d/yy h:mm')).toBe('datetime');
    expect(classifyFormat('[h]:mm:ss')).toBe('time');
    expect(classifyFormat('h:mm AM/PM')).toBe('time');
    expect(classifyFormat('0.00%')).toBe('percent');
    expect(classifyFormat('[Red]0.00E+00')).toBe('general');
    expect(classifyFormat('"day"0')).toBe('general');
    expect(classifyFormat('0;[Red]yyyy')).toBe('general');
  });

  it('formats date serials in both date systems', () => {
    expect(formatDateSerial(45657, 'date', false)).toBe('2024年12月31日');
    expect(formatDateSerial(1, 'date', false)).toBe('1900年1月1日');
    expect(formatDateSerial(60, 'date', false)).toBe('1900年2月29日');
    expect(formatDateSerial(61, 'date', false)).toBe('1900年3月1日');
    expect(formatDateSerial(0, 'date', true)).toBe('1904年1月1日');
    expect(formatDateSerial(45657.75, 'datetime', false)).toBe('2024年12月31日 18:00');
    expect(formatDateSerial(0.5, 'time', false)).toBe('12:00');
    expect(formatDateSerial(-1, 'date', false)).toBeNull();
  });

  it('undoes _xHHHH_ escapes and resolves part paths', () => {
    expect(unescapeOoxml('a_x000D_b_x0041_c_x00zz_d_x')).toBe('a\rbAc_x00zz_d_x');
    expect(resolvePartPath('xl', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePartPath('xl', '/xl/worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePartPath('xl', '../xl/./sheet.xml')).toBe('xl/sheet.xml');
  });
});
