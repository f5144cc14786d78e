import { parseOrgDirectoryCsv } from '@luoshi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../auth/policies.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { bodyBytesFor, ORG_CSV_MAX_CHARS } from '../../http/limits.ts';
import { route } from '../../http/route.ts';
import { createOrg } from './create-org.ts';
import { importOrgs } from './import-orgs.ts';
import { updateOrg } from './update-org.ts';

const text = (max: number) => z.string().max(max, `不能超过${max}个字`);
const list = z.array(z.string().max(100, '每项不能超过100个字')).max(50, '最多50项');

// The kind and the cross-org rules (parent, cycles, clashing names) are checked by core.
const OrgFields = {
  name: z.string().trim().min(1, '名称不能为空').max(100, '名称不能超过100个字'),
  kind: z.string().min(1, '请选择类型').max(40),
  parentId: z.string().max(100).nullable(),
  aliases: list,
  tags: list,
  code: text(40).nullable(),
  note: text(1000),
};

const OrgPatch = z
  .object({
    rowVersion: z.number('rowVersion 应为整数').int('rowVersion 应为整数').min(0),
    ...OrgFields,
  })
  .partial()
  .required({ rowVersion: true })
  .strict();

const NewOrg = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, '编号只能由字母、数字和 _ . - 组成（1-64位）')
      .optional(),
    ...OrgFields,
  })
  .partial({ parentId: true, aliases: true, tags: true, code: true, note: true })
  .strict();

const IdParams = z.object({ id: z.string().min(1).max(100) });

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
        .select(['id', 'name', 'kind', 'parentId', 'aliases', 'tags', 'code', 'note', 'rowVersion'])
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
    body: z.object({
      csv: z
        .string()
        .min(1, '组织目录不能为空')
        .max(ORG_CSV_MAX_CHARS, `组织目录 CSV 不能超过${ORG_CSV_MAX_CHARS}字`),
    }),
    bodyLimit: bodyBytesFor(ORG_CSV_MAX_CHARS),
    handler: async ({ body, user }) => {
      const parsed = parseOrgDirectoryCsv(body.csv);
      if ('errors' in parsed) {
        const first = parsed.errors[0]!;
        throw new AppError('validation', first.message, `csv:${first.line}:${first.field}`);
      }
      return importOrgs(ctx.store, actorOf(user), parsed.directory, ctx.clock.now());
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/orgs',
    summary: '新增单位',
    tags: ['orgs'],
    auth: 'user',
    roles: ['coordinator'],
    body: NewOrg,
    status: 201,
    handler: async ({ body, user }) => createOrg(ctx.store, actorOf(user), body, ctx.clock.now()),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/orgs/{id}',
    summary: '修改单位（名称、类型、上级、别名、标签、代码、备注）',
    tags: ['orgs'],
    auth: 'user',
    roles: ['coordinator'],
    params: IdParams,
    body: OrgPatch,
    handler: async ({ body, params, user }) =>
      updateOrg(ctx.store, actorOf(user), params.id, body, ctx.clock.now()),
  });
}
