/**
 * 导入 without a dead end: where no task list is found, the error carries the text that was read
 * (as the parser saw it, with its line count), so a person can mark the line where the list begins
 * (`listStartLine`) and import again; a bad line is a validation error on that field; nothing is
 * written until a plan is made.
 */
import { readNoticeFileAsync } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SHOWN_BYTES, MAX_SHOWN_LINES } from '../../src/modules/plans/import-notice.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { DOCX_TYPE, docxOf, multipart } from '../helpers/plans.ts';

/** A notice whose items are neither numbered nor tabled and name no unit: no list is found in it. */
const STAR_LINES = [
  '关于印发2026年度依法行政工作要点的通知',
  '各县（市、区）人民政府，市政府各部门：',
  '现将《2026年度依法行政工作要点》印发给你们，请认真贯彻落实。',
  '',
  '★ 深化行政执法体制改革，推进综合行政执法。',
  '★ 开展行政复议规范化建设，提升复议质量。',
  '★ 加强法治宣传教育，落实普法责任制。',
];
const STAR_TASKS = STAR_LINES.slice(4);

/** Another such notice, sent as a Word document. */
const DOCX_LINES = [
  '关于做好2026年度政务公开工作的通知',
  '各县（市、区）人民政府：',
  '现就做好政务公开工作通知如下。',
  '◆ 完善政府信息主动公开目录，及时更新公开内容。',
  '◆ 规范依申请公开办理流程，提高答复质量。',
];

