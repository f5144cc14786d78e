import {
  DeletedTextRun,
  Document,
  type ITableCellOptions,
  Packer,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxToText } from '../../src/formats/docx.ts';
import { NoticeFileError, readNoticeFile } from '../../src/formats/read-notice-file.ts';

async function pack(children: Array<Paragraph | Table>): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function cell(text: string, options: Partial<ITableCellOptions> = {}): TableCell {
  return new TableCell({ children: [new Paragraph(text)], ...options });
}

/** The expected line of a table row. */
function row(...cells: string[]): string {
  return cells.join(' | ');
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A .docx archive around a hand-written body (namespace prefix `w` unless told otherwise). */
function docxWithBody(body: string, prefix = 'w', extraNs = ''): Uint8Array {
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<${prefix}:document xmlns:${prefix}="${W}" ${extraNs}><${prefix}:body>${body}</${prefix}:body></${prefix}:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    'word/document.xml': strToU8(xml),
  });
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

const TITLE =
  '鹰潭市人民政府关于印发鹰潭市贯彻落实《江西省人民政府关于进一步推进法治政府建设的若干意见》任务清单的通知';
const S1 = '一、坚持党对法治政府建设的领导';
const S1A = '(一)认真落实党委统一领导法治政府建设';
const S1B = '(二)全面履行法治政府建设主体责任';
const S2 = '二、推进依法行政制度建设';
const S2A = '(五)提升政府立法质量和效率';
const T1 =
  '每年3月1日前,市、区(市)政府向同级党委、人大常委会和上一级政府报告上一年度法治政府建设情况,并在4月1日前通过报刊、政府门户网站等向社会公开。';
const T2 =
  '将推进法治政府建设工作情况纳入各级政府及其部门主要负责人年终述职述法内容,述法对象要针对述法点评指出的问题制定整改方案,3个月内报送整改落实情况。';
const T3 =
  '各级政府及其部门主要负责人要切实履行推进法治政府建设第一责任人职责,定期听取本地本部门法治政府建设工作情况汇报。';
const T6 =
  '坚持科学立法,加强源头管理,每年8月初开展下年度政府立法建议项目申报,于每年11月底前提出立法计划建议。';
const T7 = '坚持民主立法,推动《鹰潭市耕地土壤污染防治条例》等“小切口”“小快灵”、针对性强的立法。';
const T8 = '实行行政规范性文件动态清理,及时推动修改或废止,维护国家法治统一。';
const U1 = '市政府各部门,各区(市)政府、管委会';
const U3 = '市司法局及其他市政府部门,各区(市)政府、管委会';
const U7 = '市农粮局、市司法局及其他市政府部门,各区(市)政府、管委会';

