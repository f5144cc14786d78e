/**
 * POST /api/deliverables/{id}/extensions: a unit asks, before the deadline (today ≤ due date in
 * Beijing), for a later due date — after the current one and at most 90 days later. One pending
 * request per deliverable at a time. The coordinators are notified.
 */
import { daysBetween, isIsoDate } from '@luoshi/core';
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { shanghaiDay } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/store.ts';
import { AppError, invalidState } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { notify } from '../notifications/notify.ts';
import { lockDeliverable } from '../reports/deliverable-state.ts';
import { channelsOf, orgName } from '../reports/notify-options.ts';
import { deliverableToWrite } from '../reports/report-access.ts';
import { type ExtensionRequest, MAX_EXTENSION_DAYS } from './schemas.ts';

export type ExtensionView = {
  id: string;
  deliverableId: string;
  orgId: string;
  requestedBy: string;
  requestedDueDate: string;
  reason: string;
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
};

export async function requestExtension(
  ctx: AppContext,
  user: SessionUser,
  deliverableId: string,
  input: ExtensionRequest,
  now: Date,
): Promise<ExtensionView> {
  await deliverableToWrite(ctx.store, user, deliverableId);
  if (!isIsoDate(input.requestedDueDate))
    throw new AppError('validation', `日期 ${input.requestedDueDate} 不存在`, 'requestedDueDate');
  return inTransaction(ctx.store, async (tx) => {
    const d = await lockDeliverable(tx, deliverableId);
    if (d.status === 'accepted' || d.status === 'closed') throw invalidState('该事项已办结，无需延期');
    const today = shanghaiDay(now);
    if (today > d.dueDate) throw invalidState(`办理时限 ${d.dueDate} 已过，延期须在到期前申请`);
    if (input.requestedDueDate <= d.dueDate)
      throw new AppError('validation', `申请延期至的日期须晚于当前办理时限 ${d.dueDate}`, 'requestedDueDate');
    if (daysBetween(d.dueDate, input.requestedDueDate) > MAX_EXTENSION_DAYS)
      throw new AppError(
        'validation',
        `最多可延期${MAX_EXTENSION_DAYS}天（当前办理时限 ${d.dueDate}）`,
        'requestedDueDate',
      );
    const pending = await tx.db
      .selectFrom('extensions')
      .select(['id', 'requestedDueDate', 'createdAt'])
      .where('deliverableId', '=', d.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending)
      throw new AppError(
        'conflict',
        `该事项已有一份待审批的延期申请（申请延期至 ${pending.requestedDueDate}），请等待审批结果`,
      );
    const row = {
      id: newId(),
      deliverableId: d.id,
      orgId: d.orgId,
      requestedBy: user.id,
      requestedDueDate: input.requestedDueDate,
      reason: input.reason.trim(),
      status: 'pending' as const,
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      createdAt: now.toISOString(),
    };
    await tx.db.insertInto('extensions').values(row).execute();
    await appendAudit(
      tx,
      actorOf(user),
      {
        action: 'extension.request',
        entity: 'extension',
        entityId: row.id,
        orgId: d.orgId,
        after: { ...row, currentDueDate: d.dueDate },
      },
      now,
    );
    const unit = await orgName(tx, d.orgId);
    await notify(
      tx,
      { roles: ['coordinator'] },
      {
        kind: 'extension.requested',
        title: `${unit}申请延期「${d.title}」`,
        body: `${unit}申请将第${d.taskNo}项任务「${d.title}」的办理时限由 ${d.dueDate} 延至 ${row.requestedDueDate}。理由：${row.reason}`,
        link: `/extensions/${row.id}`,
        dedupeKey: `extension:requested:${row.id}`,
      },
      now,
      channelsOf(ctx),
    );
    return row;
  });
}
