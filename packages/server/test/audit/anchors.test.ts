/**
 * Anchors of the audit chain head in the data folder: written by the schedule and at a clean stop,
 * they expose what the chain alone cannot — deleted newest records and a chain rewritten with
 * recomputed hashes. A torn last line (a crash mid-write) and a missing file never break the check.
 */
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ANCHOR_JOB, runAnchorJob } from '../../src/audit/anchor-job.ts';
import {
  type Anchor,
  anchorFile,
  appendAnchor,
  auditHead,
  verifyAnchors,
  writeAnchor,
} from '../../src/audit/anchors.ts';
import { appendAudit, auditHash, SYSTEM_ACTOR } from '../../src/audit/audit.ts';
import { loadConfig } from '../../src/config.ts';
import { inTransaction, openStore, type Store } from '../../src/db/store.ts';
import { startSchedule } from '../../src/schedule.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

async function touch(store: Store, entityId: string, at: Date): Promise<void> {
  await inTransaction(store, (tx) =>
    appendAudit(tx, SYSTEM_ACTOR, { action: 'test.touch', entity: 'test', entityId }, at),
  );
}

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').slice(0, -1);
}

function anchorsIn(file: string): Anchor[] {
  return lines(file)
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Anchor);
}

/** Change record k and recompute every hash from k on: a rewrite the chain alone cannot see. */
async function rewriteFrom(store: Store, k: number): Promise<void> {
  const before = await store.db
    .selectFrom('auditLog')
    .select('hash')
    .where('seq', '=', k - 1)
    .executeTakeFirstOrThrow();
  const rows = await store.db
    .selectFrom('auditLog')
    .selectAll()
    .where('seq', '>=', k)
    .orderBy('seq')
    .execute();
  let prevHash = before.hash;
  for (const r of rows) {
    const actorName = r.seq === k ? 'mallory' : r.actorName;
    const hash = auditHash({ ...r, actorName, prevHash });
    await store.db
      .updateTable('auditLog')
      .set({ actorName, prevHash, hash })
      .where('seq', '=', r.seq)
      .execute();
    prevHash = hash;
  }
}

describe('the anchor interval', () => {
  it('defaults to 10 minutes, 0 switches it off, and a bad value is refused by name', () => {
    expect(loadConfig({}).auditAnchorEveryMinutes).toBe(10);
    expect(loadConfig({ AUDIT_ANCHOR_EVERY_MINUTES: '0' }).auditAnchorEveryMinutes).toBe(0);
    expect(loadConfig({ AUDIT_ANCHOR_EVERY_MINUTES: '3' }).auditAnchorEveryMinutes).toBe(3);
    expect(() => loadConfig({ AUDIT_ANCHOR_EVERY_MINUTES: 'often' })).toThrow('AUDIT_ANCHOR_EVERY_MINUTES');
  });
});

