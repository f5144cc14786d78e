/**
 * Cross-site request forgery (security audit, finding 2). SameSite=Lax keeps the session cookie off
 * requests from other sites, but a page on another port of the same host is the same *site*: its
 * forms and fetches carry the cookie. So every state-changing request is checked where the browser
 * says where it comes from:
 *
 * - `Sec-Fetch-Site` (all current browsers): only `same-origin` (or `none`, typed by the user) passes;
 * - `Origin`: when present it must name the host the request was sent to (its Host, or what the
 *   proxies named in TRUST_PROXY report) or be PUBLIC_URL's origin. The scheme is not compared with
 *   the request's own: behind a proxy that terminates TLS and passes the Host on, a request from
 *   https://host arrives here as http. A page on http://host posting to https://host is still refused
 *   by every browser that sends Sec-Fetch-Site (it is not same-origin).
 *
 * Non-browser clients (the CLI, curl, scripts) send neither header and keep working. A multipart
 * body, which a plain HTML form can send, also needs the X-Luoshi-Request header, which a form
 * cannot set and a cross-origin script cannot send without a CORS preflight this server never grants.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

/** The header the web app sends with its uploads; the web client uses the same name. */
export const REQUEST_HEADER = 'x-luoshi-request';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TRUSTED_FETCH_SITES = new Set(['same-origin', 'none']);

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** Whether an Origin names this server: the host the request was sent to, or PUBLIC_URL. */
export function isOwnOrigin(origin: string, req: FastifyRequest, publicUrl: string): boolean {
  const from = originOf(origin);
  if (!from) return false;
  if (from === originOf(publicUrl)) return true;
  const { protocol, host } = new URL(from);
  // The request's host read as the Origin's scheme would write it (a default port left out).
  return req.host !== '' && originOf(`${protocol}//${req.host}`) === `${protocol}//${host}`;
}

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Throws `cross-site` when a state-changing request comes from another origin or is a bare form upload. */
export function checkSameOrigin(req: FastifyRequest, publicUrl: string): void {
  if (SAFE_METHODS.has(req.method)) return;
  const site = header(req, 'sec-fetch-site');
  if (site !== undefined && !TRUSTED_FETCH_SITES.has(site.trim().toLowerCase()))
    throw new AppError('cross-site', undefined, undefined, `Sec-Fetch-Site: ${site}`);
  const origin = header(req, 'origin');
  if (origin !== undefined && !isOwnOrigin(origin, req, publicUrl))
    throw new AppError('cross-site', undefined, undefined, `Origin: ${origin}`);
  const type = (header(req, 'content-type') ?? '').trim().toLowerCase();
  if (type.startsWith('multipart/') && header(req, REQUEST_HEADER) !== '1')
    throw new AppError(
      'cross-site',
      '上传须由本系统的页面发出：请求缺少 X-Luoshi-Request 请求头',
      undefined,
      'multipart body without X-Luoshi-Request',
    );
}

/** The check on every request, before the session is read or the body parsed. */
export function addCsrfCheck(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (req) => {
    checkSameOrigin(req, ctx.config.publicUrl);
  });
}
