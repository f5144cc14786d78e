/**
 * 提醒 → 催办 → 督办单 as records: the list, one deliverable's ladder, the unit's reply, a pass now
 * (or its dry run), the recorded passes and the revert of one.
 */
import { ESCALATION_LEVELS } from '@luoshi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { shanghaiDay } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { isoDay } from '../../http/inputs.ts';
import { route } from '../../http/route.ts';
import { deliverableEscalations } from './deliverable-escalations.ts';
import { listEscalationRuns } from './list-escalation-runs.ts';
import { listEscalations } from './list-escalations.ts';
import { replyToEscalation } from './reply-escalation.ts';
import { revertEscalationRun } from './revert-escalation-run.ts';
import { startEscalationRun } from './start-escalation-run.ts';

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
    summary:
      '立即执行一次提醒与督办（可指定日期，最晚到明天）；dryRun 为 true 时只预演：列出将发出的记录，不写入任何数据',
    tags: TAGS,
    auth: 'user',
    roles: ['coordinator'],
    body: z.object({
      asOf: isoDay.optional(),
      dryRun: z.boolean('dryRun 应为 true 或 false').optional(),
    }),
    handler: ({ user, body }) => startEscalationRun(ctx, user, body),
  });

  route(app, {
    method: 'GET',
    url: '/api/escalations/runs',
    summary: '最近的督办批次（每次生成记录的督办运行），含各级数量与撤回情况',
    tags: TAGS,
    auth: 'user',
    roles: ['coordinator'],
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(20),
      offset: z.coerce.number().int().min(0).max(100_000).default(0),
    }),
    handler: ({ query }) => listEscalationRuns(ctx.store, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/escalations/runs/{id}/revert',
    summary: '撤回一次督办：该次生成的记录标记为已撤回（不删除），通知被督办单位，记入审计',
    tags: TAGS,
    auth: 'user',
    roles: ['coordinator'],
    params: idParams,
    body: z.object({
      reason: z
        .string('请填写撤回原因')
        .trim()
        .min(2, { message: '请填写撤回原因（至少2个字）' })
        .max(500, { message: '撤回原因不能超过500字' }),
    }),
    handler: ({ user, params, body }) => revertEscalationRun(ctx, user, params.id, body.reason),
  });
}
