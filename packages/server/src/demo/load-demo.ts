/**
 * Demo data, so a newcomer sees a living system at once: the reference notice imported and published
 * for the current year, one reporter per responsible unit (plus a unit leader and a city leader), and
 * a year of varied reports up to today — on time and accepted, late, returned, awaiting review,
 * drafts, extensions, and units that never reported (red, urged, under 督办). Everything goes through
 * the same use cases as the API, so every change has its audit record. Notices older than a week are
 * left read, as the office would have read them when they came: a fresh demo's inbox holds only the
 * last days' notices (the escalation pass and this week's hand-ins), not a year of them.
 */

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { REFERENCE_NOTICE_URL } from '@luoshi/core';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { shanghaiDay } from '../clock.ts';
import type { AppContext } from '../context.ts';
import type { Role } from '../db/schema.ts';
import { runEscalation } from '../modules/escalation/run-escalation.ts';
import { approveExtension } from '../modules/extensions/approve-extension.ts';
import { requestExtension } from '../modules/extensions/request-extension.ts';
import { markReadBefore } from '../modules/notifications/mark-read-before.ts';
import { importNotice } from '../modules/plans/import-notice.ts';
import { publishPlan } from '../modules/plans/publish-plan.ts';
import { acceptReport } from '../modules/reports/accept-report.ts';
import { createReport } from '../modules/reports/create-report.ts';
import { returnReport } from '../modules/reports/return-report.ts';
import { noFiles } from '../modules/reports/upload.ts';
import { createUser } from '../modules/users/create-user.ts';

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

const NARRATIVES = [
  '已按要求完成本阶段工作，建立工作台账，明确专人负责，相关材料已归档备查。',
  '本单位召开专题会议研究部署，制定实施方案，目前各项措施正在有序推进。',
  '已完成年度目标任务的主要部分，剩余工作计划于下一阶段完成，并已明确时间节点。',
  '对照任务要求逐项自查，发现的问题已列出整改清单，正在按期整改。',
];

/** Notices older than this many days are left read by the demo, as people would have read them. */
const READ_AFTER_DAYS = 7;

/** A stable number in [0, 1) from a text, so the demo is the same on every machine. */
function unit(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/** A moment on a day in Beijing (10:00 local), shifted by whole days. */
function at(day: string, shiftDays = 0): Date {
  const t = new Date(`${day}T02:00:00.000Z`);
  return new Date(t.getTime() + shiftDays * 86_400_000);
}

type Seeded = { users: number; deliverables: number; reports: number; message: string };

export async function loadDemo(ctx: AppContext): Promise<Seeded> {
  const { store } = ctx;
  const existing = await store.db.selectFrom('plans').select('id').limit(1).executeTakeFirst();
  if (existing) return { users: 0, deliverables: 0, reports: 0, message: '演示数据已存在，未重复加载' };
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  const year = Number(today.slice(0, 4));

  // People: one reporter per responsible unit, a leader of 市财政局, a city leader (viewer).
  const orgs = await store.db.selectFrom('orgs').select(['id', 'name', 'kind']).execute();
  const reporters = new Map<string, SessionUser>();
  const add = async (username: string, role: Role, orgId: string | null, displayName: string) => {
    const id = await createUser(
      store,
      SYSTEM_ACTOR,
      { username, password: DEMO_PASSWORD, role, orgId, displayName },
      now,
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

  // The notice, published for this year.
  const text = await readFile(REFERENCE_NOTICE_URL, 'utf8');
  const imported = await importNotice(
    store,
    SYSTEM_ACTOR,
    { text, fileName: 'yingtan-2024-25.txt', year },
    now,
  );
  await publishPlan(store, SYSTEM_ACTOR, imported.planId, { rowVersion: imported.plan.rowVersion }, now);

  const deliverables = await store.db
    .selectFrom('deliverables')
    .select(['id', 'orgId', 'dueDate', 'periodStart', 'taskNo'])
    .where('planId', '=', imported.planId)
    .orderBy('dueDate')
    .orderBy('id')
    .execute();

  let reports = 0;
  const soon = at(today, 30).toISOString().slice(0, 10);
  for (const d of deliverables) {
    const reporter = reporters.get(d.orgId);
    if (!reporter) continue;
    // Rolled from what the deliverable is, not its random id: the same day gives the same demo.
    const key = `${d.orgId}:${d.taskNo}:${d.periodStart}:${d.dueDate}`;
    const roll = unit(key);
    const narrative = NARRATIVES[Math.floor(unit(`${key}:n`) * NARRATIVES.length)]!;
    const submit = async (when: Date) => {
      reports++;
      return createReport(
        ctx,
        reporter,
        d.id,
        { narrative, completion: 'done', submit: true },
        noFiles(),
        when,
      );
    };
    if (d.dueDate < today) {
      if (roll < 0.6) {
        const r = await submit(at(d.dueDate, -2));
        await acceptReport(ctx, coordinator, r.id, { rowVersion: r.rowVersion }, at(d.dueDate, 1));
      } else if (roll < 0.7) {
        const r = await submit(at(d.dueDate, 3));
        await acceptReport(ctx, coordinator, r.id, { rowVersion: r.rowVersion }, at(d.dueDate, 5));
      } else if (roll < 0.78) {
        const r = await submit(at(d.dueDate, -1));
        await returnReport(
          ctx,
          coordinator,
          r.id,
          { rowVersion: r.rowVersion, reason: '佐证材料不全，请补充会议纪要和工作台账后重新报送。' },
          at(d.dueDate, 2),
        );
      } else if (roll < 0.85) {
        await submit(at(d.dueDate, -1));
      }
      // The rest never reported: red, and the escalation pass below urges them.
    } else if (d.dueDate <= soon) {
      if (roll < 0.25) {
        reports++;
        await createReport(ctx, reporter, d.id, { narrative, completion: 'in-progress' }, noFiles(), now);
      } else if (roll < 0.35) {
        // Handed in over the last fortnight, not all this morning.
        await submit(new Date(now.getTime() - Math.floor(unit(`${key}:s`) * 14) * 86_400_000));
      } else if (roll < 0.4) {
        const requested = at(d.dueDate, 14).toISOString().slice(0, 10);
        const ext = await requestExtension(
          ctx,
          reporter,
          d.id,
          { requestedDueDate: requested, reason: '涉及多个部门会签，需延长办理时间。' },
          now,
        );
        if (roll < 0.37) await approveExtension(ctx, coordinator, ext.id, {}, now);
      }
    }
  }

  const escalated = await runEscalation(ctx, today);
  await markReadBefore(store, SYSTEM_ACTOR, new Date(now.getTime() - READ_AFTER_DAYS * 86_400_000), now);
  const c = escalated.created;
  return {
    users: reporters.size + 2,
    deliverables: deliverables.length,
    reports,
    message:
      `已加载演示数据：${year}年任务清单（51项任务，${deliverables.length}个报送事项），${reporters.size}个单位联络员，` +
      `${reports}份报告；督办 提醒${c.reminder}/催办${c.urge}/督办单${c['supervise-orange'] + c['supervise-red']}。` +
      `演示账号（如 lx-finance、leader-finance、city-leader）密码：${DEMO_PASSWORD}`,
  };
}
