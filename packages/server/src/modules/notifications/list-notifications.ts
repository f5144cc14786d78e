/** A user's own inbox: newest first, optionally only the unread, with the unread count. */
import type { Store } from '../../db/store.ts';

export type NotificationView = {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
};

export async function listNotifications(
  store: Store,
  userId: string,
  opts: { unread: boolean; limit: number },
): Promise<{ items: NotificationView[]; unread: number }> {
  let q = store.db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt'])
    .where('userId', '=', userId);
  if (opts.unread) q = q.where('readAt', 'is', null);
  const items = await q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
  const counted = await store.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return { items, unread: Number(counted.n) };
}
