/**
 * Leases in `jobLocks`: a named lock with a holder and an expiry, taken by one atomic upsert, so
 * that one process at a time does a piece of work and a crashed holder's lease simply runs out.
 */
import { hostname } from 'node:os';
import type { Store } from '../db/store.ts';
import { newId } from '../ids.ts';

/** A fresh holder name: this host and process, and one run of a job in it. */
export function newHolder(): string {
  return `${hostname()}:${process.pid}:${newId()}`;
}

/**
 * Take the lease `name` until `now + ms` when it is free, expired or already ours; true when taken.
 * One statement, so two processes racing for it cannot both win.
 */
export async function acquireLease(
  store: Store,
  name: string,
  holder: string,
  ms: number,
  now: Date,
): Promise<boolean> {
  const iso = now.toISOString();
  const until = new Date(now.getTime() + ms).toISOString();
  const row = await store.db
    .insertInto('jobLocks')
    .values({ name, holder, until })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, until })
        .where((eb) => eb.or([eb('jobLocks.until', '<=', iso), eb('jobLocks.holder', '=', holder)])),
    )
    .returning('name')
    .executeTakeFirst();
  return row !== undefined;
}

/** Give the lease back (only when we still hold it). */
export async function releaseLease(store: Store, name: string, holder: string): Promise<void> {
  await store.db.deleteFrom('jobLocks').where('name', '=', name).where('holder', '=', holder).execute();
}
