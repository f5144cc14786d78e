/**
 * 考核: the rubric of a plan's year, the bonus and deduction entries, and the scores computed from the
 * supervision records — ranked per group, each unit's points traced to its records.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../auth/policies.ts';
import { shanghaiDay } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { isoDay } from '../../http/inputs.ts';
import { route } from '../../http/route.ts';
import { addAdjustment, listAdjustments, withdrawAdjustment } from './adjustments.ts';
import { decideAppeal, fileAppeal, listAppeals } from './appeals.ts';
import { freezeYear, openAppeals } from './assessment-year.ts';
import { frozenResult, getAssessment, getUnitBreakdown } from './get-assessment.ts';
import { getRubric, saveRubric } from './rubric-setting.ts';

const TAGS = ['考核'];
const id = z.string().min(1).max(64);
const year = z.coerce.number().int().min(2000).max(2100);
const planYear = z.object({ planId: id, year });
const text = (field: string, max: number) =>
  z
    .string()
    .trim()
    .min(2, { message: `${field}至少2个字` })
    .max(max, { message: `${field}过长` });

/** The rubric's shape; its meaning (bounds, order of grades) is checked by core's validateRubric. */
const rubricSchema = z.object({
  groups: z
    .array(z.object({ id, name: z.string().max(60), kinds: z.array(z.string().max(40)).max(20) }))
    .max(20),
  items: z
    .array(
      z.union([
        z.object({ id, kind: z.enum(['on-time']), label: z.string().max(60), points: z.number() }),
        z.object({
          id,
          kind: z.enum(['indicators']),
          label: z.string().max(60),
          points: z.number(),
          partialCredit: z.boolean(),
        }),
        z.object({
          id,
          kind: z.enum(['returns']),
          label: z.string().max(60),
          pointsEach: z.number(),
          cap: z.number(),
        }),
        z.object({
          id,
          kind: z.enum(['escalations']),
          label: z.string().max(60),
          pointsEach: z.partialRecord(
            z.enum(['reminder', 'urge', 'supervise-orange', 'supervise-red']),
            z.number(),
          ),
          cap: z.number(),
        }),
        z.object({
          id,
          kind: z.enum(['adjustments']),
          label: z.string().max(60),
          maxBonus: z.number(),
          maxDeduction: z.number(),
        }),
      ]),
    )
    .max(20),
  grades: z
    .array(z.object({ name: z.string().max(20), minScore: z.number(), maxShare: z.number().optional() }))
    .max(10),
  weights: z.object({
    sections: z.record(z.string().max(8), z.number()).optional(),
    tasks: z.record(z.string().max(8), z.number()).optional(),
  }),
});

