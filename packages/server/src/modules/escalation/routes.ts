/** 提醒 → 催办 → 督办单 as records: the list, one deliverable's ladder, the unit's reply, a pass now. */
import { ESCALATION_LEVELS } from '@luoshi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { shanghaiDay } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { isoDay } from '../../http/inputs.ts';
import { route } from '../../http/route.ts';
import { deliverableEscalations } from './deliverable-escalations.ts';
import { listEscalations } from './list-escalations.ts';
import { replyToEscalation } from './reply-escalation.ts';
import { runEscalation } from './run-escalation.ts';

const TAGS = ['督办'];
const idParams = z.object({ id: z.string().min(1).max(64) });

export async function escalationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const today = () => shanghaiDay(ctx.clock.now());

  route(app, {
    method: 'GET',
    url: '/api/escalations',
    summary: '督办记录列表（协调员看全部，单位看本单位）',
    tags: TAGS,
    auth: 'user',
    query: z.object({
      orgId: z.string().min(1).max(64).optional(),
      level: z.enum(ESCALATION_LEVELS).optional(),
      open: z.enum(['true', 'false']).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    handler: ({ user, query }) =>
      listEscalations(
        ctx.store,
        user,
        {
          orgId: query.orgId,
          level: query.level,
          open: query.open === undefined ? undefined : query.open === 'true',
          limit: query.limit,
          offset: query.offset,
        },
        today(),
      ),
  });

  route(app, {
    method: 'GET',
    url: '/api/deliverables/{id}/escalations',
    summary: '报送事项的督办阶梯：何时提醒、催办、督办，单位如何回复',
    tags: TAGS,
    auth: 'user',
    params: idParams,
    handler: ({ user, params }) => deliverableEscalations(ctx.store, user, params.id, today()),
  });

  route(app, {
    method: 'POST',
    url: '/api/escalations/{id}/reply',
    summary: '被督办单位回复督办（只能回复一次）',
    tags: TAGS,
    auth: 'user',
    roles: ['reporter', 'leader'],
    params: idParams,
    body: z.object({
      reply: z
        .string()
        .trim()
        .min(5, { message: '回复内容至少5个字' })
        .max(4000, { message: '回复内容过长' }),
    }),
    handler: ({ user, params, body }) =>
      replyToEscalation(ctx.store, user, params.id, body.reply, ctx.clock.now(), {
        publicUrl: ctx.config.publicUrl,
        today: today(),
      }),
  });

  route(app, {
    method: 'POST',
    url: '/api/escalations/run',
    summary: '立即执行一次提醒与督办（可指定日期）',
    tags: TAGS,
    auth: 'user',
    roles: ['coordinator'],
    body: z.object({ asOf: isoDay.optional() }),
    handler: async ({ body }) => {
      const asOf = body.asOf ?? today();
      return { asOf, ...(await runEscalation(ctx, asOf)) };
    },
  });
}
