/**
 * Limits that agree with the schemas (security audit, finding 13): the notice text and the org
 * directory CSV are limited in characters by their schemas, and the routes' body limits are derived
 * from the same numbers (http/limits.ts). A text of exactly the limit — in Chinese, three bytes a
 * character — is accepted; one character more is the schema's validation error naming the field;
 * a body beyond the route's limit is 413 payload-too-large, in the error envelope.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyBytesFor, NOTICE_TEXT_MAX_CHARS, ORG_CSV_MAX_CHARS } from '../../src/http/limits.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { referenceText } from '../helpers/plans.ts';

const ORGS_CSV = new URL('../../../core/data/yingtan-orgs.csv', import.meta.url);

/** `text` filled up to `length` characters with Chinese text after a line break. */
function padded(text: string, length: number): string {
  return `${text}\n${'附件说明文字内容。'.repeat(length).slice(0, length - text.length - 1)}`;
}

/** The default directory's CSV with an extra column (ignored on import) that makes it `length` characters long. */
function paddedCsv(length: number): string {
  const [header, ...rows] = readFileSync(ORGS_CSV, 'utf8').trimEnd().split(/\r?\n/);
  const csv = [`${header},说明`, ...rows.map((r) => `${r},`)].join('\n');
  return `${csv}${'单位说明文字。'.repeat(length).slice(0, length - csv.length)}`;
}

describe.each(DIALECTS)('body limits that agree with the schemas on %s', (dialect) => {
  let t: TestApp;
  let coord: string;

  beforeAll(async () => {
    t = await testApp(dialect);
    coord = await t.login('coord');
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (url: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: coord, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it(`imports a notice text of exactly ${NOTICE_TEXT_MAX_CHARS} characters`, async () => {
    const text = padded(referenceText(), NOTICE_TEXT_MAX_CHARS);
    expect(text).toHaveLength(NOTICE_TEXT_MAX_CHARS);
    const res = await post('/api/notices', { text, year: 2025 });
    expect(res.statusCode).toBe(201);
    expect(res.json().plan.counts.tasks).toBe(51);
  });

  it('refuses one character more with a validation error on text', async () => {
    const res = await post('/api/notices', { text: padded(referenceText(), NOTICE_TEXT_MAX_CHARS + 1) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation', field: 'text' });
    expect(res.json().error.message).toContain(`不能超过${NOTICE_TEXT_MAX_CHARS}字`);
  });

  it('refuses a notice body beyond the route’s limit with 413 in the envelope', async () => {
    const bytes = bodyBytesFor(NOTICE_TEXT_MAX_CHARS) + 1;
    const res = await post('/api/notices', { text: 'x'.repeat(bytes) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload-too-large' });
  });

  it(`imports an org directory CSV of exactly ${ORG_CSV_MAX_CHARS} characters`, async () => {
    const csv = paddedCsv(ORG_CSV_MAX_CHARS);
    expect(csv).toHaveLength(ORG_CSV_MAX_CHARS);
    const res = await post('/api/orgs/import', { csv });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ added: 0, updated: 0 });
  });

  it('refuses one character more with a validation error on csv', async () => {
    const res = await post('/api/orgs/import', { csv: paddedCsv(ORG_CSV_MAX_CHARS + 1) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation', field: 'csv' });
    expect(res.json().error.message).toContain(`不能超过${ORG_CSV_MAX_CHARS}字`);
  });

  it('refuses a CSV body beyond the route’s limit with 413 in the envelope', async () => {
    const res = await post('/api/orgs/import', { csv: 'x'.repeat(bodyBytesFor(ORG_CSV_MAX_CHARS) + 1) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload-too-large' });
  });

  it('documents the same limits in the OpenAPI document', async () => {
    const doc = (await t.request(null, 'GET', '/api/openapi.json')).json();
    const jsonBody = (path: string) =>
      doc.paths[path].post.requestBody.content['application/json'].schema.properties;
    expect(jsonBody('/api/notices').text.maxLength).toBe(NOTICE_TEXT_MAX_CHARS);
    expect(jsonBody('/api/orgs/import').csv.maxLength).toBe(ORG_CSV_MAX_CHARS);
    expect(doc.paths['/api/notices'].post.responses['413'].description).toContain(
      `${NOTICE_TEXT_MAX_CHARS}字`,
    );
  });

  it('keeps the 1 MiB default on routes that take no large text', async () => {
    const res = await post('/api/orgs', {
      name: 'x'.repeat(1024 * 1024),
      kind: 'department',
      parentId: null,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload-too-large' });
  });
});
