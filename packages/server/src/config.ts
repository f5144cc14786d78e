/** Server configuration from the environment, with the defaults a new user needs. */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Config = {
  port: number;
  host: string;
  /** Where the SQLite file and the evidence blobs live. */
  dataDir: string;
  /** postgres://… to run on PostgreSQL; null for the embedded SQLite file. */
  databaseUrl: string | null;
  adminPassword: string | null;
  /** smtp://user:pass@host:port for the e-mail channel; null to disable it. */
  smtpUrl: string | null;
  mailFrom: string;
  /** A chat-bot webhook that receives notifications as JSON; null to disable it. */
  webhookUrl: string | null;
  /** The address people open, used in links inside e-mails and calendar feeds. */
  publicUrl: string;
  /** Minutes between two escalation passes run by the server; 0 disables the schedule. */
  escalationEveryMinutes: number;
  /**
   * Minutes between two anchors of the audit chain head in `<dataDir>/audit-anchors.jsonl` (one more
   * at a clean stop); 0 disables them.
   */
  auditAnchorEveryMinutes: number;
  uploadLimitBytes: number;
  /** The built web app (packages/web/dist); served at / when it exists. */
  webDir: string;
  /**
   * Which proxies to believe about the client (X-Forwarded-For, -Proto, -Host), as Fastify's
   * trustProxy takes it: false (none, the default), true (any), a hop count, or addresses/CIDRs.
   */
  trustProxy: TrustProxy;
  /** pino level of the server log (JSON lines on stdout); 'silent' turns it off. */
  logLevel: LogLevel;
  /** One log line per request (method, path, status, time) besides errors. */
  accessLog: boolean;
};

export type TrustProxy = boolean | number | string[];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Names proxy-addr knows for address ranges, beside addresses and CIDRs. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function bool(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry) || isIP(entry) !== 0) return true;
  const slash = entry.lastIndexOf('/');
  if (slash < 0) return false;
  const family = isIP(entry.slice(0, slash));
  const bits = entry.slice(slash + 1);
  if (family === 0 || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY: true/false, a hop count, or comma-separated addresses, CIDRs and range names. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  if (value === undefined || value.trim() === '') return false;
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const entries = v.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !isProxyAddress(e));
  if (bad !== undefined)
    throw new Error(
      `TRUST_PROXY must be true, false, a hop count or comma-separated addresses/CIDRs, got "${bad}"`,
    );
  return entries;
}

function logLevel(value: string | undefined): LogLevel {
  if (value === undefined || value === '') return 'info';
  const v = value.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(v))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return v as LogLevel;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env.PORT, 3000, 'PORT');
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || null,
    adminPassword: env.LUOSHI_ADMIN_PASSWORD || null,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM ?? 'luoshi@localhost',
    webhookUrl: env.WEBHOOK_URL || null,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    escalationEveryMinutes: int(env.ESCALATION_EVERY_MINUTES, 60, 'ESCALATION_EVERY_MINUTES'),
    auditAnchorEveryMinutes: int(env.AUDIT_ANCHOR_EVERY_MINUTES, 10, 'AUDIT_ANCHOR_EVERY_MINUTES'),
    uploadLimitBytes: int(env.UPLOAD_LIMIT_BYTES, 20 * 1024 * 1024, 'UPLOAD_LIMIT_BYTES'),
    webDir: resolve(env.WEB_DIR ?? WEB_DIST),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    logLevel: logLevel(env.LOG_LEVEL),
    accessLog: bool(env.ACCESS_LOG, false, 'ACCESS_LOG'),
  };
}
