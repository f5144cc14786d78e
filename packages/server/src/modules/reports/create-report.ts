/**
 * POST /api/deliverables/{id}/reports: a unit's reporter or leader starts a report (a draft), with
 * evidence files, and may submit it at once. A unit has at most one open report
 * (draft / submitted / approved) per deliverable.
 */
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import type { Report } from '../../db/schema.ts';
import { inTransaction } from '../../db/store.ts';
import { AppError, invalidState } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { lockDeliverable, moveDeliverable } from './deliverable-state.ts';
import { insertEvidence } from './evidence-rows.ts';
import { type ReportView, reportView } from './present.ts';
import { deliverableToWrite, OPEN_STATUSES, REPORT_STATUS_LABELS } from './report-access.ts';
import type { NewReport } from './schemas.ts';
import { submitWithin } from './submit-report.ts';
import type { Upload } from './upload.ts';

export async function createReport(
  ctx: AppContext,
  user: SessionUser,
  deliverableId: string,
  input: NewReport,
  upload: Upload,
  now: Date,
): Promise<ReportView> {
  const actor = actorOf(user);
  const id = newId();
  try {
    await deliverableToWrite(ctx.store, user, deliverableId);
    await inTransaction(ctx.store, async (tx) => {
      let d = await lockDeliverable(tx, deliverableId);
      if (d.status === 'accepted' || d.status === 'closed')
        throw invalidState('该报送事项已办结，不能再新建报告');
      const open = await tx.db
        .selectFrom('reports')
        .select(['id', 'status', 'createdAt'])
        .where('deliverableId', '=', d.id)
        .where('orgId', '=', d.orgId)
        .where('status', 'in', [...OPEN_STATUSES])
        .executeTakeFirst();
      if (open)
        throw new AppError(
          'conflict',
          `本单位在该事项上已有一份状态为「${REPORT_STATUS_LABELS[open.status]}」的报告，请在该报告上继续编辑`,
        );
      const iso = now.toISOString();
      const report: Report = {
        id,
        deliverableId: d.id,
        orgId: d.orgId,
        authorId: user.id,
        status: 'draft',
        narrative: input.narrative ?? '',
        completion: input.completion ?? 'in-progress',
        figuresJson: JSON.stringify(input.figures ?? []),
        submittedAt: null,
        approvedBy: null,
        approvedAt: null,
        reviewedBy: null,
        reviewedAt: null,
        returnReason: null,
        returnedBy: null,
        returnedAt: null,
        returnedByRole: null,
        createdAt: iso,
        updatedAt: iso,
        rowVersion: 1,
      };
      await tx.db.insertInto('reports').values(report).execute();
      const { figuresJson, ...visible } = report;
      await appendAudit(
        tx,
        actor,
        {
          action: 'report.create',
          entity: 'report',
          entityId: id,
          orgId: d.orgId,
          after: { ...visible, figures: input.figures ?? [] },
        },
        now,
      );
      await insertEvidence(tx, actor, report, upload.files, now);
      if (d.status === 'pending')
        d = await moveDeliverable(tx, actor, d, { status: 'draft' }, 'deliverable.draft', now);
      if (input.submit) await submitWithin(ctx, tx, user, report, d, now);
      // Last: the files enter the store only when everything above succeeded.
      await upload.commit();
    });
  } finally {
    await upload.discard();
  }
  return reportView(ctx.store, id);
}
