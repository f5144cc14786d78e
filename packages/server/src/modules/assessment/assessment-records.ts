/**
 * The records a year's assessment reads, gathered from the supervision tables of one plan:
 * the units with deliverables in it, their deliverables due in the year (the due date in force —
 * an extension granted has already moved it), the reports the coordinator returned (from the audit
 * trail, so a report returned twice counts twice), the escalations, each unit's latest accepted
 * figures for its tasks' indicators (lead and each-unit roles; a 配合 unit is not held to a target),
 * and the bonus and deduction entries in force.
 */
import {
  type AssessedIndicator,
  type AssessmentRecords,
  addDays,
  type Indicator,
  type IsoDate,
  isOrgKind,
  type OrgKind,
} from '@luoshi/core';
import type { Store } from '../../db/store.ts';
import { type Figure, figureFor, parseJsonArray } from '../dashboard/indicator-attainment.ts';

export async function loadAssessmentRecords(
  store: Store,
  planId: string,
  year: number,
  asOf: IsoDate,
): Promise<AssessmentRecords> {
  const first = `${year}-01-01`;
  const deliverables = await store.db
    .selectFrom('deliverables as d')
    .innerJoin('tasks as t', 't.id', 'd.taskId')
    .leftJoin('reports as r', (j) => j.onRef('r.deliverableId', '=', 'd.id').on('r.status', '=', 'accepted'))
    .select([
      'd.id',
      'd.orgId',
      'd.taskNo',
      'd.taskId',
      'd.role',
      'd.title',
      'd.dueDate',
      'd.status',
      't.section',
      'r.submittedAt as acceptedHandedInAt',
    ])
    .where('d.planId', '=', planId)
    .where('d.dueDate', '>=', first)
    .where('d.dueDate', '<=', `${year}-12-31`)
    .orderBy('d.id')
    .execute();
  const sections = await sectionNumbers(store, planId);
  const units = await unitsOf(store, planId);
  return {
    asOf,
    units,
    deliverables: dedupe(deliverables).map((d) => ({
      id: d.id,
      orgId: d.orgId,
      taskNo: d.taskNo,
      sectionNo: d.section === null ? null : (sections.get(d.section) ?? null),
      title: d.title,
      dueDate: d.dueDate,
      extendedDueDate: null,
      status: d.status,
      acceptedHandedInAt: d.acceptedHandedInAt,
    })),
    returns: await returnsOf(store, planId, first, asOf),
    escalations: (
      await store.db
        .selectFrom('escalations as e')
        .innerJoin('deliverables as d', 'd.id', 'e.deliverableId')
        .select(['e.id', 'e.deliverableId', 'e.orgId', 'e.level', 'e.createdAt', 'e.withdrawnAt'])
        .where('d.planId', '=', planId)
        .where('e.createdAt', '>=', first)
        // Up to the end of the as-of day: timestamps before the next day's date.
        .where('e.createdAt', '<', addDays(asOf, 1))
        .execute()
    ).map((e) => ({
      id: e.id,
      deliverableId: e.deliverableId,
      orgId: e.orgId,
      level: e.level,
      issuedAt: e.createdAt,
      withdrawn: e.withdrawnAt !== null,
    })),
    indicators: await indicatorsOf(store, planId, year, sections),
    adjustments: (
      await store.db
        .selectFrom('assessmentAdjustments')
        .select(['id', 'orgId', 'pointsCenti', 'reason'])
        .where('planId', '=', planId)
        .where('year', '=', year)
        .where('withdrawnAt', 'is', null)
        .execute()
    ).map((a) => ({ id: a.id, orgId: a.orgId, points: a.pointsCenti / 100, reason: a.reason })),
  };
}

/** A deliverable joined to two accepted reports (should never happen) still counts once. */
function dedupe<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

