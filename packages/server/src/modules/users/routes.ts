import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../../auth/password-policy.ts';
import { actorOf } from '../../auth/policies.ts';
import type { AppContext } from '../../context.ts';
import { route } from '../../http/route.ts';
import { endSessionsOf } from '../session/end-sessions.ts';
import { createUser, ROLES } from './create-user.ts';
import { resetPassword } from './reset-password.ts';
import { unlockUser } from './unlock-user.ts';
import { updateUser } from './update-user.ts';

// The password rules themselves (length, classes, user name, common list) are the policy's, named in Chinese.
const Password = z.string().max(PASSWORD_MAX_LENGTH, `密码不能超过${PASSWORD_MAX_LENGTH}位`);
const MustChange = z.boolean('mustChangePassword 应为 true 或 false').optional();

const NewUser = z.object({
  username: z.string().min(2).max(40),
  password: Password,
  /** Must change the password at first login; true unless said otherwise. */
  mustChangePassword: MustChange,
  role: z.enum(ROLES as ['coordinator', 'leader', 'reporter', 'viewer']),
  orgId: z.string().max(100).nullable().optional(),
  displayName: z.string().max(100).optional(),
  email: z.email('邮箱格式不正确').nullable().optional(),
});

const UserPatch = z
  .object({
    rowVersion: z.number('rowVersion 应为整数').int('rowVersion 应为整数').min(0),
    displayName: z.string().trim().min(1, '姓名不能为空').max(100, '姓名不能超过100个字').optional(),
    role: z.enum(ROLES as ['coordinator', 'leader', 'reporter', 'viewer'], '未知的角色').optional(),
    orgId: z.string().max(100).nullable().optional(),
    email: z
      .union([z.email('邮箱格式不正确'), z.literal('')])
      .nullable()
      .optional(),
    active: z.boolean('active 应为 true 或 false').optional(),
  })
  .strict();

const IdParams = z.object({ id: z.string().min(1).max(100) });

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
          'rowVersion',
          'passwordChangedAt',
          'mustChangePassword',
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
      const id = await createUser(
        ctx.store,
        actorOf(user),
        { ...body, mustChangePassword: body.mustChangePassword ?? true },
        ctx.clock.now(),
      );
      return { id };
    },
  });

  route(app, {
    method: 'PATCH',
    url: '/api/users/{id}',
    summary: '修改用户（姓名、角色、单位、邮箱、停用/启用）',
    tags: ['users'],
    auth: 'user',
    roles: ['coordinator'],
    params: IdParams,
    body: UserPatch,
    handler: async ({ body, params, user }) =>
      updateUser(ctx.store, actorOf(user), params.id, body, ctx.clock.now()),
  });

  route(app, {
    method: 'POST',
    url: '/api/users/{id}/unlock',
    summary: '解除登录锁定',
    tags: ['users'],
    auth: 'user',
    roles: ['coordinator'],
    params: IdParams,
    handler: async ({ params, user }) => unlockUser(ctx.store, actorOf(user), params.id, ctx.clock.now()),
  });

  route(app, {
    method: 'POST',
    url: '/api/users/{id}/password',
    summary: '重置用户密码（该用户的登录会话随之结束）',
    tags: ['users'],
    auth: 'user',
    roles: ['coordinator'],
    params: IdParams,
    body: z.object({ password: Password, mustChangePassword: MustChange }).strict(),
    handler: async ({ body, params, user }) =>
      resetPassword(
        ctx.store,
        actorOf(user),
        params.id,
        body.password,
        ctx.clock.now(),
        body.mustChangePassword ?? true,
      ),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/users/{id}/sessions',
    summary: '结束该用户的全部登录会话',
    tags: ['users'],
    auth: 'user',
    roles: ['coordinator'],
    params: IdParams,
    handler: async ({ params, user }) =>
      endSessionsOf(ctx.store, actorOf(user), params.id, null, ctx.clock.now()),
  });
}
