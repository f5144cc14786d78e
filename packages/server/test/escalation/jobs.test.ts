/** The scheduled jobs: the escalation pass runs as of today in Beijing, one process at a time. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEscalationJob } from '../../src/jobs/escalation-job.ts';
import { acquireLease, releaseLease } from '../../src/jobs/lease.ts';
import { runOutboxJob } from '../../src/jobs/outbox-job.ts';
import { JOBS } from '../../src/schedule.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { dueOn, escalationsOf } from './seed.ts';

describe.each(DIALECTS)('scheduled jobs on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    // 17:30 UTC on 17 July is 01:30 on 18 July in Beijing.
    t = await testApp(dialect, { now: '2025-07-17T17:30:00.000Z', config: { escalationEveryMinutes: 30 } });
    await t.user('reporter', '市财政局');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('registers the escalation pass and the outbox delivery', () => {
    const byName = new Map(JOBS.map((j) => [j.name, j]));
    expect(byName.get('escalation')!.everyMinutes(t.ctx)).toBe(30);
    // No SMTP and no webhook configured: nothing to deliver, so the outbox job stays off.
    expect(byName.get('outbox')!.everyMinutes(t.ctx)).toBe(0);
    expect(
      byName
        .get('outbox')!
        .everyMinutes({ ...t.ctx, config: { ...t.config, smtpUrl: 'smtp://127.0.0.1:1' } }),
    ).toBe(1);
  });

  it('runs the pass as of the Beijing day, and skips while another process holds the lease', async () => {
    const id = await dueOn(t, '市财政局', '2025-07-17');
    const other = 'another-server:1:x';
    expect(await acquireLease(t.store, 'escalation-pass', other, 60_000, t.clock.now())).toBe(true);
    expect(await runEscalationJob(t.ctx)).toBeNull();
    expect(await escalationsOf(t, id)).toEqual([]);
    await releaseLease(t.store, 'escalation-pass', other);

    const message = await runEscalationJob(t.ctx);
    // The pass runs the day after the due date: 催办, and no 提醒 of a deadline already missed.
    expect(message).toBe('2025-07-18：催办 1 条，通知 1 人次');
    expect((await escalationsOf(t, id)).map((e) => e.level)).toEqual(['urge']);
    expect(await runEscalationJob(t.ctx)).toBeNull();
    // The lease of a crashed process runs out and no longer blocks the pass.
    await acquireLease(t.store, 'escalation-pass', other, 60_000, t.clock.now());
    await dueOn(t, '市财政局', '2025-07-21');
    expect(await runEscalationJob(t.ctx)).toBeNull();
    t.clock.advance(61_000);
    expect(await runEscalationJob(t.ctx)).toBe('2025-07-18：提醒 1 条，通知 1 人次');
  });

  it('has nothing to deliver without a channel', async () => {
    expect(await runOutboxJob(t.ctx)).toBeNull();
  });
});
