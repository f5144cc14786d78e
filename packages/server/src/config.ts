/** Server configuration from the environment, with the defaults a new user needs. */
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
};

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
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
  };
}
