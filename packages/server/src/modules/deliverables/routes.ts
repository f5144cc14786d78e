import { SIGNALS } from '@luoshi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { isoDay } from '../../http/inputs.ts';
import { route } from '../../http/route.ts';
import { acknowledgeAssignment } from './acknowledge-assignment.ts';
import { getDeliverable } from './get-deliverable.ts';
import { listAssignments } from './list-assignments.ts';
import { listDeliverables } from './list-deliverables.ts';

const STATUSES = ['pending', 'draft', 'submitted', 'approved', 'accepted', 'returned', 'closed'] as const;
const id = z.string().min(1).max(100);
const page = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

export async function deliverableRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  route(app, {
    method: 'GET',
    url: '/api/deliverables',
    summary: '报送事项列表（按单位、任务、状态、亮灯、截止日期、清单筛选，分页）',
    tags: ['deliverables'],
    auth: 'user',
    query: z.object({
      orgId: id.optional(),
      taskNo: z.coerce.number().int().min(1).optional(),
      status: z.enum(STATUSES).optional(),
      signal: z.enum(SIGNALS).optional(),
      dueFrom: isoDay.optional(),
      dueTo: isoDay.optional(),
      planId: id.optional(),
      ...page,
    }),
    handler: async ({ user, query }) => listDeliverables(ctx.store, user, query, ctx.clock.now()),
  });

  route(app, {
    method: 'GET',
    url: '/api/deliverables/{id}',
    summary: '报送事项详情：任务、单位、牵头/配合关系、报告、延期和督办记录',
    tags: ['deliverables'],
    auth: 'user',
    params: z.object({ id }),
    handler: async ({ user, params }) => getDeliverable(ctx.store, user, params.id, ctx.clock.now()),
  });

  route(app, {
    method: 'GET',
    url: '/api/assignments',
    summary: '交办任务列表（单位只看本单位）',
    tags: ['deliverables'],
    auth: 'user',
    query: z.object({
      orgId: id.optional(),
      planId: id.optional(),
      acknowledged: z.enum(['true', 'false']).optional(),
      ...page,
    }),
    handler: async ({ user, query }) =>
      listAssignments(ctx.store, user, {
        ...query,
        acknowledged: query.acknowledged === undefined ? undefined : query.acknowledged === 'true',
      }),
  });

  route(app, {
    method: 'POST',
    url: '/api/assignments/{id}/acknowledge',
    summary: '签收交办任务（本单位联络员或领导，一次）',
    tags: ['deliverables'],
    auth: 'user',
    roles: ['reporter', 'leader'],
    params: z.object({ id }),
    handler: async ({ user, params }) => acknowledgeAssignment(ctx.store, user, params.id, ctx.clock.now()),
  });
}
