import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyAudit } from '../../audit/anchors.ts';
import type { AppContext } from '../../context.ts';
import { route } from '../../http/route.ts';
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
}
