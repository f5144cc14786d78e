/**
 * A reporter's returned report in the browser: each file has 删除 (with confirmation), the old
 * screenshot goes, a new one comes, the same file again is refused in Chinese, and the report handed
 * in again carries each file once. 我的任务 shows each task's 签收: a 签收 button while the unit has not
 * received it, and never 未签收 for an item already handed in or accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, startE2E } from './harness.ts';

type Row = { id: string; taskNo: number; orgId: string; title: string; status: string };

const MINUTES = '专题会议纪要.txt';
const OLD_SHOT = '网站截图（模糊）.png';
const NEW_SHOT = '网站截图（清晰）.png';
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The machine running the tests may be busy: a generous wait before a check gives up. */
const WAIT = { timeout: 15_000 };
const shot = (text: string) => Buffer.concat([PNG_HEAD, Buffer.from(text)]);

describe('a returned report’s evidence replaced, and 签收 on 我的任务 (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ demo: true });
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('removes a file from a returned report, adds another, refuses a duplicate and resubmits without one', async () => {
    const page = await e.page();
    await e.login(page, 'lx-finance', DEMO_PASSWORD);
    const { items } = (await (
      await page.request.get('/api/deliverables?orgId=finance&status=pending&dueFrom=2026-06-15&limit=50')
    ).json()) as { items: Row[] };
    const row = items[0];
    if (!row) throw new Error('the demo has no pending deliverable of 市财政局');

    // Handed in with two files, then returned by the coordinator.
    await page.goto(`/deliverables/${row.id}`);
    await page.getByLabel('进展情况').fill('已公开预决算信息，会议纪要和网站截图见附件。');
    await page.getByLabel('选择佐证材料文件').setInputFiles([
      { name: MINUTES, mimeType: 'text/plain', buffer: Buffer.from('专题会议纪要：部署预决算公开工作。') },
      { name: OLD_SHOT, mimeType: 'image/png', buffer: shot('模糊') },
    ]);
    const files = page.getByRole('list', { name: '已上传的佐证材料' }).getByRole('listitem');
    await expect.poll(() => files.count(), WAIT).toBe(2);
    await page.getByRole('button', { name: '提交报送' }).click();
    await expect.poll(() => page.getByText('已报送', { exact: true }).first().isVisible(), WAIT).toBe(true);

    const coord = await e.page();
    await e.login(coord, 'admin', ADMIN_PASSWORD);
    const detail = (await (await coord.request.get(`/api/deliverables/${row.id}`)).json()) as {
      reports: { id: string; status: string }[];
    };
    const id = detail.reports.find((r) => r.status === 'submitted')?.id;
    if (!id) throw new Error('the report was not handed in');
    const handedIn = (
      (await (await coord.request.get(`/api/reports/${id}`)).json()) as {
        report: { id: string; rowVersion: number };
      }
    ).report;
    const back = await coord.request.post(`/api/reports/${handedIn.id}/return`, {
      data: { rowVersion: handedIn.rowVersion, reason: '网站截图看不清，请更换。' },
    });
    expect(back.status(), await back.text()).toBe(200);

    // The reporter: the returned report, each file with 删除.
    await page.reload();
    await expect
      .poll(() => page.getByText('报告已被退回，请按意见修改后重新提交').isVisible(), WAIT)
      .toBe(true);
    await expect.poll(() => files.count(), WAIT).toBe(2);
    expect(await page.getByRole('button', { name: `删除 ${MINUTES}` }).isVisible()).toBe(true);
    await page.getByRole('button', { name: `删除 ${OLD_SHOT}` }).click();
    const confirm = page.locator('.ant-popconfirm').filter({ hasText: `删除「${OLD_SHOT}」？` });
    await confirm.getByRole('button', { name: /删\s*除/ }).click();
    await expect.poll(() => files.count(), WAIT).toBe(1);
    expect(await files.filter({ hasText: OLD_SHOT }).count()).toBe(0);

    // The same content again is refused with a clear message; a new file is added.
    await page.getByLabel('选择佐证材料文件').setInputFiles({
      name: '纪要副本.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('专题会议纪要：部署预决算公开工作。'),
    });
    await expect
      .poll(() => page.getByText('与已上传的「专题会议纪要.txt」内容相同，不能重复添加').isVisible(), {
        timeout: 10_000,
      })
      .toBe(true);
    await page.getByLabel('选择佐证材料文件').setInputFiles({
      name: NEW_SHOT,
      mimeType: 'image/png',
      buffer: shot('清晰'),
    });
    await expect.poll(() => files.count(), WAIT).toBe(2);
    await e.shot(page, 'evidence-replace-returned');

    await page.getByRole('button', { name: '重新提交报送' }).click();
    await expect.poll(() => page.getByText('已报送', { exact: true }).first().isVisible(), WAIT).toBe(true);
    await page.reload();
    await expect.poll(() => files.count(), WAIT).toBe(2);
    const names = (await files.allTextContents()).map((t) => t.replace(/\s+/g, ''));
    expect(names.filter((t) => t.includes(MINUTES))).toHaveLength(1);
    expect(names.filter((t) => t.includes(NEW_SHOT))).toHaveLength(1);
    expect(names.filter((t) => t.includes(OLD_SHOT))).toHaveLength(0);
    expect(await page.getByRole('button', { name: `删除 ${MINUTES}` }).count()).toBe(0);
  });

  it('shows 签收 on 我的任务, a 签收 button that works, and no 未签收 for items handed in or accepted', async () => {
    const page = await e.page();
    await e.login(page, 'lx-finance', DEMO_PASSWORD);
    await page.goto('/my-work');
    const table = page.locator('.ant-table');
    await expect.poll(() => table.getByRole('columnheader', { name: '签收' }).count(), WAIT).toBe(1);
    const button = table.getByRole('button', { name: /^签收第\d+项任务$/ }).first();
    await expect.poll(() => button.count(), WAIT).toBe(1);
    const label = (await button.getAttribute('aria-label')) ?? '';
    const taskNo = /第(\d+)项/.exec(label)?.[1];
    await button.click();
    await expect.poll(() => page.getByText(`已签收第${taskNo}项任务`).first().isVisible(), WAIT).toBe(true);
    const rowsOfTask = table.getByRole('row').filter({ hasText: `第${taskNo}项 ·` });
    await expect
      .poll(() => rowsOfTask.first().getByText('已签收', { exact: true }).isVisible(), WAIT)
      .toBe(true);
    expect(await table.getByRole('button', { name: `签收第${taskNo}项任务` }).count()).toBe(0);
    await e.shot(page, 'my-work-acknowledge');

    // Items accepted by the coordinator (nobody pressed 签收 in the demo).
    await page.getByText('已办结', { exact: true }).click();
    await expect.poll(() => table.getByRole('row').count(), WAIT).toBeGreaterThan(1);
    await expect.poll(() => table.getByText('已办理（视同签收）').first().isVisible(), WAIT).toBe(true);
    expect(await table.getByText('未签收').count()).toBe(0);
    expect(await table.getByRole('button', { name: /^签收第/ }).count()).toBe(0);
  });
});
