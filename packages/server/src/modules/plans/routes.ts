import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../auth/policies.ts';
import type { AppContext } from '../../context.ts';
import { parseWith, route } from '../../http/route.ts';
import { addPlanYear } from './add-plan-year.ts';
import { correctPlan } from './correct-plan.ts';
import { getPlan } from './get-plan.ts';
import { importNotice } from './import-notice.ts';
import { listPlans } from './list-plans.ts';
import { correctPlanSchema } from './plan-edits.ts';
import { publishPlan } from './publish-plan.ts';
import { readNoticeUpload } from './read-upload.ts';

const idParams = z.object({ id: z.string().min(1).max(100) });

const importJson = z.object({
  text: z.string().min(1, '通知全文不能为空').max(900_000),
  fileName: z.string().max(255).nullish(),
  year: z.number().int().optional(),
});

export async function planRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  route(app, {
    method: 'POST',
    url: '/api/notices',
    summary:
      '导入通知：上传 .docx/.xlsx/.txt 文件（multipart 字段 file，可选 year），或提交 JSON {text, fileName?, year?}；新导入返回 201，已导入过返回 200',
    tags: ['plans'],
    auth: 'user',
    roles: ['coordinator'],
    multipart: true,
    handler: async ({ req, reply, user }) => {
      const input = req.isMultipart()
        ? await readNoticeUpload(req, ctx.config.uploadLimitBytes)
        : parseWith(importJson, req.body ?? {}, 'body');
      const result = await importNotice(ctx.store, actorOf(user), input, ctx.clock.now());
      reply.status(result.created ? 201 : 200);
      return result;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/plans',
    summary: '任务清单列表（协调员可见草稿）',
    tags: ['plans'],
    auth: 'user',
    handler: async ({ user }) => listPlans(ctx.store, user),
  });

  route(app, {
    method: 'GET',
    url: '/api/plans/{id}',
    summary: '任务清单详情：每项抽取结果及其原文位置、诊断、版本变化',
    tags: ['plans'],
    auth: 'user',
    params: idParams,
    handler: async ({ user, params }) => getPlan(ctx.store, user, params.id),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/plans/{id}',
    summary: '修正草稿：指定责任单位、时限义务、指标或任务文字',
    tags: ['plans'],
    auth: 'user',
    roles: ['coordinator'],
    params: idParams,
    body: correctPlanSchema,
    handler: async ({ user, params, body }) =>
      correctPlan(ctx.store, actorOf(user), params.id, body, ctx.clock.now()),
  });

  route(app, {
    method: 'POST',
    url: '/api/plans/{id}/publish',
    summary: '发布并交办：生成任务、交办单位和报送事项',
    tags: ['plans'],
    auth: 'user',
    roles: ['coordinator'],
    params: idParams,
    body: z.object({ rowVersion: z.number().int().min(1) }),
    handler: async ({ user, params, body }) =>
      publishPlan(ctx.store, actorOf(user), params.id, body, ctx.clock.now()),
  });

  route(app, {
    method: 'POST',
    url: '/api/plans/{id}/years',
    summary: '生成已发布清单后续年度的报送事项（可重复调用）',
    tags: ['plans'],
    auth: 'user',
    roles: ['coordinator'],
    params: idParams,
    body: z.object({ year: z.number().int() }),
    handler: async ({ user, params, body }) =>
      addPlanYear(ctx.store, actorOf(user), params.id, body, ctx.clock.now()),
  });
}
