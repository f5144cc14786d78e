import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../auth/policies.ts';
import type { AppContext } from '../../context.ts';
import { route } from '../../http/route.ts';
import { createUser, ROLES } from './create-user.ts';

const NewUser = z.object({
  username: z.string().min(2).max(40),
  password: z.string().min(8, '密码至少8位').max(200),
  role: z.enum(ROLES as ['coordinator', 'leader', 'reporter', 'viewer']),
  orgId: z.string().max(100).nullable().optional(),
  displayName: z.string().max(100).optional(),
  email: z.email('邮箱格式不正确').nullable().optional(),
});

export async function userRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  route(app, {
    method: 'GET',
    url: '/api/users',
    summary: '用户列表',
    tags: ['users'],
    auth: 'user',
    roles: ['coordinator'],
    handler: async () => ({
      users: await ctx.store.db
        .selectFrom('users')
        .select([
          'id',
          'username',
          'displayName',
          'role',
          'orgId',
          'email',
          'active',
          'lockedUntil',
          'createdAt',
        ])
        .orderBy('username')
        .execute(),
    }),
  });

  route(app, {
    method: 'POST',
    url: '/api/users',
    summary: '新建用户',
    tags: ['users'],
    auth: 'user',
    roles: ['coordinator'],
    body: NewUser,
    status: 201,
    handler: async ({ body, user }) => {
      const id = await createUser(ctx.store, actorOf(user), body, ctx.clock.now());
      return { id };
    },
  });
}
