/**
 * Refused access in the audit trail (等保: 安全审计 covers refusals, not only changes): every request
 * answered 403 — a role that may not, an object of another unit, a cross-site request — is recorded
 * with who asked (or 匿名), the method and the path (never the query or the body). A record that
 * cannot be written never turns the refusal into a 500: the answer stays 403 and the failure is logged.
 */
import type { FastifyRequest } from 'fastify';
import { type Actor, appendAudit } from '../audit/audit.ts';
import { actorOf } from '../auth/policies.ts';
import type { AppContext } from '../context.ts';
import { inTransaction } from '../db/store.ts';
import type { ErrorCode } from '../errors.ts';

/** The error codes that are a refusal of access. */
const REFUSALS = new Set<ErrorCode>(['forbidden', 'cross-site']);

const ANONYMOUS: Actor = { id: null, name: '匿名', orgId: null };

export function isRefusal(code: ErrorCode): boolean {
  return REFUSALS.has(code);
}

export async function recordRefusal(ctx: AppContext, req: FastifyRequest, code: ErrorCode): Promise<void> {
  const path = req.url.split('?')[0]!.slice(0, 300);
  const actor = req.sessionUser ? actorOf(req.sessionUser) : ANONYMOUS;
  try {
    await inTransaction(ctx.store, (tx) =>
      appendAudit(
        tx,
        actor,
        {
          action: 'security.refused',
          entity: 'request',
          entityId: `${req.method} ${path}`,
          after: {
            code,
            method: req.method,
            path,
            ip: req.ip,
            ...(typeof req.headers.origin === 'string' ? { origin: req.headers.origin.slice(0, 200) } : {}),
          },
        },
        ctx.clock.now(),
      ),
    );
  } catch (err) {
    req.log.error({ err }, 'could not record a refused request in the audit trail');
  }
}
