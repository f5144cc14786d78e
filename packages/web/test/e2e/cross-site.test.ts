/**
 * Cross-site request forgery in a real browser (security audit, finding 2): a page served from another
 * port of the same host — the same *site*, so the session cookie (SameSite=Lax) rides along — submits
 * a report with a file as soon as the signed-in reporter opens it. The server refuses it and nothing is
 * created; the app's own report with an uploaded file still goes through.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type E2E, startE2E } from './harness.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

type Row = { id: string; taskNo: number; title: string };
type Detail = { reports: { id: string }[] };

/** The attacker's page: a multipart form with a narrative and a file, submitted on load. */
function attackPage(action: string): string {
  return `<!doctype html><meta charset="utf-8"><title>通知</title>
<form id="f" method="post" enctype="multipart/form-data" action="${action}">
  <input name="narrative" value="伪造的进展报告：已全部完成。">
  <input name="completion" value="done">
  <input name="submit" value="true">
  <input type="file" name="evidence" id="file">
</form>
<script>
  const dt = new DataTransfer();
  dt.items.add(new File(['%PDF-1.4 forged'], '伪造.pdf', { type: 'application/pdf' }));
  document.getElementById('file').files = dt.files;
  // (form.submit is shadowed by the field named "submit")
  HTMLFormElement.prototype.submit.call(document.getElementById('f'));
</script>`;
}

describe('a form on another port of the same host (Chromium)', () => {
  let e: E2E;
  let evil: Server;
  let evilUrl = '';
  let target: Row;

  beforeAll(async () => {
    e = await startE2E({ demo: true });
    evil = createServer((req, res) => {
      const action = new URL(req.url ?? '/', 'http://x').searchParams.get('action') ?? '';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(attackPage(action));
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => evil?.close(resolve));
    await e?.stop();
  });

  it('cannot hand in a report as the signed-in reporter; the reporter’s own upload works', async () => {
    const page = await e.page();
    await e.login(page, 'lx-finance', DEMO_PASSWORD);
    const { items } = (await (
      await page.request.get('/api/deliverables?orgId=finance&status=pending&dueFrom=2026-06-15&limit=50')
    ).json()) as { items: Row[] };
    target = items[0]!;
    expect(target).toBeTruthy();
    const reportsOf = async () =>
      ((await (await page.request.get(`/api/deliverables/${target.id}`)).json()) as Detail).reports.length;
    const before = await reportsOf();

    // The reporter opens a link to the other port; the page posts the form to the app.
    const action = `${e.url}/api/deliverables/${target.id}/reports`;
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url() === action),
      page.goto(`${evilUrl}/?action=${encodeURIComponent(action)}`),
    ]);
    // The browser did send the session cookie: only the server's check stands in the way.
    expect((await answer.request().allHeaders()).cookie).toContain('luoshi_session=');
    expect(answer.status()).toBe(403);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('cross-site');
    expect(await reportsOf()).toBe(before);

    // The app itself: a report with a file, uploaded from the deliverable's page.
    await page.goto(`/deliverables/${target.id}`);
    await page.getByLabel('进展情况').fill('已召开专题会议部署推进工作，会议纪要见附件。');
    await page
      .getByLabel('选择佐证材料文件')
      .setInputFiles([{ name: '会议纪要.pdf', mimeType: 'application/pdf', buffer: PDF }]);
    const uploaded = page.getByRole('list', { name: '已上传的佐证材料' }).getByRole('listitem');
    await expect.poll(() => uploaded.count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: '提交报送' }).click();
    await expect.poll(() => page.getByText('已报送', { exact: true }).first().isVisible()).toBe(true);
    expect(await reportsOf()).toBe(before + 1);
  });
});
