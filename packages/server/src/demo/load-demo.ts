/**
 * Demo data, so a newcomer sees a living system at once: the reference notice imported and published
 * at the start of the current year, one reporter per responsible unit (plus a unit leader and a city
 * leader), and the year replayed up to today (replay-year.ts) — reports on time and accepted, late,
 * returned, awaiting review, drafts, extensions, units that never reported — with the escalation pass
 * each morning, so 提醒, 催办 and 督办单 carry the days they were issued. Reports on tasks with
 * indicators carry figures. Everything goes through the same use cases as the API, so every change
 * has its audit record, dated when it happened. Notices older than a week are left read, as the
 * office would have read them when they came: a fresh demo's inbox holds only the last days' notices.
 */
import { readFile } from 'node:fs/promises';
import { REFERENCE_NOTICE_URL } from '@luoshi/core';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { shanghaiDay } from '../clock.ts';
import type { AppContext } from '../context.ts';
import type { Role } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import { markReadBefore } from '../modules/notifications/mark-read-before.ts';
import { importNotice } from '../modules/plans/import-notice.ts';
import { publishPlan } from '../modules/plans/publish-plan.ts';
import { createUser } from '../modules/users/create-user.ts';
import { demoFigures } from './demo-figures.ts';
import { at, type Step, storyOf } from './demo-story.ts';
import { replayYear } from './replay-year.ts';

export const DEMO_PASSWORD = 'luoshi-demo-2026';

const REPORTING_KINDS = new Set([
  'department',
  'district-government',
  'management-committee',
  'party-organ',
  'court',
  'procuratorate',
  'association',
]);

/** Notices older than this many days are left read by the demo, as people would have read them. */
const READ_AFTER_DAYS = 7;

type Seeded = { users: number; deliverables: number; reports: number; message: string };

export async function loadDemo(ctx: AppContext): Promise<Seeded> {
  const { store } = ctx;
  const existing = await store.db.selectFrom('plans').select('id').limit(1).executeTakeFirst();
  if (existing) return { users: 0, deliverables: 0, reports: 0, message: '演示数据已存在，未重复加载' };
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  const year = Number(today.slice(0, 4));
  // The plan is published on the first Monday of the year (or today, early in January).
  const firstDay = [`${year}-01-05`, today].sort()[0]!;
  const start = at(firstDay);

  // People: one reporter per responsible unit, a leader of 市财政局, a city leader (viewer).
  const orgs = await store.db.selectFrom('orgs').select(['id', 'name', 'kind']).execute();
  const reporters = new Map<string, SessionUser>();
  const add = async (username: string, role: Role, orgId: string | null, displayName: string) => {
    const id = await createUser(
      store,
      SYSTEM_ACTOR,
      { username, password: DEMO_PASSWORD, role, orgId, displayName },
      start,
    );
    // Demo accounts share a published password and are not asked to change it (the demo is for trying out).
    return { id, username, displayName, role, orgId, mustChangePassword: null } satisfies SessionUser;
  };
  for (const o of orgs.filter((x) => REPORTING_KINDS.has(x.kind))) {
    reporters.set(o.id, await add(`lx-${o.id}`, 'reporter', o.id, `${o.name}联络员`));
  }
  await add('leader-finance', 'leader', 'finance', '市财政局分管领导');
  await add('city-leader', 'viewer', null, '市领导（只读）');
  const coordinatorRow = await store.db
    .selectFrom('users')
    .select(['id', 'username', 'displayName', 'role', 'orgId'])
    .where('role', '=', 'coordinator')
    .orderBy('createdAt')
    .executeTakeFirstOrThrow();
  const coordinator: SessionUser = { ...coordinatorRow, mustChangePassword: null };

  // The notice, published for this year at its start.
  const text = await readFile(REFERENCE_NOTICE_URL, 'utf8');
  const imported = await importNotice(
    store,
    SYSTEM_ACTOR,
    { text, fileName: 'yingtan-2024-25.txt', year },
    start,
  );
  const published = { rowVersion: imported.plan.rowVersion };
  await publishPlan(store, SYSTEM_ACTOR, imported.planId, published, at(firstDay, 0, 30));

  const deliverables = await store.db
    .selectFrom('deliverables')
    .select(['id', 'orgId', 'dueDate', 'periodStart', 'taskNo'])
    .where('planId', '=', imported.planId)
    .orderBy('dueDate')
    .orderBy('id')
    .execute();

  const indicators = await taskIndicators(ctx, imported.planId);
  const tally = { reports: 0 };
  const steps: Step[] = [];
  for (const d of deliverables) {
    const reporter = reporters.get(d.orgId);
    if (!reporter) continue;
    const json = indicators.get(d.taskNo);
    const figures = (roll: number) => (json ? demoFigures(json, roll) : []);
    steps.push(...storyOf(d, { reporter, coordinator, figures, today, now, start }, tally));
  }
  const c = await withoutDiskWaits(store, () =>
    replayYear(
      ctx,
      steps,
      deliverables.map((d) => d.dueDate),
      now,
    ),
  );
  await markReadBefore(store, SYSTEM_ACTOR, new Date(now.getTime() - READ_AFTER_DAYS * 86_400_000), now);
  return {
    users: reporters.size + 2,
    deliverables: deliverables.length,
    reports: tally.reports,
    message:
      `已加载演示数据：${year}年任务清单（51项任务，${deliverables.length}个报送事项），${reporters.size}个单位联络员，` +
      `${tally.reports}份报告；督办 提醒${c.reminder}/催办${c.urge}/督办单${c['supervise-orange'] + c['supervise-red']}。` +
      `演示账号（如 lx-finance、leader-finance、city-leader）密码：${DEMO_PASSWORD}`,
  };
}

/** The indicators of each task that has any, by task number (as core Indicator[] JSON). */
async function taskIndicators(ctx: AppContext, planId: string): Promise<Map<number, string>> {
  const rows = await ctx.store.db
    .selectFrom('tasks')
    .select(['no', 'indicatorsJson'])
    .where('planId', '=', planId)
    .where('indicatorsJson', '<>', '[]')
    .execute();
  return new Map(rows.map((r) => [r.no, r.indicatorsJson]));
}

/**
 * The replay commits thousands of small transactions; on SQLite, waiting for the disk after each
 * (synchronous = FULL) is most of the loading time. WAL with synchronous = NORMAL stays consistent
 * and only risks the last commits on a power loss — of demo data, which is loaded again.
 */
async function withoutDiskWaits<T>(store: Store, work: () => Promise<T>): Promise<T> {
  if (store.dialect !== 'sqlite') return work();
  await sql`pragma synchronous = NORMAL`.execute(store.db);
  try {
    return await work();
  } finally {
    await sql`pragma synchronous = FULL`.execute(store.db);
  }
}
