/**
 * Who may read and write a report. A report is seen by whoever may see its deliverable
 * (deliverables/access.ts), except drafts: a draft is the unit's own work and only the unit's reporters
 * and leaders see it — not a coordinator, whatever unit the coordinator's account names.
 * Writing (edit, evidence, submit) is for the unit's reporters and leaders, on their own unit only.
 */
import { REPORT_STATUS_LABELS as CORE_REPORT_STATUS_LABELS } from '@luoshi/core';
import { canActForOrg, canSeeDraftsOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { Deliverable, Report, ReportStatus } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { forbidden, notFound } from '../../errors.ts';
import { deliverableFor } from '../deliverables/access.ts';

/** A unit has at most one report in these states per deliverable. */
export const OPEN_STATUSES: readonly ReportStatus[] = ['draft', 'submitted', 'approved'];

/** The report statuses in words: core's vocabulary, the same the web shows. */
export const REPORT_STATUS_LABELS: Readonly<Record<ReportStatus, string>> = CORE_REPORT_STATUS_LABELS;

/** The start of a refusal that names the report's status as the web shows it: 报告状态为「已退回」. */
export function reportIs(status: ReportStatus): string {
  return `报告状态为「${REPORT_STATUS_LABELS[status]}」`;
}

export function canSeeReport(user: SessionUser, report: Pick<Report, 'status' | 'orgId'>): boolean {
  return report.status !== 'draft' || canSeeDraftsOf(user, report.orgId);
}

/** Load a report and its deliverable for reading (404 unknown, 403 not visible). */
export async function reportToRead(
  store: Store,
  user: SessionUser,
  id: string,
): Promise<{ report: Report; deliverable: Deliverable }> {
  const report = await store.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!report) throw notFound('该报告');
  const deliverable = await deliverableFor(store, user, report.deliverableId);
  if (!canSeeReport(user, report)) throw forbidden('这是其他单位尚未提交的草稿');
  return { report, deliverable };
}

/** Load a report for writing on behalf of its unit (404 unknown, 403 another unit's or read-only role). */
export async function reportToWrite(
  store: Store,
  user: SessionUser,
  id: string,
): Promise<{ report: Report; deliverable: Deliverable }> {
  const report = await store.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!report) throw notFound('该报告');
  if (!canActForOrg(user, report.orgId)) throw forbidden('只能填报本单位的报告');
  const deliverable = await deliverableFor(store, user, report.deliverableId);
  return { report, deliverable };
}

/** A deliverable the user may report on (404 unknown, 403 another unit's or read-only role). */
export async function deliverableToWrite(store: Store, user: SessionUser, id: string): Promise<Deliverable> {
  const d = await deliverableFor(store, user, id);
  if (!canActForOrg(user, d.orgId)) throw forbidden('只能为本单位的报送事项填报');
  return d;
}
