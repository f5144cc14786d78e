/**
 * A unit reporter's report in a real browser: from 我的任务 to the form, a refused submit that keeps
 * what was typed, an evidence upload with its file listed, the hand-in; another unit's deliverable
 * says 没有权限; the form fits a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, call } from './api-calls.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, startE2E } from './harness.ts';

type Row = { id: string; taskNo: number; orgId: string; status: string; title: string; dueDate: string };

/** The demo's reports are rolled per run: pick deliverables by what they are, not by id. */
async function deliverables(e: E2E, cookie: string, query: string): Promise<Row[]> {
  return (await call<{ items: Row[] }>(e, cookie, 'GET', `/api/deliverables?${query}`)).items;
}

type Indicator = { subject: string; raw: string };

describe('a unit reporter reports on a deliverable (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ demo: true });
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('keeps what was typed when the server refuses, uploads evidence with figures, and hands the report in', async () => {
    // A pending deliverable of the unit's, due in the coming weeks, whose task has a target.
    const finance = await apiSession(e.url, 'lx-finance', DEMO_PASSWORD);
    let target: { row: Row; indicator: string } | null = null;
    for (const row of await deliverables(e, finance, 'status=pending&dueFrom=2026-06-15&limit=200')) {
      const detail = await call<{ task: { indicators: Indicator[] } }>(
        e,
        finance,
        'GET',
        `/api/deliverables/${row.id}`,
      );
      const first = detail.task.indicators[0];
      if (row.orgId === 'finance' && first) {
        target = { row, indicator: first.subject.trim() || first.raw };
        break;
      }
    }
    if (!target) throw new Error('the demo has no pending deliverable with a target');
    const { row, indicator } = target;
    const [y, m, d] = row.dueDate.split('-').map(Number);

    const page = await e.page();
    await e.login(page, 'lx-finance', DEMO_PASSWORD);
    await page.waitForURL(/\/my-work/);
    await page
      .getByRole('link', { name: `第${row.taskNo}项 · ${row.title}` })
      .first()
      .click();
    await page.waitForURL(/\/deliverables\/[^/]+$/);
    await expect
      .poll(() => page.getByRole('heading', { level: 3 }).first().textContent())
      .toContain(`第${row.taskNo}项`);
    expect(await page.getByText(`${y}年${m}月${d}日`).first().isVisible()).toBe(true);
    expect(await page.getByText('待报送').first().isVisible()).toBe(true);
    const figure = page.getByLabel(`${indicator} 实际数值`).first();

    // The server refuses a narrative of fewer than 10 characters: the message sits at the field,
    // and the narrative and the figure stay as typed.
    const narrative = page.getByLabel('进展情况');
    await narrative.fill('已开展工作');
    await figure.fill('6');
    await page.getByRole('button', { name: '提交报送' }).click();
    await expect
      .poll(() => page.getByText('提交前请填写不少于10个字的进展情况').first().isVisible())
      .toBe(true);
    expect(await narrative.inputValue()).toBe('已开展工作');
    expect(await figure.inputValue()).toBe('6');
    expect(await page.getByText('待报送').first().isVisible()).toBe(true);

    const text = '已配齐法制审核人员7名，占执法人员总数6%，重大执法决定法制审核全覆盖。';
    await narrative.fill(text);
    await page.getByRole('radio', { name: '已完成' }).check();
    await page.getByLabel('选择佐证材料文件').setInputFiles({
      name: '法制审核人员名单.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% 法制审核人员名单\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
    });
    const link = page.getByRole('link', { name: '法制审核人员名单.pdf' });
    await expect.poll(() => link.isVisible(), { timeout: 10_000 }).toBe(true);
    // The upload made a draft of what was in the form, and the form still holds it.
    expect(await narrative.inputValue()).toBe(text);
    const href = await link.getAttribute('href');
    const file = await page.request.get(href ?? '');
    expect((await file.body()).subarray(0, 8).toString()).toBe('%PDF-1.4');
    await e.shot(page, 'deliverable-report');

    await page.getByRole('button', { name: '提交报送' }).click();
    await expect.poll(() => page.getByText('已报送', { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByText('报告已报送，待依法治市办审核。').isVisible()).toBe(true);
    expect(await page.getByText(text).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '提交报送' }).count()).toBe(0);
  });

  it("shows 没有权限 and nothing of another unit's deliverable", async () => {
    const admin = await apiSession(e.url, 'admin', ADMIN_PASSWORD);
    const [other] = await deliverables(e, admin, 'orgId=justice&limit=1');
    if (!other) throw new Error('the demo has no deliverable of 市司法局');
    const page = await e.page();
    await e.login(page, 'lx-finance', DEMO_PASSWORD);
    await page.goto(`/deliverables/${other.id}`);
    await expect.poll(() => page.getByText('没有权限').isVisible()).toBe(true);
    expect(await page.getByText(other.title).count()).toBe(0);
    expect(await page.getByText('进展报告').count()).toBe(0);
  });

  it('shows a returned report with its reason on a phone, without horizontal scrolling', async () => {
    // Hand a report in and have the coordinator return it, through the API.
    const finance = await apiSession(e.url, 'lx-finance', DEMO_PASSWORD);
    const admin = await apiSession(e.url, 'admin', ADMIN_PASSWORD);
    const pending = await deliverables(
      e,
      finance,
      'orgId=finance&status=pending&dueFrom=2026-06-15&limit=50',
    );
    const returned = pending[pending.length - 1];
    if (!returned) throw new Error('the demo has no pending deliverable of 市财政局');
    const { report } = await call<{ report: { id: string; rowVersion: number } }>(
      e,
      finance,
      'POST',
      `/api/deliverables/${returned.id}/reports`,
      { narrative: '已完成制度修订，形成工作台账并报分管领导审定。', completion: 'done', submit: true },
    );
    await call(e, admin, 'POST', `/api/reports/${report.id}/return`, {
      rowVersion: report.rowVersion,
      reason: '佐证材料不全，请补充会议纪要后重新报送。',
    });
    const page = await e.page({ phone: true });
    await e.login(page, 'lx-finance', DEMO_PASSWORD);
    await page.goto(`/deliverables/${returned.id}`);
    await expect.poll(() => page.getByText('报告已被退回，请按意见修改后重新提交').isVisible()).toBe(true);
    expect(
      await page
        .getByText(/退回理由：佐证材料不全/)
        .first()
        .isVisible(),
    ).toBe(true);
    expect(await page.getByLabel('进展情况').inputValue()).not.toBe('');
    expect(await page.getByRole('button', { name: '重新提交报送' }).isVisible()).toBe(true);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await e.shot(page, 'deliverable-phone');
  });
});