/** Section names numbered 1, 2, 3 … in the order the notice gives them (weights refer to these). */
async function sectionNumbers(store: Store, planId: string): Promise<Map<string, number>> {
  const tasks = await store.db
    .selectFrom('tasks')
    .select(['section'])
    .where('planId', '=', planId)
    .orderBy('no')
    .execute();
  const numbers = new Map<string, number>();
  for (const t of tasks)
    if (t.section !== null && !numbers.has(t.section)) numbers.set(t.section, numbers.size + 1);
  return numbers;
}

async function unitsOf(store: Store, planId: string): Promise<AssessmentRecords['units']> {
  const rows = await store.db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind'])
    .where('id', 'in', store.db.selectFrom('deliverables').select('orgId').where('planId', '=', planId))
    .orderBy('id')
    .execute();
  return rows.map((o) => ({
    id: o.id,
    name: o.name,
    kind: (isOrgKind(o.kind) ? o.kind : 'other') as OrgKind,
  }));
}

async function returnsOf(store: Store, planId: string, first: string, asOf: IsoDate) {
  const rows = await store.db
    .selectFrom('auditLog as a')
    .innerJoin('reports as r', 'r.id', 'a.entityId')
    .innerJoin('deliverables as d', 'd.id', 'r.deliverableId')
    .select(['a.seq', 'a.entityId', 'a.at', 'r.deliverableId', 'r.orgId'])
    .where('a.action', '=', 'report.return')
    .where('a.entity', '=', 'report')
    .where('d.planId', '=', planId)
    .where('a.at', '>=', first)
    .where('a.at', '<', addDays(asOf, 1))
    .orderBy('a.seq')
    .execute();
  // The audit record is the return; the report may have been handed in again since.
  return rows.map((r) => ({
    reportId: r.entityId,
    deliverableId: r.deliverableId,
    orgId: r.orgId,
    returnedAt: r.at,
  }));
}

async function indicatorsOf(
  store: Store,
  planId: string,
  year: number,
  sections: Map<string, number>,
): Promise<AssessedIndicator[]> {
  const tasks = await store.db
    .selectFrom('tasks')
    .select(['id', 'no', 'section', 'indicatorsJson'])
    .where('planId', '=', planId)
    .where('indicatorsJson', '<>', '[]')
    .execute();
  if (tasks.length === 0) return [];
  const held = await store.db
    .selectFrom('deliverables')
    .select(['taskId', 'orgId'])
    .distinct()
    .where('planId', '=', planId)
    .where('role', '<>', 'co')
    .where(
      'taskId',
      'in',
      tasks.map((t) => t.id),
    )
    .execute();
  const accepted = await store.db
    .selectFrom('reports as r')
    .innerJoin('deliverables as d', 'd.id', 'r.deliverableId')
    .select(['d.taskId', 'd.orgId', 'r.id', 'r.figuresJson', 'r.reviewedAt'])
    .where('d.planId', '=', planId)
    .where('r.status', '=', 'accepted')
    .where('r.figuresJson', '<>', '[]')
    .orderBy('r.reviewedAt', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  const out: AssessedIndicator[] = [];
  for (const t of tasks) {
    const indicators = parseJsonArray<Indicator>(t.indicatorsJson)
      .map((ind, index) => ({ ind, index }))
      .filter(({ ind }) => ind.year === null || ind.year === undefined || ind.year === year);
    for (const h of held.filter((x) => x.taskId === t.id))
      for (const { ind, index } of indicators) {
        // The unit's latest accepted report that gives this indicator a figure.
        let value: number | null = null;
        let reportId: string | null = null;
        for (const r of accepted) {
          if (r.taskId !== t.id || r.orgId !== h.orgId) continue;
          const v = figureFor(parseJsonArray<Figure>(r.figuresJson), index, ind);
          if (v !== null) {
            value = v;
            reportId = r.id;
            break;
          }
        }
        out.push({
          id: `${t.id}#${index}`,
          orgId: h.orgId,
          taskNo: t.no,
          sectionNo: t.section === null ? null : (sections.get(t.section) ?? null),
          label: ind.subject || ind.raw,
          comparator: ind.comparator,
          target: ind.value,
          value,
          reportId,
        });
      }
  }
  return out;
}
