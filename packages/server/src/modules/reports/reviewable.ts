import type { Report, ReportStatus } from '../../db/schema.ts';
import { invalidState } from '../../errors.ts';
import { REPORT_STATUS_LABELS } from './report-access.ts';
import type { ReportSettings } from './report-settings.ts';

/** The report statuses the coordinator reviews: 'approved', and 'submitted' unless leaders approve first. */
export function reviewableStatuses(settings: ReportSettings): ReportStatus[] {
  return settings.leaderApproval ? ['approved'] : ['submitted', 'approved'];
}

export function expectReviewable(report: Report, settings: ReportSettings): void {
  if (reviewableStatuses(settings).includes(report.status)) return;
  if (report.status === 'submitted') throw invalidState('报告尚待本单位领导审批，审批后才能审核');
  throw invalidState(`报告${REPORT_STATUS_LABELS[report.status]}，只有已报送的报告可以审核`);
}