describe('readNoticeFile: .docx', () => {
  it('reads title paragraphs and a task table in the layout of the reference notice, line by line', async () => {
    const bytes = await pack([
      new Paragraph(TITLE),
      new Paragraph('鹰府字〔2024〕25号'),
      new Paragraph('各区(市)人民政府,市政府各部门:'),
      new Paragraph('现印发给你们,请结合实际,认真抓好贯彻落实。'),
      new Paragraph('2024年7月4日'),
      new Paragraph('(此件主动公开)'),
      new Paragraph('鹰潭市贯彻落实《江西省人民政府关于进一步推进法治政府建设的'),
      new Paragraph('若干意见》任务清单'),
      new Table({
        rows: [
          new TableRow({ children: [cell('任务清单', { columnSpan: 4 }), cell('责任单位')] }),
          new TableRow({
            children: [
              cell(S1, { rowSpan: 3 }),
              cell(S1A, { rowSpan: 2 }),
              cell('1'),
              cell(T1),
              cell(U1, { rowSpan: 2 }),
            ],
          }),
          new TableRow({ children: [cell('2'), cell(T2)] }),
          new TableRow({ children: [cell(S1B), cell('3'), cell(T3), cell(U3)] }),
          new TableRow({
            children: [cell(S2, { rowSpan: 3 }), cell(S2A, { rowSpan: 3 }), cell('6'), cell(T6), cell(U3)],
          }),
          new TableRow({ children: [cell('7'), cell(T7), cell(U7)] }),
          new TableRow({ children: [cell('8'), cell(T8), cell(U3)] }),
        ],
      }),
    ]);

    const result = readNoticeFile(bytes, '鹰府字〔2024〕25号.docx');
    expect(result.format).toBe('docx');
    expect(result.encoding).toBeUndefined();
    expect(result.notes).toEqual([]);
    expect(result.mergesMarked).toBe(true);
    // A cell that goes on a vertical merge is written as 〃, not left empty like a blank cell.
    expect(result.text.split('\n')).toEqual([
      TITLE,
      '鹰府字〔2024〕25号',
      '各区(市)人民政府,市政府各部门:',
      '现印发给你们,请结合实际,认真抓好贯彻落实。',
      '2024年7月4日',
      '(此件主动公开)',
      '鹰潭市贯彻落实《江西省人民政府关于进一步推进法治政府建设的',
      '若干意见》任务清单',
      '任务清单 |  |  |  | 责任单位',
      row(S1, S1A, '1', T1, U1),
      row('〃', '〃', '2', T2, '〃'),
      row('〃', S1B, '3', T3, U3),
      row(S2, S2A, '6', T6, U3),
      row('〃', '〃', '7', T7, U7),
      row('〃', '〃', '8', T8, U3),
    ]);
    // Every table row keeps the five positions of the grid.
    for (const line of result.text.split('\n').slice(8)) expect(line.split(' | ')).toHaveLength(5);
  });

  it('keeps breaks and tabs on the line, skips deleted text and replaces | inside cells', async () => {
    const bytes = await pack([
      new Paragraph({
        children: [
          new TextRun('第一行'),
          new TextRun({ text: '第二行', break: 1 }),
          new TextRun({ children: [new Tab(), '制表'] }),
          new DeletedTextRun({ text: '已删除', id: 1, author: 'a', date: '2024-01-01T00:00:00Z' }),
          new TextRun('&<>"\''),
        ],
      }),
      new Table({
        rows: [
          new TableRow({ children: [cell('A|B'), cell('宽单元格', { columnSpan: 2 }), cell('末')] }),
          new TableRow({
            children: [
              new TableCell({ children: [new Paragraph('段一'), new Paragraph('段二')] }),
              cell('x'),
              cell('y'),
              cell('z'),
            ],
          }),
        ],
      }),
    ]);
    const result = readNoticeFile(bytes, 'n.docx');
    expect(result.text.split('\n')).toEqual([
      '第一行 第二行 制表&<>"\'',
      row('A｜B', '宽单元格', '', '末'),
      row('段一 段二', 'x', 'y', 'z'),
    ]);
    expect(result.notes).toContain('ignored 1 tracked deletion(s)');
  });

  it('marks a vertical merge with 〃 in its left column only, and only when the merge holds text', async () => {
    const inner = new Table({
      rows: [
        new TableRow({ children: [cell('牵头', { rowSpan: 2 }), cell('市司法局')] }),
        new TableRow({ children: [cell('市财政局')] }),
      ],
    });
    const bytes = await pack([
      new Table({
        rows: [
          new TableRow({ children: [cell('标题横跨三列', { columnSpan: 3 })] }),
          new TableRow({
            children: [cell('1'), cell('市司法局', { rowSpan: 2, columnSpan: 2 })],
          }),
          new TableRow({ children: [cell('2')] }),
          new TableRow({ children: [cell('3'), cell('', { rowSpan: 2 }), cell('甲')] }),
          new TableRow({ children: [cell('4'), cell('乙')] }),
          new TableRow({ children: [cell('5'), new TableCell({ children: [inner] }), cell('丙')] }),
        ],
      }),
    ]);
    const result = readNoticeFile(bytes, 'n.docx');
    expect(result.text.split('\n')).toEqual([
      row('标题横跨三列', '', ''),
      row('1', '市司法局', ''),
      row('2', '〃', ''),
      row('3', '', '甲'),
      row('4', '', '乙'),
      // A nested table is flattened into its cell: no marks there.
      row('5', '牵头 市司法局 市财政局', '丙'),
    ]);
  });

  it('flattens a nested table into its cell', async () => {
    const inner = new Table({
      rows: [
        new TableRow({ children: [cell('牵头'), cell('市司法局')] }),
        new TableRow({ children: [cell('配合'), cell('市财政局')] }),
      ],
    });
    const bytes = await pack([
      new Table({
        rows: [
          new TableRow({
            children: [
              cell('1'),
              new TableCell({ children: [new Paragraph('单位:'), inner, new Paragraph('(下同)')] }),
            ],
          }),
        ],
      }),
    ]);
    const result = readNoticeFile(bytes, 'n.docx');
    expect(result.text).toBe(row('1', '单位: 牵头 市司法局 配合 市财政局 (下同)'));
    expect(result.notes).toContain('flattened 1 nested table(s) into their cells');
  });

  it('handles bare vMerge, gridBefore/gridAfter, hMerge, deleted rows, field codes and tab stops', () => {
    const body =
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' +
      '<w:r><w:t>标题</w:t></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>' +
      '<w:r><w:t xml:space="preserve"> &amp;&#20013;&#x6587;&lt;</w:t></w:r></w:p>' +
      '<w:p/>' +
      '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>' +
      '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>一</w:t></w:r></w:p></w:tc>' +
      '<w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr>' +
      '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>stale</w:t></w:r></w:p></w:tc>' +
      '<w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc></w:tr>' +
      '<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>' +
      '<w:tc><w:p><w:r><w:t>mid</w:t></w:r></w:p></w:tc></w:tr>' +
      '<w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>h</w:t></w:r></w:p></w:tc>' +
      '<w:tc><w:tcPr><w:hMerge w:val="continue"/></w:tcPr><w:p/></w:tc>' +
      '<w:tc><w:p><w:r><w:t>e</w:t></w:r></w:p></w:tc></w:tr>' +
      '<w:tr><w:trPr><w:del w:id="9" w:author="a"/></w:trPr>' +
      '<w:tc><w:p><w:r><w:t>gone</w:t></w:r></w:p></w:tc></w:tr>' +
      '</w:tbl><w:p><w:r><w:t>结尾</w:t></w:r></w:p><w:sectPr/>';
    const result = readNoticeFile(docxWithBody(body), 'n.docx');
    expect(result.text.split('\n')).toEqual([
      '标题 &中文<',
      '',
      row('一', 'a', 'b'),
      row('〃', 'c', 'd'),
      row('', 'mid', ''),
      row('h', '', 'e'),
      '结尾',
    ]);
    expect(result.notes).toContain('ignored 1 deleted table row(s)');
  });

  it('takes the mc:Choice of a text box, not its fallback, and keeps it apart from the paragraph', () => {
    const mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
    const body =
      '<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">' +
      '<w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>' +
      '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict>' +
      '</mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>后文</w:t></w:r></w:p>';
    const result = readNoticeFile(docxWithBody(body, 'w', mc), 'n.docx');
    expect(result.text).toBe('正文 文本框 后文');
  });

  it('resolves the WordprocessingML namespace whatever its prefix', () => {
    const body = '<ns0:p><ns0:r><ns0:t>任务</ns0:t></ns0:r></ns0:p>';
    expect(readNoticeFile(docxWithBody(body, 'ns0'), 'n.docx').text).toBe('任务');
  });

  it('notes when the file name says otherwise, and reads by content', async () => {
    const bytes = await pack([new Paragraph('任务')]);
    const result = readNoticeFile(bytes, 'notice.xlsx');
    expect(result.format).toBe('docx');
    expect(result.notes).toEqual(['file name ends in .xlsx but the content is a .docx document']);
    expect(readNoticeFile(bytes, 'notice').notes).toEqual([]);
    // A .docx renamed to .doc is still read, without a note: the name only hinted at Word.
    expect(readNoticeFile(bytes, 'notice.doc').notes).toEqual([]);
  });

  it('rejects a document without text as empty', async () => {
    const error = readError(await pack([new Paragraph(''), new Paragraph('  ')]), 'blank.docx');
    expect(error.code).toBe('empty');
    expect(error.message).toBe('document has no text');
  });

  it('rejects a document.xml that is not well-formed as corrupt', () => {
    const error = readError(docxWithBody('<w:p><w:r><w:t>任务</w:r></w:p>'), 'n.docx');
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/^corrupt \.docx: word\/document\.xml is not well-formed XML/);
  });

  it('reads only the body part given to docxToText', () => {
    const xml = `<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>一</w:t></w:r></w:p></w:body></w:document>`;
    expect(docxToText(xml)).toEqual({ text: '一', notes: [] });
  });
});
