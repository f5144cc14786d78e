/**
 * The import wizard never ends at a dead end: where no task list is found it shows why and the text
 * it read, line by line; the coordinator clicks (or picks with the keyboard) the line where the list
 * begins and the same text or file is imported from there, or takes the text read to the paste tab.
 * A plan page says how the notice was read (识别说明).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type E2E, injectAxe, startE2E } from './harness.ts';
import { openedPlan, planCount } from './import-wizard.ts';

/** Items neither numbered nor tabled, naming no unit: the parser finds no list on its own. */
const STAR_TASKS = [
  '★ 深化行政执法体制改革，推进综合行政执法。',
  '★ 开展行政复议规范化建设，提升复议质量。',
  '★ 加强法治宣传教育，落实普法责任制，全年开展活动不少于12场。',
];
const STAR_NOTICE = [
  '关于印发2026年度依法行政工作要点的通知',
  '各县（市、区）人民政府，市政府各部门：',
  '现将《2026年度依法行政工作要点》印发给你们，请认真贯彻落实。这一段说明写得很长，'.repeat(6),
  '',
  ...STAR_TASKS,
].join('\n');

/** A numbered list under 一、 headings: the parser explains which level it took as tasks. */
const NUMBERED = `关于印发2026年法治建设工作要点的通知
各县（市、区）人民政府，市政府各部门：
现将《2026年法治建设工作要点》印发给你们，请认真抓好落实。
2026年3月2日
一、推进依法行政
1.健全重大行政决策程序制度，落实合法性审查。（牵头单位：市司法局）
2.深化行政执法三项制度，2026年6月底前完成执法案卷评查。（牵头单位：市司法局；配合单位：市政府各部门）
二、加强法治宣传
3.落实“谁执法谁普法”责任制，开展普法宣传活动不少于10场。（牵头单位：市委宣传部）`;

async function openImport(page: Page): Promise<void> {
  await page.goto('/plans/import');
  await page.getByLabel('督办年度').fill('2026');
}

async function paste(page: Page, text: string): Promise<void> {
  await page.getByRole('tab', { name: '粘贴全文' }).click();
  await page.getByLabel('通知全文').fill(text);
  await page.getByRole('button', { name: '导入并解析' }).click();
}

/** The panel of the text read, once the import has answered that no list was found. */
async function readText(page: Page) {
  const list = page.getByRole('listbox', { name: /读到的文字/ });
  await expect
    .poll(
      async () =>
        (await list.count()) > 0
          ? 'shown'
          : (await page.locator('.ant-form-item-explain-error, .ant-alert').allTextContents()).join(' | ') ||
            'still importing',
      { timeout: 30_000, interval: 250 },
    )
    .toBe('shown');
  return list;
}

/** Serious and critical WCAG 2 A/AA problems axe finds in one part of the page. */
async function axeProblems(page: Page, selector: string): Promise<string[]> {
  await injectAxe(page);
  return (await page.evaluate(
    `axe.run(document.querySelector(${JSON.stringify(selector)}), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })
      .then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ': ' + v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3).join(' ')))`,
  )) as string[];
}

