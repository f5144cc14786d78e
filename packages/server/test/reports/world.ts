/** Shared set-up for the report and extension tests: a plan, a lead and a co deliverable, users, helpers. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { changeRecords } from '../helpers/audit-count.ts';
import { seedDeliverable, seedPlan, seedTask } from '../helpers/factories.ts';
import type { TestApp } from '../helpers/harness.ts';
import { multipart, type Part } from '../helpers/multipart.ts';

export function upload(
  t: TestApp,
  cookie: string,
  url: string,
  parts: readonly Part[],
): Promise<LightMyRequestResponse> {
  const body = multipart(parts);
  return t.app.inject({ method: 'POST', url, headers: { cookie, ...body.headers }, payload: body.payload });
}

/** A small but real PDF. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000dIHDR-not-a-full-image'),
]);

/** Every file under the data directory's blob store (committed blobs and temp files). */
export function blobFiles(dataDir: string): string[] {
  const root = join(dataDir, 'blobs');
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p.slice(root.length + 1));
    }
  };
  walk(root);
  return out.sort();
}

/** What must not change when a request is refused. */
export async function snapshot(t: TestApp) {
  const count = async (table: 'reports' | 'evidence' | 'notifications' | 'extensions' | 'outbox') =>
    Number(
      (
        await t.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    reports: await count('reports'),
    evidence: await count('evidence'),
    audit: await changeRecords(t.store),
    notifications: await count('notifications'),
    extensions: await count('extensions'),
    reportRows: await t.store.db.selectFrom('reports').selectAll().orderBy('id').execute(),
    deliverables: await t.store.db.selectFrom('deliverables').selectAll().orderBy('id').execute(),
    blobs: blobFiles(t.store.dataDir),
  };
}

export type World = {
  leadId: string;
  coId: string;
  otherId: string;
  caizheng: string;
  jiaoyu: string;
  /** Reporter, leader of 市财政局 (the lead unit); reporter of 市教育局 (co-unit); reporter of 市公安局; a viewer. */
  cookies: {
    coord: string;
    reporter: string;
    leader: string;
    coReporter: string;
    stranger: string;
    viewer: string;
  };
  names: { reporter: string; leader: string; coReporter: string; stranger: string; viewer: string };
};

let worldNo = 0;

/** Task 7: 市财政局 leads (due 2025-03-31), 市教育局 contributes (due 2025-03-25); 市公安局 has its own task. */
export async function world(t: TestApp): Promise<World> {
  const n = ++worldNo;
  const plan = await seedPlan(t.store);
  const taskId = await seedTask(t.store, plan, 7, '每季度报送财政预决算公开情况，公开率达到100%。');
  await t.store.db
    .updateTable('tasks')
    .set({
      indicatorsJson: JSON.stringify([
        { raw: '公开率达到100%', subject: '公开率', comparator: '>=', value: 100, unit: '%', year: null },
      ]),
    })
    .where('id', '=', taskId)
    .execute();
  const otherTask = await seedTask(t.store, plan, 8);
  const caizheng = await t.orgId('市财政局');
  const jiaoyu = await t.orgId('市教育局');
  const gongan = await t.orgId('市公安局');
  const leadId = await seedDeliverable(t.store, {
    plan,
    taskId,
    taskNo: 7,
    orgId: caizheng,
    dueDate: '2025-03-31',
  });
  const coId = await seedDeliverable(t.store, {
    plan,
    taskId,
    taskNo: 7,
    orgId: jiaoyu,
    role: 'co',
    dueDate: '2025-03-25',
    leadDeliverableId: leadId,
  });
  const otherId = await seedDeliverable(t.store, {
    plan,
    taskId: otherTask,
    taskNo: 8,
    orgId: gongan,
    dueDate: '2025-03-31',
  });
  const reporter = await t.user('reporter', '市财政局', `caizheng-r${n}`);
  const leader = await t.user('leader', '市财政局', `caizheng-l${n}`);
  const coReporter = await t.user('reporter', '市教育局', `jiaoyu-r${n}`);
  const stranger = await t.user('reporter', '市公安局', `gongan-r${n}`);
  const viewer = await t.user('viewer', undefined, `viewer${n}`);
  return {
    leadId,
    coId,
    otherId,
    caizheng,
    jiaoyu,
    names: { reporter, leader, coReporter, stranger, viewer },
    cookies: {
      coord: await t.login('coord'),
      reporter: await t.login(reporter),
      leader: await t.login(leader),
      coReporter: await t.login(coReporter),
      stranger: await t.login(stranger),
      viewer: await t.login(viewer),
    },
  };
}

export async function auditOf(t: TestApp, entity: string, entityId: string) {
  const rows = await t.store.db
    .selectFrom('auditLog')
    .selectAll()
    .where('entity', '=', entity)
    .where('entityId', '=', entityId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    action: r.action,
    actorName: r.actorName,
    before: r.beforeJson ? (JSON.parse(r.beforeJson) as Record<string, unknown>) : null,
    after: r.afterJson ? (JSON.parse(r.afterJson) as Record<string, unknown>) : null,
  }));
}
