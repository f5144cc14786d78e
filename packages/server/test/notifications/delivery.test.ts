/**
 * The outbox reaches people: e-mail arrives at a real SMTP server and the chat-bot webhook at a real
 * HTTP receiver, each message once, even with two deliverers at once; failures are kept for retry.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';
import { openStore } from '../../src/db/store.ts';
import { deliverOutbox, MAX_ATTEMPTS } from '../../src/jobs/deliver-outbox.ts';
import { runEscalation } from '../../src/modules/escalation/run-escalation.ts';
import { createUser } from '../../src/modules/users/create-user.ts';
import { dueOn } from '../escalation/seed.ts';
import { DIALECTS, PASSWORD, type TestApp, testApp } from '../helpers/harness.ts';
import { type SmtpSink, startSmtpSink, startWebhookReceiver, type WebhookReceiver } from './sinks.ts';

describe.each(DIALECTS)('delivering notifications by e-mail and webhook on %s', (dialect) => {
  let t: TestApp;
  let smtp: SmtpSink;
  let hook: WebhookReceiver;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    hook = await startWebhookReceiver();
    t = await testApp(dialect, {
      now: '2025-07-20T02:00:00.000Z',
      config: {
        smtpUrl: smtp.url,
        webhookUrl: hook.url,
        mailFrom: 'luoshi@example.test',
        publicUrl: 'http://luoshi.test',
      },
    });
    for (const [username, org, email] of [
      ['caizheng', '市财政局', 'caizheng@example.test'],
      ['caizheng2', '市财政局', 'caizheng2@example.test'],
      ['jiaoyu', '市教育局', 'jiaoyu@example.test'],
    ] as const) {
      await createUser(
        t.store,
        SYSTEM_ACTOR,
        { username, password: PASSWORD, role: 'reporter', orgId: await t.orgId(org), email },
        t.clock.now(),
      );
    }
  });
  afterEach(() => {
    smtp.refuse = false;
    hook.status = 200;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await hook?.close();
  });

  const outbox = () =>
    t.store.db.selectFrom('outbox').selectAll().orderBy('createdAt').orderBy('id').execute();

  it('sends each e-mail once with a Chinese subject, and one webhook POST per message', async () => {
    const id = await dueOn(t, '市财政局', '2025-07-17');
    await runEscalation(t.ctx, '2025-07-18');
    await runEscalation(t.ctx, '2025-07-18');
    const queued = await outbox();
    expect(queued.map((r) => [r.channel, r.recipient]).sort()).toEqual([
      ['email', 'caizheng2@example.test'],
      ['email', 'caizheng@example.test'],
      ['webhook', await t.orgId('市财政局')],
    ]);

    const result = await deliverOutbox(t.ctx);
    expect(result).toEqual({ sent: 3, retrying: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(2);
    const mail = smtp.messages.find((m) => m.to.includes('caizheng@example.test'))!;
    expect(mail.from).toBe('luoshi@example.test');
    expect(mail.subject).toMatch(/^【催办】「第\d+项任务 2025-07 进展报告」已逾期$/);
    expect(mail.text).toContain('市财政局：贵单位承担的');
    expect(mail.text).toContain(`http://luoshi.test/deliverables/${id}`);
    expect(mail.raw).toMatch(/charset=utf-8/i);
    expect(hook.posts).toHaveLength(1);
    expect(hook.posts[0]!.contentType).toContain('application/json');
    expect(hook.posts[0]!.json).toEqual({
      msgtype: 'text',
      text: { content: expect.stringMatching(/^【催办】.*\n市财政局：贵单位承担的.*已于2025年7月17日到期/s) },
    });

    // Nothing is sent twice: another delivery run and another pass find nothing new.
    expect(await deliverOutbox(t.ctx)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    await runEscalation(t.ctx, '2025-07-18');
    expect(await deliverOutbox(t.ctx)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(2);
    expect(hook.posts).toHaveLength(1);
    const rows = await outbox();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.sentAt !== null)).toBe(true);
    const audit = await t.store.db
      .selectFrom('auditLog')
      .select('entityId')
      .where('action', '=', 'outbox.sent')
      .execute();
    expect(audit.map((a) => a.entityId).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('delivers each message once when two processes deliver at the same time', async () => {
    const before = { mails: smtp.messages.length, posts: hook.posts.length };
    for (let i = 0; i < 6; i++) await dueOn(t, i % 2 ? '市财政局' : '市教育局', '2025-07-16');
    await runEscalation(t.ctx, '2025-07-18');
    const pending = (await outbox()).filter((r) => r.status === 'pending');
    expect(pending).toHaveLength(3 * 2 + 3 * 1 + 6); // e-mails to 2 + 1 users, one webhook each
    const open = () => openStore({ databaseUrl: t.store.url, dataDir: t.store.dataDir });
    const [a, b] = await Promise.all([open(), open()]);
    try {
      const [ra, rb] = await Promise.all([
        deliverOutbox({ ...t.ctx, store: a }),
        deliverOutbox({ ...t.ctx, store: b }),
      ]);
      expect(ra.sent + rb.sent).toBe(15);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const mails = smtp.messages.slice(before.mails);
    expect(mails).toHaveLength(9);
    expect(new Set(mails.map((m) => `${m.to.join()}|${m.text}`)).size).toBe(9);
    expect(hook.posts.length - before.posts).toBe(6);
    expect((await outbox()).filter((r) => r.status !== 'sent')).toEqual([]);
  });

  it('keeps a refused e-mail pending with the error, retries it, and gives up after five attempts', async () => {
    await dueOn(t, '市教育局', '2025-07-15');
    await runEscalation(t.ctx, '2025-07-16');
    smtp.refuse = true;
    hook.status = 503;
    const first = await deliverOutbox(t.ctx);
    expect(first).toEqual({ sent: 0, retrying: 2, failed: 0 });
    let rows = (await outbox()).filter((r) => r.status !== 'sent');
    const mail = rows.find((r) => r.channel === 'email')!;
    expect(mail).toMatchObject({ status: 'pending', attempts: 1, sentAt: null });
    expect(mail.lastError).toContain('550');
    expect(rows.find((r) => r.channel === 'webhook')!.lastError).toContain('503');
    const countBefore = smtp.messages.length;

    for (let i = 2; i < MAX_ATTEMPTS; i++) await deliverOutbox(t.ctx);
    expect((await outbox()).find((r) => r.id === mail.id)).toMatchObject({ status: 'pending', attempts: 4 });
    // The webhook comes back before the last attempt; the mailbox does not.
    hook.status = 200;
    expect(await deliverOutbox(t.ctx)).toEqual({ sent: 1, retrying: 0, failed: 1 });
    rows = await outbox();
    expect(rows.find((r) => r.id === mail.id)).toMatchObject({ status: 'failed', attempts: 5 });
    expect(await deliverOutbox(t.ctx)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.messages.length).toBe(countBefore);
    const audit = await t.store.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', mail.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([...Array(4).fill('outbox.retry'), 'outbox.failed']);
  });

  it('leaves mail pending when the SMTP server cannot be reached', async () => {
    const closed = await startSmtpSink();
    const url = closed.url;
    await closed.close();
    await dueOn(t, '市教育局', '2025-07-14');
    await runEscalation(t.ctx, '2025-07-15');
    const r = await deliverOutbox({ ...t.ctx, config: { ...t.config, smtpUrl: url, webhookUrl: null } });
    expect(r).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const row = (await outbox()).find((x) => x.channel === 'email' && x.status === 'pending')!;
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
  });
});
