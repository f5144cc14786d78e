/** The in-app inbox: my notifications, read one, read all. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { route } from '../../http/route.ts';
import { listNotifications } from './list-notifications.ts';
import { markAllRead } from './mark-all-read.ts';
import { markRead } from './mark-read.ts';

const TAGS = ['通知'];

export async function notificationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  route(app, {
    method: 'GET',
    url: '/api/notifications',
    summary: '我的通知（可只看未读、只看某几类），含按类别的未读数',
    tags: TAGS,
    auth: 'user',
    query: z.object({
      unread: z.enum(['true', 'false']).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      kind: z
        .string()
        .max(500)
        .regex(/^[a-z.-]+(,[a-z.-]+)*$/, 'kind 应为以逗号分隔的通知类别')
        .optional(),
    }),
    handler: ({ user, query }) =>
      listNotifications(ctx.store, user.id, {
        unread: query.unread === 'true',
        limit: query.limit,
        kinds: query.kind?.split(','),
      }),
  });

  route(app, {
    method: 'POST',
    url: '/api/notifications/{id}/read',
    summary: '将一条通知标为已读',
    tags: TAGS,
    auth: 'user',
    params: z.object({ id: z.string().min(1).max(64) }),
    handler: ({ user, params }) => markRead(ctx.store, user, params.id, ctx.clock.now()),
  });

  route(app, {
    method: 'POST',
    url: '/api/notifications/read-all',
    summary: '将我的全部通知标为已读',
    tags: TAGS,
    auth: 'user',
    handler: ({ user }) => markAllRead(ctx.store, user, ctx.clock.now()),
  });
}
