import type { Deliverable, Report, ReportStatus } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { invalidState } from '../../errors.ts';
import { expectVersion, lockDeliverable, lockReport } from './deliverable-state.ts';
import { REPORT_STATUS_LABELS } from './report-access.ts';
import { getReportSettings, type ReportSettings } from './report-settings.ts';

/** The report statuses the coordinator reviews: 'approved', and 'submitted' unless leaders approve first. */
export function reviewableStatuses(settings: ReportSettings): ReportStatus[] {
  return settings.leaderApproval ? ['approved'] : ['submitted', 'approved'];
}

export function expectReviewable(report: Report, settings: ReportSettings): void {
  if (reviewableStatuses(settings).includes(report.status)) return;
  if (report.status === 'submitted') throw invalidState('报告尚待本单位领导审批，审批后才能审核');
  throw invalidState(`报告${REPORT_STATUS_LABELS[report.status]}，只有已报送的报告可以审核`);
}

/**
 * Inside the review transaction: lock the deliverable, then the report, and check that the
 * coordinator saw the current version and that the report is waiting for review.
 */
export async function lockForReview(
  tx: Store,
  deliverableId: string,
  reportId: string,
  rowVersion: number,
): Promise<{ d: Deliverable; report: Report }> {
  const d = await lockDeliverable(tx, deliverableId);
  const report = await lockReport(tx, reportId);
  expectVersion(report, rowVersion);
  expectReviewable(report, await getReportSettings(tx));
  return { d, report };
}
