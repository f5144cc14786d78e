/** The escalation pass: 提醒 → 催办 → 督办单 (orange, red) on the working-day calendar, each once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { openStore } from '../../src/db/store.ts';
import { runEscalation } from '../../src/modules/escalation/run-escalation.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { dueOn, escalationsOf, inboxOf } from './seed.ts';

const NONE = { reminder: 0, urge: 0, 'supervise-orange': 0, 'supervise-red': 0 };

describe.each(DIALECTS)('the escalation ladder on %s', (dialect) => {
  let t: TestApp;
  let reporter: string;
  beforeAll(async () => {
    t = await testApp(dialect, {
      now: '2025-09-01T02:00:00.000Z',
      config: { publicUrl: 'http://luoshi.test' },
    });
    reporter = await t.user('reporter', '市财政局');
  });
  afterAll(async () => {
    await t?.close();
  });

  const stepsOf = async (id: string) =>
    (await escalationsOf(t, id)).map((e) => [e.level, e.dueFrom, e.replyDue]);
  const messagesAbout = async (id: string) =>
    (await inboxOf(t, reporter)).filter((n) => n.link === `http://luoshi.test/deliverables/${id}`);

  it('reminds 3 working days before a due date across the National Day holiday, once', async () => {
    // Due Thu 2025-10-09, right after the 1–8 October holiday; Sun 28 September is a 调休 working day.
    const id = await dueOn(t, '市财政局', '2025-10-09');
    for (const day of ['2025-09-25', '2025-09-26', '2025-09-27']) await runEscalation(t.ctx, day);
    expect(await stepsOf(id)).toEqual([]);

    const first = await runEscalation(t.ctx, '2025-09-28');
    expect(first.created.reminder).toBeGreaterThanOrEqual(1);
    expect(await stepsOf(id)).toEqual([['reminder', '2025-09-28', null]]);
    const inbox = await messagesAbout(id);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ kind: 'reminder', readAt: null });
    expect(inbox[0]!.title).toMatch(/^【提醒】「第\d+项任务 2025-10 进展报告」将于2025年10月9日到期$/);
    expect(inbox[0]!.body).toContain('市财政局：贵单位承担的');
    expect(inbox[0]!.body).toContain('还有3个工作日');

    // The same day again, and the days of the holiday: nothing new.
    for (const day of ['2025-09-28', '2025-09-30', '2025-10-05', '2025-10-09'])
      await runEscalation(t.ctx, day);
    expect(await stepsOf(id)).toHaveLength(1);
    expect(await messagesAbout(id)).toHaveLength(1);

    // The record is audited, by the system.
    const [reminder] = await escalationsOf(t, id);
    const audit = await t.store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entity', '=', 'escalation')
      .where('entityId', '=', reminder!.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'escalation.create',
      actorName: '系统',
      orgId: reminder!.orgId,
    });
    expect(JSON.parse(audit[0]!.afterJson!)).toMatchObject({ deliverableId: id, level: 'reminder' });
  });

  it('urges the day after the due date, then issues orange and red 督办单 after 5 and 10 working days', async () => {
    const id = await dueOn(t, '市财政局', '2025-10-09');
    await runEscalation(t.ctx, '2025-09-28');
    await runEscalation(t.ctx, '2025-10-10');
    expect((await stepsOf(id)).map((s) => s[0])).toEqual(['reminder', 'urge']);
    const urge = (await messagesAbout(id)).find((n) => n.kind === 'urge')!;
    expect(urge.title).toMatch(/^【催办】「第\d+项任务 2025-10 进展报告」已逾期$/);
    expect(urge.body).toContain('已于2025年10月9日到期，至今未报送');

    // Overdue by 5 working days (Sat 11 October is a 调休 working day) on Wed 15 October.
    await runEscalation(t.ctx, '2025-10-14');
    expect(await stepsOf(id)).toHaveLength(2);
    await runEscalation(t.ctx, '2025-10-15');
    await runEscalation(t.ctx, '2025-10-21');
    expect((await stepsOf(id))[2]).toEqual(['supervise-orange', '2025-10-15', '2025-10-20']);
    expect(await stepsOf(id)).toHaveLength(3);
    await runEscalation(t.ctx, '2025-10-22');
    await runEscalation(t.ctx, '2025-10-22');
    await runEscalation(t.ctx, '2025-12-31');
    expect(await stepsOf(id)).toEqual([
      ['reminder', '2025-09-28', null],
      ['urge', '2025-10-10', null],
      ['supervise-orange', '2025-10-15', '2025-10-20'],
      ['supervise-red', '2025-10-22', '2025-10-27'],
    ]);
    const messages = await messagesAbout(id);
    expect(messages.map((m) => m.kind)).toEqual(['reminder', 'urge', 'supervise-orange', 'supervise-red']);
    expect(messages[2]!.title).toMatch(/^【督办单·橙色】「第\d+项任务 2025-10 进展报告」逾期5个工作日$/);
    expect(messages[2]!.body).toContain('请立即报送，并于2025年10月20日前书面回复');
    expect(messages[3]!.title).toContain('【督办单·红色】');
    expect((await verifyAuditChain(t.store)).ok).toBe(true);
  });

  it('does not urge a deliverable that is handed in or accepted', async () => {
    const submitted = await dueOn(t, '市财政局', '2025-06-30', 'submitted');
    const accepted = await dueOn(t, '市财政局', '2025-06-30', 'accepted');
    const returned = await dueOn(t, '市财政局', '2025-06-30', 'returned');
    await runEscalation(t.ctx, '2025-08-29');
    expect(await stepsOf(submitted)).toEqual([]);
    expect(await stepsOf(accepted)).toEqual([]);
    expect(await messagesAbout(submitted)).toEqual([]);
    // A returned report is nothing handed in: its ladder runs (from 催办, the due date being past).
    expect((await stepsOf(returned)).map((s) => s[0])).toEqual(['urge', 'supervise-orange', 'supervise-red']);
  });

  it('catches up a late deliverable with every step since the due date recorded but one message, the most severe', async () => {
    const id = await dueOn(t, '市财政局', '2025-03-03');
    const r = await runEscalation(t.ctx, '2025-04-30');
    expect(r.created['supervise-red']).toBeGreaterThanOrEqual(1);
    // No 提醒: it would remind of a due date two months past.
    expect(r.created.reminder).toBe(0);
    expect((await stepsOf(id)).map((s) => s[0])).toEqual(['urge', 'supervise-orange', 'supervise-red']);
    expect((await messagesAbout(id)).map((m) => m.kind)).toEqual(['supervise-red']);
  });

  it('follows the due date an extension moved', async () => {
    const id = await dueOn(t, '市财政局', '2025-05-15');
    await runEscalation(t.ctx, '2025-05-12');
    expect((await stepsOf(id)).map((s) => s[0])).toEqual(['reminder']);
    await runEscalation(t.ctx, '2025-05-16');
    expect((await stepsOf(id)).map((s) => s[0])).toEqual(['reminder', 'urge']);
    // The coordinator grants an extension to 16 June: the 督办 steps move with it.
    await t.store.db
      .updateTable('deliverables')
      .set({ dueDate: '2025-06-16' })
      .where('id', '=', id)
      .execute();
    await runEscalation(t.ctx, '2025-05-22');
    await runEscalation(t.ctx, '2025-06-20');
    expect(await stepsOf(id)).toHaveLength(2);
    await runEscalation(t.ctx, '2025-06-23');
    expect((await stepsOf(id))[2]).toEqual(['supervise-orange', '2025-06-23', '2025-06-26']);

    // Extended before anything was sent: the reminder waits for the new date too.
    const later = await dueOn(t, '市财政局', '2025-05-15');
    await t.store.db
      .updateTable('deliverables')
      .set({ dueDate: '2025-06-16' })
      .where('id', '=', later)
      .execute();
    await runEscalation(t.ctx, '2025-05-16');
    await runEscalation(t.ctx, '2025-06-10');
    expect(await stepsOf(later)).toEqual([]);
    await runEscalation(t.ctx, '2025-06-11');
    expect(await stepsOf(later)).toEqual([['reminder', '2025-06-11', null]]);
  });

  it('refuses a day that is not a date', async () => {
    await expect(runEscalation(t.ctx, '2025-13-01')).rejects.toMatchObject({ code: 'validation' });
  });
});

describe.each(DIALECTS)('escalation passes in two processes at once on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect, { now: '2025-09-01T02:00:00.000Z' });
    await t.user('reporter', '市教育局', 'jiaoyu');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records and notifies every step exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push(await dueOn(t, '市教育局', i % 2 === 0 ? '2025-07-01' : '2025-08-20'));
    // Two independent connections to the same database, as two server processes have.
    const open = () => openStore({ databaseUrl: t.store.url, dataDir: t.store.dataDir });
    const [a, b] = await Promise.all([open(), open()]);
    try {
      const ctxA = { ...t.ctx, store: a };
      const ctxB = { ...t.ctx, store: b };
      const total = async (day: string) => {
        const [ra, rb] = await Promise.all([runEscalation(ctxA, day), runEscalation(ctxB, day)]);
        return {
          reminder: ra.created.reminder + rb.created.reminder,
          urge: ra.created.urge + rb.created.urge,
          'supervise-orange': ra.created['supervise-orange'] + rb.created['supervise-orange'],
          'supervise-red': ra.created['supervise-red'] + rb.created['supervise-red'],
          notified: ra.notified + rb.notified,
        };
      };
      // 2025-07-10: the July ones are 7 working days late (urge, orange; a 提醒 no longer); the
      // August ones not yet due.
      expect(await total('2025-07-10')).toEqual({
        ...NONE,
        urge: 6,
        'supervise-orange': 6,
        notified: 6,
      });
      expect(await total('2025-07-10')).toEqual({ ...NONE, notified: 0 });
      // 2025-08-18: reminders for August, red for July.
      expect(await total('2025-08-18')).toEqual({ ...NONE, reminder: 6, 'supervise-red': 6, notified: 12 });
      expect(await total('2025-08-18')).toEqual({ ...NONE, notified: 0 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const rows = await t.store.db.selectFrom('escalations').select(['deliverableId', 'level']).execute();
    expect(rows).toHaveLength(6 + 6 + 6 + 6); // reminders 6 (August), urge 6, orange 6, red 6
    const inbox = await inboxOf(t, 'jiaoyu');
    expect(inbox).toHaveLength(18);
    expect(new Set(inbox.map((n) => `${n.kind}:${n.link}`)).size).toBe(18);
    const audits = await t.store.db
      .selectFrom('auditLog')
      .select('entityId')
      .where('action', '=', 'escalation.create')
      .execute();
    expect(audits).toHaveLength(24);
    expect((await verifyAuditChain(t.store)).ok).toBe(true);
  });
});
