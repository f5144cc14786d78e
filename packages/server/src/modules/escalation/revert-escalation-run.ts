/**
 * A coordinator takes back one escalation pass (撤回): every record the pass issued that is still in
 * force is marked withdrawn (已撤回) with who, when and why — kept, never deleted — each unit it
 * reached is told, and the audit trail records the pass's revert and each withdrawal, all in one
 * transaction. A pass is reverted once.
 *
 * The ladder afterwards: a withdrawn record is not in force, so the deliverable's ladder stands as if
 * the pass had not run. The next pass (the schedule's, as of today) issues again the steps that are
 * really due as of its own day — after reverting a pass run for a wrong, later day, only what today
 * calls for comes back, with a new message; a step the reverted pass issued that is not yet due
 * stays unissued until it is.
 */
import { ESCALATION_LEVELS, type EscalationLevel } from '@luoshi/core';
import { appendAudit } from '../../audit/audit.ts';
import { actorOf } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { shanghaiDay } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { inTransaction, lockWithin } from '../../db/store.ts';
import { invalidState, notFound } from '../../errors.ts';
import { serialized, writerKey } from '../../jobs/local-mutex.ts';
import { notify } from '../notifications/notify.ts';
import { withdrawnNotice } from './escalation-notice.ts';
import { type EscalationRunView, getEscalationRun } from './list-escalation-runs.ts';
import { ESCALATION_LOCK } from './run-escalation.ts';

export async function revertEscalationRun(
  ctx: AppContext,
  user: SessionUser,
  runId: string,
  reason: string,
): Promise<EscalationRunView> {
  const now = ctx.clock.now();
  const iso = now.toISOString();
  const actor = actorOf(user);
  await serialized(writerKey(ctx.store), () =>
    inTransaction(ctx.store, async (tx) => {
      await lockWithin(tx, ESCALATION_LOCK);
      const run = await tx.db
        .selectFrom('escalationRuns')
        .selectAll()
        .where('id', '=', runId)
        .executeTakeFirst();
      if (!run) throw notFound('该次督办');
      const claimed = await tx.db
        .updateTable('escalationRuns')
        .set({ revertedAt: iso, revertedBy: user.id, revertReason: reason })
        .where('id', '=', runId)
        .where('revertedAt', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) throw invalidState('该次督办已撤回，不能重复撤回');

      const records = await tx.db
        .selectFrom('escalations')
        .innerJoin('deliverables', 'deliverables.id', 'escalations.deliverableId')
        .innerJoin('orgs', 'orgs.id', 'escalations.orgId')
        .select([
          'escalations.id',
          'escalations.level',
          'escalations.orgId',
          'escalations.deliverableId',
          'escalations.createdAt',
          'deliverables.title',
          'orgs.name as orgName',
        ])
        .where('escalations.runId', '=', runId)
        .where('escalations.withdrawnAt', 'is', null)
        .orderBy('escalations.deliverableId')
        .execute();
      await tx.db
        .updateTable('escalations')
        .set({ withdrawnAt: iso, withdrawnBy: user.id, withdrawReason: reason })
        .where('runId', '=', runId)
        .where('withdrawnAt', 'is', null)
        .execute();
      for (const r of records)
        await appendAudit(
          tx,
          actor,
          {
            action: 'escalation.withdraw',
            entity: 'escalation',
            entityId: r.id,
            orgId: r.orgId,
            before: { withdrawnAt: null },
            after: { withdrawnAt: iso, withdrawnBy: user.id, reason, runId },
          },
          now,
        );
      await appendAudit(
        tx,
        actor,
        {
          action: 'escalation-run.revert',
          entity: 'escalation-run',
          entityId: runId,
          before: { revertedAt: null },
          after: { asOf: run.asOf, withdrawn: records.length, reason },
        },
        now,
      );

      const byDeliverable = new Map<string, typeof records>();
      for (const r of records)
        byDeliverable.set(r.deliverableId, [...(byDeliverable.get(r.deliverableId) ?? []), r]);
      for (const [deliverableId, rs] of byDeliverable) {
        const first = rs[0]!;
        const levels: EscalationLevel[] = ESCALATION_LEVELS.filter((l) => rs.some((r) => r.level === l));
        await notify(
          tx,
          { orgId: first.orgId },
          withdrawnNotice({
            runId,
            deliverableId,
            title: first.title,
            orgName: first.orgName,
            levels,
            issuedOn: shanghaiDay(new Date(first.createdAt)),
            reason,
            publicUrl: ctx.config.publicUrl,
          }),
          now,
          { webhook: ctx.config.webhookUrl !== null },
        );
      }
    }),
  );
  return getEscalationRun(ctx.store, runId);
}