describe.each(DIALECTS)('importing where no task list is found, on %s', (dialect) => {
  let t: TestApp;
  let coord: string;

  const counts = async () => ({
    notices: (await t.store.db.selectFrom('notices').select('id').execute()).length,
    plans: (await t.store.db.selectFrom('plans').select('id').execute()).length,
    audit: (await t.store.db.selectFrom('auditLog').select('seq').execute()).length,
  });

  const upload = (fields: Record<string, string>, fileName: string, bytes: Uint8Array) => {
    const { payload, headers } = multipart(fields, [{ fileName, contentType: DOCX_TYPE, bytes }]);
    return t.app.inject({
      method: 'POST',
      url: '/api/notices',
      payload,
      headers: { ...headers, cookie: coord },
    });
  };

  beforeAll(async () => {
    t = await testApp(dialect);
    coord = await t.login('coord');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers no-task-list with the text it read, as parsed, and its line count; writes nothing', async () => {
    const before = await counts();
    // A BOM and Windows line ends: the text shown is the text the parser saw (\n), line for line.
    const res = await t.request(coord, 'POST', '/api/notices', {
      text: `\uFEFF${STAR_LINES.join('\r\n')}`,
      year: 2026,
    });
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error).toMatchObject({ code: 'no-task-list', field: 'text' });
    expect(error.message).toContain('粘贴的内容中未找到任务清单');
    expect(error.details).toEqual({
      text: STAR_LINES.join('\n'),
      lineCount: STAR_LINES.length,
      shownLines: STAR_LINES.length,
      truncated: false,
      format: 'text',
      listStartLine: null,
    });
    expect(await counts()).toEqual(before);
  });

  it('for an upload, carries the text the file reader produced', async () => {
    const before = await counts();
    const docx = await docxOf(DOCX_LINES.join('\n'));
    const res = await upload({ year: '2026' }, '政务公开.docx', docx);
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error).toMatchObject({ code: 'no-task-list', field: 'file' });
    expect(error.message).toContain('文件中未找到任务清单');
    const read = await readNoticeFileAsync(docx, '政务公开.docx');
    const text = read.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    expect(error.details).toMatchObject({
      text,
      lineCount: text.split('\n').length,
      truncated: false,
      format: 'docx',
      listStartLine: null,
    });
    expect(error.details.text).toContain(DOCX_LINES[3]);
    expect(await counts()).toEqual(before);
  });

  it('imports pasted text again from the line a person marked: every paragraph from it on is a task', async () => {
    const first = await t.request(coord, 'POST', '/api/notices', { text: STAR_LINES.join('\n') });
    expect(first.statusCode).toBe(422);
    const lines: string[] = first.json().error.details.text.split('\n');
    const line = lines.indexOf(STAR_TASKS[0]!) + 1;
    expect(line).toBe(5);
    const res = await t.request(coord, 'POST', '/api/notices', {
      text: STAR_LINES.join('\n'),
      year: 2026,
      listStartLine: line,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      created: true,
      version: 1,
      plan: { status: 'draft', year: 2026, counts: { tasks: STAR_TASKS.length } },
    });
    const detail = (await t.request(coord, 'GET', `/api/plans/${body.planId}`)).json();
    expect(detail.plan.tasks.map((task: { text: string }) => task.text.trim())).toEqual(STAR_TASKS);
    // The head is what came before the marked line.
    expect(detail.notice.title).toBe(STAR_LINES[0]);
    // The parser says how it read the list (识别说明).
    const structure = detail.plan.diagnostics.filter((d: { code: string }) => d.code === 'structure');
    expect(structure.length).toBeGreaterThan(0);
    expect(structure.every((d: { severity: string }) => d.severity === 'info')).toBe(true);
  });

  it('imports an uploaded file again from the marked line (multipart listStartLine)', async () => {
    const docx = await docxOf(DOCX_LINES.join('\n'));
    const failed = await upload({}, '政务公开.docx', docx);
    const lines: string[] = failed.json().error.details.text.split('\n');
    const line = lines.indexOf(DOCX_LINES[3]!) + 1;
    expect(line).toBeGreaterThan(0);
    const res = await upload({ year: '2026', listStartLine: String(line) }, '政务公开.docx', docx);
    expect(res.statusCode).toBe(201);
    const detail = (await t.request(coord, 'GET', `/api/plans/${res.json().planId}`)).json();
    expect(detail.plan.tasks.map((task: { text: string }) => task.text.trim())).toEqual(DOCX_LINES.slice(3));
    expect(detail.notice.fileName).toBe('政务公开.docx');
  });

  it('refuses a line that is not in the text with a validation error on listStartLine, writing nothing', async () => {
    const before = await counts();
    const text = STAR_LINES.join('\n');
    for (const listStartLine of [0, -1, 2.5, STAR_LINES.length + 1, 100_000]) {
      const res = await t.request(coord, 'POST', '/api/notices', { text, listStartLine });
      expect(res.statusCode, String(listStartLine)).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation', field: 'listStartLine' });
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const notANumber = await t.request(coord, 'POST', '/api/notices', { text, listStartLine: '5' });
    expect(notANumber.statusCode).toBe(400);
    expect(notANumber.json().error.field).toBe('listStartLine');
    const docx = await docxOf(DOCX_LINES.join('\n'));
    for (const value of ['abc', '0', '-2', '1.5', '99999']) {
      const res = await upload({ listStartLine: value }, '政务公开2.docx', docx);
      expect(res.statusCode, value).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation', field: 'listStartLine' });
    }
    // The last line is in range: only blank lines from there on, so still no task list; the error
    // says which line was marked.
    const blankTail = `${text}\n\n`;
    const last = await t.request(coord, 'POST', '/api/notices', {
      text: blankTail,
      listStartLine: blankTail.split('\n').length,
    });
    expect(last.statusCode).toBe(422);
    expect(last.json().error.details).toMatchObject({ listStartLine: blankTail.split('\n').length });
    expect(last.json().error.message).toContain(`第${blankTail.split('\n').length}行起`);
    expect(await counts()).toEqual(before);
  });

  it('cuts a long text to its first lines and bytes, with the whole line count', async () => {
    const before = await counts();
    const many = Array.from({ length: MAX_SHOWN_LINES + 500 }, (_, i) => `第${i + 1}段说明文字`).join('\n');
    const res = await t.request(coord, 'POST', '/api/notices', { text: `通知\n${many}` });
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details;
    expect(details).toMatchObject({
      lineCount: MAX_SHOWN_LINES + 501,
      shownLines: MAX_SHOWN_LINES,
      truncated: true,
    });
    expect(details.text.split('\n')).toHaveLength(MAX_SHOWN_LINES);
    expect(details.text.split('\n')[1]).toBe('第1段说明文字');

    const wide = Array.from({ length: 100 }, () => '说'.repeat(1000)).join('\n');
    const big = await t.request(coord, 'POST', '/api/notices', { text: wide });
    expect(big.statusCode).toBe(422);
    const cut = big.json().error.details;
    expect(cut.lineCount).toBe(100);
    expect(cut.truncated).toBe(true);
    expect(Buffer.byteLength(cut.text, 'utf8')).toBeLessThanOrEqual(MAX_SHOWN_BYTES);
    expect(cut.text.split('\n').every((l: string) => l.length === 1000)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('documents listStartLine and the details of no-task-list in the OpenAPI document', async () => {
    const doc = (await t.request(null, 'GET', '/api/openapi.json')).json();
    const op = doc.paths['/api/notices'].post;
    expect(op.description).toContain('listStartLine');
    expect(op.requestBody.content['multipart/form-data'].schema.properties).toHaveProperty('listStartLine');
    expect(op.requestBody.content['application/json'].schema.properties).toHaveProperty('listStartLine');
    const noTasks = op.responses['422'].content['application/json'].schema.oneOf.find(
      (s: { properties: { error: { properties: { code: { const: string } } } } }) =>
        s.properties.error.properties.code.const === 'no-task-list',
    );
    expect(Object.keys(noTasks.properties.error.properties.details.properties)).toEqual(
      expect.arrayContaining(['text', 'lineCount', 'truncated']),
    );
    expect(doc.components.schemas.Error.properties.error.properties).toHaveProperty('details');
  });
});
