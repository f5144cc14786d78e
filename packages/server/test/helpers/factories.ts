/**
 * Small factories that write rows straight into the store, for tests of modules that need
 * deliverables without going through import and publish (which have their own tests).
 */
import type { DeliverableStatus } from '../../src/db/schema.ts';
import type { Store } from '../../src/db/store.ts';
import { newId } from '../../src/ids.ts';

export type SeededPlan = { noticeId: string; planId: string };

/** A published plan with no tasks yet. */
export async function seedPlan(store: Store, year = 2025): Promise<SeededPlan> {
  const now = new Date().toISOString();
  const noticeId = newId();
  const planId = newId();
  await store.db
    .insertInto('notices')
    .values({
      id: noticeId,
      sourceSha256: newId(),
      title: '测试通知',
      docNumber: '测试〔2025〕1号',
      issuer: '鹰潭市人民政府',
      issuedAt: `${year}-01-02`,
      fileName: null,
      format: 'txt',
      sourceText: '测试',
      createdAt: now,
      createdBy: null,
    })
    .execute();
  await store.db
    .insertInto('plans')
    .values({
      id: planId,
      noticeId,
      version: 1,
      status: 'published',
      planJson: '{}',
      changesJson: null,
      previousPlanId: null,
      year,
      createdAt: now,
      createdBy: null,
      publishedAt: now,
      publishedBy: null,
      rowVersion: 1,
    })
    .execute();
  return { noticeId, planId };
}

/** A task of a plan, with the given number and text. */
export async function seedTask(
  store: Store,
  plan: SeededPlan,
  no: number,
  text = `第${no}项任务。`,
): Promise<string> {
  const id = newId();
  await store.db
    .insertInto('tasks')
    .values({
      id,
      planId: plan.planId,
      no,
      label: String(no),
      text,
      section: '测试部分',
      subsection: '测试小节',
      sectionNo: '一',
      subsectionNo: '一',
      obligationsJson: '[]',
      indicatorsJson: '[]',
      closedAt: null,
    })
    .execute();
  return id;
}

export type SeedDeliverable = {
  plan: SeededPlan;
  taskId: string;
  taskNo: number;
  orgId: string;
  role?: 'lead' | 'co' | 'each';
  dueDate: string;
  periodStart?: string;
  period?: string;
  status?: DeliverableStatus;
  leadDeliverableId?: string | null;
};

/** A deliverable of a unit for a task, due on a day. Returns its id. */
export async function seedDeliverable(store: Store, d: SeedDeliverable): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  const period = d.period ?? d.dueDate.slice(0, 7);
  await store.db
    .insertInto('deliverables')
    .values({
      id,
      planId: d.plan.planId,
      taskId: d.taskId,
      taskNo: d.taskNo,
      orgId: d.orgId,
      role: d.role ?? 'lead',
      key: `${d.taskNo}:${d.orgId}:${period}:${id.slice(0, 8)}`,
      period,
      periodStart: d.periodStart ?? `${d.dueDate.slice(0, 4)}-01-01`,
      dueDate: d.dueDate,
      originalDueDate: d.dueDate,
      title: `第${d.taskNo}项任务 ${period} 进展报告`,
      source: 'cadence',
      leadDeliverableId: d.leadDeliverableId ?? null,
      status: d.status ?? 'pending',
      submittedAt: null,
      acceptedAt: null,
      calendarMissing: 0,
      createdAt: now,
      updatedAt: now,
      rowVersion: 1,
    })
    .execute();
  return id;
}
