import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { permissionsOf } from '../../auth/policies.ts';
import { ABSOLUTE_DAYS, login, logout, SESSION_COOKIE } from '../../auth/sessions.ts';
import type { AppContext } from '../../context.ts';
import { route } from '../../http/route.ts';
import { accountRoutes } from './account-routes.ts';

const Credentials = z.object({
  username: z.string().min(1, '请输入用户名').max(100),
  password: z.string().min(1, '请输入密码').max(200),
});

export async function sessionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  route(app, {
    method: 'POST',
    url: '/api/session',
    summary: '登录（设置 HttpOnly 会话 Cookie）',
    tags: ['session'],
    auth: 'public',
    body: Credentials,
    handler: async ({ body, reply, req }) => {
      const s = await login(
        ctx.store,
        body.username,
        body.password,
        ctx.clock.now(),
        req.ip,
        req.headers['user-agent'],
      );
      void reply.setCookie(SESSION_COOKIE, s.token, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: req.protocol === 'https',
        // Relative, so a browser whose clock differs from the server's keeps it; the server decides expiry.
        maxAge: ABSOLUTE_DAYS * 86_400,
      });
      return { user: s.user, permissions: permissionsOf(s.user) };
    },
  });

  route(app, {
    method: 'DELETE',
    url: '/api/session',
    summary: '退出登录',
    tags: ['session'],
    auth: 'public',
    handler: async ({ req, reply }) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logout(ctx.store, token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/me',
    summary: '当前用户及其权限（须修改密码时也可读取）',
    tags: ['session'],
    auth: 'user',
    beforePasswordChange: true,
    handler: async ({ user }) => {
      const org = user.orgId
        ? await ctx.store.db
            .selectFrom('orgs')
            .select(['id', 'name', 'kind'])
            .where('id', '=', user.orgId)
            .executeTakeFirst()
        : null;
      return { user, org: org ?? null, permissions: permissionsOf(user) };
    },
  });

  await accountRoutes(app, ctx);
}