describe('deadlines, extensions and the list of deliverables (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ demo: true });
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('a unit sees its calendar and subscription link, acknowledges a task, and asks for an extension', async () => {
    const page = await e.page();
    await e.login(page, 'lx-finance', DEMO_PASSWORD);
    await page.goto('/calendar');
    const link = page.getByLabel('日历订阅地址');
    await expect.poll(() => link.inputValue()).toContain('/api/calendar/finance/');
    const ics = await page.request.get(await link.inputValue());
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    const title = page.getByText(/^待签收任务（\d+）$/);
    await expect.poll(() => title.textContent()).not.toBe('待签收任务（0）');
    const before = Number(/（(\d+)）/.exec((await title.textContent()) ?? '')?.[1]);
    await page
      .getByRole('button', { name: /^签收第\d+项任务$/ })
      .first()
      .click();
    await expect.poll(() => title.textContent()).toBe(`待签收任务（${before - 1}）`);
    await e.shot(page, 'calendar');

    // An extension, asked for on a deliverable not yet due.
    const finance = await apiSession(e.url, 'lx-finance', DEMO_PASSWORD);
    // Not yet due on the harness's day (2026-06-15), and without an extension asked for already:
    // the demo asks for some on deliverables due within a month.
    const candidates = await deliverables(
      e,
      finance,
      'orgId=finance&status=pending&dueFrom=2026-06-20&limit=50',
    );
    let row: Row | undefined;
    for (const c of candidates) {
      const detail = await call<{ extensions: unknown[] }>(e, finance, 'GET', `/api/deliverables/${c.id}`);
      if (detail.extensions.length === 0) {
        row = c;
        break;
      }
    }
    if (!row) throw new Error('the demo has no pending deliverable of 市财政局 that is not yet due');
    await page.goto(`/deliverables/${row.id}`);
    await page.getByRole('button', { name: '申请延期' }).click();
    const dialog = page.getByRole('dialog', { name: '申请延期' });
    const later = new Date(`${row.dueDate}T00:00:00Z`);
    later.setUTCDate(later.getUTCDate() + 14);
    await dialog.getByLabel('申请延期至').fill(later.toISOString().slice(0, 10));
    await dialog.getByLabel('申请延期至').press('Enter');
    await dialog.getByLabel('延期理由').fill('短');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => dialog.getByText('延期理由至少5个字').isVisible()).toBe(true);
    expect(await dialog.getByLabel('延期理由').inputValue()).toBe('短');
    await dialog.getByLabel('延期理由').fill('需会同多个部门会签，材料汇总需要更多时间。');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.getByText('已有一份待审批的延期申请。').isVisible()).toBe(true);
  });

  it('a coordinator filters the deliverables and refuses an extension only with a reason', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/deliverables?orgId=finance&signal=red');
    await expect.poll(() => page.getByText(/^共 \d+ 项$/).isVisible()).toBe(true);
    const units = await page.locator('tbody tr[data-row-key] td:nth-child(5)').allTextContents();
    expect(units.length).toBeGreaterThan(0);
    expect(new Set(units)).toEqual(new Set(['市财政局']));
    expect(await page.locator('tbody [data-signal="red"]').count()).toBe(units.length);
    await e.shot(page, 'deliverables-list');

    await page.goto('/extensions');
    const refuse = page.getByRole('button', { name: /^不同意.+的延期申请$/ });
    await expect.poll(() => refuse.count()).toBeGreaterThan(0);
    const label = (await refuse.first().getAttribute('aria-label')) ?? '';
    const unit = /^不同意(.+)的延期申请$/.exec(label)?.[1] ?? '';
    // The row of that request, by its id: the list may hold several of the same unit, and more
    // than one page of them.
    const key = await page
      .locator('tbody tr[data-row-key]')
      .filter({ has: page.getByRole('button', { name: label, exact: true }) })
      .first()
      .getAttribute('data-row-key');
    const row = page.locator(`tbody tr[data-row-key="${key}"]`);
    const mine = row.getByRole('button', { name: label, exact: true });
    await mine.click();
    const dialog = page.getByRole('dialog', { name: '不同意延期' });
    await dialog.getByRole('button', { name: '不同意' }).click();
    await expect.poll(() => dialog.getByText('请填写不同意延期的理由').isVisible()).toBe(true);
    await dialog.getByLabel('不同意的理由').fill('该事项时限为上级明确要求，不予延期。');
    await dialog.getByRole('button', { name: '不同意' }).click();
    await expect.poll(() => mine.count()).toBe(0);
    expect(unit).not.toBe('');
    await page.getByText('全部', { exact: true }).click();
    await expect.poll(() => page.getByText('该事项时限为上级明确要求，不予延期。').isVisible()).toBe(true);
    await e.shot(page, 'extensions');
  });
});
