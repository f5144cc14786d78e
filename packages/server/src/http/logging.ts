/**
 * The server log (security audit, finding 10): JSON lines from pino, Fastify's logger. Every 5xx is
 * logged with its request id, which the response carries too (X-Request-Id on every response,
 * `error.requestId` in a 5xx body), so a user's report of a failure leads to its log line. One
 * access-log line per request when ACCESS_LOG is on.
 *
 * What is never logged: bodies (passwords, report texts), headers (cookies, authorization), and the
 * secret token in a calendar feed's path. Requests are logged through the serializers below only,
 * and the redact paths cover what might reach the log some other way.
 */
import { randomUUID } from 'node:crypto';
import {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import type { Config } from '../config.ts';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Where log lines go (a pino destination): stdout unless said. */
export type LogDestination = { write(line: string): void };

const REDACTED = '[redacted]';

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  'password',
  'token',
];

/** A calendar feed's path carries its secret: /api/calendar/{orgId}/{token}.ics. */
const CALENDAR_FEED = /^(\/api\/calendar\/[^/?#]+\/)[^/?#]+(\.ics)/;

/** The request's path as it may be logged: secrets in the path replaced. */
export function loggableUrl(url: string): string {
  return url.replace(CALENDAR_FEED, `$1${REDACTED}$2`);
}

/** One line per request, when it completes; nothing when it comes in. */
class AccessLog extends LogController {
  constructor(enabled: boolean) {
    super({ disableRequestLogging: !enabled });
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error || this.isLogDisabled(request)) {
      super.requestCompleted(error, request, reply);
      return;
    }
    reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export function requestId(): string {
  return randomUUID();
}

/**
 * Fastify's logger options: level from LOG_LEVEL, access log from ACCESS_LOG; `log` true for
 * stdout, a destination, or false for no log at all (request ids still made).
 */
export function loggerOptions(
  config: Pick<Config, 'logLevel' | 'accessLog'>,
  log: boolean | LogDestination,
): Pick<FastifyServerOptions, 'logger' | 'logController' | 'genReqId'> {
  if (log === false) return { logger: false, genReqId: requestId };
  return {
    logger: {
      level: config.logLevel,
      ...(log === true ? {} : { stream: log }),
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, url: loggableUrl(req.url), ip: req.ip }),
        res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      },
    },
    logController: new AccessLog(config.accessLog),
    genReqId: requestId,
  };
}

/** Every response names its request: X-Request-Id. */
export function addRequestIdHeader(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    void reply.header(REQUEST_ID_HEADER, req.id);
  });
}
