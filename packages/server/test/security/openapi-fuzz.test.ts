/**
 * Every operation of the OpenAPI document, sent hostile input (security audit, "done when"): random
 * bytes, NUL characters, numbers beyond any column, impossible dates, wrong JSON types, as the
 * coordinator (who passes most role checks, so the input reaches validation) and anonymously.
 * Whatever comes back is never a 5xx, every error is in the envelope, and a refused request changes
 * nothing in the database. The inputs come from a seeded generator: a failure names the seed and
 * the request, and repeats.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../../bench/generate.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { world } from '../reports/world.ts';

type Op = {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyProps: string[] | null;
  multipart: boolean;
};

type Attempt = {
  op: Op;
  who: 'coord' | 'anonymous';
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
};

/** Seeded random bytes and picks (the bench's generator), so every run sends the same requests. */
function generator(seed: number) {
  const next = rng(seed);
  return {
    bytes(n: number): Buffer {
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) b[i] = Math.floor(next() * 256);
      return b;
    },
    pick<T>(xs: readonly T[]): T {
      return xs[Math.floor(next() * xs.length)]!;
    },
  };
}

const SEED = 20261203;

/** Strings that reach a query or a path: each is sent already percent-encoded. */
function hostileStrings(g: ReturnType<typeof generator>): string[] {
  const raw = [
    '\u0000',
    'a\u0000b',
    '9'.repeat(25),
    '99999999999',
    '-1',
    '1e308',
    'NaN',
    '2026-99-99',
    '2026-02-30',
    '9999-12-31',
    '0000-00-00',
    "'; drop table users; --",
    '../../../etc/passwd',
    'x'.repeat(3000),
  ].map(encodeURIComponent);
  // Bytes that are not UTF-8 (a lone surrogate's encoding, random bytes), percent-encoded as they are.
  const asPercent = (b: Buffer) => [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('');
  raw.push('%ED%A0%80', '%FF%FE', asPercent(g.bytes(12)), asPercent(g.bytes(40)));
  return raw;
}

/** Values for one JSON property: wrong types, extremes, NULs. */
function hostileValues(g: ReturnType<typeof generator>): unknown[] {
  return [
    '\u0000',
    'a\u0000b',
    '2026-99-99',
    '9999-12-31',
    '\ud800',
    g.bytes(24).toString('latin1'),
    'x'.repeat(3000),
    99999999999,
    -1,
    1e308,
    2 ** 53 + 2,
    0.5,
    null,
    true,
    [],
    {},
    [[[[[[[[[[{}]]]]]]]]]],
  ];
}

/** Whole bodies that are not what any operation takes. */
function hostileBodies(g: ReturnType<typeof generator>): { type: string; payload: string | Buffer }[] {
  return [
    { type: 'application/json', payload: g.bytes(64) },
    { type: 'application/json', payload: '"\\u0000"' },
    { type: 'application/json', payload: '[1e400]' },
    { type: 'application/json', payload: `${'['.repeat(2000)}${']'.repeat(2000)}` },
    { type: 'application/json', payload: '{"a":' },
    { type: 'multipart/form-data; boundary=zzz', payload: g.bytes(200) },
    { type: 'application/x-www-form-urlencoded', payload: 'a=%00&b=1' },
  ];
}

function operations(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Op[] {
  const ops: Op[] = [];
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []) as { name: string; in: string }[];
      const content = (op.requestBody as { content?: Record<string, { schema?: { properties?: object } }> })
        ?.content;
      const json = content?.['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        bodyProps: json ? Object.keys(json.properties ?? {}) : null,
        multipart: Boolean(content?.['multipart/form-data']),
      });
    }
  return ops;
}

/** The URL of an operation with every path parameter a well-formed id that names nothing. */
function urlOf(op: Op, override?: [string, string]): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    override && override[0] === name ? override[1] : '00000000-0000-4000-8000-000000000000',
  );
}

