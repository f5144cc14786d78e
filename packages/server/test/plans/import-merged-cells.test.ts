/**
 * 导入 of an .xlsx task list with merged cells: a 牵头单位 cell merged over two tasks gives both
 * the unit (the second inherited), and a 配合单位 cell left blank gives no co-unit — not the
 * co-unit of the task above, as it would if the merge were lost in the text.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { multipart } from '../helpers/plans.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function taskList(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务清单');
  ws.addRow(['鹰潭市2025年法治政府建设重点任务清单']);
  ws.addRow(['序号', '工作任务', '牵头单位', '配合单位', '完成时限']);
  ws.addRow([1, '每年组织开展一次行政执法案卷评查。', '市司法局', '市财政局', '2025年12月底前']);
  ws.addRow([2, '建立涉企行政执法诉求沟通机制。', null, '市教育局', '2025年6月底前']);
  ws.addRow([3, '在法院服务大厅设立行政复议受理窗口。', '市财政局', null, '2025年9月底前']);
  ws.mergeCells('C3:C4');
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

type UnitView = { raw: string; role: string; inherited: boolean };

describe.each(DIALECTS)('importing an .xlsx with merged cells on %s', (dialect) => {
  let t: TestApp;
  let coord: string;

  beforeAll(async () => {
    t = await testApp(dialect);
    coord = await t.login('coord');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives the merged lead unit to both tasks and no co-unit where the cell is blank', async () => {
    const { payload, headers } = multipart({ year: '2025' }, [
      { fileName: '任务清单.xlsx', contentType: XLSX_TYPE, bytes: await taskList() },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/notices',
      payload,
      headers: { ...headers, cookie: coord },
    });
    expect(res.statusCode).toBe(201);
    const { planId, noticeId } = res.json();

    const detail = (await t.request(coord, 'GET', `/api/plans/${planId}`)).json();
    const units = detail.plan.tasks.map((task: { units: UnitView[] }) =>
      task.units.map((u) => [u.raw, u.role, u.inherited]),
    );
    expect(units).toEqual([
      [
        ['市司法局', 'lead', false],
        ['市财政局', 'co', false],
      ],
      [
        ['市司法局', 'lead', true],
        ['市教育局', 'co', false],
      ],
      [['市财政局', 'lead', false]],
    ]);

    // The stored text is the reader's: the merged cell is written as 〃.
    const notice = await t.store.db
      .selectFrom('notices')
      .select(['format', 'sourceText'])
      .where('id', '=', noticeId)
      .executeTakeFirstOrThrow();
    expect(notice.format).toBe('xlsx');
    expect(notice.sourceText).toContain('2 | 建立涉企行政执法诉求沟通机制。 | 〃 | 市教育局');
  });
});
