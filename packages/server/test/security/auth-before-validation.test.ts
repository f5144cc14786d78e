/**
 * Authentication before validation (security audit, finding 9): on every route that needs a session
 * and takes a body, an anonymous caller gets 401 in the envelope, never a 400 that describes the
 * schema; a signed-in user of a role the route refuses gets 403 before the body is looked at.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema.ts';
import { type TestApp, testApp } from '../helpers/harness.ts';

type Operation = {
  security?: unknown[];
  'x-roles'?: Role[];
  requestBody?: { content?: Record<string, unknown> };
};

type BodyRoute = { method: string; url: string; roles?: Role[] };

const ROLES: readonly Role[] = ['coordinator', 'leader', 'reporter', 'viewer'];

function expectError(res: LightMyRequestResponse, status: number, code: string, what: string) {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
  const body = res.json() as { error: Record<string, unknown> };
  expect(Object.keys(body), what).toEqual(['error']);
  expect(body.error.code, what).toBe(code);
  expect(typeof body.error.message, what).toBe('string');
  expect(body.error.field, what).toBeUndefined();
}

describe('authentication is checked before the body is validated', () => {
  let t: TestApp;
  let routes: BodyRoute[];
  beforeAll(async () => {
    t = await testApp('sqlite');
    const doc = (await t.request(null, 'GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    routes = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        if ((op.security ?? []).length === 0) continue;
        if (!op.requestBody?.content?.['application/json']) continue;
        // Path parameters get a placeholder: the request must not get as far as looking it up.
        const url = path.replace(/\{\w+\}/g, 'x');
        routes.push({
          method: method.toUpperCase(),
          url,
          ...(op['x-roles'] ? { roles: op['x-roles'] } : {}),
        });
      }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds the protected routes with a JSON body in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
  });

  it('answers an anonymous request with an invalid body 401, not 400', async () => {
    const bodies: { what: string; payload: string }[] = [
      { what: 'an array', payload: '[1]' },
      { what: 'wrong types', payload: '{"id":1,"text":[],"version":"x","name":{}}' },
      { what: 'malformed JSON', payload: '{' },
    ];
    for (const r of routes)
      for (const b of bodies) {
        const res = await t.app.inject({
          method: r.method as 'POST',
          url: r.url,
          headers: { 'content-type': 'application/json' },
          payload: b.payload,
        });
        expectError(res, 401, 'unauthenticated', `${r.method} ${r.url} with ${b.what}`);
      }
  });

  it('answers a signed-in user of a role the route refuses 403, not 400', async () => {
    const cookies = new Map<Role, string>();
    let checked = 0;
    for (const r of routes) {
      const refused = ROLES.find((role) => r.roles && !r.roles.includes(role));
      if (!refused) continue;
      if (!cookies.has(refused)) {
        const name = await t.user(refused, refused === 'coordinator' ? undefined : '市司法局');
        cookies.set(refused, await t.login(name));
      }
      const res = await t.app.inject({
        method: r.method as 'POST',
        url: r.url,
        headers: { 'content-type': 'application/json', cookie: cookies.get(refused)! },
        payload: '[1]',
      });
      expectError(res, 403, 'forbidden', `${r.method} ${r.url} as ${refused}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('still validates the body of a signed-in caller the route admits', async () => {
    const cookie = await t.login('coord');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/escalations/run',
      headers: { 'content-type': 'application/json', cookie },
      payload: '{"asOf":"not a day"}',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation');
  });
});
