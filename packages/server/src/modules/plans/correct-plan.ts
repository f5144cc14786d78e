/**
 * 确认: the coordinator corrects what the machine got wrong in a draft plan — a task's units, its
 * obligations, its indicators or its text. All edits of a request apply together or not at all,
 * on the version the coordinator saw (rowVersion); each edited task leaves an audit record with the
 * task before and after.
 */
import type { Indicator, Obligation, Span, Task, UnitRef } from '@luoshi/core';
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { inTransaction, lockWithin, type Store } from '../../db/store.ts';
import { AppError, invalidState } from '../../errors.ts';
import type { CorrectPlanInput, PlanEdit } from './plan-edits.ts';
import { FIRST_PAGE, type PlanPageQuery } from './plan-page.ts';
import { type PlanDetail, presentPlan } from './present-plan.ts';
import { loadPlanRow, PLAN_LOCK, readPlanJson, type StoredPlan, taskOf } from './stored-plan.ts';

const UNIT_DIAGNOSTICS = new Set([
  'unit-unresolved',
  'unit-vague',
  'task-no-units',
  'unit-inherited-across-subsection',
]);

type OrgName = { id: string; name: string };

function unitSpan(task: Task): Span {
  if (task.units.length === 0) return task.span;
  return {
    start: Math.min(...task.units.map((u) => u.span.start)),
    end: Math.max(...task.units.map((u) => u.span.end)),
  };
}

function checkUnits(
  edit: Extract<PlanEdit, { op: 'set-units' }>,
  index: number,
  orgs: Map<string, OrgName>,
): void {
  const seen = new Set<string>();
  edit.units.forEach((u, j) => {
    const field = `edits.${index}.units.${j}.orgId`;
    if (!orgs.has(u.orgId)) throw new AppError('validation', `单位「${u.orgId}」不在单位目录中`, field);
    if (seen.has(u.orgId))
      throw new AppError('validation', `单位「${orgs.get(u.orgId)!.name}」重复指定`, field);
    seen.add(u.orgId);
  });
}

function applyEdit(plan: StoredPlan, task: Task, edit: PlanEdit, orgs: Map<string, OrgName>): void {
  const dropDiagnostics = (codes: (code: string) => boolean) => {
    plan.diagnostics = plan.diagnostics.filter((d) => d.task !== task.no || !codes(d.code));
  };
  switch (edit.op) {
    case 'set-units': {
      const span = unitSpan(task);
      task.units = edit.units.map((u): UnitRef => {
        const org = orgs.get(u.orgId)!;
        return {
          raw: org.name,
          role: u.role,
          orgs: [org.name],
          orgIds: [org.id],
          resolution: 'named',
          qualifiers: [],
          span,
          inherited: false,
          confidence: 'high',
        };
      });
      dropDiagnostics((code) => UNIT_DIAGNOSTICS.has(code));
      break;
    }
    case 'set-obligations':
      task.obligations = edit.obligations.map((o) => ({ ...o, span: o.span ?? task.span }) as Obligation);
      break;
    case 'set-indicators':
      task.indicators = edit.indicators.map((i) => ({ ...i, span: i.span ?? task.span }) as Indicator);
      break;
    case 'set-text':
      task.text = edit.text;
      task.incomplete = false;
      dropDiagnostics((code) => code === 'task-incomplete');
      break;
  }
}

export async function correctPlan(
  store: Store,
  actor: Actor,
  planId: string,
  input: CorrectPlanInput,
  now: Date,
  page: PlanPageQuery = FIRST_PAGE,
): Promise<PlanDetail> {
  return inTransaction(store, async (tx) => {
    await lockWithin(tx, PLAN_LOCK);
    const row = await loadPlanRow(tx, planId);
    if (row.status !== 'draft')
      throw invalidState(
        row.status === 'published'
          ? '任务清单已发布，不能再修改；如需调整请导入修订后的通知生成新版本'
          : '该版本已被新版本取代，不能再修改',
      );
    if (row.rowVersion !== input.rowVersion) throw new AppError('stale');
    const plan = readPlanJson(row);

    const wanted = [
      ...new Set(input.edits.flatMap((e) => (e.op === 'set-units' ? e.units.map((u) => u.orgId) : []))),
    ];
    const orgs = new Map<string, OrgName>();
    if (wanted.length > 0) {
      const rows = await tx.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', wanted).execute();
      for (const o of rows) orgs.set(o.id, o);
    }

    const before = new Map<number, Task>();
    const ops = new Map<number, string[]>();
    input.edits.forEach((edit, i) => {
      const task = taskOf(plan, edit.task, `edits.${i}.task`);
      if (edit.op === 'set-units') checkUnits(edit, i, orgs);
      if (!before.has(task.no)) before.set(task.no, structuredClone(task));
      ops.set(task.no, [...(ops.get(task.no) ?? []), edit.op]);
      applyEdit(plan, task, edit, orgs);
    });

    const unresolved = new Set<string>();
    for (const t of plan.tasks)
      for (const u of t.units) if (u.resolution === 'unresolved') unresolved.add(u.raw);
    plan.unresolved = [...unresolved];
    const iso = now.toISOString();
    plan.corrections = [
      ...(plan.corrections ?? []),
      ...input.edits.map((e) => ({ task: e.task, op: e.op, at: iso, by: actor.name })),
    ];

    const updated = await tx.db
      .updateTable('plans')
      .set({ planJson: JSON.stringify(plan), rowVersion: row.rowVersion + 1 })
      .where('id', '=', planId)
      .where('rowVersion', '=', input.rowVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('stale');

    for (const [no, old] of before) {
      await appendAudit(
        tx,
        actor,
        {
          action: 'plan.correct',
          entity: 'plan',
          entityId: planId,
          before: { task: old },
          after: { task: plan.tasks.find((t) => t.no === no), ops: ops.get(no) },
        },
        now,
      );
    }
    const notice = await tx.db
      .selectFrom('notices')
      .selectAll()
      .where('id', '=', row.noticeId)
      .executeTakeFirstOrThrow();
    return presentPlan(
      { ...row, planJson: JSON.stringify(plan), rowVersion: row.rowVersion + 1 },
      notice,
      page,
    );
  });
}