export async function assessmentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const today = () => shanghaiDay(ctx.clock.now());

  route(app, {
    method: 'GET',
    url: '/api/plans/{planId}/assessment/{year}',
    summary: '年度考核得分与分组排名（协调员看全部单位，单位看本单位）',
    tags: TAGS,
    auth: 'user',
    params: planYear,
    handler: ({ user, params }) => getAssessment(ctx, user, params.planId, params.year, today()),
  });

  route(app, {
    method: 'GET',
    url: '/api/plans/{planId}/assessment/{year}/units/{orgId}',
    summary: '单位考核得分明细：每一分对应的报送事项、报告、督办记录或加减分事项',
    tags: TAGS,
    auth: 'user',
    params: planYear.extend({ orgId: id }),
    handler: ({ user, params }) =>
      getUnitBreakdown(ctx, user, params.planId, params.year, params.orgId, today()),
  });

  route(app, {
    method: 'GET',
    url: '/api/plans/{planId}/assessment/{year}/rubric',
    summary: '考核细则（未设置时为默认细则）',
    tags: TAGS,
    auth: 'user',
    roles: ['coordinator', 'viewer'],
    params: planYear,
    handler: ({ params }) => getRubric(ctx.store, params.planId, params.year),
  });

  route(app, {
    method: 'PUT',
    url: '/api/plans/{planId}/assessment/{year}/rubric',
    summary: '保存考核细则（逐项检查，版本号防止覆盖他人修改）',
    tags: TAGS,
    auth: 'user',
    roles: ['coordinator'],
    params: planYear,
    body: z.object({ rubric: rubricSchema, rowVersion: z.number().int().min(0) }),
    handler: ({ user, params, body }) =>
      saveRubric(
        ctx.store,
        actorOf(user),
        {
          planId: params.planId,
          year: params.year,
          rubric: body.rubric as never,
          rowVersion: body.rowVersion,
        },
        ctx.clock.now(),
      ),
  });

  route(app, {
    method: 'GET',
    url: '/api/plans/{planId}/assessment/{year}/adjustments',
    summary: '加减分事项（含已撤销的）',
    tags: TAGS,
    auth: 'user',
    roles: ['coordinator', 'viewer'],
    params: planYear,
    handler: async ({ params }) => ({ items: await listAdjustments(ctx.store, params.planId, params.year) }),
  });

  route(app, {
    method: 'POST',
    url: '/api/plans/{planId}/assessment/{year}/adjustments',
    summary: '登记加分或减分事项（须写明理由和依据）',
    tags: TAGS,
    auth: 'user',
    roles: ['coordinator'],
    params: planYear,
    body: z.object({
      orgId: id,
      points: z.number().min(-100).max(100),
      reason: text('理由', 200),
      basis: text('依据', 200),
    }),
    handler: ({ user, params, body }) =>
      addAdjustment(ctx.store, user, { ...body, planId: params.planId, year: params.year }, ctx.clock.now()),
  });

  route(app, {
    method: 'POST',
    url: '/api/assessment-adjustments/{id}/withdraw',
    summary: '撤销加减分事项（保留记录，须写明原因）',
    tags: TAGS,
    auth: 'user',
    roles: ['coordinator'],
    params: z.object({ id }),
    body: z.object({ reason: text('撤销原因', 200) }),
    handler: ({ user, params, body }) =>
      withdrawAdjustment(ctx.store, user, params.id, body.reason, ctx.clock.now()),
  });

  route(app, {
    method: 'POST',
    url: '/api/plans/{planId}/assessment/{year}/appeal-window',
    summary: '公示考核结果并设定申诉期（通知各责任单位）',
    tags: TAGS,
    auth: 'user',
    roles: ['coordinator'],
    params: planYear,
    body: z.object({ from: isoDay, until: isoDay, rowVersion: z.number().int().min(0) }),
    handler: ({ user, params, body }) => openAppeals(ctx, user, { ...params, ...body }),
  });

  route(app, {
    method: 'POST',
    url: '/api/plans/{planId}/assessment/{year}/freeze',
    summary: '定格考核结果（保存结果及其哈希，此后不再变动；有未处理的申诉时不能定格）',
    tags: TAGS,
    auth: 'user',
    roles: ['coordinator'],
    params: planYear,
    body: z.object({ rowVersion: z.number().int().min(0) }),
    handler: ({ user, params, body }) =>
      freezeYear(ctx, user, { ...params, rowVersion: body.rowVersion }, (tx) =>
        frozenResult(tx, params.planId, params.year, today()),
      ),
  });

  route(app, {
    method: 'GET',
    url: '/api/plans/{planId}/assessment/{year}/appeals',
    summary: '考核申诉（协调员看全部，单位看本单位）',
    tags: TAGS,
    auth: 'user',
    params: planYear,
    handler: async ({ user, params }) => ({
      items: await listAppeals(ctx.store, user, params.planId, params.year),
    }),
  });

  route(app, {
    method: 'POST',
    url: '/api/plans/{planId}/assessment/{year}/appeals',
    summary: '单位对某一考核项提出申诉（公示期内，须写明理由）',
    tags: TAGS,
    auth: 'user',
    roles: ['reporter', 'leader'],
    params: planYear,
    body: z.object({ itemId: id, reason: text('申诉理由', 1000) }),
    handler: ({ user, params, body }) => fileAppeal(ctx, user, { ...params, ...body }, today()),
  });

  route(app, {
    method: 'POST',
    url: '/api/assessment-appeals/{id}/decide',
    summary: '协调员处理申诉：采纳（填写更正分值）或不予采纳（说明理由）',
    tags: TAGS,
    auth: 'user',
    roles: ['coordinator'],
    params: z.object({ id }),
    body: z.object({
      accept: z.boolean(),
      note: text('处理意见', 500),
      points: z.number().min(-100).max(100).optional(),
    }),
    handler: ({ user, params, body }) => decideAppeal(ctx, user, params.id, body),
  });
}
