/**
 * Correcting schedules and targets in place, in a real browser: the coordinator turns a task's
 * yearly frequency into 每年1月底前和7月底前 (another kind), sees a bad window refused next to its
 * field with what was typed kept, adds a schedule (from text selected in the task) and a target to
 * a task that had none, publishes — and the deliverables fall on the corrected dates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCalendar } from '@luoshi/core';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type E2E, SCREENSHOTS, startE2E } from './harness.ts';

const NOTICE = join(
  new URL('../../../../', import.meta.url).pathname,
  'packages/core/data/notices/yingtan-2024-25.txt',
);

/** The part of the DOM's Element this file uses (its type check runs without the DOM's types). */
type Animated = {
  getAnimations(options: { subtree: boolean }): {
    finished: Promise<unknown>;
    effect: { getComputedTiming(): { endTime?: number | string } } | null;
  }[];
};

type Deliverable = { taskNo: number; role: string; period: string; dueDate: string };

function saveButton(dialog: Locator): Locator {
  return dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' }));
}

/** The form item (label, control and its error) whose label is `label`. */
function formItem(dialog: Locator, label: string): Locator {
  return dialog.locator('.ant-form-item').filter({ has: dialog.page().getByText(label, { exact: true }) });
}

/**
 * Waits for the animations in `where` (a modal zooming in, a dropdown sliding down) to end — not for
 * endless ones (a spinner), nor for one cancelled on the way (its element removed), and 3 s at most.
 */
async function settled(where: Locator): Promise<void> {
  await where.evaluate((el) => {
    const ending = (el as unknown as Animated)
      .getAnimations({ subtree: true })
      .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
    return Promise.race([
      Promise.all(ending.map((a) => a.finished.catch(() => undefined))),
      new Promise((done) => setTimeout(done, 3_000)),
    ]);
  });
}

