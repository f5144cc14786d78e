/** First start on an empty database: the default org directory and the coordinator account `admin`. */
import { readFile } from 'node:fs/promises';
import { DEFAULT_DIRECTORY_URL, parseOrgDirectoryCsv } from '@luoshi/core';
import { SYSTEM_ACTOR } from './audit/audit.ts';
import { passwordProblem } from './auth/password-policy.ts';
import { generatePassword } from './auth/passwords.ts';
import type { Store } from './db/store.ts';
import { importOrgs } from './modules/orgs/import-orgs.ts';
import { createUser } from './modules/users/create-user.ts';

export async function loadDefaultOrgs(store: Store, now: Date): Promise<void> {
  const parsed = parseOrgDirectoryCsv(await readFile(DEFAULT_DIRECTORY_URL, 'utf8'));
  if ('errors' in parsed) throw new Error(parsed.errors[0]!.message);
  await importOrgs(store, SYSTEM_ACTOR, parsed.directory, now);
}

/**
 * Make a fresh database usable: load the default directory when there are no orgs, and create the
 * coordinator `admin` when there are no users. Returns the generated password when one was made.
 */
export async function bootstrap(
  store: Store,
  opts: { adminPassword: string | null },
  now: Date,
): Promise<{ generatedPassword: string | null; createdAdmin: boolean }> {
  const anyOrg = await store.db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  if (!anyOrg) await loadDefaultOrgs(store, now);
  const anyUser = await store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return { generatedPassword: null, createdAdmin: false };
  const weak = opts.adminPassword === null ? null : passwordProblem(opts.adminPassword, 'admin');
  if (weak) throw new Error(`LUOSHI_ADMIN_PASSWORD 不符合密码规则：${weak}`);
  const password = opts.adminPassword ?? generatePassword('admin');
  await createUser(
    store,
    SYSTEM_ACTOR,
    {
      username: 'admin',
      password,
      role: 'coordinator',
      // The coordinating office (依法治市办) is its own scope, not a member unit: no orgId.
      orgId: null,
      displayName: '依法治市办管理员',
      // A generated password is shown once on the console: its user changes it at first login.
      mustChangePassword: opts.adminPassword === null,
    },
    now,
  );
  return { generatedPassword: opts.adminPassword ? null : password, createdAdmin: true };
}
