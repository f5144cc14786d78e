/**
 * How a plan is shown: its notice head, status and version, counts, and (in detail) every extracted
 * value of one page of tasks, with the stretch of the notice's text they point into (plan-page.ts).
 */
import type { Selectable } from 'kysely';
import type { NoticeTable, Plan as PlanRow } from '../../db/schema.ts';
import type { PlanChanges } from './diff-plans.ts';
import {
  FIRST_PAGE,
  type PlanPage,
  type PlanPageQuery,
  pageOfTasks,
  type SourceWindow,
} from './plan-page.ts';
import { type PublishBlocker, publishBlockers } from './publish-blockers.ts';
import { readPlanJson, type StoredPlan } from './stored-plan.ts';

type NoticeRow = Pick<
  Selectable<NoticeTable>,
  'id' | 'title' | 'docNumber' | 'issuer' | 'issuedAt' | 'fileName' | 'format'
>;

export type PlanSummary = {
  id: string;
  noticeId: string;
  version: number;
  status: PlanRow['status'];
  year: number;
  rowVersion: number;
  previousPlanId: string | null;
  createdAt: string;
  publishedAt: string | null;
  notice: {
    title: string | null;
    docNumber: string | null;
    issuer: string | null;
    issuedAt: string | null;
    fileName: string | null;
    format: string;
  };
  counts: {
    tasks: number;
    sections: number;
    units: number;
    obligations: number;
    indicators: number;
    diagnostics: number;
    blockedTasks: number;
  };
  changesSummary: string | null;
};

export type PlanDetail = PlanSummary & {
  /** The plan without its text (`source`), `tasks` only those of the page. */
  plan: Omit<StoredPlan, 'source'>;
  /** Where the page's spans point: the stretch of the notice's text they lie in. */
  sourceWindow: SourceWindow;
  page: PlanPage;
  changes: PlanChanges | null;
  /** Tasks whose units must be fixed before publishing (all pages). */
  blockers: PublishBlocker[];
};

export function summarizePlan(
  row: PlanRow,
  notice: NoticeRow,
  plan: StoredPlan = readPlanJson(row),
): PlanSummary {
  const units = new Set<string>();
  let obligations = 0;
  let indicators = 0;
  for (const t of plan.tasks) {
    for (const u of t.units) for (const id of u.orgIds) units.add(id);
    obligations += t.obligations.length;
    indicators += t.indicators.length;
  }
  const changes = row.changesJson ? (JSON.parse(row.changesJson) as PlanChanges) : null;
  return {
    id: row.id,
    noticeId: row.noticeId,
    version: row.version,
    status: row.status,
    year: row.year,
    rowVersion: row.rowVersion,
    previousPlanId: row.previousPlanId,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
    notice: {
      title: notice.title,
      docNumber: notice.docNumber,
      issuer: notice.issuer,
      issuedAt: notice.issuedAt,
      fileName: notice.fileName,
      format: notice.format,
    },
    counts: {
      tasks: plan.tasks.length,
      sections: plan.sections.length,
      units: units.size,
      obligations,
      indicators,
      // Problems found; the parser's explanations of how it read the notice (code structure) are not.
      diagnostics: plan.diagnostics.filter((d) => d.code !== 'structure').length,
      blockedTasks: publishBlockers(plan).length,
    },
    changesSummary: changes?.summary ?? null,
  };
}

export function presentPlan(row: PlanRow, notice: NoticeRow, query: PlanPageQuery = FIRST_PAGE): PlanDetail {
  const { source, ...plan } = readPlanJson(row);
  const blockers = publishBlockers({ ...plan, source });
  const { tasks, page, sourceWindow } = pageOfTasks(plan.tasks, source, blockers, query);
  return {
    ...summarizePlan(row, notice, { ...plan, source }),
    plan: { ...plan, tasks },
    sourceWindow,
    page,
    changes: row.changesJson ? (JSON.parse(row.changesJson) as PlanChanges) : null,
    blockers,
  };
}
