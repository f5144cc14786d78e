/** What a settings page shows: the settings in force, their version, who changed them last, and the limits. */
import {
  CADENCES,
  type Cadence,
  DEFAULT_SETTINGS,
  SETTING_RANGES,
  type SupervisionSettings,
} from '@luoshi/core';
import type { Store } from '../../db/store.ts';
import { getSettings, SUPERVISION_KEY } from './get-settings.ts';

/** The optimistic version of the settings lives in its own row, so `getSettings` reads only settings. */
export const SUPERVISION_VERSION_KEY = 'supervision.version';

export type SettingsView = {
  settings: SupervisionSettings;
  /** 0 until the settings are first saved; send it back with PUT to detect a concurrent change. */
  rowVersion: number;
  updatedAt: string | null;
  updatedBy: { id: string; username: string; displayName: string } | null;
  defaults: SupervisionSettings;
  ranges: typeof SETTING_RANGES;
  cadences: readonly Cadence[];
};

export async function readVersion(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('settings')
    .select('valueJson')
    .where('key', '=', SUPERVISION_VERSION_KEY)
    .executeTakeFirst();
  if (!row) return 0;
  const parsed = JSON.parse(row.valueJson) as { rowVersion?: unknown };
  return typeof parsed.rowVersion === 'number' ? parsed.rowVersion : 0;
}

export async function settingsView(store: Store): Promise<SettingsView> {
  const [settings, rowVersion, row] = await Promise.all([
    getSettings(store),
    readVersion(store),
    store.db
      .selectFrom('settings')
      .leftJoin('users', 'users.id', 'settings.updatedBy')
      .select(['settings.updatedAt', 'users.id', 'users.username', 'users.displayName'])
      .where('settings.key', '=', SUPERVISION_KEY)
      .executeTakeFirst(),
  ]);
  return {
    settings,
    rowVersion,
    updatedAt: row?.updatedAt ?? null,
    updatedBy:
      row?.id && row.username && row.displayName
        ? { id: row.id, username: row.username, displayName: row.displayName }
        : null,
    defaults: { ...DEFAULT_SETTINGS },
    ranges: SETTING_RANGES,
    cadences: CADENCES,
  };
}
