/**
 * Routes read like a checklist: validate (zod) → authenticate → authorize (roles) → one use case →
 * present. Every route is also recorded for /api/openapi.json.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SessionUser } from '../auth/sessions.ts';
import type { Role } from '../db/schema.ts';
import { AppError, ERROR_CODES, type ErrorCode } from '../errors.ts';
import { assertStorable } from './inputs.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RouteContext<B, Q, P> = {
  req: FastifyRequest;
  reply: FastifyReply;
  user: SessionUser | null;
  body: B;
  query: Q;
  params: P;
};

export type AuthedContext<B, Q, P> = RouteContext<B, Q, P> & { user: SessionUser };

type Spec<B, Q, P> = {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** multipart/form-data body (uploads): the handler reads it itself. */
  multipart?: boolean;
  /**
   * The largest JSON body in bytes, where the schema takes a text larger than the default allows
   * (see http/limits.ts, bodyBytesFor); beyond it 413 payload-too-large.
   */
  bodyLimit?: number;
  /** For the OpenAPI document only: a longer description of the operation. */
  description?: string;
  /** For the OpenAPI document only: the multipart fields (JSON Schema properties) and the JSON body a multipart route also takes. */
  multipartFields?: Record<string, Record<string, unknown>>;
  jsonBody?: z.ZodType;
  /** For the OpenAPI document only: errors worth naming, with the `details` they carry. */
  errors?: { code: ErrorCode; description: string; details?: z.ZodType }[];
  /** Status on success (200 unless said). */
  status?: number;
  /** Raw response type, e.g. text/calendar; JSON otherwise. */
  produces?: string;
};

type PublicSpec<B, Q, P> = Spec<B, Q, P> & {
  auth: 'public';
  handler(ctx: RouteContext<B, Q, P>): Promise<unknown>;
};

type UserSpec<B, Q, P> = Spec<B, Q, P> & {
  auth: 'user';
  /** Roles allowed; all signed-in users when absent. */
  roles?: readonly Role[];
  /** Open to a user who must change their password first (everything else answers password-change-required). */
  beforePasswordChange?: boolean;
  handler(ctx: AuthedContext<B, Q, P>): Promise<unknown>;
};

export type RouteSpec<B, Q, P> = PublicSpec<B, Q, P> | UserSpec<B, Q, P>;

type Recorded = Spec<unknown, unknown, unknown> & { auth: 'public' | 'user'; roles?: readonly Role[] };

// Validation messages users see are Chinese, also where a schema gives none of its own.
z.config(z.locales.zhCN());

const registry: Recorded[] = [];

export function registeredRoutes(): readonly Recorded[] {
  return registry;
}

/**
 * Turn a zod failure into a validation error that names the field; a value that parses but that one
 * of the databases cannot store (a NUL character, an integer beyond the columns) is refused too.
 */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (r.success) {
    assertStorable(schema, r.data, where);
    return r.data;
  }
  const issue = r.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join('.') : where;
  throw new AppError('validation', `${field}: ${issue.message}`, field);
}

export function route<B = undefined, Q = undefined, P = undefined>(
  app: FastifyInstance,
  spec: RouteSpec<B, Q, P>,
): void {
  if (!registry.some((r) => r.method === spec.method && r.url === spec.url)) {
    registry.push(spec as unknown as Recorded);
  }
  const fastifyUrl = spec.url.replace(/\{(\w+)\}/g, ':$1');
  app.route({
    method: spec.method,
    url: fastifyUrl,
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    // Authentication and roles come first, before the body is even read: an anonymous caller gets 401
    // (and a wrong role 403), never a validation error that describes the schema. Route hooks run
    // after the app's onRequest hook that sets req.sessionUser.
    ...(spec.auth === 'user'
      ? {
          onRequest: async (req: FastifyRequest) => {
            const user = req.sessionUser;
            if (!user) throw new AppError('unauthenticated');
            if (spec.roles && !spec.roles.includes(user.role)) throw new AppError('forbidden');
            if (user.mustChangePassword && !spec.beforePasswordChange)
              throw new AppError(
                'password-change-required',
                user.mustChangePassword === 'expired'
                  ? '密码已过期，请先修改密码后再继续操作'
                  : '首次登录请先修改密码后再继续操作',
              );
          },
        }
      : {}),
    handler: async (req, reply) => {
      const body = (spec.body ? parseWith(spec.body, req.body ?? {}, 'body') : undefined) as B;
      const query = (spec.query ? parseWith(spec.query, req.query ?? {}, 'query') : undefined) as Q;
      const params = (spec.params ? parseWith(spec.params, req.params ?? {}, 'params') : undefined) as P;
      const user = req.sessionUser;
      let result: unknown;
      if (spec.auth === 'user') {
        if (!user) throw new AppError('unauthenticated');
        if (spec.roles && !spec.roles.includes(user.role)) throw new AppError('forbidden');
        result = await spec.handler({ req, reply, user, body, query, params });
      } else {
        result = await spec.handler({ req, reply, user, body, query, params });
      }
      if (reply.sent) return reply;
      if (spec.status) reply.status(spec.status);
      return result ?? { ok: true };
    },
  });
}

