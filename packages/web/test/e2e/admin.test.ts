/**
 * Administration in a real browser: the coordinator creates a user (a server field error first, with
 * nothing typed lost), changes a threshold, imports the org directory (a bad line is named; an .xlsx
 * sheet is read in the browser), reads the audit trail; a reporter empties the inbox.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, startE2E } from './harness.ts';
import { changePasswordAtLogin } from './password-change.ts';

describe('administration and the inbox (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ demo: true });
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('creates a reporter for 市教育局: the server names a short password, the form keeps the rest; the new user signs in', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/users');
    await expect
      .poll(() => page.getByRole('cell', { name: 'lx-education', exact: true }).count(), { timeout: 10_000 })
      .toBe(1);
    await page.getByRole('button', { name: /新建用户/ }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('用户名').fill('edu-wang');
    await dialog.getByLabel('姓名').fill('王老师');
    await dialog.getByLabel('所属单位').fill('市教育局');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('邮箱').fill('wang@edu.example.cn');
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();

    const passwordItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('初始密码') });
    await expect
      .poll(() => passwordItem.locator('.ant-form-item-explain-error').textContent())
      .toContain('密码至少10位');
    expect(await dialog.getByLabel('用户名').inputValue()).toBe('edu-wang');
    expect(await dialog.getByLabel('姓名').inputValue()).toBe('王老师');
    expect(await dialog.getByLabel('邮箱').inputValue()).toBe('wang@edu.example.cn');
    expect(
      await dialog.locator('.ant-select-content, .ant-select-selection-item').allTextContents(),
    ).toContain('市教育局');

    await dialog.getByLabel('初始密码').fill('edu-pass-2026');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'edu-wang', exact: true }).count()).toBe(1);
    const row = page.getByRole('row').filter({ hasText: 'edu-wang' });
    expect(await row.textContent()).toContain('市教育局');
    expect(await row.textContent()).toContain('单位联络员');
    await e.shot(page, 'users');

    const other = await e.page();
    await e.login(other, 'edu-wang', 'edu-pass-2026');
    await changePasswordAtLogin(other, 'edu-pass-2026', 'Wang-laoshi-2026');
    await other.waitForURL(/\/my-work/);
    await expect.poll(() => other.getByText('市教育局').first().isVisible()).toBe(true);
  });

  it('changes 临期黄灯工作日数 and shows who saved it', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/settings');
    const field = page.getByLabel('临期黄灯工作日数');
    await expect.poll(() => field.inputValue()).toBe('5');
    await field.fill('7');
    await page.getByRole('button', { name: /保存设置/ }).click();
    await expect.poll(() => page.getByText('督办设置已保存').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('settings-updated').textContent()).toContain('最后修改');
    await page.reload();
    await expect.poll(() => page.getByLabel('临期黄灯工作日数').inputValue()).toBe('7');
    await e.shot(page, 'settings');
  });

  it('names the line of a bad kind in an org CSV, and imports an .xlsx sheet read in the browser', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/orgs');
    await expect.poll(() => page.getByText('市教育局').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: /导入 CSV/ }).click();

    const csv = [
      'id,name,kind,parent,aliases,tags,code,note',
      'yingtan,鹰潭市人民政府,government,,市政府,,360600,',
      'newbureau,市新设局,部门,yingtan,,,,',
    ].join('\n');
    await page.locator('input[type=file]').setInputFiles({
      name: 'orgs.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByRole('button', { name: /^导\s*入$/ }).click();
    const alert = page.getByRole('alert').filter({ hasText: '未导入' });
    await expect.poll(() => alert.textContent()).toContain('第 3 行');
    expect(await alert.textContent()).toContain('kind');
    expect(await alert.textContent()).toContain('未知的类型“部门”');
    await e.shot(page, 'orgs');

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('单位');
    sheet.addRow(['id', 'name', 'kind', 'parent', 'aliases', 'tags', 'code', 'note']);
    sheet.addRow(['yingtan', '鹰潭市人民政府', 'government', '', '市政府|鹰潭市政府', '', '360600', '']);
    sheet.addRow([
      'data-bureau',
      '市数据局',
      'department',
      'yingtan',
      '数据局|市大数据局',
      'law-enforcement',
      '',
      '',
    ]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    await page.locator('input[type=file]').setInputFiles({
      name: 'orgs.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx,
    });
    await page.getByRole('button', { name: /^导\s*入$/ }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '导入完成' }).textContent())
      .toContain('新增 1 个');
    await page.getByLabel('搜索单位').fill('大数据');
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: '市数据局' }).textContent())
      .toContain('行政执法');
  });

  it('shows the creation of a user in the audit trail, with its values, and a sound hash chain', async () => {
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/audit?entity=user');
    const entry = page.locator('[data-seq]').filter({ hasText: 'edu-wang' }).filter({ hasText: '新建用户' });
    await expect.poll(() => entry.textContent(), { timeout: 10_000 }).toContain('新建用户');
    const text = (await entry.textContent()) ?? '';
    // Units, people, roles and times in words: 市教育局 for the unit's id, no raw id or code.
    expect(text).toContain('市教育局');
    expect(text).toContain('单位联络员');
    expect(text).toContain('王老师');
    expect(text).toMatch(/操作人：依法治市办管理员（admin）/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|education|reporter|user\.create/);
    // The stored record stays one click away.
    await entry.getByRole('button', { name: '原始记录' }).click();
    await expect
      .poll(() => entry.locator('[data-raw-record]').textContent())
      .toContain('"action": "user.create"');
    // Narrow the trail to this user: its creation, its sign-in and the password change it asked for.
    await entry.getByRole('button', { name: /^只看用户/ }).click();
    await page.waitForURL(/entityId=/);
    await expect.poll(() => page.locator('[data-seq]').count()).toBe(3);
    expect(await page.locator('[data-seq]').first().textContent()).toContain('修改密码');
    expect(await page.locator('[data-seq]').nth(1).textContent()).toContain('登录');
    await page.getByRole('button', { name: /校验审计链/ }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '审计链完整' }).count()).toBe(1);
    await e.shot(page, 'audit');

    // A change shows before and after, the changed key marked.
    await page.goto('/audit?entity=settings');
    const changed = page.locator('[data-seq]').first().locator('tr[data-changed]');
    await expect.poll(() => changed.count()).toBe(1);
    expect((await changed.textContent())?.replace(/\s+/g, ' ')).toBe('临期黄灯工作日数57');
    await e.shot(page, 'audit-diff');
  });

  it("lists a reporter's notifications, unread first, and 全部标为已读 clears the unread count", async () => {
    const page = await e.page();
    await e.login(page, 'lx-education', DEMO_PASSWORD);
    await page.goto('/notifications');
    await expect.poll(() => page.locator('[data-unread]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const bell = page.getByRole('link', { name: /^通知，/ });
    expect(await bell.getAttribute('aria-label')).not.toBe('通知，0 条未读');
    await e.shot(page, 'inbox');
    await page.getByRole('button', { name: /全部标为已读/ }).click();
    await expect.poll(() => page.locator('[data-unread]').count()).toBe(0);
    await expect.poll(() => page.getByTestId('inbox-unread').textContent()).toBe('没有未读通知');
    // The shell's bell counts again on the next page.
    await page.getByRole('link', { name: '我的任务' }).click();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('通知，0 条未读');

    // On a phone the inbox fits the screen.
    const phone = await e.page({ phone: true });
    await e.login(phone, 'lx-justice', DEMO_PASSWORD);
    await phone.goto('/notifications');
    await expect.poll(() => phone.locator('[data-unread]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await e.shot(phone, 'inbox-phone');
  });
});