/** A readable picture of one part of the page (a dialog, a card), beside e.shot's full pages. */
async function shotOf(where: Locator, name: string): Promise<void> {
  await settled(where);
  await where.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

async function chooseKind(page: Page, dialog: Locator, option: string): Promise<void> {
  await settled(dialog);
  await dialog.getByLabel('时限类型').click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await settled(dropdown);
  await dropdown.getByText(option, { exact: true }).click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** Selects `text` in the task's own text, as a user dragging over it would (a script run in the page). */
async function selectInTask(page: Page, task: number, text: string): Promise<void> {
  const found = await page.evaluate(`(() => {
    const card = document.querySelector('[data-task="${task}"]');
    const text = ${JSON.stringify(text)};
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent.indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + text.length);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      return true;
    }
    return false;
  })()`);
  expect(found).toBe(true);
}

describe('correcting and adding schedules and targets (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('changes a kind, refuses a bad window at its field, adds a date and a target, publishes on them', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    const imported = await page.request.post('/api/notices', {
      data: { text: readFileSync(NOTICE, 'utf8'), year: 2026 },
    });
    expect(imported.status()).toBe(201);
    const planId = ((await imported.json()) as { planId: string }).planId;
    await page.goto(`/plans/${planId}`);
    await expect.poll(() => page.getByText('任务（共51项）').count(), { timeout: 15_000 }).toBe(1);
    const dialog = page.getByRole('dialog');

    // Task 49: 每年对本系统开展1次 was read as a frequency; the coordinator makes it 每年1月底前和7月底前.
    const task49 = page.locator('[data-task="49"]');
    expect(await task49.getByText('每年1次', { exact: true }).count()).toBe(1);
    await task49.getByRole('button', { name: '修改时限「每年对本系统开展1次」' }).click();
    await expect.poll(() => dialog.getByText('当前识别为：每年1次').count()).toBe(1);
    await expect.poll(() => dialog.getByText(/发布2026年度时生成1次报送事项：12月31日前/).count()).toBe(1);
    await chooseKind(page, dialog, '每半年（每年两个日期，或半年末）');
    await dialog.getByLabel('原文表述').fill('每年1月底前和7月底前');
    await dialog.getByLabel('第1个日期的月份').fill('1');
    await dialog.getByRole('radiogroup', { name: '第1个日期的日期方式' }).getByText('月底').click();
    await dialog.getByRole('button', { name: '添加日期' }).click();
    await dialog.getByLabel('第2个日期的月份').fill('7');
    await dialog.getByRole('radiogroup', { name: '第2个日期的日期方式' }).getByText('月底').click();
    await expect
      .poll(() =>
        dialog.getByText('发布2026年度时生成2次报送事项：1月31日、7月31日前', { exact: false }).count(),
      )
      .toBe(1);
    // Only two dates for a half-year schedule.
    expect(await dialog.getByRole('button', { name: '添加日期' }).isDisabled()).toBe(true);
    await shotOf(dialog, 'plan-edit-obligation');
    await saveButton(dialog).click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => task49.getByText('每半年：1月底前、7月底前', { exact: true }).count()).toBe(1);
    expect(await task49.getByText('每年1次', { exact: true }).count()).toBe(0);
    expect(await task49.getByText('已修正').count()).toBe(1);

    // Task 16: a window from the 26th to the 25th is refused by the server, next to 每月截止日.
    const task16 = page.locator('[data-task="16"]');
    await task16.getByRole('button', { name: '修改时限「每月1-25日期间」' }).click();
    await expect.poll(() => dialog.getByText(/没有截止日期，发布时不为它生成报送事项/).count()).toBe(1);
    await dialog.getByLabel('每月起始日').fill('26');
    await saveButton(dialog).click();
    const toDay = formItem(dialog, '每月截止日');
    await expect.poll(() => toDay.getByText('起始日不能晚于截止日').count(), { timeout: 10_000 }).toBe(1);
    expect(await dialog.getByLabel('每月起始日').inputValue()).toBe('26');
    expect(await dialog.getByLabel('每月截止日').inputValue()).toBe('25');
    await shotOf(dialog, 'plan-edit-error');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await task16.getByText('每月1-25日', { exact: true }).count()).toBe(1);

    // Task 3 has no date: the coordinator selects the words that set one and adds it.
    const task3 = page.locator('[data-task="3"]');
    expect(await task3.getByText('未识别出时限，发布后按默认报送周期报送').count()).toBe(1);
    await selectInTask(page, 3, '定期听取本地本部门法治政府建设工作情况汇报');
    await task3.getByRole('button', { name: '为第3项添加时限' }).click();
    await expect.poll(() => dialog.getByText('第3项 · 添加时限').count()).toBe(1);
    expect(await dialog.getByLabel('原文表述').inputValue()).toBe(
      '定期听取本地本部门法治政府建设工作情况汇报',
    );
    await chooseKind(page, dialog, '每季度（每年四个日期、季度末，或季度结束后若干日内）');
    // 每季度结束后10个工作日内: each quarter's report, counted from the quarter's end.
    await dialog.getByText('每季度结束后若干日内').click();
    await dialog.getByLabel('季度结束后', { exact: true }).fill('10');
    await dialog.getByLabel('天数的单位').click();
    const units = page.locator('.ant-select-dropdown:visible');
    await settled(units);
    await units.getByText('个工作日', { exact: true }).click();
    await dialog.getByLabel('要做的事（可选）').fill('报告听取汇报情况');
    await expect
      .poll(() =>
        dialog
          .getByText('发布2026年度时生成4次报送事项：每季度结束后10个工作日内（第四季度的在2027年1月', {
            exact: false,
          })
          .count(),
      )
      .toBe(1);
    await saveButton(dialog).click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => task3.getByText('每季度结束后10个工作日内', { exact: true }).count()).toBe(1);
    expect(
      await task3.locator('mark[data-kind="obligation"]', { hasText: '定期听取本地本部门' }).count(),
    ).toBe(1);

    // …and a target: with nothing selected the text as written must be given.
    expect(await task3.getByText('未识别出指标').count()).toBe(1);
    await task3.getByRole('button', { name: '为第3项添加指标' }).click();
    await expect.poll(() => dialog.getByText('第3项 · 添加指标').count()).toBe(1);
    expect(await dialog.getByLabel('原文表述').inputValue()).toBe('');
    await dialog.getByLabel('考核内容').fill('工作情况汇报覆盖率');
    await dialog.getByLabel('目标值').fill('100');
    await dialog.getByLabel('单位', { exact: true }).fill('%');
    await saveButton(dialog).click();
    await expect.poll(() => formItem(dialog, '原文表述').getByText('请填写原文表述').count()).toBe(1);
    await dialog.getByLabel('原文表述').fill('汇报覆盖率达到100%');
    await saveButton(dialog).click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => task3.getByText('工作情况汇报覆盖率 ≥ 100%', { exact: true }).count()).toBe(1);
    await shotOf(task3, 'plan-edit-added');

    // Publish: the deliverables of tasks 49 and 3 fall on the corrected dates.
    await page.getByRole('button', { name: '发布并交办' }).click();
    await page.getByRole('button', { name: /^发\s*布$/ }).click();
    await expect
      .poll(() => page.getByText(/已发布并交办：生成报送事项 \d+ 项/).count(), { timeout: 30_000 })
      .toBe(1);
    await e.shot(page, 'plan-edit-published');

    const deliverables = async (task: number): Promise<Deliverable[]> => {
      const res = await page.request.get(`/api/deliverables?planId=${planId}&taskNo=${task}&limit=500`);
      expect(res.status()).toBe(200);
      return ((await res.json()) as { items: Deliverable[] }).items;
    };
    const calendar = defaultCalendar();
    const dueOf = (items: Deliverable[]) =>
      [...new Set(items.filter((d) => d.role !== 'co').map((d) => d.dueDate))].sort();

    const of49 = await deliverables(49);
    expect(of49.length).toBeGreaterThan(0);
    expect([...new Set(of49.map((d) => d.period))].sort()).toEqual(['2026-H1', '2026-H2']);
    // 2026-01-31 is a Saturday: due the next working day.
    expect(dueOf(of49)).toEqual([calendar.dueDateOf('2026-01-31'), calendar.dueDateOf('2026-07-31')]);
    expect(dueOf(of49)[0]).toBe('2026-02-02');

    const of3 = await deliverables(3);
    expect([...new Set(of3.map((d) => d.period))].sort()).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
    // Ten working days after each quarter's end: past 清明 (4–6 April 2026), and into 2027 for Q4.
    expect(dueOf(of3)).toEqual(
      ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'].map((d) =>
        calendar.dueDateOf(calendar.addWorkingDays(d, 10)),
      ),
    );
    expect(dueOf(of3)[0]).toBe('2026-04-15');
  }, 120_000);
});
