/** A user as the admin pages and the audit trail see it: everything but the password hash. */
import type { User } from '../../db/schema.ts';

export type UserView = Omit<User, 'passwordHash'>;

export function userView(row: User): UserView {
  const { passwordHash: _secret, ...visible } = row;
  return visible;
}
