/** The Fastify application: plugins, the session hook, one error handler, and every module's routes. */

import { existsSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
} from 'fastify';
import { SESSION_COOKIE, type SessionUser, sessionUser } from '../auth/sessions.ts';
import type { Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import { AppError, ERROR_CODES, type ErrorCode, type ErrorDetails } from '../errors.ts';
import { MODULES } from '../modules/index.ts';
import { addCsrfCheck } from './csrf.ts';
import { DEFAULT_BODY_BYTES } from './limits.ts';
import { addRequestIdHeader, type LogDestination, loggerOptions, REQUEST_ID_HEADER } from './logging.ts';
import { isRefusal, recordRefusal } from './refusals.ts';
import { openApiDocument, route } from './route.ts';
import { addSecurityHeaders } from './security-headers.ts';

declare module 'fastify' {
  interface FastifyRequest {
    sessionUser: SessionUser | null;
  }
}

const FASTIFY_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_REQ_FILE_TOO_LARGE: 'payload-too-large',
  FST_FILES_LIMIT: 'payload-too-large',
  FST_PARTS_LIMIT: 'payload-too-large',
  FST_FIELDS_LIMIT: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad-json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation',
};

/** Fastify's own errors that come before any route: a message in Chinese for each. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL: '请求地址不正确：含有无效的字符编码',
  FST_ERR_MAX_PARAM_LENGTH: '请求地址中的参数过长',
  FST_ERR_ASYNC_CONSTRAINT: '请求无法处理',
};

/**
 * PostgreSQL's refusals of a value (a character it cannot store, a number beyond a column): input
 * the schemas should have refused already, answered as such should one slip past them.
 */
/** What the multipart parser (busboy) says of a body that is not multipart as its header claims. */
const MULTIPART_BROKEN = /multipart|part header|boundary|terminated early/i;

const DATABASE_VALUE_ERRORS = new Set(['22P05', '22021', '22003']);

function envelope(code: ErrorCode, message: string = ERROR_CODES[code].message, field?: string) {
  return { error: { code, message, ...(field ? { field } : {}) } };
}

/** An error the HTTP parser raised before Fastify saw a request: written to the socket, in the envelope. */
function clientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let body = envelope('validation', '请求格式不正确');
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    body = envelope('validation', '请求超时');
  } else if (err.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    body = envelope('payload-too-large', '请求头过大');
  }
  const text = JSON.stringify(body);
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${text}`,
    );
  socket.destroy(err);
}

export type BuildOptions = {
  /** The server log: true for stdout, a destination, or false (the default) for none. */
  log?: boolean | LogDestination;
};

/** TRUST_PROXY as Fastify takes it; a hop count as the function Fastify would make of it. */
function trustProxy(setting: Config['trustProxy']): FastifyServerOptions['trustProxy'] {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...loggerOptions(ctx.config, opts.log ?? false),
    bodyLimit: DEFAULT_BODY_BYTES,
    trustProxy: trustProxy(ctx.config.trustProxy),
    // Errors before routing (an undecodable URL, an over-long path parameter) in the envelope too.
    frameworkErrors: (err, req, res) => {
      void (res as FastifyReply)
        .header(REQUEST_ID_HEADER, req.id)
        .status(400)
        .send(envelope('validation', FRAMEWORK_MESSAGES[err.code] ?? ERROR_CODES.validation.message));
    },
    clientErrorHandler: clientError,
  });
  await app.register(cookie);
  await app.register(multipart, {
    limits: {
      fileSize: ctx.config.uploadLimitBytes,
      files: 10,
      fields: 20,
      fieldSize: 1024 * 1024,
      parts: 40,
    },
  });
  app.decorateRequest('sessionUser', null);
  // Bodies are JSON or multipart: text/plain (which Fastify parses by default) is refused with 415.
  app.removeContentTypeParser('text/plain');

  addRequestIdHeader(app);
  addCsrfCheck(app, ctx);
  addSecurityHeaders(app);

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    req.sessionUser = token ? await sessionUser(ctx.store, token, ctx.clock.now()) : null;
  });

  app.setErrorHandler(async (err: FastifyError | AppError, req, reply) => {
    let code: ErrorCode = 'internal';
    let message: string = ERROR_CODES.internal.message;
    let field: string | undefined;
    let details: ErrorDetails | undefined;
    if (err instanceof AppError) {
      code = err.code;
      message = err.userMessage;
      field = err.field;
      details = err.details;
    } else if (typeof err.code === 'string' && DATABASE_VALUE_ERRORS.has(err.code) && !err.statusCode) {
      code = 'validation';
      message = '请求内容含有数据库无法保存的值';
    } else if (err.code && FASTIFY_ERRORS[err.code]) {
      code = FASTIFY_ERRORS[err.code]!;
      message = ERROR_CODES[code].message;
    } else if (req.isMultipart() && !err.statusCode && !err.code && MULTIPART_BROKEN.test(err.message)) {
      // The multipart parser's own complaints (a body cut short, no boundary): bad input, not a failure.
      code = 'validation';
      message = '上传的内容不完整或格式不正确，请重新上传';
    } else if (err.statusCode === 413) {
      code = 'payload-too-large';
      message = ERROR_CODES[code].message;
    } else if (err.statusCode === 415) {
      code = 'unsupported-media-type';
      message = ERROR_CODES[code].message;
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      code = 'validation';
      message = ERROR_CODES.validation.message;
    }
    const status = ERROR_CODES[code].status;
    if (isRefusal(code)) await recordRefusal(ctx, req, code);
    // A failure of the server: logged with the request id the answer carries, to find one from the other.
    const requestId = status >= 500 ? req.id : undefined;
    if (requestId) req.log.error({ err, req, res: { statusCode: status } }, 'request failed');
    return reply.status(status).send({
      error: {
        code,
        message,
        ...(field ? { field } : {}),
        ...(details ? { details } : {}),
        ...(requestId ? { requestId } : {}),
      },
    });
  });

  // The web app: its files, and index.html for every page path (the browser app routes itself).
  const web = existsSync(join(ctx.config.webDir, 'index.html')) ? ctx.config.webDir : null;
  // wildcard: files are looked up per request, so a rebuilt app is served without a restart.
  if (web) {
    await app.register(fastifyStatic, {
      root: web,
      wildcard: true,
      index: false,
      // The build writes .br and .gz beside each text file: the smallest the browser accepts is sent.
      preCompressed: true,
      cacheControl: false,
      // Hashed asset names change with their content: cached for a year. The page itself is always
      // revalidated, so a new build reaches people at their next visit.
      setHeaders: (res, path) => {
        res.header(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    app.get('/', (_req, reply) => reply.type('text/html; charset=utf-8').sendFile('index.html'));
  }
  app.setNotFoundHandler((req, reply) => {
    if (web && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/'))
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply.status(404).send(envelope('not-found', '没有这个接口'));
  });

  route(app, {
    method: 'GET',
    url: '/api/openapi.json',
    summary: '接口文档 (OpenAPI 3.1)',
    tags: ['meta'],
    auth: 'public',
    handler: async () => openApiDocument(),
  });
  route(app, {
    method: 'GET',
    url: '/api/health',
    summary: '健康检查',
    tags: ['meta'],
    auth: 'public',
    handler: async () => ({ ok: true, dialect: ctx.store.dialect }),
  });

  for (const register of MODULES) await register(app, ctx);
  return app;
}
