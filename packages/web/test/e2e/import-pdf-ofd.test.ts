/**
 * The import wizard with PDF and OFD notices: the same notice (a 20-row task table over two pages,
 * a 牵头单位 cell merged over three rows, a cell of two units) as a Word document, as a PDF that
 * LibreOffice makes from that document here, and as an OFD written by core's test helper. Each goes
 * into a server of its own (so each is a first import, version 1, nothing recognised), and the three
 * plan pages must show the same tasks, units and deadlines. Then the Word document's server
 * recognises the PDF and the OFD as the notice it already has, and a scanned PDF (a picture, no
 * text) gets its error at the upload field and creates nothing.
 *
 * LibreOffice (`soffice`) must be installed: CI installs libreoffice-writer-nogui, and without it
 * this file fails rather than skips.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../core/src/types.ts';
import {
  convertToPdf,
  imageOnlyDocx,
  layoutOfd,
  ofdOf,
  planSummary,
  TABLE_NOTICE,
  writeDocx,
} from '../../../core/test/helpers/positioned-notices.ts';
import { DOCX_TYPE } from '../../../server/test/helpers/plans.ts';
import { ADMIN_PASSWORD, type E2E, startE2E } from './harness.ts';
import { openedPlan, planCount, uploadNotice } from './import-wizard.ts';

type Format = 'docx' | 'pdf' | 'ofd';
const FORMATS: readonly Format[] = ['docx', 'pdf', 'ofd'];
const TYPES: Record<Format, string> = { docx: DOCX_TYPE, pdf: 'application/pdf', ofd: 'application/ofd' };
const SCAN_ERROR = '该 PDF 没有可提取的文字（可能是扫描件），请提供文字版 PDF 或 .docx 文件';

/** One task card as a user reads it: its text (with the unit cell's text), and the tags of each row. */
type ShownTask = { no: string; text: string; units: string[]; deadlines: string[]; indicators: string[] };
/** What one import gave: the plan page's task cards, and the plan the page was built from. */
type Imported = { planId: string; shown: ShownTask[]; plan: Plan };

/** Runs LibreOffice; a missing `soffice` is a failure that says what to install, never a skip. */
function pdfsOf(dir: string, docxFiles: string[]): string[] {
  try {
    return convertToPdf(dir, docxFiles);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('soffice (LibreOffice) is not installed: apt-get install libreoffice-writer-nogui');
    throw error;
  }
}

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.goto('/plans/import');
  await page.getByLabel('督办年度').fill('2024');
  await uploadNotice(page, name, mimeType, buffer);
}

/** The task cards as shown: their rendered text, read from the page, not from the data behind it. */
async function shownTasks(page: Page): Promise<ShownTask[]> {
  const shown: ShownTask[] = [];
  for (const card of await page.locator('[data-task]').all()) {
    const tags = (label: string): Promise<string[]> =>
      card
        .locator('.ant-flex')
        .filter({ hasText: new RegExp(`^${label}`) })
        .locator('.ant-tag')
        .allInnerTexts();
    shown.push({
      no: (await card.getAttribute('data-task')) ?? '',
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText (the text as rendered) is the point
      text: (await card.locator('.ant-card-body > div').first().innerText()).trim(),
      units: await tags('责任单位：'),
      deadlines: await tags('时限：'),
      indicators: await tags('指标：'),
    });
  }
  return shown;
}

