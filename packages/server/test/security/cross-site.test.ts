/**
 * Cross-site request forgery from the same site (security audit, finding 2): a page on another port
 * of the same host (http://127.0.0.1:4500) is the same *site*, so SameSite=Lax lets the session cookie
 * ride along. The server refuses state-changing requests whose Sec-Fetch-Site or Origin say they come
 * from another origin, and multipart bodies without the X-Luoshi-Request header; nothing changes.
 * A real listening server on 127.0.0.1, on SQLite and PostgreSQL.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRecords } from '../helpers/audit-count.ts';
import { DIALECTS, PASSWORD, type TestApp, testApp } from '../helpers/harness.ts';
import { multipart } from '../helpers/multipart.ts';
import { blobFiles, PNG, world } from '../reports/world.ts';

type Answer = {
  status: number;
  json: { error?: { code: string; message: string } } & Record<string, unknown>;
};

const EVIL = 'http://127.0.0.1:4500';

/** One HTTP request with exactly the headers given (no client adds its own). */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : {} });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** What a browser adds to a request from the page at `from`. */
function fromPage(from: string, site: string | null): Record<string, string> {
  return { origin: from, ...(site ? { 'sec-fetch-site': site } : {}) };
}

const CROSS_SITE = {
  code: 'cross-site',
  message: '拒绝来自其他网站的请求：请在本系统的页面中操作',
};

