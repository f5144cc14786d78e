/** Extension requests (延期申请): a unit asks before its deadline; the coordinator approves or refuses. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { route } from '../../http/route.ts';
import { acceptJsonOnly } from '../reports/json-only.ts';
import { approveExtension } from './approve-extension.ts';
import { listExtensions } from './list-extensions.ts';
import { refuseExtension } from './refuse-extension.ts';
import { requestExtension } from './request-extension.ts';
import { ApproveBody, ExtensionRequest, IdParams, ListQuery, RefuseBody } from './schemas.ts';

export async function extensionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => {
    acceptJsonOnly(scope);

    route(scope, {
      method: 'POST',
      url: '/api/deliverables/{id}/extensions',
      summary: '申请延期（须在办理时限前，最多延期90天）',
      tags: ['extensions'],
      auth: 'user',
      roles: ['reporter', 'leader'],
      params: IdParams,
      body: ExtensionRequest,
      status: 201,
      handler: async ({ user, params, body }) => ({
        extension: await requestExtension(ctx, user, params.id, body, ctx.clock.now()),
      }),
    });

    route(scope, {
      method: 'POST',
      url: '/api/extensions/{id}/approve',
      summary: '同意延期（办理时限改为申请的日期）',
      tags: ['extensions'],
      auth: 'user',
      roles: ['coordinator'],
      params: IdParams,
      body: ApproveBody,
      handler: async ({ user, params, body }) => ({
        extension: await approveExtension(ctx, user, params.id, body, ctx.clock.now()),
      }),
    });

    route(scope, {
      method: 'POST',
      url: '/api/extensions/{id}/refuse',
      summary: '不同意延期（须填写理由）',
      tags: ['extensions'],
      auth: 'user',
      roles: ['coordinator'],
      params: IdParams,
      body: RefuseBody,
      handler: async ({ user, params, body }) => ({
        extension: await refuseExtension(ctx, user, params.id, body, ctx.clock.now()),
      }),
    });

    route(scope, {
      method: 'GET',
      url: '/api/extensions',
      summary: '延期申请列表（依法治市办看全部，单位看本单位）',
      tags: ['extensions'],
      auth: 'user',
      query: ListQuery,
      handler: async ({ user, query }) => ({ extensions: await listExtensions(ctx.store, user, query) }),
    });
  });
}
