/**
 * An in-process queue for SQLite writers that hold a transaction across awaits.
 *
 * better-sqlite3 waits for a busy database synchronously (busy_timeout): when two connections of
 * the SAME process both want the write lock, the waiting one blocks the event loop that the lock
 * holder needs to finish, and fails after the timeout. Jobs therefore queue their SQLite write
 * transactions here first. Across processes SQLite's own single writer lock does the job (each
 * process has its own event loop), and on PostgreSQL row locks and advisory locks do.
 */
import type { Store } from '../db/store.ts';

const tails = new Map<string, Promise<void>>();

/** The queue a store's write transactions join: one for SQLite, none on PostgreSQL. */
export function writerKey(store: Store): string | null {
  return store.dialect === 'sqlite' ? 'sqlite-writer' : null;
}

/** Run `fn` after every earlier `fn` of the same key has settled (at once when the key is null). */
export async function serialized<T>(key: string | null, fn: () => Promise<T>): Promise<T> {
  if (key === null) return fn();
  const previous = tails.get(key) ?? Promise.resolve();
  let release: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => done);
  tails.set(key, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
