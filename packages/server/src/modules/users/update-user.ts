/**
 * The coordinator edits one account: name, role, unit, e-mail, active. Reporters and leaders need a
 * unit; a coordinator cannot deactivate or demote themselves (someone must be left to administer).
 * Deactivating ends the user's sessions. Optimistic version, audited without the password hash.
 */
import { type Actor, appendAudit } from '../../audit/audit.ts';
import type { Role } from '../../db/schema.ts';
import { inTransaction, type Store } from '../../db/store.ts';
import { AppError, notFound } from '../../errors.ts';
import { type UserView, userView } from './user-view.ts';

export type UpdateUserInput = {
  rowVersion: number;
  displayName?: string;
  role?: Role;
  orgId?: string | null;
  email?: string | null;
  active?: boolean;
};

export async function updateUser(
  store: Store,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
  now: Date,
): Promise<UserView> {
  return inTransaction(store, async (tx) => {
    const row = await tx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('该用户');
    if (row.rowVersion !== input.rowVersion) throw new AppError('stale', undefined, 'rowVersion');
    const next = {
      displayName: input.displayName?.trim() || row.displayName,
      role: input.role ?? row.role,
      orgId: input.orgId === undefined ? row.orgId : input.orgId || null,
      email: input.email === undefined ? row.email : input.email?.trim() || null,
      active: input.active === undefined ? row.active : input.active ? 1 : 0,
    };
    if (actor.id === id && next.active !== 1)
      throw new AppError('invalid-state', '不能停用自己的账号，请由另一位管理员操作', 'active');
    if (actor.id === id && next.role !== 'coordinator')
      throw new AppError('invalid-state', '不能取消自己的管理员角色，请由另一位管理员操作', 'role');
    if ((next.role === 'reporter' || next.role === 'leader') && !next.orgId)
      throw new AppError('validation', '联络员和单位领导必须属于一个单位', 'orgId');
    if (next.orgId && next.orgId !== row.orgId) {
      const org = await tx.db.selectFrom('orgs').select('id').where('id', '=', next.orgId).executeTakeFirst();
      if (!org) throw new AppError('validation', `单位 ${next.orgId} 不存在`, 'orgId');
    }
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== row[k]);
    if (changed.length === 0) return userView(row);
    const updated = await tx.db
      .updateTable('users')
      .set({ ...next, updatedAt: now.toISOString(), rowVersion: row.rowVersion + 1 })
      .where('id', '=', id)
      .where('rowVersion', '=', row.rowVersion)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('stale', undefined, 'rowVersion');
    let sessionsEnded = 0;
    if (next.active !== 1 && row.active === 1) {
      const deleted = await tx.db.deleteFrom('sessions').where('userId', '=', id).executeTakeFirst();
      sessionsEnded = Number(deleted.numDeletedRows);
    }
    const pick = (u: typeof row) => Object.fromEntries(changed.map((k) => [k, u[k]]));
    const action =
      changed.length === 1 && changed[0] === 'active'
        ? next.active === 1
          ? 'user.activate'
          : 'user.deactivate'
        : 'user.update';
    await appendAudit(
      tx,
      actor,
      {
        action,
        entity: 'user',
        entityId: id,
        orgId: updated.orgId,
        before: pick(row),
        after: sessionsEnded > 0 ? { ...pick(updated), sessionsEnded } : pick(updated),
      },
      now,
    );
    return userView(updated);
  });
}
