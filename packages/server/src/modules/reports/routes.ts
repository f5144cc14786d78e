/**
 * Progress reports (报送), evidence (佐证材料), leader approval and review (审核).
 *
 * Uploads: POST /api/deliverables/{id}/reports and POST /api/reports/{id}/evidence take
 * multipart/form-data with files in `evidence` parts (report fields `narrative`, `completion`,
 * `figures` as a JSON array, `submit` = 'true'); the report route also takes the same fields as JSON.
 * Every other body is JSON only (415 otherwise).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { downloadHeaders } from '../../blobs/file-types.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { parseWith, route } from '../../http/route.ts';
import { acceptReport } from './accept-report.ts';
import { addEvidence } from './add-evidence.ts';
import { approveReport } from './approve-report.ts';
import { createReport } from './create-report.ts';
import { deliverableInputs } from './deliverable-inputs.ts';
import { getEvidence } from './get-evidence.ts';
import { getReport } from './get-report.ts';
import { acceptJsonOnly } from './json-only.ts';
import { listReports } from './list-reports.ts';
import { removeEvidence } from './remove-evidence.ts';
import { deliverableToWrite, reportToWrite } from './report-access.ts';
import { reportFromForm } from './report-fields.ts';
import { returnReport } from './return-report.ts';
import { leaderQueue, reviewQueue } from './review-queue.ts';
import {
  AcceptBody,
  EvidenceParams,
  IdParams,
  NewReport,
  ReportPatch,
  ReturnBody,
  ReviewQueueQuery,
  reviewQueryOf,
  VersionBody,
} from './schemas.ts';
import { sendBackReport } from './send-back-report.ts';
import { submitReport } from './submit-report.ts';
import { updateReport } from './update-report.ts';
import { noFiles, readUpload, type Upload } from './upload.ts';

const UNIT = ['reporter', 'leader'] as const;

export async function reportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => {
    acceptJsonOnly(scope, ['/api/deliverables/:id/reports', '/api/reports/:id/evidence']);

    route(scope, {
      method: 'POST',
      url: '/api/deliverables/{id}/reports',
      summary: '新建进展报告（可附佐证材料，可直接提交）',
      tags: ['reports'],
      auth: 'user',
      roles: UNIT,
      params: IdParams,
      multipart: true,
      status: 201,
      handler: async ({ req, user, params }) => {
        let upload: Upload = noFiles();
        let input: NewReport;
        if (req.isMultipart()) {
          // Authorize before reading a single byte of the upload.
          await deliverableToWrite(ctx.store, user, params.id);
          upload = await readUpload(req, ctx.config.dataDir, ctx.config.uploadLimitBytes);
          try {
            input = reportFromForm(upload.fields);
          } catch (err) {
            await upload.discard();
            throw err;
          }
        } else {
          input = parseWith(NewReport, req.body ?? {}, 'body');
        }
        return { report: await createReport(ctx, user, params.id, input, upload, ctx.clock.now()) };
      },
    });

    route(scope, {
      method: 'GET',
      url: '/api/deliverables/{id}/reports',
      summary: '报送事项的报告列表（含佐证材料信息）',
      tags: ['reports'],
      auth: 'user',
      params: IdParams,
      handler: async ({ user, params }) => ({ reports: await listReports(ctx.store, user, params.id) }),
    });

    route(scope, {
      method: 'GET',
      url: '/api/deliverables/{id}/inputs',
      summary: '牵头单位查看配合单位的报送情况（只读）',
      tags: ['reports'],
      auth: 'user',
      params: IdParams,
      handler: async ({ user, params }) => ({ inputs: await deliverableInputs(ctx.store, user, params.id) }),
    });

    route(scope, {
      method: 'GET',
      url: '/api/reports/{id}',
      summary: '报告详情',
      tags: ['reports'],
      auth: 'user',
      params: IdParams,
      handler: async ({ user, params }) => getReport(ctx.store, user, params.id),
    });

    route(scope, {
      method: 'PATCH',
      url: '/api/reports/{id}',
      summary: '修改草稿或被退回的报告（需提供 rowVersion）',
      tags: ['reports'],
      auth: 'user',
      roles: UNIT,
      params: IdParams,
      body: ReportPatch,
      handler: async ({ user, params, body }) => ({
        report: await updateReport(ctx.store, user, params.id, body, ctx.clock.now()),
      }),
    });

    route(scope, {
      method: 'POST',
      url: '/api/reports/{id}/evidence',
      summary: '为草稿或被退回的报告上传佐证材料（multipart，文件放在 evidence 字段）',
      tags: ['reports'],
      auth: 'user',
      roles: UNIT,
      params: IdParams,
      multipart: true,
      status: 201,
      handler: async ({ req, user, params }) => {
        if (!req.isMultipart())
          throw new AppError('unsupported-media-type', '请以表单上传（multipart/form-data）提交文件');
        await reportToWrite(ctx.store, user, params.id);
        const upload = await readUpload(req, ctx.config.dataDir, ctx.config.uploadLimitBytes);
        if (Object.keys(upload.fields).length > 0) {
          await upload.discard();
          throw new AppError(
            'validation',
            `未知的字段 ${Object.keys(upload.fields)[0]}`,
            Object.keys(upload.fields)[0],
          );
        }
        return { evidence: await addEvidence(ctx.store, user, params.id, upload, ctx.clock.now()) };
      },
    });

    route(scope, {
      method: 'DELETE',
      url: '/api/reports/{id}/evidence/{evidenceId}',
      summary: '从草稿中删除佐证材料',
      tags: ['reports'],
      auth: 'user',
      roles: UNIT,
      params: EvidenceParams,
      handler: async ({ user, params }) => {
        await removeEvidence(ctx.store, user, params.id, params.evidenceId, ctx.clock.now());
        return { ok: true };
      },
    });

    // An attachment by default, so a plain link downloads. With ?inline=1 a PNG/JPEG/GIF/WebP image or a
    // PDF is sent inline (sandboxed, framable only by this site) for the preview; every other type
    // (Office files, ZIP, text, anything unknown) stays an attachment. See downloadHeaders.
    route(scope, {
      method: 'GET',
      url: '/api/evidence/{id}',
      summary: '下载佐证材料（inline=1 时图片和 PDF 可在浏览器中直接查看）',
      tags: ['reports'],
      auth: 'user',
      params: IdParams,
      query: z.object({ inline: z.enum(['0', '1'], 'inline 只能是 0 或 1').optional() }),
      produces: 'application/octet-stream',
      handler: async ({ user, params, query, reply }) => {
        const file = await getEvidence(ctx, user, params.id);
        void reply.headers(downloadHeaders(file, query.inline === '1'));
        return file.stream;
      },
    });

    route(scope, {
      method: 'POST',
      url: '/api/reports/{id}/submit',
      summary: '提交报告（启用领导审批时先交本单位领导审批）',
      tags: ['reports'],
      auth: 'user',
      roles: UNIT,
      params: IdParams,
      body: VersionBody,
      handler: async ({ user, params, body }) => ({
        report: await submitReport(ctx, user, params.id, body, ctx.clock.now()),
      }),
    });

    route(scope, {
      method: 'POST',
      url: '/api/reports/{id}/approve',
      summary: '单位领导审批报告（审批后报送依法治市办）',
      tags: ['reports'],
      auth: 'user',
      roles: ['leader'],
      params: IdParams,
      body: VersionBody,
      handler: async ({ user, params, body }) => ({
        report: await approveReport(ctx, user, params.id, body, ctx.clock.now()),
      }),
    });

    route(scope, {
      method: 'POST',
      url: '/api/reports/{id}/send-back',
      summary: '单位领导退回待审批的报告（须填写理由，退回本单位联络员修改）',
      tags: ['reports'],
      auth: 'user',
      roles: ['leader'],
      params: IdParams,
      body: ReturnBody,
      handler: async ({ user, params, body }) => ({
        report: await sendBackReport(ctx, user, params.id, body, ctx.clock.now()),
      }),
    });

    route(scope, {
      method: 'POST',
      url: '/api/reports/{id}/accept',
      summary: '审核通过（事项办结）',
      tags: ['reports'],
      auth: 'user',
      roles: ['coordinator'],
      params: IdParams,
      body: AcceptBody,
      handler: async ({ user, params, body }) => ({
        report: await acceptReport(ctx, user, params.id, body, ctx.clock.now()),
      }),
    });

    route(scope, {
      method: 'POST',
      url: '/api/reports/{id}/return',
      summary: '退回报告（须填写理由）',
      tags: ['reports'],
      auth: 'user',
      roles: ['coordinator'],
      params: IdParams,
      body: ReturnBody,
      handler: async ({ user, params, body }) => ({
        report: await returnReport(ctx, user, params.id, body, ctx.clock.now()),
      }),
    });

    route(scope, {
      method: 'GET',
      url: '/api/review-queue',
      summary: '待审核的报告（按单位、任务、逾期、曾退回、等待工作日、关键词筛选；按报送时间排序，分页）',
      tags: ['reports'],
      auth: 'user',
      roles: ['coordinator'],
      query: ReviewQueueQuery,
      handler: async ({ query }) => reviewQueue(ctx.store, reviewQueryOf(query), ctx.clock.now()),
    });

    route(scope, {
      method: 'GET',
      url: '/api/leader-queue',
      summary: '待我审批：本单位等待领导审批的报告（按报送时间先后）',
      tags: ['reports'],
      auth: 'user',
      roles: ['leader'],
      handler: async ({ user }) => ({ items: await leaderQueue(ctx.store, user.orgId) }),
    });
  });
}
