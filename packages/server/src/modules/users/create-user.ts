import { type Actor, appendAudit } from '../../audit/audit.ts';
import { assertPasswordPolicy } from '../../auth/password-policy.ts';
import { hashPassword } from '../../auth/passwords.ts';
import type { Role } from '../../db/schema.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { AppError } from '../../errors.ts';
import { newId } from '../../ids.ts';

export const ROLES: readonly Role[] = ['coordinator', 'leader', 'reporter', 'viewer'];

export type CreateUserInput = {
  username: string;
  password: string;
  role: Role;
  orgId?: string | null;
  displayName?: string;
  email?: string | null;
  /**
   * The user must change the password at first login: true where an administrator set it or it was
   * generated (the API and the CLI); false where the user chose it or for the demo accounts.
   */
  mustChangePassword?: boolean;
};

/**
 * Create a user; reporters and leaders belong to a unit, the password meets the policy. Returns the
 * new user's id.
 */
export async function createUser(
  store: Store,
  actor: Actor,
  input: CreateUserInput,
  now: Date,
): Promise<string> {
  if (!/^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,40}$/.test(input.username))
    throw new AppError('validation', '用户名须为2-40位字母、数字、汉字或 _ . -', 'username');
  assertPasswordPolicy(input.password, input.username);
  if (!ROLES.includes(input.role)) throw new AppError('validation', '未知的角色', 'role');
  const orgId = input.orgId ?? null;
  if ((input.role === 'reporter' || input.role === 'leader') && !orgId)
    throw new AppError('validation', '联络员和单位领导必须属于一个单位', 'orgId');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(store, async (tx) => {
    if (orgId) {
      const org = await tx.db.selectFrom('orgs').select('id').where('id', '=', orgId).executeTakeFirst();
      if (!org) throw new AppError('validation', `单位 ${orgId} 不存在`, 'orgId');
    }
    const taken = await tx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (taken) throw new AppError('conflict', `用户名 ${input.username} 已存在`, 'username');
    const id = newId();
    const iso = now.toISOString();
    const row = {
      id,
      username: input.username,
      displayName: input.displayName ?? input.username,
      passwordHash,
      role: input.role,
      orgId,
      email: input.email ?? null,
      failedLogins: 0,
      lockedUntil: null,
      active: 1,
      createdAt: iso,
      updatedAt: iso,
      rowVersion: 1,
      passwordChangedAt: iso,
      mustChangePassword: input.mustChangePassword ? ('initial' as const) : null,
    };
    await tx.db.insertInto('users').values(row).execute();
    const { passwordHash: _secret, ...visible } = row;
    await appendAudit(
      tx,
      actor,
      { action: 'user.create', entity: 'user', entityId: id, orgId, after: visible },
      now,
    );
    return id;
  });
}
