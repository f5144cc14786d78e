/**
 * 交办: publish a draft plan. In one transaction the plan becomes published (the lineage's previous
 * published version, and any older draft, superseded), its tasks, assignments (task × unit with its
 * role) and the deliverables of its year are created, and every unit is notified.
 *
 * A plan whose units are not all resolved to named organizations is refused: the coordinator
 * first fixes them with a `set-units` correction.
 *
 * Publishing a new version of a published lineage keeps the work already done: a deliverable whose
 * key (task:unit:period) is still generated moves to the new version with its id, status, reports,
 * extension and escalation history (its due date follows the new text unless an extension had moved
 * it); acknowledgements carry over per task number and unit; the new version is generated for its
 * year and every year the previous one had deliverables in. A deliverable whose key disappears is
 * deleted when nothing hangs on it; when it has reports, extension requests or escalations the
 * publish is refused with the list, so no record is ever lost.
 */
import { type Task, taskOrgs } from '@luoshi/core';
import type { Insertable } from 'kysely';
import { type Actor, appendAudit } from '../../audit/audit.ts';
import type { AssignmentTable, Deliverable, TaskTable } from '../../db/schema.ts';
import { inTransaction, lockWithin, type Store } from '../../db/store.ts';
import { AppError, invalidState } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { notify } from '../notifications/notify.ts';
import {
  chunked,
  deliverableRow,
  generateForYears,
  type NewDeliverable,
  periodYear,
} from './plan-deliverables.ts';
import { describeBlockers, publishBlockers } from './publish-blockers.ts';
import { excerpt, lineagePlans, loadPlanRow, PLAN_LOCK, readPlanJson } from './stored-plan.ts';

export type PublishResult = {
  planId: string;
  version: number;
  status: 'published';
  year: number;
  rowVersion: number;
  tasks: number;
  assignments: number;
  deliverables: number;
  /** Deliverables of the previous version kept (with their reports and status). */
  carried: number;
  /** Deliverables of the previous version deleted (nothing hung on them). */
  removed: number;
  supersededPlanId: string | null;
  warnings: { task: number; message: string }[];
  /** Years without official holiday data: their due dates assume ordinary weekends. */
  calendarMissingYears: number[];
};

function taskRow(planId: string, t: Task): Insertable<TaskTable> {
  return {
    id: newId(),
    planId,
    no: t.no,
    label: t.label,
    text: t.text,
    section: t.section,
    subsection: t.subsection,
    sectionNo: t.sectionNo,
    subsectionNo: t.subsectionNo,
    obligationsJson: JSON.stringify(t.obligations),
    indicatorsJson: JSON.stringify(t.indicators),
    closedAt: null,
  };
}

/** Deliverables of `planId` that reports, extension requests or escalations refer to. */
async function withRecords(tx: Store, ids: readonly string[]): Promise<Set<string>> {
  const hit = new Set<string>();
  for (const part of chunked(ids, 500)) {
    for (const table of ['reports', 'extensions', 'escalations'] as const) {
      const rows = await tx.db
        .selectFrom(table)
        .select('deliverableId')
        .distinct()
        .where('deliverableId', 'in', part)
        .execute();
      for (const r of rows) hit.add(r.deliverableId);
    }
  }
  return hit;
}

