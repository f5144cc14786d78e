/** The coordinator sets the password expiry (days, 0 = never); audited with the values before and after. */
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { inTransaction, lockWithin, type Store } from '../../db/store.ts';
import { getSecuritySettings, SECURITY_KEY, type SecuritySettings } from './security-settings.ts';
import { upsertSetting } from './update-settings.ts';

const SECURITY_SETTINGS_LOCK = 727_012;

export async function updateSecuritySettings(
  store: Store,
  actor: Actor,
  input: SecuritySettings,
  now: Date,
): Promise<SecuritySettings> {
  await inTransaction(store, async (tx) => {
    await lockWithin(tx, SECURITY_SETTINGS_LOCK);
    const before = await getSecuritySettings(tx);
    if (before.passwordMaxAgeDays === input.passwordMaxAgeDays) return;
    const after = { passwordMaxAgeDays: input.passwordMaxAgeDays };
    await upsertSetting(tx, SECURITY_KEY, JSON.stringify(after), now.toISOString(), actor.id);
    await appendAudit(
      tx,
      actor,
      { action: 'settings.update', entity: 'settings', entityId: SECURITY_KEY, before, after },
      now,
    );
  });
  return getSecuritySettings(store);
}