describe('importing where no task list is found (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('shows why and the text read; a click on the line where the list begins imports those tasks', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    const before = await planCount(page);
    await openImport(page);
    await paste(page, STAR_NOTICE);
    const list = await readText(page);

    // Why, in Chinese, and the text read with its line numbers; nothing created.
    const panel = page.getByTestId('no-task-list');
    expect(await panel.getByRole('alert').first().textContent()).toContain('粘贴的内容中未找到任务清单');
    const lines = STAR_NOTICE.split('\n');
    expect(await list.getByRole('option').count()).toBe(lines.length);
    expect(await panel.getByText(`读到的文字（共${lines.length}行）`).count()).toBe(1);
    const first = list.locator('[data-line="5"]');
    expect(await first.textContent()).toContain(STAR_TASKS[0]);
    expect(await first.textContent()).toMatch(/^5/);
    expect(await planCount(page)).toBe(before);
    // The panel is monospace, scrolls, and wraps a long line rather than widening the page.
    const style = await list.evaluate((el) => {
      const s = el.ownerDocument.defaultView!.getComputedStyle(el);
      return { font: s.fontFamily, overflow: s.overflowY, fits: el.scrollWidth <= el.clientWidth + 1 };
    });
    expect(style.font).toMatch(/mono/i);
    expect(style.overflow).toBe('auto');
    expect(style.fits).toBe(true);
    expect(
      await list.locator('[data-line="3"]').evaluate((el) => el.getBoundingClientRect().height),
    ).toBeGreaterThan((await first.evaluate((el) => el.getBoundingClientRect().height)) * 1.5);
    expect(await axeProblems(page, '[data-testid="no-task-list"]')).toEqual([]);
    await e.shot(page, 'import-no-task-list');

    // No line chosen yet: the way on says so; a click chooses the line.
    expect(await page.getByRole('button', { name: '从选中的行开始识别任务清单' }).isDisabled()).toBe(true);
    await list.getByRole('option').filter({ hasText: STAR_TASKS[0]! }).click();
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await page.getByRole('button', { name: '从第5行开始识别任务清单' }).click();
    await openedPlan(page);

    await expect
      .poll(() => page.getByText(`任务（共${STAR_TASKS.length}项）`).count(), { timeout: 15_000 })
      .toBe(1);
    for (const [i, task] of STAR_TASKS.entries())
      expect(await page.locator(`[data-task="${i + 1}"]`).textContent()).toContain(task.slice(2, 14));
    expect(await page.getByText('关于印发2026年度依法行政工作要点的通知').count()).toBeGreaterThan(0);
    // How it was read: the list from the line the person marked.
    const notes = page.getByRole('region', { name: '识别说明' });
    expect(await notes.count()).toBe(1);
    expect(await notes.locator('li').count()).toBeGreaterThan(0);
    expect(await notes.textContent()).toContain('5');
    expect(await planCount(page)).toBe(before + 1);
    await e.shot(page, 'import-from-marked-line');
  });

  it('imports an uploaded file again from a line chosen with the keyboard, without choosing the file again', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await openImport(page);
    const text = STAR_NOTICE.replace('2026年度依法行政', '2026年度政务公开');
    await page.locator('input[type=file]').setInputFiles({
      name: '政务公开要点.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });
    await page.getByRole('button', { name: '导入并解析' }).click();
    const list = await readText(page);
    // The error stands at the upload, pointing to the text read.
    const item = page.locator('.ant-form-item').filter({ has: page.getByText('通知文件', { exact: true }) });
    expect(await item.locator('.ant-form-item-explain-error').textContent()).toContain(
      '文件中未找到任务清单',
    );

    await list.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    expect(await list.getAttribute('aria-activedescendant')).toBeTruthy();
    expect(await list.locator('[aria-selected="true"]').getAttribute('data-line')).toBe('5');
    // The way on is reachable from the keyboard: Tab to the button, Enter.
    const start = page.getByRole('button', { name: '从第5行开始识别任务清单' });
    for (let i = 0; i < 5 && !(await start.evaluate((b) => b === b.ownerDocument.activeElement)); i++)
      await page.keyboard.press('Tab');
    expect(await start.evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await openedPlan(page);
    await expect
      .poll(() => page.getByText(`任务（共${STAR_TASKS.length}项）`).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await page.getByText(/政务公开要点\.txt/).count()).toBeGreaterThan(0);
  });

  it('takes the text read to the paste tab, to be cut down to the list', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    const before = await planCount(page);
    await openImport(page);
    const text = STAR_NOTICE.replace('2026年度依法行政', '2026年度营商环境');
    await page.locator('input[type=file]').setInputFiles({
      name: '营商环境要点.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });
    await page.getByRole('button', { name: '导入并解析' }).click();
    await readText(page);
    await page.getByRole('button', { name: '粘贴任务清单' }).click();

    const area = page.getByLabel('通知全文');
    await expect.poll(() => area.isVisible()).toBe(true);
    expect(await page.getByRole('tab', { name: '粘贴全文' }).getAttribute('aria-selected')).toBe('true');
    expect(await area.inputValue()).toBe(text);
    await expect.poll(() => area.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await page.getByRole('listbox', { name: /读到的文字/ }).count()).toBe(0);
    expect(await page.getByText(/已填入读到的文字/).count()).toBe(1);

    // Cut down to a list the parser reads on its own, and import.
    await area.fill(NUMBERED.replace('法治建设', '营商环境'));
    await page.getByRole('button', { name: '导入并解析' }).click();
    await openedPlan(page);
    await expect.poll(() => page.getByText('任务（共3项）').count(), { timeout: 15_000 }).toBe(1);
    expect(await planCount(page)).toBe(before + 1);
  });

  it('says on a plan page which task level was chosen and why (识别说明)', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await openImport(page);
    await paste(page, NUMBERED);
    await openedPlan(page);
    const notes = page.getByRole('region', { name: '识别说明' });
    await expect.poll(() => notes.count(), { timeout: 15_000 }).toBe(1);
    expect(await notes.getByRole('heading', { name: '识别说明' }).count()).toBe(1);
    expect(await notes.textContent()).toMatch(/任务层级：“1\.”.*“一、”为部分标题/);
    // The explanation is not counted as a problem in 解析诊断.
    expect(await page.getByText(/^解析诊断（\d+条）$/).textContent()).not.toContain('任务层级');
    expect(
      await page
        .locator('.ant-card')
        .filter({ hasText: /^解析诊断/ })
        .getByText(/任务层级/)
        .count(),
    ).toBe(0);
    await e.shot(page, 'plan-reading-notes');
  });
});
