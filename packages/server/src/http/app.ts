/** The Fastify application: plugins, the session hook, one error handler, and every module's routes. */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { SESSION_COOKIE, type SessionUser, sessionUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { AppError, ERROR_CODES, type ErrorCode, type ErrorDetails } from '../errors.ts';
import { MODULES } from '../modules/index.ts';
import { openApiDocument, route } from './route.ts';

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

export type BuildOptions = { logger?: boolean };

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 1024 * 1024, trustProxy: false });
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

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    req.sessionUser = token ? await sessionUser(ctx.store, token, ctx.clock.now()) : null;
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    let code: ErrorCode = 'internal';
    let message: string = ERROR_CODES.internal.message;
    let field: string | undefined;
    let details: ErrorDetails | undefined;
    if (err instanceof AppError) {
      code = err.code;
      message = err.userMessage;
      field = err.field;
      details = err.details;
    } else if (err.code && FASTIFY_ERRORS[err.code]) {
      code = FASTIFY_ERRORS[err.code]!;
      message = ERROR_CODES[code].message;
    } else if (err.statusCode === 413) {
      code = 'payload-too-large';
      message = ERROR_CODES[code].message;
    } else if (err.statusCode === 415) {
      code = 'unsupported-media-type';
      message = ERROR_CODES[code].message;
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      code = 'validation';
      message = ERROR_CODES.validation.message;
    } else {
      req.log.error(err);
    }
    const status = ERROR_CODES[code].status;
    void reply.status(status).send({
      error: { code, message, ...(field ? { field } : {}), ...(details ? { details } : {}) },
    });
  });

  // The web app: its files, and index.html for every page path (the browser app routes itself).
  const web = existsSync(join(ctx.config.webDir, 'index.html')) ? ctx.config.webDir : null;
  // wildcard: files are looked up per request, so a rebuilt app is served without a restart.
  if (web) {
    await app.register(fastifyStatic, { root: web, wildcard: true, index: false });
    app.get('/', (_req, reply) => reply.type('text/html; charset=utf-8').sendFile('index.html'));
  }
  app.setNotFoundHandler((req, reply) => {
    if (web && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/'))
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply.status(404).send({ error: { code: 'not-found', message: '没有这个接口' } });
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
