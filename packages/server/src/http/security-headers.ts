/**
 * Security headers on every response (security audit, finding 11): the web app, its files, the API
 * and the errors alike.
 *
 * Scripts only from this site: Vite's build writes no inline script (index.html loads one module
 * file), so `script-src 'self'` holds. Styles need `'unsafe-inline'`: antd (cssinjs) and ECharts
 * inject <style> elements and style attributes at run time. A nonce would cover the <style>
 * elements only if index.html were rewritten per response and the nonce handed to antd's
 * ConfigProvider, and it cannot cover style attributes at all; a style cannot run code, so the
 * boundary that matters, no injected script, stays strict.
 *
 * Over HTTPS (as the socket, or a proxy named in TRUST_PROXY, says) browsers are also told to use
 * HTTPS only (HSTS, a year). Not for subdomains: other sites of the same domain are not this server's
 * to decide for.
 *
 * A response that brings its own policy keeps it: the evidence preview (?inline=1) is sandboxed and
 * framable by this site only (INLINE_CSP), so its X-Frame-Options is SAMEORIGIN, not DENY.
 */
import type { FastifyInstance } from 'fastify';

export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const HSTS = 'max-age=31536000';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  // No referrer at all: calendar feed URLs carry their token in the path.
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.protocol === 'https') void reply.header('strict-transport-security', HSTS);
    const own = reply.getHeader('content-security-policy');
    if (own === undefined) void reply.header('content-security-policy', APP_CSP);
    const policy = String(own ?? APP_CSP);
    if (!reply.hasHeader('x-frame-options'))
      void reply.header('x-frame-options', /frame-ancestors 'self'/.test(policy) ? 'SAMEORIGIN' : 'DENY');
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      if (!reply.hasHeader(name)) void reply.header(name, value);
    return payload;
  });
}
