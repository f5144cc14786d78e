import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../auth/policies.ts';
import type { AppContext } from '../../context.ts';
import { route } from '../../http/route.ts';
import { getReportSettings } from '../reports/report-settings.ts';
import { calendarInfo } from './calendar-info.ts';
import { settingsView } from './settings-view.ts';
import { updateReportSettings } from './update-report-settings.ts';
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
    summary: '报告设置（是否需要单位领导审核）',
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
    url: '/api/settings/calendar',
    summary: '工作日历覆盖情况（哪些年份有国务院节假日安排）',
    tags: ['settings'],
    auth: 'user',
    handler: async () => calendarInfo(ctx.clock.now()),
  });
}
