/**
 * A user's own inbox: newest first, optionally only the unread or only some kinds, with the unread
 * count in all and by kind (so the inbox can show its groups with their counts).
 */
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
  opts: { unread: boolean; limit: number; kinds?: string[] },
): Promise<{ items: NotificationView[]; unread: number; unreadByKind: Record<string, number> }> {
  let q = store.db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt'])
    .where('userId', '=', userId);
  if (opts.unread) q = q.where('readAt', 'is', null);
  if (opts.kinds) q = q.where('kind', 'in', opts.kinds.length > 0 ? opts.kinds : ['']);
  const items = await q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
  const counted = await store.db
    .selectFrom('notifications')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .groupBy('kind')
    .execute();
  const unreadByKind = Object.fromEntries(counted.map((c) => [c.kind, Number(c.n)]));
  const unread = counted.reduce((sum, c) => sum + Number(c.n), 0);
  return { items, unread, unreadByKind };
}
