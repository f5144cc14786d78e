/**
 * 账号安全: changing one's own password, one's signed-in devices, and for the coordinator everyone's.
 * Changing the password is open to a user who must change it first; nothing else here is.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../../auth/password-policy.ts';
import { actorOf } from '../../auth/policies.ts';
import { SESSION_COOKIE, tokenId } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import { route } from '../../http/route.ts';
import { changePassword } from './change-password.ts';
import { endSession, endSessionsOf } from './end-sessions.ts';
import { listSessions, SESSION_KEY_PATTERN, sessionKey } from './list-sessions.ts';

const NewPassword = z
  .object({
    currentPassword: z.string().min(1, '请输入当前密码').max(PASSWORD_MAX_LENGTH, '当前密码不正确'),
    newPassword: z
      .string()
      .min(1, '请输入新密码')
      .max(PASSWORD_MAX_LENGTH, `密码不能超过${PASSWORD_MAX_LENGTH}位`),
  })
  .strict();

const SessionParams = z.object({
  id: z.string().regex(SESSION_KEY_PATTERN, '登录设备编号应为16位十六进制数'),
});

const EndScope = z
  .object({ scope: z.enum(['others', 'all'], 'scope 应为 others 或 all').default('others') })
  .strict();

function currentSessionId(req: FastifyRequest): string | null {
  const token = req.cookies[SESSION_COOKIE];
  return token ? tokenId(token) : null;
}

export async function accountRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  route(app, {
    method: 'POST',
    url: '/api/me/password',
    summary: '修改自己的密码（其他设备上的登录随之退出）',
    tags: ['session'],
    auth: 'user',
    beforePasswordChange: true,
    body: NewPassword,
    handler: async ({ body, req, user }) =>
      changePassword(ctx.store, user, currentSessionId(req) ?? '', body, ctx.clock.now()),
  });

  route(app, {
    method: 'GET',
    url: '/api/me/sessions',
    summary: '我的登录设备',
    tags: ['session'],
    auth: 'user',
    handler: async ({ req, user }) => ({
      sessions: await listSessions(
        ctx.store,
        { userId: user.id, currentSessionId: currentSessionId(req) },
        ctx.clock.now(),
      ),
    }),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/me/sessions/{id}',
    summary: '退出我的一个登录设备',
    tags: ['session'],
    auth: 'user',
    params: SessionParams,
    handler: async ({ params, req, reply, user }) => {
      const result = await endSession(ctx.store, actorOf(user), params.id, user.id, ctx.clock.now());
      const current = currentSessionId(req);
      if (current && sessionKey(current) === params.id) void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return result;
    },
  });

  route(app, {
    method: 'DELETE',
    url: '/api/me/sessions',
    summary: '退出我的其他设备（scope=others，默认）或全部设备（scope=all）',
    tags: ['session'],
    auth: 'user',
    query: EndScope,
    handler: async ({ query, req, reply, user }) => {
      const keep = query.scope === 'others' ? currentSessionId(req) : null;
      const result = await endSessionsOf(ctx.store, actorOf(user), user.id, keep, ctx.clock.now());
      if (query.scope === 'all') void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return result;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/sessions',
    summary: '所有用户的登录设备（管理员）',
    tags: ['users'],
    auth: 'user',
    roles: ['coordinator'],
    handler: async ({ req }) => ({
      sessions: await listSessions(ctx.store, { currentSessionId: currentSessionId(req) }, ctx.clock.now()),
    }),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/sessions/{id}',
    summary: '结束任一用户的一个登录设备（管理员）',
    tags: ['users'],
    auth: 'user',
    roles: ['coordinator'],
    params: SessionParams,
    handler: async ({ params, user }) =>
      endSession(ctx.store, actorOf(user), params.id, null, ctx.clock.now()),
  });
}
