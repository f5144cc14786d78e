/** Calls to the running app's API from a browser test, for setting up what the browser then sees. */
import { expect } from 'vitest';
import type { E2E } from './harness.ts';

/** Sign in through the API and return the session cookie. */
export async function apiSession(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** One API call with a session cookie; anything but 2xx fails the test with the answer. */
export async function call<T>(
  e: E2E,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${e.url}${path}`, {
    method,
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
