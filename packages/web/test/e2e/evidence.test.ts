/**
 * Evidence looked at in the browser: a reporter hands in a report with a photo, a PDF and a Word-like
 * file; the coordinator opens it from the review queue, sees the photo's thumbnail, previews the photo
 * and the PDF in a dialog (served inline, the PDF drawn by Chromium's own viewer) and downloads the
 * Word file as an attachment.
 */
import { deflateSync } from 'node:zlib';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, type E2E, startE2E } from './harness.ts';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A 64×48 PNG: red, with blue stripes. */
function png(): Buffer {
  const [width, height] = [64, 48];
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, no interlace
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) rows.push(...((x + y) % 16 < 4 ? [20, 60, 220] : [220, 30, 30]));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF with a line of text, its cross-reference table at the right offsets. */
function pdf(text: string): Buffer {
  const content = `BT /F1 24 Tf 40 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A ZIP archive holding one stored file: what a .docx is on the outside. */
function zip(name: string, data: Buffer): Buffer {
  const fileName = Buffer.from(name, 'utf8');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const centralAt = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

const PHOTO = '培训现场照片.png';
const MINUTES = '鹰潭市财政局2026年第二季度法治政府建设专题会议纪要（定稿）.pdf';
const SHEET = '会议签到表.docx';

type Row = { id: string; taskNo: number; orgId: string; title: string; dueDate: string };

/** The width of the picture an <img> has loaded: 0 until it has loaded one. */
const pictureWidth = (img: Locator) =>
  img.evaluate((el) => {
    const pic = el as unknown as { complete: boolean; naturalWidth: number };
    return pic.complete ? pic.naturalWidth : 0;
  });

describe('evidence previewed in the browser (Chromium)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ demo: true });
  }, 120_000);
  afterAll(async () => {
    await e?.stop();
  });

  it('lets the coordinator look at a photo and a PDF in place and download the Word file', async () => {
    // The reporter: a pending deliverable of 市财政局 due after today, three files, handed in.
    const reporter = await e.page();
    await e.login(reporter, 'lx-finance', DEMO_PASSWORD);
    const { items } = (await (
      await reporter.request.get('/api/deliverables?orgId=finance&status=pending&dueFrom=2026-06-15&limit=50')
    ).json()) as { items: Row[] };
    const row = items[0];
    if (!row) throw new Error('the demo has no pending deliverable of 市财政局');
    await reporter.goto(`/deliverables/${row.id}`);
    await reporter
      .getByLabel('进展情况')
      .fill('已召开专题会议部署推进工作，现场照片、会议纪要和签到表见附件。');
    await reporter.getByLabel('选择佐证材料文件').setInputFiles([
      { name: PHOTO, mimeType: 'image/png', buffer: png() },
      { name: MINUTES, mimeType: 'application/pdf', buffer: pdf('Luoshi meeting minutes') },
      {
        name: SHEET,
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: zip('word/document.xml', Buffer.from('<w:document/>')),
      },
    ]);
    const uploaded = reporter.getByRole('list', { name: '已上传的佐证材料' }).getByRole('listitem');
    await expect.poll(() => uploaded.count(), { timeout: 10_000 }).toBe(3);
    await reporter.getByRole('button', { name: '提交报送' }).click();
    await expect.poll(() => reporter.getByText('已报送', { exact: true }).first().isVisible()).toBe(true);

    // The coordinator: the review queue, the row of this deliverable, its drawer.
    const page = await e.page();
    await e.login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/review');
    await expect.poll(() => page.getByText(/\d+ 份报告待审核/).count(), { timeout: 10_000 }).toBe(1);
    const queued = page
      .getByRole('row')
      .filter({ hasText: '市财政局' })
      .filter({ hasText: `第${row.taskNo}项` })
      .filter({ hasText: row.title });
    // Oldest first: the report handed in just now is towards the end.
    const next = page.locator('.ant-pagination-next');
    for (let i = 0; i < 50 && (await queued.count()) === 0; i++) {
      if ((await next.getAttribute('aria-disabled')) === 'true') break;
      await next.click();
    }
    expect(await queued.count()).toBe(1);
    await queued.getByRole('button', { name: /审\s*核/ }).click();
    const drawer = page.getByRole('dialog', { name: /^审核：/ });
    const files = drawer.getByRole('list', { name: '已上传的佐证材料' });
    await expect.poll(() => files.getByRole('listitem').count(), { timeout: 10_000 }).toBe(3);

    // Sizes read as people read them; the photo has a thumbnail, the others an icon.
    expect(await files.getByRole('listitem').filter({ hasText: PHOTO }).textContent()).toMatch(
      /\d+(\.\d)? (B|KB) ·/,
    );
    const thumbnail = files.getByRole('listitem').filter({ hasText: PHOTO }).locator('img');
    await expect.poll(() => pictureWidth(thumbnail)).toBe(64);
    expect(await files.getByRole('listitem').filter({ hasText: SHEET }).locator('img').count()).toBe(0);
    // Only images and PDFs can be previewed; every file can be downloaded.
    expect(await drawer.getByRole('button', { name: `预览 ${SHEET}` }).count()).toBe(0);
    for (const name of [PHOTO, MINUTES, SHEET])
      expect(await drawer.getByRole('link', { name: `下载 ${name}` }).count()).toBe(1);

    // The photo, in a dialog.
    await drawer.getByRole('button', { name: `预览 ${PHOTO}` }).click();
    const preview = page.getByRole('dialog', { name: PHOTO });
    await expect.poll(() => pictureWidth(preview.getByRole('img', { name: PHOTO, exact: true }))).toBe(64);
    await e.shot(page, 'evidence-preview-image');
    await preview.getByRole('button', { name: /Close|关闭/ }).click();
    await expect.poll(() => preview.count()).toBe(0);

    // The PDF, in a frame: sent inline as a PDF, and Chromium's PDF viewer draws it despite the sandbox.
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('inline=1') && r.request().resourceType() === 'document'),
      drawer.getByRole('button', { name: `预览 ${MINUTES}` }).click(),
    ]);
    expect(response.status()).toBe(200);
    const headers = await response.allHeaders();
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['content-disposition']).toMatch(/^inline; /);
    expect(headers['content-security-policy']).toContain('sandbox');
    expect(headers['x-content-type-options']).toBe('nosniff');
    const frame = page.getByRole('dialog', { name: MINUTES }).locator(`iframe[title="${MINUTES}"]`);
    expect(await frame.count()).toBe(1);
    await expect
      .poll(() => page.frames().some((f) => f.url().startsWith('chrome-extension://')), { timeout: 10_000 })
      .toBe(true);
    await page.waitForTimeout(500);
    await e.shot(page, 'evidence-preview-pdf');
    await page
      .getByRole('dialog', { name: MINUTES })
      .getByRole('button', { name: /Close|关闭/ })
      .click();

    // The Word file: downloaded, and an attachment even when asked for inline.
    const link = drawer.getByRole('link', { name: `下载 ${SHEET}` });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(SHEET);
    const inline = await page.request.get(`${await link.getAttribute('href')}?inline=1`);
    expect(inline.headers()['content-disposition']).toMatch(/^attachment; /);
    expect((await inline.body()).subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');

    // On a phone the unit's handed-in report lists the same files without sideways scrolling.
    const phone = await e.page({ phone: true });
    await e.login(phone, 'lx-finance', DEMO_PASSWORD);
    await phone.goto(`/deliverables/${row.id}`);
    const listed = phone.getByRole('list', { name: '已上传的佐证材料' }).first().getByRole('listitem');
    await expect.poll(() => listed.count(), { timeout: 10_000 }).toBe(3);
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // The long name ends in an ellipsis, and shows in full in a tooltip.
    const longName = listed.filter({ hasText: MINUTES }).getByText(MINUTES, { exact: true });
    expect(
      await longName.evaluate((el) => {
        const box = el as unknown as { scrollWidth: number; clientWidth: number };
        return box.scrollWidth > box.clientWidth;
      }),
    ).toBe(true);
    await longName.hover();
    await expect.poll(() => phone.getByRole('tooltip').textContent()).toBe(MINUTES);
    await e.shot(phone, 'evidence-list-phone');
    await phone
      .getByRole('button', { name: `预览 ${PHOTO}` })
      .first()
      .click();
    const onPhone = phone.getByRole('dialog', { name: PHOTO });
    await expect.poll(() => pictureWidth(onPhone.getByRole('img', { name: PHOTO, exact: true }))).toBe(64);
  });
});
