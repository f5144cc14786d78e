import { AWAITING_LABELS, REVIEWERS } from '@luoshi/core';
import type { Deliverable, Report, ReportStatus } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { invalidState } from '../../errors.ts';
import { expectVersion, lockDeliverable, lockReport } from './deliverable-state.ts';
import { reportIs } from './report-access.ts';
import { getReportSettings, type ReportSettings } from './report-settings.ts';

/** The report statuses the coordinator reviews: 'approved', and 'submitted' unless leaders approve first. */
export function reviewableStatuses(settings: ReportSettings): ReportStatus[] {
  return settings.leaderApproval ? ['approved'] : ['submitted', 'approved'];
}

export function expectReviewable(report: Report, settings: ReportSettings): void {
  if (reviewableStatuses(settings).includes(report.status)) return;
  if (report.status === 'submitted')
    throw invalidState(
      `报告${AWAITING_LABELS.leader}，${REVIEWERS.leader.act}后才能${REVIEWERS.coordinator.act}`,
    );
  throw invalidState(
    `${reportIs(report.status)}，只有${AWAITING_LABELS.coordinator}的报告可以${REVIEWERS.coordinator.act}`,
  );
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
