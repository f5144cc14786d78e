/**
 * The benchmark's questions asked in hand-written SQL straight to the driver (better-sqlite3 or pg),
 * without Fastify, sessions, Kysely or JSON: the floor the server's time is compared with.
 */
import type { Calendar, SupervisionSettings } from '@luoshi/core';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { OpenStore } from '../src/db/store.ts';

export type Direct = { run(): Promise<void>; close(): Promise<void>; profile?: () => Promise<number[]> };

type Runner = { query(text: string, params: unknown[]): Promise<unknown[]>; close(): Promise<void> };

async function runner(store: OpenStore): Promise<Runner> {
  if (store.dialect === 'sqlite') {
    const db = new BetterSqlite3(store.file!, { readonly: true });
    const cache = new Map<string, BetterSqlite3.Statement>();
    return {
      query: async (text, params) => {
        const q = text.replace(/\$\d+/g, '?');
        let st = cache.get(q);
        if (!st) {
          st = db.prepare(q);
          cache.set(q, st);
        }
        return st.all(...params);
      },
      close: async () => {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: store.url! });
  await client.connect();
  return {
    query: async (text, params) => (await client.query(text, params)).rows,
    close: () => client.end(),
  };
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function handWrittenDashboard(
  store: OpenStore,
  o: { year: number; today: string; settings: SupervisionSettings; calendar: Calendar },
): Promise<Direct> {
  const r = await runner(store);
  const from = `${o.year}-01-01`;
  const to = `${o.year}-12-31`;
  const scope = `d.due_date between $1 and $2 and d.plan_id in (select id from plans where status = 'published')`;
  const dues = (await r.query(`select distinct d.due_date as due from deliverables d where ${scope}`, [
    from,
    to,
  ])) as {
    due: string;
  }[];
  const moved = dues.map((x) => [x.due, o.calendar.dueDateOf(x.due)]).filter(([a, b]) => a !== b);
  const E =
    moved.length === 0
      ? 'd.due_date'
      : `(case d.due_date ${moved.map(([a, b]) => `when ${quote(a!)} then ${quote(b!)}`).join(' ')} else d.due_date end)`;
  const today = quote(o.today);
  const soon = quote(o.calendar.addWorkingDays(o.today, o.settings.dueSoonWorkdays + 1));
  const inTime = `(d.submitted_at is not null and d.submitted_at < (${E} || 'T16:00:00'))`;
  const done = `d.status in ('accepted', 'closed')`;
  const handed = `d.status in ('submitted', 'approved')`;
  const signal = `case when ${done} then 'blue'
    when ${handed} then (case when d.submitted_at is not null and d.submitted_at >= (${E} || 'T16:00:00') then 'red' else 'green' end)
    when ${E} < ${today} then 'red' when d.status = 'returned' then 'yellow' when ${E} < ${soon} then 'yellow'
    when ${today} < d.period_start and d.status = 'pending' then 'grey' else 'green' end`;
  const overdue = `not ${done} and not ${handed} and ${E} < ${today}`;
  const onTime = `(${inTime} or (d.submitted_at is null and ${done}))`;
  const grouped = (
    key: string,
  ) => `select g, signal, count(*) as n, sum(counted) as counted, sum(on_time) as on_time,
      sum(overdue) as overdue from (select ${key} as g, ${signal} as signal,
      case when ${E} < ${today} or ${onTime} then 1 else 0 end as counted,
      case when ${onTime} then 1 else 0 end as on_time,
      case when ${overdue} then 1 else 0 end as overdue
      from deliverables d where ${scope}) s group by g, signal`;
  const queries = [
    grouped('d.org_id'),
    grouped('d.task_id'),
    `select substr(d.due_date, 1, 7) as month, count(*) as due, sum(case when ${inTime} then 1 else 0 end) as on_time,
      sum(case when ${done} then 1 else 0 end) as accepted from deliverables d where ${scope} group by substr(d.due_date, 1, 7)`,
    `select d.id, d.title, d.org_id, o.name, d.task_no, d.due_date from deliverables d join orgs o on o.id = d.org_id
      where ${scope} and ${overdue} order by ${E}, d.task_no, o.name, d.id limit 100`,
    `select * from (select d.task_id, d.org_id, r.figures_json, r.reviewed_at, row_number() over
      (partition by d.task_id, d.org_id order by r.reviewed_at desc, r.id desc) as rn
      from reports r join deliverables d on d.id = r.deliverable_id join tasks t on t.id = d.task_id
      where ${scope} and r.status = 'accepted' and r.figures_json <> '[]' and t.indicators_json <> '[]') x where rn = 1`,
  ];
  return {
    run: async () => {
      for (const q of queries) await r.query(q, [from, to]);
    },
    profile: async () => {
      const out: number[] = [];
      for (const q of queries) {
        const t0 = performance.now();
        await r.query(q, [from, to]);
        out.push(Math.round(performance.now() - t0));
      }
      return out;
    },
    close: () => r.close(),
  };
}

/** The deliverables of one unit, in due-date order. */
export async function handWrittenDeliverables(store: OpenStore, orgId: string): Promise<Direct> {
  const r = await runner(store);
  return {
    run: async () => {
      await r.query('select * from deliverables where org_id = $1 order by due_date, task_no', [orgId]);
    },
    close: () => r.close(),
  };
}
