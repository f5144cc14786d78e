/** 单位领导审批: whether a unit leader approves reports before they go to the coordinator. */
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { inTransaction, lockWithin, type Store } from '../../db/store.ts';
import { getReportSettings, REPORTS_KEY, type ReportSettings } from '../reports/report-settings.ts';
import { upsertSetting } from './update-settings.ts';

const REPORT_SETTINGS_LOCK = 727_011;

export async function updateReportSettings(
  store: Store,
  actor: Actor,
  input: ReportSettings,
  now: Date,
): Promise<ReportSettings> {
  await inTransaction(store, async (tx) => {
    await lockWithin(tx, REPORT_SETTINGS_LOCK);
    const before = await getReportSettings(tx);
    if (before.leaderApproval === input.leaderApproval) return;
    await upsertSetting(tx, REPORTS_KEY, JSON.stringify(input), now.toISOString(), actor.id);
    await appendAudit(
      tx,
      actor,
      { action: 'settings.update', entity: 'settings', entityId: REPORTS_KEY, before, after: input },
      now,
    );
  });
  return getReportSettings(store);
}