/** The JSON Schema of one documented error response, its `details` included. */
function errorSchema(e: NonNullable<Recorded['errors']>[number]): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    code: { const: e.code },
    message: { type: 'string' },
    field: { type: 'string' },
  };
  if (e.details) properties.details = z.toJSONSchema(e.details, { unrepresentable: 'any' });
  return {
    type: 'object',
    properties: {
      error: { type: 'object', properties, required: ['code', 'message', ...(e.details ? ['details'] : [])] },
    },
    required: ['error'],
  };
}

/** The OpenAPI 3.1 document of every recorded route. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of registry) {
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: r.tags,
      security: r.auth === 'user' ? [{ session: [] }] : [],
      responses: {
        [String(r.status ?? 200)]: { description: 'OK' },
        default: {
          description: '错误',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
    if (r.roles) op['x-roles'] = r.roles;
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const json = z.toJSONSchema(schema as z.ZodType, { unrepresentable: 'any' }) as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, s] of Object.entries(json.properties ?? {}))
        parameters.push({
          name,
          in: where,
          required: where === 'path' || json.required?.includes(name),
          schema: s,
        });
    }
    // Uploads carry a header an HTML form cannot send (the cross-site check, http/csrf.ts).
    if (r.multipart)
      parameters.push({
        name: 'X-Luoshi-Request',
        in: 'header',
        required: true,
        description: '上传（multipart）须带此请求头，表单无法伪造',
        schema: { const: '1' },
      });
    if (parameters.length > 0) op.parameters = parameters;
    if (r.body)
      op.requestBody = {
        content: {
          'application/json': { schema: z.toJSONSchema(r.body as z.ZodType, { unrepresentable: 'any' }) },
        },
      };
    if (r.multipart)
      op.requestBody = {
        content: {
          'multipart/form-data': {
            schema: r.multipartFields
              ? { type: 'object', properties: r.multipartFields }
              : { type: 'object' },
          },
          ...(r.jsonBody
            ? { 'application/json': { schema: z.toJSONSchema(r.jsonBody, { unrepresentable: 'any' }) } }
            : {}),
        },
      };
    if (r.description) op.description = r.description;
    const byStatus = new Map<string, NonNullable<Recorded['errors']>>();
    const errors = [
      ...(r.errors ?? []),
      ...(r.method === 'GET'
        ? []
        : [
            {
              code: 'cross-site' as const,
              description: '来自其他网站的请求（Origin 或 Sec-Fetch-Site 不是本站）',
            },
          ]),
    ];
    for (const e of errors) {
      const status = String(ERROR_CODES[e.code].status);
      byStatus.set(status, [...(byStatus.get(status) ?? []), e]);
    }
    for (const [status, errors] of byStatus)
      (op.responses as Record<string, unknown>)[status] = {
        description: errors.map((e) => `${e.code}：${e.description}`).join('；'),
        content: { 'application/json': { schema: { oneOf: errors.map(errorSchema) } } },
      };
    paths[r.url] = { ...paths[r.url], [r.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Luoshi 落实 API', version: '0.1.0', description: '任务清单督办系统接口' },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'luoshi_session' } },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                field: { type: 'string', description: '出错的字段（表单中标出错误的位置）' },
                details: {
                  type: 'object',
                  description:
                    '继续操作所需的数据，因错误而异（例如 no-task-list 附带读到的文字，见各接口的错误说明）',
                },
              },
              required: ['code', 'message'],
            },
          },
        },
      },
    },
    paths,
  };
}