describe.each(DIALECTS)('cross-site requests on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let w: Awaited<ReturnType<typeof world>>;

  beforeAll(async () => {
    // Deliverables of 2025-03 are overdue on 2025-04-10: an escalation pass has work to do.
    t = await testApp(dialect, {
      now: '2025-04-10T02:00:00.000Z',
      config: { publicUrl: 'https://luoshi.example.gov' },
    });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    w = await world(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const count = async (table: 'reports' | 'evidence' | 'escalations' | 'auditLog') =>
    Number(
      (
        await t.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const icalToken = async () =>
    (
      await t.store.db
        .selectFrom('orgs')
        .select('icalToken')
        .where('id', '=', w.caizheng)
        .executeTakeFirstOrThrow()
    ).icalToken;
  const state = async () => ({
    reports: await count('reports'),
    evidence: await count('evidence'),
    escalations: await count('escalations'),
    audit: await changeRecords(t.store),
    token: await icalToken(),
    blobs: blobFiles(t.store.dataDir),
  });

  /** A report with evidence as a form would post it: multipart, no custom header. */
  const reportForm = () => {
    const { payload, headers } = multipart([
      { name: 'narrative', value: '本季度已按要求公开财政预决算，公开率100%。' },
      { name: 'submit', value: 'true' },
      { name: 'evidence', filename: '公开截图.png', content: PNG, contentType: 'image/png' },
    ]);
    return { payload, type: headers['content-type']! };
  };

  it('refuses a report with evidence, a calendar link rotation and an escalation pass from another port', async () => {
    const before = await state();
    const form = reportForm();
    const attempts: [string, string, Record<string, string>, Buffer | string][] = [
      // An auto-submitting multipart form on http://127.0.0.1:4500 (a current browser).
      [
        `/api/deliverables/${w.leadId}/reports`,
        w.cookies.reporter,
        { ...fromPage(EVIL, 'same-site'), 'content-type': form.type },
        form.payload,
      ],
      // The same from a browser that sends Origin but not Sec-Fetch-Site.
      [
        `/api/deliverables/${w.leadId}/reports`,
        w.cookies.reporter,
        { ...fromPage(EVIL, null), 'content-type': form.type },
        form.payload,
      ],
      // Even with the custom header (a script that asked for it): the origin is still another one.
      [
        `/api/deliverables/${w.leadId}/reports`,
        w.cookies.reporter,
        { ...fromPage(EVIL, null), 'content-type': form.type, 'x-luoshi-request': '1' },
        form.payload,
      ],
      // Empty form posts, as a form with no fields sends them.
      [
        `/api/orgs/${w.caizheng}/calendar-link/rotate`,
        w.cookies.coord,
        { ...fromPage(EVIL, 'same-site'), 'content-type': 'application/x-www-form-urlencoded' },
        '',
      ],
      [
        `/api/orgs/${w.caizheng}/calendar-link/rotate`,
        w.cookies.coord,
        { ...fromPage(EVIL, null), 'content-type': 'application/x-www-form-urlencoded' },
        '',
      ],
      [
        '/api/escalations/run',
        w.cookies.coord,
        { ...fromPage(EVIL, 'same-site'), 'content-type': 'application/x-www-form-urlencoded' },
        '',
      ],
      // Another site altogether, a sandboxed page (Origin: null), Sec-Fetch-Site without Origin.
      ['/api/escalations/run', w.cookies.coord, fromPage('https://evil.example', 'cross-site'), ''],
      ['/api/escalations/run', w.cookies.coord, fromPage('null', 'cross-site'), ''],
      ['/api/escalations/run', w.cookies.coord, { 'sec-fetch-site': 'same-site' }, ''],
      // http:// of the public https:// address is another origin.
      ['/api/escalations/run', w.cookies.coord, fromPage('http://luoshi.example.gov', null), ''],
    ];
    for (const [path, cookie, headers, body] of attempts) {
      const res = await send(base, 'POST', path, { cookie, ...headers }, body);
      expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
      expect(res.json).toEqual({ error: CROSS_SITE });
    }
    expect(await state()).toEqual(before);
  });

  it('refuses a multipart body without X-Luoshi-Request even from no page at all', async () => {
    const before = await state();
    const form = reportForm();
    const res = await send(
      base,
      'POST',
      `/api/deliverables/${w.leadId}/reports`,
      { cookie: w.cookies.reporter, 'content-type': form.type },
      form.payload,
    );
    expect(res.status).toBe(403);
    expect(res.json.error?.code).toBe('cross-site');
    expect(res.json.error?.message).toContain('X-Luoshi-Request');
    expect(await state()).toEqual(before);
  });

  it('refuses a cross-site login (login CSRF) and sets no cookie', async () => {
    const body = JSON.stringify({ username: 'coord', password: PASSWORD });
    const res = await send(
      base,
      'POST',
      '/api/session',
      { ...fromPage(EVIL, 'same-site'), 'content-type': 'application/json' },
      body,
    );
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ error: CROSS_SITE });
  });

  it('lets a link from another site open pages and read (GET is not state-changing)', async () => {
    const res = await send(base, 'GET', '/api/me', {
      cookie: w.cookies.reporter,
      ...fromPage(EVIL, 'same-site'),
    });
    expect(res.status).toBe(200);
  });

  it('does all three from the app itself: same origin, or PUBLIC_URL behind a proxy', async () => {
    const before = await state();
    const form = reportForm();
    const created = await send(
      base,
      'POST',
      `/api/deliverables/${w.leadId}/reports`,
      {
        cookie: w.cookies.reporter,
        ...fromPage(base, 'same-origin'),
        'content-type': form.type,
        'x-luoshi-request': '1',
      },
      form.payload,
    );
    expect(created.status).toBe(201);
    expect(await count('reports')).toBe(before.reports + 1);
    expect(await count('evidence')).toBe(before.evidence + 1);

    // The address people open (PUBLIC_URL), as a proxy that keeps the Host of its upstream sends it.
    const rotated = await send(base, 'POST', `/api/orgs/${w.caizheng}/calendar-link/rotate`, {
      cookie: w.cookies.coord,
      ...fromPage('https://luoshi.example.gov', 'same-origin'),
    });
    expect(rotated.status).toBe(200);
    expect(await icalToken()).not.toBe(before.token);

    const ran = await send(
      base,
      'POST',
      '/api/escalations/run',
      { cookie: w.cookies.coord, ...fromPage(base, 'same-origin'), 'content-type': 'application/json' },
      '{}',
    );
    expect(ran.status).toBe(200);
    expect(await count('escalations')).toBeGreaterThan(before.escalations);
  });

  it('keeps clients that send neither header working (the CLI, curl) and a typed address (Sec-Fetch-Site: none)', async () => {
    const token = await icalToken();
    const curl = await send(base, 'POST', `/api/orgs/${w.caizheng}/calendar-link/rotate`, {
      cookie: w.cookies.coord,
    });
    expect(curl.status).toBe(200);
    const typed = await send(base, 'POST', `/api/orgs/${w.caizheng}/calendar-link/rotate`, {
      cookie: w.cookies.coord,
      'sec-fetch-site': 'none',
    });
    expect(typed.status).toBe(200);
    expect(await icalToken()).not.toBe(token);
  });
});

describe('the origin a trusted proxy reports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp('sqlite', { config: { trustProxy: true } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is the server’s own origin behind TLS when TRUST_PROXY believes X-Forwarded-Proto and -Host, or the Host is passed on', async () => {
    const headers = {
      origin: 'https://luoshi.internal',
      'sec-fetch-site': 'same-origin',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'luoshi.internal',
    };
    const payload = { username: 'coord', password: PASSWORD };
    const trusted = await t.app.inject({ method: 'POST', url: '/api/session', headers, payload });
    expect(trusted.statusCode).toBe(200);
    const untrusting = await testApp('sqlite');
    try {
      const res = await untrusting.app.inject({ method: 'POST', url: '/api/session', headers, payload });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ error: CROSS_SITE });
      // A TLS proxy that passes the Host on: https://luoshi.internal arrives as http, the host is its own.
      const passedOn = await untrusting.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: {
          host: 'luoshi.internal',
          origin: 'https://luoshi.internal',
          'sec-fetch-site': 'same-origin',
        },
        payload,
      });
      expect(passedOn.statusCode).toBe(200);
      const otherPort = await untrusting.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { host: 'luoshi.internal', origin: 'https://luoshi.internal:4500' },
        payload,
      });
      expect(otherPort.statusCode).toBe(403);
    } finally {
      await untrusting.close();
    }
  });
});

describe('the cross-site rule in the API document', () => {
  it('names the cross-site refusal on every operation that changes data, and the upload header on every upload', async () => {
    const t = await testApp('sqlite');
    try {
      const doc = (await t.request(null, 'GET', '/api/openapi.json')).json() as {
        paths: Record<
          string,
          Record<
            string,
            {
              responses: Record<string, { description?: string }>;
              parameters?: { name: string; in: string; required?: boolean }[];
              requestBody?: { content: Record<string, unknown> };
            }
          >
        >;
      };
      let uploads = 0;
      for (const [path, ops] of Object.entries(doc.paths))
        for (const [method, op] of Object.entries(ops)) {
          const refusal = op.responses['403']?.description ?? '';
          if (method === 'get') expect(refusal, `${method} ${path}`).not.toContain('cross-site');
          else expect(refusal, `${method} ${path}`).toContain('cross-site');
          if (op.requestBody?.content['multipart/form-data']) {
            uploads++;
            expect(op.parameters, `${method} ${path}`).toContainEqual(
              expect.objectContaining({ name: 'X-Luoshi-Request', in: 'header', required: true }),
            );
          }
        }
      expect(uploads).toBeGreaterThan(1);
    } finally {
      await t.close();
    }
  });
});
