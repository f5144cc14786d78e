import type { Store } from '../../db/store.ts';

export const REPORTS_KEY = 'reports';

export type ReportSettings = {
  /**
   * When true, a reporter's submission waits for a leader of the unit (report 'submitted'), and
   * only the leader's approval ('approved') hands it to the coordinator. A leader's own submission
   * is approved at once.
   */
  leaderApproval: boolean;
};

export const DEFAULT_REPORT_SETTINGS: Readonly<ReportSettings> = Object.freeze({ leaderApproval: false });

/** The reporting settings (settings key 'reports'), or the defaults when none (or nonsense) were saved. */
export async function getReportSettings(store: Store): Promise<ReportSettings> {
  const row = await store.db
    .selectFrom('settings')
    .select('valueJson')
    .where('key', '=', REPORTS_KEY)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_REPORT_SETTINGS };
  try {
    const value = JSON.parse(row.valueJson) as { leaderApproval?: unknown };
    return { leaderApproval: value.leaderApproval === true };
  } catch {
    return { ...DEFAULT_REPORT_SETTINGS };
  }
}
