/**
 * Every date a request carries is a real calendar day (security audit, finding 13): in the query
 * and in the body of every route that takes one, `2026-99-99` or `2026-02-30` is a 400 validation
 * error naming the field, and nothing changes. One schema (http/inputs.ts `isoDay`) checks them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { snapshot, type World, world } from '../reports/world.ts';

const BAD_DATES = [
  '2026-99-99',
  '2026-02-30',
  '2025-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-04-31',
  '2026-1-1',
  '26-01-01',
  '2026-01-01T00:00:00Z',
  '２０２６-０１-０１',
  '',
];

type DateRoute = {
  name: string;
  who: keyof World['cookies'];
  method: 'GET' | 'POST' | 'PATCH';
  field: string;
  url: (w: World, day: string) => string;
  body?: (day: string) => Record<string, unknown>;
};

const ROUTES: DateRoute[] = [
  {
    name: 'deliverables dueFrom',
    who: 'coord',
    method: 'GET',
    field: 'dueFrom',
    url: (_, day) => `/api/deliverables?dueFrom=${encodeURIComponent(day)}`,
  },
  {
    name: 'deliverables dueTo',
    who: 'reporter',
    method: 'GET',
    field: 'dueTo',
    url: (_, day) => `/api/deliverables?dueTo=${encodeURIComponent(day)}`,
  },
  {
    name: 'extension requestedDueDate',
    who: 'reporter',
    method: 'POST',
    field: 'requestedDueDate',
    url: (w) => `/api/deliverables/${w.leadId}/extensions`,
    body: (day) => ({ requestedDueDate: day, reason: '需要补充统计数据，申请延期。' }),
  },
  {
    name: 'escalation asOf',
    who: 'coord',
    method: 'POST',
    field: 'asOf',
    url: () => '/api/escalations/run',
    body: (day) => ({ asOf: day }),
  },
  {
    name: 'escalation asOf (dry run)',
    who: 'coord',
    method: 'POST',
    field: 'asOf',
    url: () => '/api/escalations/run',
    body: (day) => ({ asOf: day, dryRun: true }),
  },
  {
    name: 'plan correction, a one-off deadline',
    who: 'coord',
    method: 'PATCH',
    field: 'edits.0.obligations.0.date',
    url: () => '/api/plans/any-plan',
    body: (day) => ({
      rowVersion: 1,
      edits: [
        { task: 1, op: 'set-obligations', obligations: [{ kind: 'once', raw: '年底前完成', date: day }] },
      ],
    }),
  },
];

describe.each(DIALECTS)('invalid dates on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await world(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const state = async () => ({
    ...(await snapshot(t)),
    escalations: await t.store.db.selectFrom('escalations').select('id').execute(),
    plans: await t.store.db.selectFrom('plans').selectAll().orderBy('id').execute(),
  });

  it.each(ROUTES)('refuses a day no calendar has: $name', async (r) => {
    const before = await state();
    for (const day of BAD_DATES) {
      const res = await t.request(w.cookies[r.who], r.method, r.url(w, day), r.body?.(day));
      expect(res.statusCode, `${r.name} ${JSON.stringify(day)}`).toBe(400);
      const error = res.json().error;
      expect(error.code).toBe('validation');
      expect(error.field, `${r.name} ${JSON.stringify(day)}`).toBe(r.field);
      expect(error.message.startsWith(`${r.field}: `)).toBe(true);
    }
    expect(await state()).toEqual(before);
  });

  it('takes real days, 29 February of a leap year included', async () => {
    const res = await t.request(
      w.cookies.coord,
      'GET',
      '/api/deliverables?dueFrom=2024-02-29&dueTo=2025-03-31',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((d: { id: string }) => d.id)).toContain(w.leadId);
    const before = await t.request(w.cookies.coord, 'GET', '/api/deliverables?dueTo=2025-03-30');
    expect(before.json().items.map((d: { id: string }) => d.id)).not.toContain(w.leadId);
  });
});
