import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../auth/policies.ts';
import type { AppContext } from '../../context.ts';
import { route } from '../../http/route.ts';
import { settingsView } from './settings-view.ts';
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
}
