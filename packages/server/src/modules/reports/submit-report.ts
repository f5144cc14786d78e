/**
 * 报送: hand a draft (or a returned report) in.
 *
 * Without leader approval the report goes to the coordinator at once: report 'submitted',
 * deliverable 'submitted', deliverable.submittedAt = now (the latest submission; the first one is
 * kept as `firstSubmittedAt` in the deliverable's audit record). With leader approval on
 * (settings 'reports'.leaderApproval), a reporter's submission waits for a leader of the unit
 * (report 'submitted', deliverable unchanged, the unit's leaders notified); approve-report.ts then
 * hands it in. A leader's own submission is approved at once.
 */
import { REVIEWERS, reportStateLabel } from '@luoshi/core';
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import type { Deliverable, Report } from '../../db/schema.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { AppError, invalidState } from '../../errors.ts';
import { notify } from '../notifications/notify.ts';
import { expectVersion, lockDeliverable, lockReport, moveDeliverable } from './deliverable-state.ts';
import { channelsOf, orgName } from './notify-options.ts';
import { type ReportView, reportView } from './present.ts';
import { OPEN_STATUSES, REPORT_STATUS_LABELS, reportIs, reportToWrite } from './report-access.ts';
import { getReportSettings } from './report-settings.ts';
import { MIN_NARRATIVE, narrativeLength } from './schemas.ts';

/** When the deliverable was first handed in, from its audit trail (null if never). */
async function firstSubmittedAt(tx: Store, deliverableId: string): Promise<string | null> {
  const first = await tx.db
    .selectFrom('auditLog')
    .select('afterJson')
    .where('entity', '=', 'deliverable')
    .where('entityId', '=', deliverableId)
    .where('action', '=', 'deliverable.submit')
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  if (!first?.afterJson) return null;
  const after = JSON.parse(first.afterJson) as { submittedAt?: string };
  return after.submittedAt ?? null;
}

/** Hand the deliverable in to the coordinator (report already updated by the caller). */
export async function handIn(
  ctx: AppContext,
  tx: Store,
  actor: Actor,
  report: Report,
  d: Deliverable,
  status: 'submitted' | 'approved',
  now: Date,
): Promise<void> {
  const iso = now.toISOString();
  const first = (await firstSubmittedAt(tx, d.id)) ?? iso;
  await moveDeliverable(tx, actor, d, { status, submittedAt: iso }, 'deliverable.submit', now, {
    firstSubmittedAt: first,
    reportId: report.id,
  });
  const unit = await orgName(tx, d.orgId);
  await notify(
    tx,
    { roles: ['coordinator'] },
    {
      kind: 'report.submitted',
      title: `${unit}报送了「${d.title}」`,
      body: `${unit}已报送第${d.taskNo}项任务「${d.title}」的进展报告（办理时限 ${d.dueDate}），请${REVIEWERS.coordinator.act}。`,
      link: `/reports/${report.id}`,
      dedupeKey: `report:handed-in:${report.id}:${iso}`,
    },
    now,
    channelsOf(ctx),
  );
}

/** Submit inside a transaction; the report and deliverable are locked by the caller. */
export async function submitWithin(
  ctx: AppContext,
  tx: Store,
  user: SessionUser,
  report: Report,
  d: Deliverable,
  now: Date,
): Promise<void> {
  if (report.status !== 'draft' && report.status !== 'returned')
    throw invalidState(`${reportIs(report.status)}，不能再次提交`);
  if (narrativeLength(report.narrative) < MIN_NARRATIVE)
    throw new AppError('validation', `提交前请填写不少于${MIN_NARRATIVE}个字的进展情况`, 'narrative');
  if (d.status === 'accepted' || d.status === 'closed')
    throw invalidState('该报送事项已办结，不能再提交报告');
  if (report.status === 'returned') {
    const other = await tx.db
      .selectFrom('reports')
      .select(['id', 'status'])
      .where('deliverableId', '=', d.id)
      .where('orgId', '=', report.orgId)
      .where('id', '!=', report.id)
      .where('status', 'in', [...OPEN_STATUSES])
      .executeTakeFirst();
    if (other)
      throw new AppError(
        'conflict',
        `本事项已有一份状态为「${REPORT_STATUS_LABELS[other.status]}」的报告，请在那份报告上继续`,
      );
  }
  const settings = await getReportSettings(tx);
  const actor = actorOf(user);
  const iso = now.toISOString();
  const toLeader = settings.leaderApproval && user.role !== 'leader';
  const status = settings.leaderApproval && !toLeader ? 'approved' : 'submitted';
  const patch = {
    status,
    submittedAt: iso,
    approvedBy: status === 'approved' ? user.id : null,
    approvedAt: status === 'approved' ? iso : null,
    updatedAt: iso,
    rowVersion: report.rowVersion + 1,
  } as const;
  await tx.db.updateTable('reports').set(patch).where('id', '=', report.id).execute();
  await appendAudit(
    tx,
    actor,
    {
      action: 'report.submit',
      entity: 'report',
      entityId: report.id,
      orgId: report.orgId,
      before: { status: report.status, rowVersion: report.rowVersion },
      after: {
        status,
        submittedAt: iso,
        rowVersion: patch.rowVersion,
        awaiting: toLeader ? 'leader' : 'coordinator',
      },
    },
    now,
  );
  const updated: Report = { ...report, ...patch };
  if (toLeader) {
    await notify(
      tx,
      { orgId: report.orgId, roles: ['leader'] },
      {
        kind: 'report.awaiting-approval',
        title: `「${d.title}」的报告${reportStateLabel('submitted', true)}`,
        body: `${user.displayName}提交了第${d.taskNo}项任务「${d.title}」的进展报告，请您${REVIEWERS.leader.act}；${REVIEWERS.leader.act}后报送依法治市办。`,
        link: `/reports/${report.id}`,
        dedupeKey: `report:to-leader:${report.id}:${iso}`,
      },
      now,
      channelsOf(ctx),
    );
    return;
  }
  await handIn(ctx, tx, actor, updated, d, status, now);
}

/** POST /api/reports/{id}/submit */
export async function submitReport(
  ctx: AppContext,
  user: SessionUser,
  id: string,
  input: { rowVersion: number },
  now: Date,
): Promise<ReportView> {
  const { deliverable } = await reportToWrite(ctx.store, user, id);
  await inTransaction(ctx.store, async (tx) => {
    const d = await lockDeliverable(tx, deliverable.id);
    const report = await lockReport(tx, id);
    expectVersion(report, input.rowVersion);
    await submitWithin(ctx, tx, user, report, d, now);
  });
  return reportView(ctx.store, id);
}
