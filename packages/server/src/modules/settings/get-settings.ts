import { DEFAULT_SETTINGS, type SupervisionSettings, validateSettings } from '@luoshi/core';
import type { Store } from '../../db/store.ts';

export const SUPERVISION_KEY = 'supervision';

/** The coordinator's supervision settings, or the defaults when none were saved. */
export async function getSettings(store: Store): Promise<SupervisionSettings> {
  const row = await store.db
    .selectFrom('settings')
    .select('valueJson')
    .where('key', '=', SUPERVISION_KEY)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_SETTINGS };
  const checked = validateSettings({ ...DEFAULT_SETTINGS, ...(JSON.parse(row.valueJson) as object) });
  return checked.ok ? checked.value : { ...DEFAULT_SETTINGS };
}
