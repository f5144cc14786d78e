import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../auth/policies.ts';
import type { AppContext } from '../../context.ts';
import {
  bodyBytesFor,
  NOTICE_MAX_TASKS,
  NOTICE_PARSE_MAX_MS,
  NOTICE_TEXT_MAX_CHARS,
} from '../../http/limits.ts';
import { parseWith, route } from '../../http/route.ts';
import { addPlanYear } from './add-plan-year.ts';
import { correctPlan } from './correct-plan.ts';
import { getPlan } from './get-plan.ts';
import {
  type ImportNoticeInput,
  importNotice,
  MAX_SHOWN_BYTES,
  MAX_SHOWN_LINES,
  type NoTaskListDetails,
} from './import-notice.ts';
import { listPlans } from './list-plans.ts';
import { correctPlanSchema } from './plan-edits.ts';
import { planPageQuery } from './plan-page.ts';
import { publishPlan } from './publish-plan.ts';
import { readNoticeUpload } from './read-upload.ts';

const idParams = z.object({ id: z.string().min(1).max(100) });

const LIST_START_LINE =
  '清单开始的行：读到的文字中的行号（从 1 起）。此前各行为通知头部；此后没有编号或表格时，每个段落作为一项任务';

const importJson = z.object({
  text: z
    .string()
    .min(1, '通知全文不能为空')
    .max(NOTICE_TEXT_MAX_CHARS, `通知全文不能超过${NOTICE_TEXT_MAX_CHARS}字`),
  fileName: z.string().max(255).nullish(),
  year: z.number().int().optional(),
  // Its range depends on the text: checked by the use case (validation error on listStartLine).
  listStartLine: z.number().optional().describe(LIST_START_LINE),
});

const PAGE_DESCRIPTION =
  'plan.tasks 只含一页任务（offset 起至多 limit 项；blocked=true 时只含发布前需修正的任务），page.total 为可翻阅的任务总数；' +
  'plan 不含通知全文，sourceWindow 为本页各位置（span）所在的一段原文：sourceWindow.text 即全文从 sourceWindow.start 起的部分，span 仍按全文计。';

/** The `details` of a no-task-list error, for the OpenAPI document. */
const noTaskListDetails = z.object({
  text: z
    .string()
    .describe(
      `读到的文字（解析时所见，换行为 \\n），至多前 ${MAX_SHOWN_LINES} 行、${MAX_SHOWN_BYTES / 1024} KB；行号与全文一致`,
    ),
  lineCount: z.number().int().describe('全文的行数'),
  shownLines: z.number().int().describe('text 中的行数'),
  truncated: z.boolean().describe('text 只是全文的开头部分'),
  format: z.string().describe('读取方式：txt、docx、xlsx、pdf、ofd，粘贴的文字为 text'),
  listStartLine: z.number().int().nullable().describe('本次指定的清单开始行；未指定为 null'),
}) satisfies z.ZodType<NoTaskListDetails>;

export async function planRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  route(app, {
    method: 'POST',
    url: '/api/notices',
    summary:
      '导入通知：上传 .docx/.xlsx/.pdf/.ofd/.txt 文件（multipart 字段 file，可选 year、listStartLine），或提交 JSON {text, fileName?, year?, listStartLine?}；新导入返回 201，已导入过返回 200',
    description:
      '未找到任务清单时返回 422 no-task-list，error.details 附带读到的文字（行号从 1 起）与总行数，数据库不作任何写入。' +
      '使用者可在其中指定清单开始的行，以 listStartLine 重新提交同一文件或文字：此前各行为通知头部；' +
      '此后既无编号也无表格时，每个段落作为一项任务。listStartLine 须为 1 至总行数之间的整数，否则返回 400 validation（field 为 listStartLine）。',
    tags: ['plans'],
    auth: 'user',
    roles: ['coordinator'],
    multipart: true,
    bodyLimit: bodyBytesFor(NOTICE_TEXT_MAX_CHARS),
    multipartFields: {
      file: { type: 'string', format: 'binary', description: '通知文件：.docx、.xlsx、.pdf、.ofd 或 .txt' },
      year: { type: 'string', pattern: '^\\d{4}$', description: '督办年度（可选）' },
      listStartLine: { type: 'string', pattern: '^\\d+$', description: LIST_START_LINE },
    },
    jsonBody: importJson,
    errors: [
      {
        code: 'validation',
        description: '请求内容不正确（如 year、listStartLine 超出范围），field 指明字段',
      },
      {
        code: 'payload-too-large',
        description: `通知过大：文件超过上传大小上限，通知全文超过${NOTICE_TEXT_MAX_CHARS}字，识别出的任务超过${NOTICE_MAX_TASKS}项，或读取和识别超过${NOTICE_PARSE_MAX_MS / 1000}秒的时限（已停止，未保存任何内容）；field 为 file 或 text`,
      },
      { code: 'unreadable-notice', description: '无法读取通知文件（field 为 file）' },
      {
        code: 'no-task-list',
        description: '未找到任务清单；details 为读到的文字，可据此指定 listStartLine 重新导入',
        details: noTaskListDetails,
      },
    ],
    handler: async ({ req, reply, user }) => {
      const input: ImportNoticeInput = req.isMultipart()
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
    summary: '任务清单详情：一页任务的抽取结果及其原文位置，诊断、版本变化',
    description: PAGE_DESCRIPTION,
    tags: ['plans'],
    auth: 'user',
    params: idParams,
    query: planPageQuery,
    handler: async ({ user, params, query }) => getPlan(ctx.store, user, params.id, query),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/plans/{id}',
    summary: '修正草稿：指定责任单位、时限义务、指标或任务文字；返回修正后的清单（分页同详情）',
    tags: ['plans'],
    auth: 'user',
    roles: ['coordinator'],
    params: idParams,
    query: planPageQuery,
    body: correctPlanSchema,
    handler: async ({ user, params, query, body }) =>
      correctPlan(ctx.store, actorOf(user), params.id, body, ctx.clock.now(), query),
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
