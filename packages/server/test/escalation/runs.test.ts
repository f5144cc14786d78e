/**
 * Escalation passes a coordinator can check and take back (security audit, finding 4): a real pass
 * may not run ahead of tomorrow, a dry run (预演) lists what a pass would issue and writes nothing,
 * and a pass is reverted once — its records withdrawn (已撤回, kept), the units told, all audited —
 * after which a later pass issues again what is due as of its own day.
 */
import { ACTION_LABELS, ENTITY_LABELS, FIELD_LABELS } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { escalationsOf, inboxOf, lateUnits } from './seed.ts';

type PreviewItem = { deliverable: { id: string }; levels: string[]; recipients: number };

describe.each(DIALECTS)('escalation passes: bounds, dry run, revert on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  let caizheng: string;
  let lateCz: string;
  let lateJy: string;
  beforeAll(async () => {
    // Today in Beijing: 2025-08-01.
    t = await testApp(dialect, {
      now: '2025-08-01T02:00:00.000Z',
      config: { publicUrl: 'http://luoshi.test' },
    });
    ({ lateCz, lateJy } = await lateUnits(t));
    coord = await t.login('coord');
    caizheng = await t.login('caizheng');
  });
  afterAll(async () => {
    await t?.close();
  });

  const count = async (table: 'escalations' | 'escalationRuns' | 'notifications' | 'auditLog' | 'outbox') =>
    Number(
      (
        await t.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const written = async () => ({
    escalations: await count('escalations'),
    runs: await count('escalationRuns'),
    notifications: await count('notifications'),
    audit: await count('auditLog'),
    outbox: await count('outbox'),
  });
  const run = (body: Record<string, unknown>) => t.request(coord, 'POST', '/api/escalations/run', body);
  const inForce = async () =>
    (
      await t.store.db
        .selectFrom('escalations')
        .select(['deliverableId', 'level'])
        .where('withdrawnAt', 'is', null)
        .execute()
    )
      .map((e) => `${e.deliverableId}:${e.level}`)
      .sort();

  it('refuses a real pass after tomorrow or before the first plan year, naming asOf, and writes nothing', async () => {
    const before = await written();
    const refusals = {
      '2200-01-01': /^asOf: 日期超出范围/,
      '2100-12-31': /^asOf：督办日期不能晚于明天（2025年8月2日）/,
      '2025-08-03': /^asOf：督办日期不能晚于明天（2025年8月2日）。要看某一天会发出哪些提醒和督办，请先预演/,
      '2024-12-31': /^asOf：督办日期不能早于2025年1月1日/,
    };
    for (const [asOf, message] of Object.entries(refusals)) {
      const res = await run({ asOf });
      expect(res.statusCode, asOf).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation', field: 'asOf' });
      expect(res.json().error.message).toMatch(message);
    }
    // Tomorrow is the latest day a real pass may take.
    expect((await run({ asOf: '2025-08-02', dryRun: true })).statusCode).toBe(200);
    // A day no calendar has, and one beyond what a date input may name.
    for (const asOf of ['2025-02-30', '9999-12-31']) {
      const res = await run({ asOf, dryRun: true });
      expect(res.statusCode, asOf).toBe(400);
      expect(res.json().error.field).toBe('asOf');
    }
    expect(await written()).toEqual(before);
  });

  it('lists in a dry run exactly what the real pass then issues, and writes nothing', async () => {
    const before = await written();
    const preview = await run({ asOf: '2025-07-10', dryRun: true });
    expect(preview.statusCode).toBe(200);
    const p = preview.json();
    expect(p).toMatchObject({ asOf: '2025-07-10', dryRun: true, truncated: false, lastRunDay: '2025-08-02' });
    // 市财政局's deliverable is past due: urged, not reminded.
    expect(p.created).toEqual({ reminder: 1, urge: 1, 'supervise-orange': 1, 'supervise-red': 0 });
    expect(p.notified).toBe(3); // two users of 市财政局, one of 市教育局
    expect(p.items.map((i: PreviewItem) => [i.deliverable.id, i.levels, i.recipients]).sort()).toEqual(
      [
        [lateCz, ['urge', 'supervise-orange'], 2],
        [lateJy, ['reminder'], 1],
      ].sort(),
    );
    expect(p.items.find((i: PreviewItem) => i.deliverable.id === lateCz).org.name).toBe('市财政局');
    expect(await written()).toEqual(before);

    // A dry run may look far ahead; still nothing is written.
    const far = await run({ asOf: '2100-12-31', dryRun: true });
    expect(far.statusCode).toBe(200);
    expect(far.json().created).toEqual({ reminder: 0, urge: 2, 'supervise-orange': 2, 'supervise-red': 2 });
    expect(await written()).toEqual(before);

    const real = await run({ asOf: '2025-07-10' });
    expect(real.statusCode).toBe(200);
    expect(real.json()).toMatchObject({
      asOf: '2025-07-10',
      dryRun: false,
      created: p.created,
      notified: p.notified,
    });
    expect(real.json().runId).toEqual(expect.any(String));
    const issued = (await escalationsOf(t, lateCz)).map((e) => e.level);
    expect(issued).toEqual(['urge', 'supervise-orange']);
    expect((await escalationsOf(t, lateJy)).map((e) => e.level)).toEqual(['reminder']);

    // What is in force now, a dry run no longer lists.
    const again = (await run({ asOf: '2025-07-10', dryRun: true })).json();
    expect(again.items).toEqual([]);
    expect(again.notified).toBe(0);
  });

  it('reverts exactly one pass, once: records withdrawn and kept, units told, all audited', async () => {
    const first = (await t.request(coord, 'GET', '/api/escalations/runs')).json().items[0];
    t.clock.advance(60_000);
    const today = await run({});
    expect(today.json()).toMatchObject({
      asOf: '2025-08-01',
      created: { reminder: 0, urge: 1, 'supervise-orange': 1, 'supervise-red': 2 },
    });
    const runId: string = today.json().runId;
    const runs = (await t.request(coord, 'GET', '/api/escalations/runs')).json();
    expect(runs.total).toBe(2);
    expect(runs.items.map((r: { id: string }) => r.id)).toEqual([runId, first.id]);
    expect(runs.items[0]).toMatchObject({
      asOf: '2025-08-01',
      runBy: { name: expect.any(String) },
      created: { reminder: 0, urge: 1, 'supervise-orange': 1, 'supervise-red': 2 },
      withdrawn: 0,
      notified: 3,
      reverted: null,
    });

    // Only a coordinator lists and reverts passes; a reason is required.
    expect((await t.request(caizheng, 'GET', '/api/escalations/runs')).statusCode).toBe(403);
    expect(
      (await t.request(caizheng, 'POST', `/api/escalations/runs/${runId}/revert`, { reason: '误操作' }))
        .statusCode,
    ).toBe(403);
    const noReason = await t.request(coord, 'POST', `/api/escalations/runs/${runId}/revert`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');

    const auditBefore = await count('auditLog');
    t.clock.advance(60_000);
    const at = t.clock.now().toISOString();
    const reverted = await t.request(coord, 'POST', `/api/escalations/runs/${runId}/revert`, {
      reason: '督办日期选错，撤回重发',
    });
    expect(reverted.statusCode).toBe(200);
    expect(reverted.json()).toMatchObject({
      id: runId,
      withdrawn: 4,
      reverted: { by: { id: expect.any(String) }, reason: '督办日期选错，撤回重发', at },
    });

    const rows = await t.store.db.selectFrom('escalations').selectAll().orderBy('createdAt').execute();
    const mine = rows.filter((r) => r.runId === runId);
    expect(mine).toHaveLength(4);
    for (const r of mine)
      expect(r).toMatchObject({ withdrawnAt: at, withdrawReason: '督办日期选错，撤回重发' });
    const earlier = rows.filter((r) => r.runId === first.id);
    expect(earlier).toHaveLength(3);
    for (const r of earlier) expect(r.withdrawnAt).toBeNull();

    // The audit trail: one withdrawal per record and the revert of the pass, chained.
    const audit = await t.store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('seq', '>', auditBefore)
      .execute();
    expect(
      audit
        .filter((a) => a.action === 'escalation.withdraw')
        .map((a) => a.entityId)
        .sort(),
    ).toEqual(mine.map((r) => r.id).sort());
    expect(audit.filter((a) => a.action === 'escalation-run.revert').map((a) => a.entityId)).toEqual([runId]);
    expect((await verifyAuditChain(t.store)).ok).toBe(true);
    // …in words on the 审计记录 page: every action, kind of record and field has its label.
    for (const a of audit) {
      expect(ACTION_LABELS[a.action], a.action).toBeDefined();
      expect(ENTITY_LABELS[a.entity], a.entity).toBeDefined();
      for (const json of [a.beforeJson, a.afterJson])
        for (const key of Object.keys(json ? JSON.parse(json) : {}))
          expect(FIELD_LABELS[key], key).toBeDefined();
    }

    // The units reached are told; a withdrawn record needs no reply.
    const jyInbox = await inboxOf(t, 'jiaoyu');
    expect(jyInbox.at(-1)).toMatchObject({ kind: 'escalation-withdrawn' });
    expect(jyInbox.at(-1)!.title).toMatch(/^【撤回】「.+」的催办、督办\(橙色\)、督办\(红色\)已撤回$/);
    expect(jyInbox.at(-1)!.body).toContain('督办日期选错，撤回重发');
    expect((await inboxOf(t, 'caizheng')).at(-1)!.title).toMatch(/^【撤回】「.+」的督办\(红色\)已撤回$/);
    const czOrg = await t.orgId('市财政局');
    const red = mine.find((r) => r.orgId === czOrg && r.level === 'supervise-red')!;
    const reply = await t.request(caizheng, 'POST', `/api/escalations/${red.id}/reply`, {
      reply: '已安排专人报送，说明原因。',
    });
    expect(reply.statusCode).toBe(409);

    // Lists show the record withdrawn; the ladder only what is in force.
    const list = (await t.request(coord, 'GET', '/api/escalations?level=supervise-red')).json();
    expect(list.items).toHaveLength(2);
    for (const i of list.items)
      expect(i).toMatchObject({ withdrawn: { reason: '督办日期选错，撤回重发' }, replyOverdue: false });
    expect(
      (await t.request(coord, 'GET', '/api/escalations?open=true&level=supervise-red')).json().total,
    ).toBe(0);
    const ladder = (await t.request(coord, 'GET', `/api/deliverables/${lateCz}/escalations`)).json();
    expect(ladder.steps.map((s: { escalation: unknown }) => s.escalation !== null)).toEqual([
      false,
      true,
      true,
      false,
    ]);

    // Once only.
    const twice = await t.request(coord, 'POST', `/api/escalations/runs/${runId}/revert`, {
      reason: '再撤一次',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('invalid-state');
    const unknown = await t.request(coord, 'POST', '/api/escalations/runs/no-such-run/revert', {
      reason: '不存在',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('issues again, as of its own day, what a reverted pass had issued, with a new message', async () => {
    const before = await inForce();
    const jyMessages = (await inboxOf(t, 'jiaoyu')).length;
    t.clock.advance(60_000);
    const preview = (await run({ dryRun: true })).json();
    expect(preview.created).toEqual({ reminder: 0, urge: 1, 'supervise-orange': 1, 'supervise-red': 2 });
    const again = await run({});
    expect(again.json()).toMatchObject({ created: preview.created, notified: preview.notified });
    const after = await inForce();
    expect(after).toHaveLength(before.length + 4);
    const jyInbox = await inboxOf(t, 'jiaoyu');
    expect(jyInbox).toHaveLength(jyMessages + 1);
    expect(jyInbox.at(-1)!.kind).toBe('supervise-red');
    // Both the withdrawn and the new red 督办 of 市财政局 are kept; one is in force.
    const czRed = (await escalationsOf(t, lateCz)).filter((e) => e.level === 'supervise-red');
    expect(czRed.map((e) => e.withdrawnAt === null).sort()).toEqual([false, true]);
    // Nothing more to issue on the same day.
    expect((await run({})).json().runId).toBeNull();
    expect((await t.request(coord, 'GET', '/api/escalations/runs')).json().total).toBe(3);
  });
});
