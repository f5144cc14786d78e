/**
 * The import wizard with the files people really have: the reference notice as a Word document
 * (its table, merged unit cells inheriting), a task list kept in Excel, a notice pasted as text, a
 * file that is not what its name says (the error at the upload, nothing created), and the same
 * Word document again (recognised, not imported twice).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCX_TYPE, docxOf } from '../../../server/test/helpers/plans.ts';
import { ADMIN_PASSWORD, type E2E, startE2E } from './harness.ts';
import { openedPlan, planCount, uploadNotice } from './import-wizard.ts';

const root = new URL('../../../../', import.meta.url).pathname;
const REFERENCE = readFileSync(join(root, 'packages/core/data/notices/yingtan-2024-25.txt'), 'utf8');
const LABELS_LAYOUT = readFileSync(
  join(root, 'packages/core/test/fixtures/notices/layouts/02_lishan-zdgz-fgfa-2023.txt'),
  'utf8',
);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A task list as offices keep it in Excel: a title row, a header, the lead's cell merged over two tasks. */
async function ledgerXlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('任务清单');
  sheet.addRow(['2026年法治政府建设重点任务清单']);
  sheet.addRow(['序号', '工作任务', '牵头单位', '配合单位', '完成时限']);
  sheet.addRow([
    1,
    '开展行政执法案卷评查，案卷合格率达到90%以上。',
    '市司法局',
    '市政府各部门',
    '2026年11月底前',
  ]);
  sheet.addRow([2, '组织行政执法人员专题培训，每人每年不少于60学时。', '', '市人社局', '每年12月底前']);
  sheet.addRow([3, '推进政务服务事项网上可办，网上可办率达到100%。', '市行政审批局', '', '2026年6月底前']);
  sheet.mergeCells('C3:C4');
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function openImport(page: Page): Promise<void> {
  await page.goto('/plans/import');
  await page.getByLabel('督办年度').fill('2026');
}

describe('importing notices in every format (Chromium)', () => {
  let e: E2E;
  let docx: Buffer;
  beforeAll(async () => {
    e = await startE2E();
    docx = await docxOf(REFERENCE);
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('reads the reference notice from a Word document, merged unit cells included', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await openImport(page);
    await uploadNotice(page, '鹰府字〔2024〕25号.docx', DOCX_TYPE, docx);
    await openedPlan(page);
    await expect.poll(() => page.getByText('任务（共51项）').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText('鹰府字〔2024〕25号').first().isVisible()).toBe(true);
    // Task 2's unit cell is empty in the table: it carries the cell above (市司法局 leads).
    const task2 = page.locator('[data-task="2"]');
    await expect.poll(() => task2.getByText('市司法局').count()).toBeGreaterThan(0);
    await e.shot(page, 'import-docx');
  });

  it('recognises the same Word document imported again, and creates nothing', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    const before = await planCount(page);
    await openImport(page);
    await uploadNotice(page, '再次导入.docx', DOCX_TYPE, docx);
    const outcome = page.getByRole('status').filter({ hasText: '此前已导入' });
    await expect.poll(() => outcome.count(), { timeout: 15_000 }).toBe(1);
    expect(await outcome.textContent()).toContain('未重复创建');
    expect(await planCount(page)).toBe(before);
  });

  it('reads a task list kept in Excel: the merged lead cell covers both its tasks, a blank co cell none', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await openImport(page);
    await uploadNotice(page, '重点任务清单.xlsx', XLSX_TYPE, await ledgerXlsx());
    await openedPlan(page);
    await expect.poll(() => page.getByText('任务（共3项）').count(), { timeout: 15_000 }).toBe(1);
    for (const no of [1, 2])
      expect(await page.locator(`[data-task="${no}"]`).getByText('市司法局').count()).toBeGreaterThan(0);
    const task1 = page.locator('[data-task="1"]');
    expect(await task1.locator('mark[data-kind="indicator"]', { hasText: '90%以上' }).count()).toBe(1);
    expect(await page.locator('[data-task="3"]').getByText('市行政审批局').count()).toBeGreaterThan(0);
    // Task 2 takes the merged lead cell (沿用上行); task 3's 配合单位 cell is blank, not merged: no
    // 配合 unit, and not task 2's.
    const task2 = page.locator('[data-task="2"]');
    const task3 = page.locator('[data-task="3"]');
    expect(await task2.getByText(/^牵头 · 市司法局.*沿用上行$/).count()).toBe(1);
    expect(await task2.getByText(/^配合 · 市人社局/).count()).toBe(1);
    expect(await task3.getByText(/^配合 · /).count()).toBe(0);
    // A ledger names no issuer: no warning that the directory belongs to someone else.
    expect(await page.getByText(/组织目录属于/).count()).toBe(0);
    await e.shot(page, 'import-xlsx');
  });

  it('takes pasted text, and says when the directory belongs to another government', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await openImport(page);
    await page.getByRole('tab', { name: '粘贴全文' }).click();
    await page.getByLabel('通知全文').fill(LABELS_LAYOUT);
    await page.getByRole('button', { name: '导入并解析' }).click();
    await openedPlan(page);
    await expect.poll(() => page.getByText(/^任务（共\d+项）$/).count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(() => page.getByText(/组织目录属于“鹰潭市人民政府”，本通知由立山区发出/).count())
      .toBeGreaterThan(0);
  });

  it('names the problem at the upload when a file is not what its name says, and creates nothing', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    const before = await planCount(page);
    await openImport(page);
    await uploadNotice(page, '通知.docx', DOCX_TYPE, Buffer.from('这不是一个Word文档'));
    const item = page.locator('.ant-form-item').filter({ has: page.getByText('通知文件', { exact: true }) });
    await expect
      .poll(() => item.locator('.ant-form-item-explain-error').count(), { timeout: 15_000 })
      .toBe(1);
    // Not a Word document: read as text (the bytes decide, not the name), and no task list in it.
    expect(await item.locator('.ant-form-item-explain-error').textContent()).toContain(
      '文件中未找到任务清单',
    );
    expect(page.url()).toMatch(/\/plans\/import$/);
    expect(await planCount(page)).toBe(before);
    await e.shot(page, 'import-bad-file');
  });
});