export async function publishPlan(
  store: Store,
  actor: Actor,
  planId: string,
  input: { rowVersion: number },
  now: Date,
): Promise<PublishResult> {
  return inTransaction(store, async (tx) => {
    await lockWithin(tx, PLAN_LOCK);
    const row = await loadPlanRow(tx, planId);
    if (row.status === 'published') throw invalidState('该任务清单已发布，不能重复发布');
    if (row.status === 'superseded') throw invalidState('该版本已被新版本取代，不能发布');
    if (row.rowVersion !== input.rowVersion) throw new AppError('stale');
    const notice = await tx.db
      .selectFrom('notices')
      .selectAll()
      .where('id', '=', row.noticeId)
      .executeTakeFirstOrThrow();
    const lineage = await lineagePlans(tx, notice);
    const newest = lineage[0];
    if (newest && newest.id !== row.id && newest.version > row.version)
      throw invalidState(`该通知已有更新的第${newest.version}版，请发布最新版本`);

    const plan = readPlanJson(row);
    const blockers = publishBlockers(plan);
    if (blockers.length > 0)
      throw invalidState(
        `以下${blockers.length}项任务的责任单位尚未确认，请先用“指定责任单位”修正后再发布：${describeBlockers(blockers)}`,
      );
    const orgIds = [...new Set(plan.tasks.flatMap((t) => taskOrgs(t).orgs.map((o) => o.orgId)))];
    const known = new Map(
      (await tx.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', orgIds).execute()).map((o) => [
        o.id,
        o.name,
      ]),
    );
    const gone = orgIds.filter((id) => !known.has(id));
    if (gone.length > 0) throw invalidState(`单位目录中已没有以下单位，请先修正责任单位：${gone.join('、')}`);

    const previous = lineage.find((p) => p.status === 'published' && p.id !== row.id) ?? null;
    const old: Deliverable[] = previous
      ? await tx.db.selectFrom('deliverables').selectAll().where('planId', '=', previous.id).execute()
      : [];
    const years = [row.year, ...old.map((d) => periodYear(d.period))];
    const generated = await generateForYears(tx, plan.tasks, years, notice.issuedAt);
    const keys = new Set(generated.specs.map((s) => s.key));
    const vanished = old.filter((d) => !keys.has(d.key));
    if (vanished.length > 0) {
      const busy = await withRecords(
        tx,
        vanished.map((d) => d.id),
      );
      const blocked = vanished.filter((d) => busy.has(d.id));
      if (blocked.length > 0) {
        const names = blocked
          .slice(0, 10)
          .map((d) => `任务${d.taskNo}·${known.get(d.orgId) ?? d.orgId}·${d.period}`)
          .join('、');
        throw invalidState(
          `新版本不再包含${blocked.length}个已有报送、延期或督办记录的报送事项（${names}${blocked.length > 10 ? '等' : ''}），为免丢失记录，不能发布；请在新版本中保留这些任务和单位`,
        );
      }
    }

    const iso = now.toISOString();
    const tasks = plan.tasks.map((t) => taskRow(planId, t));
    for (const part of chunked(tasks)) await tx.db.insertInto('tasks').values(part).execute();
    const taskIds = new Map(tasks.map((t) => [t.no, t.id]));

    const acks = new Map<string, { at: string | null; by: string | null }>();
    if (previous) {
      const rows = await tx.db
        .selectFrom('assignments')
        .innerJoin('tasks', 'tasks.id', 'assignments.taskId')
        .select(['tasks.no', 'assignments.orgId', 'assignments.acknowledgedAt', 'assignments.acknowledgedBy'])
        .where('assignments.planId', '=', previous.id)
        .where('assignments.acknowledgedAt', 'is not', null)
        .execute();
      for (const r of rows) acks.set(`${r.no}:${r.orgId}`, { at: r.acknowledgedAt, by: r.acknowledgedBy });
    }
    const assignments: Insertable<AssignmentTable>[] = plan.tasks.flatMap((t) =>
      taskOrgs(t).orgs.map((o) => {
        const ack = acks.get(`${t.no}:${o.orgId}`);
        return {
          id: newId(),
          planId,
          taskId: taskIds.get(t.no)!,
          orgId: o.orgId,
          role: o.role,
          acknowledgedAt: ack?.at ?? null,
          acknowledgedBy: ack?.by ?? null,
        };
      }),
    );
    for (const part of chunked(assignments)) await tx.db.insertInto('assignments').values(part).execute();

    const oldByKey = new Map(old.map((d) => [d.key, d]));
    const ids = new Map(generated.specs.map((s) => [s.key, oldByKey.get(s.key)?.id ?? newId()]));
    const fresh: NewDeliverable[] = [];
    let carried = 0;
    for (const spec of generated.specs) {
      const id = ids.get(spec.key)!;
      const taskId = taskIds.get(spec.task)!;
      const leadDeliverableId = spec.leadKey ? (ids.get(spec.leadKey) ?? null) : null;
      const kept = oldByKey.get(spec.key);
      if (!kept) {
        fresh.push({ ...deliverableRow(spec, planId, taskId, iso, id), leadDeliverableId });
        continue;
      }
      carried++;
      const extended = kept.dueDate !== kept.originalDueDate;
      await tx.db
        .updateTable('deliverables')
        .set({
          planId,
          taskId,
          role: spec.role,
          periodStart: spec.periodStart,
          originalDueDate: spec.dueDate,
          dueDate: extended ? kept.dueDate : spec.dueDate,
          title: spec.title,
          source: spec.source,
          leadDeliverableId,
          calendarMissing: spec.calendarMissing ? 1 : 0,
          updatedAt: iso,
          rowVersion: kept.rowVersion + 1,
        })
        .where('id', '=', id)
        .execute();
    }
    for (const part of chunked(fresh)) await tx.db.insertInto('deliverables').values(part).execute();
    if (vanished.length > 0) {
      const vanishedIds = vanished.map((d) => d.id);
      for (const part of chunked(vanishedIds, 500))
        await tx.db
          .updateTable('deliverables')
          .set({ leadDeliverableId: null })
          .where('leadDeliverableId', 'in', part)
          .execute();
      for (const part of chunked(vanishedIds, 500))
        await tx.db.deleteFrom('deliverables').where('id', 'in', part).execute();
    }

    const older = lineage.filter((p) => p.id !== row.id && p.status !== 'superseded');
    for (const p of older) {
      await tx.db
        .updateTable('plans')
        .set({ status: 'superseded', rowVersion: p.rowVersion + 1 })
        .where('id', '=', p.id)
        .execute();
      await appendAudit(
        tx,
        actor,
        {
          action: 'plan.supersede',
          entity: 'plan',
          entityId: p.id,
          before: { status: p.status, version: p.version },
          after: { status: 'superseded', supersededBy: planId },
        },
        now,
      );
    }
    await tx.db
      .updateTable('plans')
      .set({ status: 'published', publishedAt: iso, publishedBy: actor.id, rowVersion: row.rowVersion + 1 })
      .where('id', '=', planId)
      .execute();

    const title = notice.title ? excerpt(notice.title, 40) : '任务清单';
    const perOrg = new Map<string, { tasks: number; deliverables: number; first: string | null }>();
    for (const a of assignments) {
      const e = perOrg.get(a.orgId) ?? { tasks: 0, deliverables: 0, first: null };
      e.tasks++;
      perOrg.set(a.orgId, e);
    }
    for (const s of generated.specs) {
      const e = perOrg.get(s.orgId);
      if (!e) continue;
      e.deliverables++;
      if (e.first === null || s.dueDate < e.first) e.first = s.dueDate;
    }
    for (const [orgId, e] of perOrg) {
      await notify(
        tx,
        { orgId },
        {
          kind: 'assigned',
          title: `新交办任务：${title}`,
          body: `${notice.docNumber ?? ''}《${title}》已交办，本单位承担任务${e.tasks}项、报送事项${e.deliverables}个${
            e.first ? `，最近一项${e.first}截止` : ''
          }。请及时签收。`,
          link: `/assignments?planId=${planId}`,
          dedupeKey: `assigned:${planId}:${orgId}`,
        },
        now,
      );
    }

    const result: PublishResult = {
      planId,
      version: row.version,
      status: 'published',
      year: row.year,
      rowVersion: row.rowVersion + 1,
      tasks: tasks.length,
      assignments: assignments.length,
      deliverables: generated.specs.length,
      carried,
      removed: vanished.length,
      supersededPlanId: previous?.id ?? null,
      warnings: generated.warnings,
      calendarMissingYears: generated.missingYears,
    };
    const { warnings: _w, ...counts } = result;
    await appendAudit(
      tx,
      actor,
      {
        action: 'plan.publish',
        entity: 'plan',
        entityId: planId,
        before: { status: row.status, rowVersion: row.rowVersion },
        after: { ...counts, warnings: generated.warnings.length },
      },
      now,
    );
    return result;
  });
}