describe('the same notice as .docx, .pdf and .ofd (Chromium)', () => {
  const servers: Partial<Record<Format, E2E>> = {};
  const files = {} as Record<Format | 'scan', Buffer>;
  const imported: Partial<Record<Format, Imported>> = {};

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-pdf-ofd-'));
    const docx = await writeDocx(dir, '鹰府字〔2024〕25号', TABLE_NOTICE, true);
    const scanDocx = join(dir, '扫描件.docx');
    writeFileSync(scanDocx, await imageOnlyDocx());
    const [pdf, scan] = pdfsOf(dir, [docx, scanDocx]);
    files.docx = readFileSync(docx);
    files.pdf = readFileSync(pdf!);
    files.scan = readFileSync(scan!);
    files.ofd = Buffer.from(ofdOf(layoutOfd(TABLE_NOTICE)));
    const started = await Promise.all(FORMATS.map(() => startE2E({ now: '2024-07-10T02:00:00.000Z' })));
    FORMATS.forEach((format, k) => {
      servers[format] = started[k];
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((e) => e.stop()));
  });

  for (const format of FORMATS)
    it(`imports the notice as .${format} into a fresh server and shows its 20 tasks`, async () => {
      const e = servers[format]!;
      const page = await e.page();
      await e.login(page, 'admin', ADMIN_PASSWORD);
      await upload(page, `鹰府字〔2024〕25号.${format}`, TYPES[format], files[format]);
      const planId = await openedPlan(page);
      await expect.poll(() => page.getByText('任务（共20项）').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.getByText('鹰府字〔2024〕25号').first().isVisible()).toBe(true);
      // Task 3's 牵头单位 cell is merged into task 1's: the page says it carries 市司法局 from above.
      const task3 = page.locator('[data-task="3"]');
      expect(await task3.getByText(/^牵头 · 市司法局.*沿用上行$/).isVisible()).toBe(true);
      // Task 2's 配合单位 cell holds two paragraphs: two supporting units.
      const task2 = page.locator('[data-task="2"]');
      expect(await task2.getByText(/^配合 · 市市场监管局/).isVisible()).toBe(true);
      expect(await task2.getByText(/^配合 · 市发改委/).isVisible()).toBe(true);
      const shown = await shownTasks(page);
      const res = await page.request.get(`${e.url}/api/plans/${encodeURIComponent(planId)}`);
      expect(res.status()).toBe(200);
      const detail = (await res.json()) as { version: number; notice: { format: string }; plan: Plan };
      expect(detail.version).toBe(1);
      expect(detail.notice.format).toBe(format);
      imported[format] = { planId, shown, plan: detail.plan };
      await e.shot(page, `import-${format}-notice`);
    });

  it('the three plan pages show the same tasks, units and deadlines', () => {
    const [docx, pdf, ofd] = FORMATS.map((format) => {
      const got = imported[format];
      if (!got) throw new Error(`the .${format} import did not open a plan (see its test)`);
      return got;
    }) as [Imported, Imported, Imported];
    expect(docx.shown).toHaveLength(20);
    expect(docx.shown.map((t) => t.no)).toEqual(Array.from({ length: 20 }, (_, k) => String(k + 1)));
    for (const task of docx.shown) {
      expect(task.text, `task ${task.no}`).not.toBe('');
      expect(task.units.length, `task ${task.no}`).toBeGreaterThan(0);
      expect(task.deadlines.length, `task ${task.no}`).toBeGreaterThan(0);
    }
    expect(pdf.shown).toEqual(docx.shown);
    expect(ofd.shown).toEqual(docx.shown);
    // And the plans behind the pages: tasks, units with their roles and organizations, deadlines.
    expect(planSummary(pdf.plan)).toEqual(planSummary(docx.plan));
    expect(planSummary(ofd.plan)).toEqual(planSummary(docx.plan));
  });

  it('the Word document’s server recognises the PDF and the OFD as the notice it already has', async () => {
    const e = servers.docx!;
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    expect(await planCount(page)).toBe(1);
    for (const format of ['pdf', 'ofd'] as const) {
      await upload(page, `再次导入.${format}`, TYPES[format], files[format]);
      const outcome = page.getByRole('status').filter({ hasText: '此前已导入' });
      await expect.poll(() => outcome.count(), { timeout: 15_000 }).toBe(1);
      expect(await outcome.textContent()).toContain('未重复创建');
    }
    expect(await planCount(page)).toBe(1);
  });

  it('a scanned PDF (a picture, no text) gets the Chinese error at the upload field, and nothing is created', async () => {
    const e = servers.pdf!;
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    const before = await planCount(page);
    await upload(page, '扫描件.pdf', TYPES.pdf, files.scan);
    const item = page.locator('.ant-form-item').filter({ has: page.getByText('通知文件', { exact: true }) });
    const error = item.locator('.ant-form-item-explain-error');
    await expect.poll(() => error.count(), { timeout: 15_000 }).toBe(1);
    expect(await error.textContent()).toBe(SCAN_ERROR);
    await expect.poll(() => error.isVisible()).toBe(true);
    // Not a missing task list (the text could not be read at all): no panel of text read, no alert.
    expect(await page.locator('.ant-alert').count()).toBe(0);
    expect(page.url()).toMatch(/\/plans\/import$/);
    expect(await planCount(page)).toBe(before);
    await e.shot(page, 'import-scanned-pdf');
  });
});
