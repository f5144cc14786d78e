/**
 * The coordinator changes the supervision settings: checked by core `validateSettings` (every field
 * named in Chinese when wrong, nothing changed), guarded by an optimistic version, audited with the
 * values before and after.
 */
import { type SupervisionSettings, validateSettings } from '@luoshi/core';
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { inTransaction, lockWithin, type Store } from '../../db/store.ts';
import { AppError } from '../../errors.ts';
import { getSettings, SUPERVISION_KEY } from './get-settings.ts';
import { readVersion, type SettingsView, SUPERVISION_VERSION_KEY, settingsView } from './settings-view.ts';

const SETTINGS_LOCK = 727_101;

export type UpdateSettingsInput = Record<string, unknown> & { rowVersion?: number };

export async function updateSettings(
  store: Store,
  actor: Actor,
  input: UpdateSettingsInput,
  now: Date,
): Promise<SettingsView> {
  const { rowVersion, ...fields } = input;
  const checked = validateSettings(fields);
  if (!checked.ok) {
    const first = checked.errors[0]!;
    throw new AppError('validation', checked.errors.map((e) => e.message).join('；'), first.field || 'body');
  }
  const next: SupervisionSettings = checked.value;
  await inTransaction(store, async (tx) => {
    await lockWithin(tx, SETTINGS_LOCK);
    const version = await readVersion(tx);
    if (rowVersion !== undefined && rowVersion !== version)
      throw new AppError('stale', undefined, 'rowVersion');
    const before = await getSettings(tx);
    if (JSON.stringify(before) === JSON.stringify(next)) return;
    const iso = now.toISOString();
    await upsertSetting(tx, SUPERVISION_KEY, JSON.stringify(next), iso, actor.id);
    await upsertSetting(
      tx,
      SUPERVISION_VERSION_KEY,
      JSON.stringify({ rowVersion: version + 1 }),
      iso,
      actor.id,
    );
    await appendAudit(
      tx,
      actor,
      { action: 'settings.update', entity: 'settings', entityId: SUPERVISION_KEY, before, after: next },
      now,
    );
  });
  return settingsView(store);
}

export async function upsertSetting(
  tx: Store,
  key: string,
  valueJson: string,
  at: string,
  by: string | null,
): Promise<void> {
  await tx.db
    .insertInto('settings')
    .values({ key, valueJson, updatedAt: at, updatedBy: by })
    .onConflict((oc) => oc.column('key').doUpdateSet({ valueJson, updatedAt: at, updatedBy: by }))
    .execute();
}