describe.each(DIALECTS)('audit anchors on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  let file: string;

  beforeAll(async () => {
    t = await testApp(dialect, { now: '2026-06-15T02:00:00.000Z' });
    coord = await t.login('coord');
    file = anchorFile(t.config.dataDir);
  });
  afterAll(async () => {
    await t?.close();
  });

  const verify = async () => {
    const res = await t.request(coord, 'GET', '/api/audit/verify');
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('without an anchor file checks the chain alone and says that no anchors were found', async () => {
    expect(existsSync(file)).toBe(false);
    const check = await verify();
    expect(check).toMatchObject({ ok: true, problem: null });
    expect(check.anchors).toMatchObject({ found: false, checked: 0, problem: null });
    expect(check.anchors.notes).toEqual([expect.stringContaining('未找到锚点')]);
  });

  it('writes the head on the schedule, not again while nothing changed, and once more at a clean stop', async () => {
    expect(AUDIT_ANCHOR_JOB.everyMinutes(t.ctx)).toBe(10);
    await runAnchorJob(t.ctx);
    const head = await auditHead(t.store);
    expect(anchorsIn(file)).toEqual([{ seq: head!.seq, hash: head!.hash, at: '2026-06-15T02:00:00.000Z' }]);
    await runAnchorJob(t.ctx);
    expect(lines(file)).toHaveLength(1);

    t.clock.advance(60_000);
    await touch(t.store, 'stop', t.clock.now());
    const log: string[] = [];
    const schedule = startSchedule(t.ctx, (line) => log.push(line));
    await schedule.stop();
    expect(log).toEqual([]);
    const anchors = anchorsIn(file);
    expect(anchors).toHaveLength(2);
    expect(anchors[1]).toEqual({
      seq: head!.seq + 1,
      hash: (await auditHead(t.store))!.hash,
      at: '2026-06-15T02:01:00.000Z',
    });

    const check = await verify();
    expect(check).toMatchObject({ ok: true, problem: null });
    expect(check.anchors).toMatchObject({ found: true, checked: 2, failed: 0, problem: null, notes: [] });
    expect(check.anchors.latest.seq).toBe(head!.seq + 1);
  });

  it('off (0 minutes): no timer and no anchor at stop', async () => {
    const before = lines(file).length;
    await touch(t.store, 'off', t.clock.now());
    const off = { ...t.ctx, config: { ...t.config, auditAnchorEveryMinutes: 0 } };
    await startSchedule(off, () => {}).stop();
    expect(lines(file)).toHaveLength(before);
  });

  it('finds the newest records deleted, naming the anchored record and the anchor time', async () => {
    t.clock.set('2026-06-15T03:30:00.000Z');
    for (let i = 0; i < 3; i++) await touch(t.store, `tail-${i}`, t.clock.now());
    await runAnchorJob(t.ctx);
    const head = (await auditHead(t.store))!;
    expect(anchorsIn(file).at(-1)).toMatchObject({ seq: head.seq });

    await t.store.db
      .deleteFrom('auditLog')
      .where('seq', '>', head.seq - 3)
      .execute();
    const check = await verify();
    // The chain that is left is sound: only the anchor shows the cut.
    expect(check.problem).toBeNull();
    expect(check.count).toBe(head.seq - 3);
    expect(check.ok).toBe(false);
    expect(check.anchors.failed).toBe(1);
    expect(check.anchors.problem).toEqual({
      seq: head.seq,
      at: '2026-06-15T03:30:00.000Z',
      reason: `第 ${head.seq} 条记录缺失：2026-06-15 11:30:00 的锚点记录审计链已到第 ${head.seq} 条，现在审计链只到第 ${head.seq - 3} 条（末尾的记录被删除）`,
    });

    // New records take the deleted numbers: still caught, now as a different hash.
    for (let i = 0; i < 3; i++) await touch(t.store, `again-${i}`, t.clock.now());
    const again = await verify();
    expect(again.ok).toBe(false);
    expect(again.anchors.problem.reason).toBe(
      `第 ${head.seq} 条记录的哈希与 2026-06-15 11:30:00 的锚点不符（这一条或之前的记录被改写）`,
    );
  });

  it('finds the chain rewritten from a record on with recomputed hashes', async () => {
    // Start over from a clean state: a fresh anchor file for the current chain.
    rmSync(file, { force: true });
    t.clock.set('2026-06-15T04:00:00.000Z');
    await runAnchorJob(t.ctx);
    const first = (await auditHead(t.store))!;
    for (let i = 0; i < 5; i++) await touch(t.store, `later-${i}`, t.clock.now());
    t.clock.set('2026-06-15T04:10:00.000Z');
    await runAnchorJob(t.ctx);
    const second = (await auditHead(t.store))!;
    expect((await verify()).ok).toBe(true);

    await rewriteFrom(t.store, first.seq + 2);
    const check = await verify();
    expect(check.problem).toBeNull(); // the rewritten chain is consistent in itself
    expect(check.ok).toBe(false);
    expect(check.anchors).toMatchObject({ checked: 2, failed: 1 });
    expect(check.anchors.problem).toEqual({
      seq: second.seq,
      at: '2026-06-15T04:10:00.000Z',
      reason: `第 ${second.seq} 条记录的哈希与 2026-06-15 12:10:00 的锚点不符（这一条或之前的记录被改写）`,
    });

    // Rewritten from before the first anchor: the lowest anchored record is named.
    await rewriteFrom(t.store, first.seq - 1);
    const earlier = await verify();
    expect(earlier.anchors.failed).toBe(2);
    expect(earlier.anchors.problem.seq).toBe(first.seq);
    expect(earlier.anchors.problem.at).toBe('2026-06-15T04:00:00.000Z');
  });

  it('ignores a torn last line with a note, still checks the anchors before it, and appends after it', async () => {
    rmSync(file, { force: true });
    t.clock.set('2026-06-15T05:00:00.000Z');
    await runAnchorJob(t.ctx);
    const head = (await auditHead(t.store))!;
    appendFileSync(file, `{"seq":${head.seq + 1},"hash":"ab`);

    const torn = await verify();
    expect(torn).toMatchObject({ ok: true, problem: null });
    expect(torn.anchors).toMatchObject({ checked: 1, failed: 0 });
    expect(torn.anchors.notes).toEqual(['锚点文件的最后一行不完整（写入中断），已忽略']);

    // The anchors before the torn line are still checked.
    await t.store.db.deleteFrom('auditLog').where('seq', '=', head.seq).execute();
    const cut = await verify();
    expect(cut.ok).toBe(false);
    expect(cut.anchors.problem.seq).toBe(head.seq);
    expect(cut.anchors.notes).toEqual(['锚点文件的最后一行不完整（写入中断），已忽略']);

    // The next anchor starts a new line after the torn one, which stays ignored.
    await touch(t.store, 'after-torn', t.clock.now());
    const written = await writeAnchor(t.store, t.config.dataDir, t.clock.now());
    expect(written.written).toBe(true);
    expect(written.note).toContain('最后一行不完整');
    const all = lines(file);
    expect(all).toHaveLength(3);
    expect(JSON.parse(all[2]!)).toMatchObject({ seq: written.anchor!.seq });
    const after = await verifyAnchors(t.store, t.config.dataDir);
    // The record cut above was numbered again by the new one: the first anchor still fails.
    expect(after).toMatchObject({ checked: 2, failed: 1, problem: { seq: head.seq } });
    expect(after.notes).toEqual(['锚点文件第 2 行无法识别，已忽略']);
  });

  it('keeps every line whole while two stores append at once', async () => {
    rmSync(file, { force: true });
    const other = await openStore({ databaseUrl: t.store.url, dataDir: t.store.dataDir });
    try {
      const stores = [t.store, other];
      for (let round = 0; round < 8; round++) {
        for (const [i, s] of stores.entries()) await touch(s, `both-${round}-${i}`, t.clock.now());
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            writeAnchor(stores[i % 2]!, t.config.dataDir, new Date(Date.UTC(2026, 5, 15, 6, round, i))),
          ),
        );
      }
      const heads = await Promise.all(stores.map((s) => auditHead(s)));
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          appendAnchor(file, {
            ...heads[i % 2]!,
            at: new Date(Date.UTC(2026, 5, 15, 7, 0, i % 60)).toISOString(),
          }),
        ),
      );
      const all = lines(file);
      expect(all.length).toBeGreaterThanOrEqual(8 + 200);
      for (const line of all)
        expect(JSON.parse(line)).toEqual({
          seq: expect.any(Number),
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
          at: expect.any(String),
        });
      const check = await verifyAnchors(other, t.config.dataDir);
      expect(check).toMatchObject({ checked: all.length, failed: 0, problem: null, notes: [] });
    } finally {
      await other.close();
    }
  });
});
