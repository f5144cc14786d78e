import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyAudit } from '../../audit/anchors.ts';
import { actorOf } from '../../auth/policies.ts';
import type { AppContext } from '../../context.ts';
import { isoDay } from '../../http/inputs.ts';
import { route } from '../../http/route.ts';
import { exportAudit } from './export-audit.ts';
import { listAudit } from './list-audit.ts';

const Query = z.object({
  entity: z.string().min(1).max(50).optional(),
  entityId: z.string().min(1).max(200).optional(),
  actorId: z.string().min(1).max(100).optional(),
  limit: z.coerce
    .number()
    .int('limit 应为整数')
    .min(1, 'limit 至少为 1')
    .max(500, 'limit 至多为 500')
    .default(100),
  before: z.coerce.number().int('before 应为整数').min(1).optional(),
});

const ExportQuery = z
  .object({
    from: isoDay,
    to: isoDay,
    format: z.enum(['csv', 'jsonl'], { message: 'format 应为 csv 或 jsonl' }).default('csv'),
  })
  .refine((q) => q.from <= q.to, { message: '结束日期不能早于开始日期', path: ['to'] });

export async function auditRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  route(app, {
    method: 'GET',
    url: '/api/audit',
    summary: '操作留痕：按对象或操作人查询审计记录（新的在前）',
    tags: ['audit'],
    auth: 'user',
    roles: ['coordinator'],
    query: Query,
    handler: async ({ query }) => listAudit(ctx.store, query),
  });

  route(app, {
    method: 'GET',
    url: '/api/audit/verify',
    summary: '校验审计记录哈希链是否完整、未被篡改，并与数据库之外的锚点核对（末尾记录被删除或整段改写）',
    tags: ['audit'],
    auth: 'user',
    roles: ['coordinator'],
    handler: async () => verifyAudit(ctx.store, ctx.config.dataDir),
  });

  route(app, {
    method: 'GET',
    url: '/api/audit/export',
    summary:
      '导出一段时间（北京时间，含首尾两日）的审计记录，供安全审计（CSV 或 JSON Lines）；导出本身也留痕',
    tags: ['audit'],
    auth: 'user',
    roles: ['coordinator'],
    query: ExportQuery,
    produces: 'text/csv',
    handler: async ({ query, user, reply }) => {
      const out = await exportAudit(ctx.store, actorOf(user), query, ctx.clock.now());
      void reply
        .type(out.contentType)
        .header('content-disposition', `attachment; filename="${out.fileName}"`)
        .header('x-record-count', String(out.count));
      return out.body;
    },
  });
}