function attempts(op: Op, g: ReturnType<typeof generator>, cookie: string): Attempt[] {
  const out: Attempt[] = [];
  const strings = hostileStrings(g);
  const base = (who: Attempt['who']) => ({
    op,
    who,
    method: op.method,
    headers: who === 'coord' ? { cookie } : ({} as Record<string, string>),
  });
  const mutating = op.method !== 'GET';
  for (const p of op.pathParams)
    for (const s of strings) out.push({ ...base('coord'), url: urlOf(op, [p, s]) });
  for (const q of op.queryParams)
    for (const s of strings) out.push({ ...base('coord'), url: `${urlOf(op)}?${q}=${s}` });
  if (op.bodyProps)
    for (const prop of op.bodyProps)
      for (const v of hostileValues(g))
        out.push({
          ...base('coord'),
          url: urlOf(op),
          headers: { cookie, 'content-type': 'application/json' },
          payload: JSON.stringify({ [prop]: v }),
        });
  if (mutating)
    for (const b of hostileBodies(g)) {
      // The header the web app sends with uploads, so a hostile multipart body reaches the parser.
      out.push({
        ...base('coord'),
        url: urlOf(op),
        headers: { cookie, 'content-type': b.type, 'x-luoshi-request': '1' },
        payload: b.payload,
      });
      out.push({
        ...base('anonymous'),
        url: urlOf(op),
        headers: { 'content-type': b.type },
        payload: b.payload,
      });
    }
  return out;
}

/** Tables whose change a refused request may cause: sessions and the login throttle. */
const VOLATILE = new Set(['sessions', 'login_throttle', 'luoshi_migrations', 'luoshi_migration_lock']);

/** One digest of every table's rows (audit records of refusals and failed logins left out). */
async function digest(t: TestApp): Promise<Record<string, string>> {
  const db = t.store.db;
  const tables =
    t.store.dialect === 'sqlite'
      ? (
          await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
        ).rows.map((r) => r.name)
      : (
          await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(
            db,
          )
        ).rows.map((r) => r.name);
  const out: Record<string, string> = {};
  for (const table of tables.sort()) {
    if (VOLATILE.has(table)) continue;
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows
      .filter(
        (r) =>
          table !== 'audit_log' || !/^(session\.|security\.|access\.)/.test(String(r.action ?? r.kind ?? '')),
      )
      .map((r) => JSON.stringify(r, Object.keys(r).sort()))
      .sort();
    out[table] = `${rows.length}:${createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

describe.each(DIALECTS)('OpenAPI fuzz on %s', (dialect) => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await testApp(dialect);
    const w = await world(t);
    cookie = w.cookies.coord;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers every hostile request of every operation without a 5xx, in the envelope, changing nothing when it refuses', async () => {
    const doc = (await t.request(null, 'GET', '/api/openapi.json')).json();
    const ops = operations(doc).filter(
      // Signing out ends the coordinator's own session: it is exercised by the session tests.
      (op) => !(op.method === 'DELETE' && op.path === '/api/session'),
    );
    expect(ops.length).toBeGreaterThan(40);
    const g = generator(SEED);
    const failures: string[] = [];
    let sent = 0;
    let accepted = 0;
    for (const op of ops) {
      const before = await digest(t);
      let changedByAccepted = false;
      for (const a of attempts(op, g, cookie)) {
        const res = await t.app.inject({
          method: a.method as 'GET',
          url: a.url,
          headers: a.headers,
          ...(a.payload === undefined ? {} : { payload: a.payload }),
        });
        sent++;
        const where = `${a.who} ${a.method} ${a.url.slice(0, 120)} ${String(a.payload ?? '').slice(0, 60)}`;
        if (res.statusCode >= 500) failures.push(`${res.statusCode} ${where}: ${res.body.slice(0, 200)}`);
        if (res.statusCode >= 400) {
          let error: { code?: unknown; message?: unknown } | undefined;
          try {
            error = res.json().error;
          } catch {
            error = undefined;
          }
          if (typeof error?.code !== 'string' || typeof error?.message !== 'string')
            failures.push(`${res.statusCode} outside the envelope ${where}: ${res.body.slice(0, 200)}`);
        } else {
          accepted++;
          if (a.method !== 'GET') changedByAccepted = true;
        }
      }
      // A refused request changes nothing: compared per operation unless one of its requests was
      // legitimately accepted (a hostile value an optional field may hold, e.g. a search word).
      if (!changedByAccepted) {
        const after = await digest(t);
        for (const table of Object.keys({ ...before, ...after }))
          if (before[table] !== after[table])
            failures.push(`${op.method} ${op.path} changed ${table}: ${before[table]} → ${after[table]}`);
      }
    }
    expect(sent).toBeGreaterThan(1000);
    expect(failures, `seed ${SEED}, ${sent} requests, ${accepted} accepted`).toEqual([]);
  }, 600_000);
});
