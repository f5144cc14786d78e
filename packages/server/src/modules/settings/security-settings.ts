/** 账号安全设置: how many days a password stays valid before the user must change it (0: never). */
import type { Store } from '../../db/store.ts';

export const SECURITY_KEY = 'security';

export type SecuritySettings = {
  /** Days after a password was set before the user must change it at login; 0 turns expiry off. */
  passwordMaxAgeDays: number;
};

export const PASSWORD_MAX_AGE_RANGE = { min: 0, max: 3650 } as const;

export const DEFAULT_SECURITY_SETTINGS: Readonly<SecuritySettings> = Object.freeze({ passwordMaxAgeDays: 0 });

function isMaxAge(v: unknown): v is number {
  return (
    typeof v === 'number' &&
    Number.isInteger(v) &&
    v >= PASSWORD_MAX_AGE_RANGE.min &&
    v <= PASSWORD_MAX_AGE_RANGE.max
  );
}

/** The security settings (settings key 'security'), or the defaults when none (or nonsense) were saved. */
export async function getSecuritySettings(store: Store): Promise<SecuritySettings> {
  const row = await store.db
    .selectFrom('settings')
    .select('valueJson')
    .where('key', '=', SECURITY_KEY)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_SECURITY_SETTINGS };
  try {
    const value = JSON.parse(row.valueJson) as { passwordMaxAgeDays?: unknown };
    return isMaxAge(value.passwordMaxAgeDays)
      ? { passwordMaxAgeDays: value.passwordMaxAgeDays }
      : { ...DEFAULT_SECURITY_SETTINGS };
  } catch {
    return { ...DEFAULT_SECURITY_SETTINGS };
  }
}

/** Has a password set at `changedAt` run out under these settings at `now`? */
export function passwordExpired(settings: SecuritySettings, changedAt: string | null, now: Date): boolean {
  if (settings.passwordMaxAgeDays === 0 || changedAt === null) return false;
  return new Date(changedAt).getTime() + settings.passwordMaxAgeDays * 86_400_000 <= now.getTime();
}
