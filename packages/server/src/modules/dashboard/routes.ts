import { defaultCalendar } from '@luoshi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canSeeOrg } from '../../auth/policies.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { shanghaiDay } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../errors.ts';
import { route } from '../../http/route.ts';
import { getSettings } from '../settings/get-settings.ts';
import { loadDashboard } from './load-dashboard.ts';
import { unitStanding } from './unit-standing.ts';

const Query = z.object({
  year: z.coerce.number().int('年份应为整数').min(2000, '年份超出范围').max(2100, '年份超出范围').optional(),
  planId: z.string().min(1).max(100).optional(),
  overdueLimit: z.coerce.number().int().min(0).max(1000).default(100),
});

type DashboardQuery = z.infer<typeof Query>;

/** Coordinators and viewers see every unit; a leader or reporter sees their own unit only. */
function ownUnitOnly(user: SessionUser): string | null {
  if (user.role === 'coordinator' || user.role === 'viewer') return null;
  return user.orgId ?? '';
}

export async function dashboardRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const inputOf = async (query: DashboardQuery) => {
    const today = shanghaiDay(ctx.clock.now());
    return {
      year: query.year ?? Number(today.slice(0, 4)),
      planId: query.planId ?? null,
      today,
      settings: await getSettings(ctx.store),
      calendar: defaultCalendar(),
      overdueLimit: query.overdueLimit,
    };
  };

  route(app, {
    method: 'GET',
    url: '/api/dashboard',
    summary: '督办看板：按单位、部分、任务的亮灯统计、按时报送率、逾期清单、指标完成情况和月度趋势',
    tags: ['dashboard'],
    auth: 'user',
    query: Query,
    handler: async ({ query, user }) =>
      loadDashboard(ctx.store, { ...(await inputOf(query)), orgId: ownUnitOnly(user) }),
  });

  route(app, {
    method: 'GET',
    url: '/api/dashboard/units/{orgId}',
    summary: '单位落实情况：该单位的亮灯统计、逾期清单、指标完成情况及按时报送率排名',
    tags: ['dashboard'],
    auth: 'user',
    params: z.object({ orgId: z.string().min(1).max(100) }),
    query: Query,
    handler: async ({ query, params, user }) => {
      if (!canSeeOrg(user, params.orgId)) throw forbidden('只能查看本单位的落实情况');
      return unitStanding(ctx.store, { ...(await inputOf(query)), orgId: params.orgId });
    },
  });
}
