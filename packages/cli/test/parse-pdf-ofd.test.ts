/** `luoshi parse` of a PDF (converted from a .docx by LibreOffice) and of an OFD gives the .docx's plan. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '@luoshi/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  convertToPdf,
  layoutOfd,
  ofdOf,
  planSummary,
  TABLE_NOTICE,
  writeDocx,
} from '../../core/test/helpers/positioned-notices.ts';
import { main } from '../src/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'luoshi-cli-pdf-'));
let docx = '';
let pdf = '';
let ofd = '';

async function parseJson(file: string): Promise<Plan> {
  let out = '';
  let err = '';
  const code = await main({
    argv: ['parse', file, '--json'],
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out) as Plan;
}

beforeAll(async () => {
  docx = await writeDocx(dir, 'notice', TABLE_NOTICE, true);
  pdf = convertToPdf(dir, [docx])[0]!;
  ofd = join(dir, 'notice.ofd');
  writeFileSync(ofd, ofdOf(layoutOfd(TABLE_NOTICE)));
}, 180_000);

describe('luoshi parse of PDF and OFD notices', () => {
  it('gives the plan of the .docx for the PDF and the OFD', async () => {
    const fromDocx = planSummary(await parseJson(docx));
    expect(planSummary(await parseJson(pdf))).toEqual(fromDocx);
    expect(planSummary(await parseJson(ofd))).toEqual(fromDocx);
  });

  it('says why a scan cannot be read', async () => {
    const scan = join(dir, 'scan.pdf');
    // A one-page PDF with nothing on the page: no text to extract.
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    ];
    let body = '%PDF-1.4\n';
    const offsets: number[] = [];
    objects.forEach((object, k) => {
      offsets.push(body.length);
      body += `${k + 1} 0 obj\n${object}\nendobj\n`;
    });
    const xref = body.length;
    body += `xref\n0 4\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    body += `trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    writeFileSync(scan, body);
    let err = '';
    const code = await main({
      argv: ['parse', scan],
      stdout: { write: () => true },
      stderr: { write: (s: string) => (err += s) },
    });
    expect(code).toBe(1);
    expect(err).toContain('no extractable text');
  });
});
