import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../auth/policies.ts';
import type { AppContext } from '../../context.ts';
import { route } from '../../http/route.ts';
import { getReportSettings } from '../reports/report-settings.ts';
import { calendarInfo } from './calendar-info.ts';
import { getSecuritySettings, PASSWORD_MAX_AGE_RANGE } from './security-settings.ts';
import { settingsView } from './settings-view.ts';
import { updateReportSettings } from './update-report-settings.ts';
import { updateSecuritySettings } from './update-security-settings.ts';
import { updateSettings } from './update-settings.ts';

// The fields themselves are checked by core validateSettings, which names each bad one in Chinese.
const Body = z.looseObject({
  rowVersion: z.number().int('rowVersion 应为整数').min(0).optional(),
});

export async function settingsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  route(app, {
    method: 'GET',
    url: '/api/settings',
    summary: '督办设置（报送周期、临期与督办阈值）',
    tags: ['settings'],
    auth: 'user',
    handler: async () => settingsView(ctx.store),
  });

  route(app, {
    method: 'PUT',
    url: '/api/settings',
    summary: '修改督办设置',
    tags: ['settings'],
    auth: 'user',
    roles: ['coordinator'],
    body: Body,
    handler: async ({ body, user }) => updateSettings(ctx.store, actorOf(user), body, ctx.clock.now()),
  });

  route(app, {
    method: 'GET',
    url: '/api/settings/reports',
    summary: '报告设置（是否需要单位领导审批）',
    tags: ['settings'],
    auth: 'user',
    handler: async () => getReportSettings(ctx.store),
  });

  route(app, {
    method: 'PUT',
    url: '/api/settings/reports',
    summary: '修改报告设置',
    tags: ['settings'],
    auth: 'user',
    roles: ['coordinator'],
    body: z.object({ leaderApproval: z.boolean('leaderApproval 应为 true 或 false') }).strict(),
    handler: async ({ body, user }) => updateReportSettings(ctx.store, actorOf(user), body, ctx.clock.now()),
  });

  route(app, {
    method: 'GET',
    url: '/api/settings/security',
    summary: '账号安全设置（密码有效期）',
    tags: ['settings'],
    auth: 'user',
    roles: ['coordinator'],
    handler: async () => getSecuritySettings(ctx.store),
  });

  route(app, {
    method: 'PUT',
    url: '/api/settings/security',
    summary: '修改账号安全设置（密码有效期天数，0 为永不过期）',
    tags: ['settings'],
    auth: 'user',
    roles: ['coordinator'],
    body: z
      .object({
        passwordMaxAgeDays: z
          .number('密码有效期应为整数天数')
          .int('密码有效期应为整数天数')
          .min(PASSWORD_MAX_AGE_RANGE.min, '密码有效期不能为负数')
          .max(PASSWORD_MAX_AGE_RANGE.max, `密码有效期不能超过${PASSWORD_MAX_AGE_RANGE.max}天`),
      })
      .strict(),
    handler: async ({ body, user }) =>
      updateSecuritySettings(ctx.store, actorOf(user), body, ctx.clock.now()),
  });

  route(app, {
    method: 'GET',
    url: '/api/settings/calendar',
    summary: '工作日历覆盖情况（哪些年份有国务院节假日安排）',
    tags: ['settings'],
    auth: 'user',
    handler: async () => calendarInfo(ctx.clock.now()),
  });
}
