import { parseOrgDirectoryCsv } from '@luoshi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../auth/policies.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { route } from '../../http/route.ts';
import { importOrgs } from './import-orgs.ts';

export async function orgRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  route(app, {
    method: 'GET',
    url: '/api/orgs',
    summary: '组织目录',
    tags: ['orgs'],
    auth: 'user',
    handler: async () => {
      const rows = await ctx.store.db
        .selectFrom('orgs')
        .select(['id', 'name', 'kind', 'parentId', 'aliases', 'tags', 'code', 'note'])
        .orderBy('createdAt')
        .orderBy('id')
        .execute();
      return {
        orgs: rows.map((r) => ({
          ...r,
          aliases: JSON.parse(r.aliases) as string[],
          tags: JSON.parse(r.tags) as string[],
        })),
      };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/orgs/import',
    summary: '导入组织目录（CSV 文本）',
    tags: ['orgs'],
    auth: 'user',
    roles: ['coordinator'],
    body: z.object({ csv: z.string().min(1).max(5_000_000) }),
    handler: async ({ body, user }) => {
      const parsed = parseOrgDirectoryCsv(body.csv);
      if ('errors' in parsed) {
        const first = parsed.errors[0]!;
        throw new AppError('validation', first.message, `csv:${first.line}:${first.field}`);
      }
      return importOrgs(ctx.store, actorOf(user), parsed.directory, ctx.clock.now());
    },
  });
}
