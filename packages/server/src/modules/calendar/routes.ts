import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../auth/policies.ts';
import type { AppContext } from '../../context.ts';
import { route } from '../../http/route.ts';
import { getCalendarLink, rotateCalendarLink } from './calendar-link.ts';
import { orgCalendar } from './org-calendar.ts';

const id = z.string().min(1).max(100);

export async function calendarRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  route(app, {
    method: 'GET',
    url: '/api/calendar/{orgId}/{token}.ics',
    summary: '单位报送时限日历订阅（iCalendar，凭密钥访问）',
    tags: ['calendar'],
    auth: 'public',
    params: z.object({ orgId: id, token: z.string().min(1).max(200) }),
    produces: 'text/calendar',
    handler: async ({ reply, params }) => {
      const text = await orgCalendar(ctx.store, params.orgId, params.token, ctx.config.publicUrl);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .header('content-disposition', `inline; filename="${encodeURIComponent(params.orgId)}.ics"`)
        .send(text);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/orgs/{id}/calendar-link',
    summary: '单位日历订阅地址（本单位用户和协调员）',
    tags: ['calendar'],
    auth: 'user',
    params: z.object({ id }),
    handler: async ({ user, params }) => getCalendarLink(ctx.store, user, params.id, ctx.config.publicUrl),
  });

  route(app, {
    method: 'POST',
    url: '/api/orgs/{id}/calendar-link/rotate',
    summary: '重置单位日历订阅密钥（旧地址失效）',
    tags: ['calendar'],
    auth: 'user',
    roles: ['coordinator'],
    params: z.object({ id }),
    handler: async ({ user, params }) =>
      rotateCalendarLink(ctx.store, actorOf(user), params.id, ctx.config.publicUrl, ctx.clock.now()),
  });
}
