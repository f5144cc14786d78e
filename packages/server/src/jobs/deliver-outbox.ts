/**
 * Deliver the outbox: e-mail through SMTP (nodemailer) and chat-bot webhook messages as JSON.
 *
 * Each message is sent at most once while things work, however many processes deliver:
 * - PostgreSQL: one transaction per message claims the oldest pending row with
 *   `for update skip locked` (another process skips it while we hold it), sends, and marks it;
 * - SQLite: a short write transaction (the single writer) takes a lease on the row in `jobLocks`
 *   and counts the attempt; the send happens outside any transaction (the connection stays free
 *   for requests); a second short transaction marks the row and drops the lease.
 * A process that dies mid-send leaves the row pending (PostgreSQL: the claim rolls back;
 * SQLite: the lease runs out), so the message is retried: at least once, never twice otherwise.
 * A failed send keeps the row pending with `attempts` + 1 and `lastError` until MAX_ATTEMPTS,
 * then marks it failed. Every outcome is audited in the transaction that records it.
 */
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { OutboxTable } from '../db/schema.ts';
import { inTransaction, type Store } from '../db/store.ts';
import { acquireLease, newHolder, releaseLease } from './lease.ts';
import { serialized, writerKey } from './local-mutex.ts';

export const MAX_ATTEMPTS = 5;
/** How long a SQLite claim holds before another process may retry the message. */
const CLAIM_MS = 5 * 60_000;
const SEND_TIMEOUT_MS = 15_000;

export type MailMessage = { from: string; to: string; subject: string; text: string };
export type Mailer = { sendMail(message: MailMessage): Promise<unknown>; close?(): void };
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export type DeliveryResult = { sent: number; retrying: number; failed: number };

type Row = OutboxTable;
type Channel = Row['channel'];

/** Send what is pending (up to `limit` messages this run). */
export async function deliverOutbox(
  ctx: AppContext,
  opts: { mailer?: Mailer; fetch?: FetchLike; limit?: number } = {},
): Promise<DeliveryResult> {
  const { config } = ctx;
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  const channels: Channel[] = [];
  if (opts.mailer || config.smtpUrl) channels.push('email');
  if (config.webhookUrl) channels.push('webhook');
  if (channels.length === 0) return result;

  let mailer: Mailer | null = opts.mailer ?? null;
  let ownMailer: Mailer | null = null;
  const getMailer = (): Mailer => {
    if (mailer) return mailer;
    ownMailer = nodemailer.createTransport({
      url: config.smtpUrl ?? undefined,
      connectionTimeout: SEND_TIMEOUT_MS,
      greetingTimeout: SEND_TIMEOUT_MS,
      socketTimeout: SEND_TIMEOUT_MS,
    });
    mailer = ownMailer;
    return ownMailer;
  };
  const send = async (row: Row): Promise<void> => {
    if (row.channel === 'email') {
      await getMailer().sendMail({
        from: config.mailFrom,
        to: row.recipient,
        subject: row.subject,
        text: row.body,
      });
      return;
    }
    const post = opts.fetch ?? (fetch as unknown as FetchLike);
    const res = await post(config.webhookUrl ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ msgtype: 'text', text: { content: `${row.subject}\n${row.body}` } }),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`webhook 返回 HTTP ${res.status}：${(await res.text()).slice(0, 200)}`);
  };

  const limit = opts.limit ?? 200;
  // A message that failed in this run waits for the next run (the job runs every minute).
  const tried: string[] = [];
  const claim: Claim = { channels, tried, holder: newHolder() };
  try {
    for (let i = 0; i < limit; i++) {
      const outcome =
        ctx.store.dialect === 'postgres'
          ? await deliverOnePostgres(ctx, claim, send)
          : await deliverOneSqlite(ctx, claim, send);
      if (outcome === null) break;
      result[outcome]++;
    }
  } finally {
    (ownMailer as Mailer | null)?.close?.();
  }
  return result;
}

type Outcome = keyof DeliveryResult;
type Claim = { channels: Channel[]; tried: string[]; holder: string };
type Send = (row: Row) => Promise<void>;

async function deliverOnePostgres(ctx: AppContext, p: Claim, send: Send): Promise<Outcome | null> {
  return inTransaction(ctx.store, async (tx) => {
    const pick = tx.db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('attempts', '<', MAX_ATTEMPTS)
      .where('channel', 'in', p.channels)
      .where('id', 'not in', [...p.tried, ''])
      .orderBy('createdAt')
      .orderBy('id')
      .limit(1)
      .forUpdate()
      .skipLocked();
    const row = await tx.db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', pick)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    p.tried.push(row.id);
    const error = await attempt(send, row);
    return record(tx, row, error, ctx.clock.now());
  });
}

async function deliverOneSqlite(ctx: AppContext, p: Claim, send: Send): Promise<Outcome | null> {
  const { store } = ctx;
  const { holder } = p;
  for (;;) {
    const now = ctx.clock.now();
    const candidate = await store.db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('attempts', '<', MAX_ATTEMPTS)
      .where('channel', 'in', p.channels)
      .where('id', 'not in', [...p.tried, ''])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('jobLocks')
              .select('jobLocks.name')
              .where('jobLocks.name', '=', sql<string>`${'outbox:'} || ${sql.ref('outbox.id')}`)
              .where('jobLocks.until', '>', now.toISOString()),
          ),
        ),
      )
      .orderBy('createdAt')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!candidate) return null;
    const lease = `outbox:${candidate.id}`;
    const row = await serialized(writerKey(store), () =>
      inTransaction(store, async (tx) => {
        // The first statement writes, so the transaction holds the write lock from the start.
        if (!(await acquireLease(tx, lease, holder, CLAIM_MS, now))) return null;
        const claimed = await tx.db
          .updateTable('outbox')
          .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
          .where('id', '=', candidate.id)
          .where('status', '=', 'pending')
          .where('attempts', '<', MAX_ATTEMPTS)
          .returningAll()
          .executeTakeFirst();
        if (!claimed) await releaseLease(tx, lease, holder);
        return claimed ?? null;
      }),
    );
    if (!row) continue; // another process took it (or sent it) meanwhile: pick the next one
    p.tried.push(row.id);
    const error = await attempt(send, row);
    return serialized(writerKey(store), () =>
      inTransaction(store, async (tx) => {
        const outcome = await record(tx, row, error, ctx.clock.now());
        await releaseLease(tx, lease, holder);
        return outcome;
      }),
    );
  }
}

async function attempt(send: Send, row: Row): Promise<string | null> {
  try {
    await send(row);
    return null;
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).slice(0, 1000) || '发送失败';
  }
}

/** Mark the row after an attempt (`row.attempts` already counts it) and audit the outcome. */
async function record(tx: Store, row: Row, error: string | null, now: Date): Promise<Outcome> {
  const iso = now.toISOString();
  const status = error === null ? 'sent' : row.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
  await tx.db
    .updateTable('outbox')
    .set({ status, lastError: error, sentAt: error === null ? iso : null })
    .where('id', '=', row.id)
    .execute();
  await appendAudit(
    tx,
    SYSTEM_ACTOR,
    {
      action: error === null ? 'outbox.sent' : status === 'failed' ? 'outbox.failed' : 'outbox.retry',
      entity: 'outbox',
      entityId: row.id,
      after: { channel: row.channel, recipient: row.recipient, attempts: row.attempts, status, error },
    },
    now,
  );
  return error === null ? 'sent' : status === 'failed' ? 'failed' : 'retrying';
}
