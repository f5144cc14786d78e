/**
 * Every error in the envelope {error:{code,message,field?}} with a Chinese message (security audit,
 * finding 12): Fastify's own errors included, from the URL router and the HTTP parser too.
 */
import { connect } from 'node:net';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../helpers/harness.ts';

function expectEnvelope(res: { statusCode: number; body: string }, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = JSON.parse(res.body) as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  for (const key of Object.keys(body.error)) expect(['code', 'message', 'field']).toContain(key);
  return body.error;
}

/** Send raw bytes to the listening server and read the whole answer (head and body). */
function raw(port: number, request: string): Promise<{ statusCode: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (!status) reject(new Error(`no HTTP answer: ${JSON.stringify(text)}`));
      else resolve({ statusCode: Number(status[1]), headers: head, body });
    });
    socket.write(request);
  });
}

describe('errors in the envelope', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await testApp('sqlite');
    cookie = await t.login('coord');
  });
  afterAll(async () => {
    await t?.close();
  });

  const send = (opts: InjectOptions): Promise<LightMyRequestResponse> => t.app.inject(opts);

  it('answers a URL that does not decode (GET /api/reports/%FF%FE) in the envelope', async () => {
    const res = await send({ method: 'GET', url: '/api/reports/%FF%FE', headers: { cookie } });
    expectEnvelope(res, 400, 'validation');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).not.toContain('FST_');
  });

  it('answers an over-long path parameter in the envelope', async () => {
    const res = await send({ method: 'GET', url: `/api/reports/${'a'.repeat(300)}`, headers: { cookie } });
    // Longer than any id: the router finds no route for it.
    expectEnvelope(res, 404, 'not-found');
    expect(res.body).not.toContain('FST_');
  });

  it('answers bad JSON, an empty JSON body and a forbidden prototype key in the envelope', async () => {
    for (const payload of ['{"username":', '', '{"__proto__":{"x":1},"username":"a","password":"b"}']) {
      const res = await send({
        method: 'POST',
        url: '/api/session',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode, payload).toBe(400);
      expectEnvelope(res, 400, res.json().error.code);
      expect(['bad-json', 'validation']).toContain(res.json().error.code);
    }
  });

  it('answers a body too large in the envelope', async () => {
    const res = await send({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(2_000_000), password: 'y' }),
    });
    expectEnvelope(res, 413, 'payload-too-large');
  });

  it('answers an unsupported media type in the envelope', async () => {
    for (const type of ['application/xml', 'text/plain', 'application/x-www-form-urlencoded']) {
      const res = await send({
        method: 'POST',
        url: '/api/session',
        headers: { 'content-type': type },
        payload: 'username=a&password=b',
      });
      expectEnvelope(res, 415, 'unsupported-media-type');
    }
  });

  it('answers unknown routes and methods with 404 in the envelope', async () => {
    for (const [method, url] of [
      ['GET', '/api/nothing-here'],
      ['POST', '/api/nothing-here'],
      ['DELETE', '/api/health'],
      ['GET', '/api/reports'],
    ] as const) {
      const res = await send({ method, url, headers: { cookie } });
      expectEnvelope(res, 404, 'not-found');
    }
  });

  it('answers requests the HTTP parser refuses in the envelope', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const garbage = await raw(port, 'GARBAGE\r\n\r\n');
    expectEnvelope(garbage, 400, 'validation');
    expect(garbage.headers).toMatch(/content-type: application\/json/i);
    const badHeader = await raw(port, 'GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n');
    expectEnvelope(badHeader, 400, 'validation');
    const huge = await raw(
      port,
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
    );
    expectEnvelope(huge, 431, 'payload-too-large');
    // A well-formed request on the same server still gets its answer.
    const ok = await raw(port, 'GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(ok.statusCode).toBe(200);
  });
});
