/**
 * The audit records of changes to the data, for "a refused request changes nothing": the records of
 * refused access (security.refused), which every 403 adds by design, are not changes and are left out.
 */
import type { Store } from '../../src/db/store.ts';

export async function changeRecords(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '!=', 'security.refused')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
