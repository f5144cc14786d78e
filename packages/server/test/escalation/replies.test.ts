/** 督办 records over HTTP: the unit replies once, lists show the right units, a pass runs on demand. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { escalationsOf, inboxOf, lateUnits } from './seed.ts';

describe.each(DIALECTS)('escalation records and replies on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  let caizheng: string;
  let caizhengLeader: string;
  let jiaoyu: string;
  let lateCz: string;
  let lateJy: string;
  beforeAll(async () => {
    t = await testApp(dialect, {
      now: '2025-08-01T02:00:00.000Z',
      config: { publicUrl: 'http://luoshi.test' },
    });
    ({ lateCz, lateJy } = await lateUnits(t));
    coord = await t.login('coord');
    caizheng = await t.login('caizheng');
    caizhengLeader = await t.login('caizheng-lingdao');
    jiaoyu = await t.login('jiaoyu');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs the pass on demand for a coordinator only, as of a given day', async () => {
    expect((await t.request(caizheng, 'POST', '/api/escalations/run', {})).statusCode).toBe(403);
    const bad = await t.request(coord, 'POST', '/api/escalations/run', { asOf: '2025-7-10' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('asOf');
    const res = await t.request(coord, 'POST', '/api/escalations/run', { asOf: '2025-07-10' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      asOf: '2025-07-10',
      dryRun: false,
      runId: expect.any(String),
      // 市教育局 is reminded (due 15 July); 市财政局, due 1 July, is urged, not reminded.
      created: { reminder: 1, urge: 1, 'supervise-orange': 1, 'supervise-red': 0 },
      notified: 3, // two users of 市财政局, one of 市教育局
    });
    // Without a day: today in Beijing (2025-08-01), both July ones have reached red.
    const today = await t.request(coord, 'POST', '/api/escalations/run', {});
    expect(today.json()).toEqual({
      asOf: '2025-08-01',
      dryRun: false,
      runId: expect.any(String),
      created: { reminder: 0, urge: 1, 'supervise-orange': 1, 'supervise-red': 2 },
      notified: 3,
    });
    expect((await escalationsOf(t, lateCz)).map((e) => e.level)).toEqual([
      'urge',
      'supervise-orange',
      'supervise-red',
    ]);
  });

  it('lists all records to the coordinator and only its own to a unit, with filters', async () => {
    const all = (await t.request(coord, 'GET', '/api/escalations')).json();
    expect(all.total).toBe(7);
    expect(new Set(all.items.map((i: { org: { name: string } }) => i.org.name))).toEqual(
      new Set(['市财政局', '市教育局']),
    );
    const czId = await t.orgId('市财政局');
    expect((await t.request(coord, 'GET', '/api/escalations?level=supervise-red')).json().total).toBe(2);
    const red = (await t.request(coord, 'GET', `/api/escalations?level=supervise-red&orgId=${czId}`)).json();
    expect(red.items).toHaveLength(1);
    expect(red.items[0]).toMatchObject({
      level: 'supervise-red',
      label: '督办(红色)',
      replyDue: expect.any(String),
      reply: null,
      org: { name: '市财政局' },
      deliverable: { id: lateCz, dueDate: '2025-07-01', status: 'pending' },
      task: { no: expect.any(Number), text: expect.stringContaining('测试任务') },
    });
    const jyId = await t.orgId('市教育局');
    const byOrg = (await t.request(coord, 'GET', `/api/escalations?orgId=${jyId}`)).json();
    expect(byOrg.items.map((i: { level: string }) => i.level).sort()).toEqual([
      'reminder',
      'supervise-orange',
      'supervise-red',
      'urge',
    ]);

    const mine = (await t.request(jiaoyu, 'GET', '/api/escalations')).json();
    expect(mine.total).toBe(4);
    expect(mine.items.every((i: { org: { name: string } }) => i.org.name === '市教育局')).toBe(true);
    expect((await t.request(jiaoyu, 'GET', `/api/escalations?orgId=${czId}`)).statusCode).toBe(403);
    expect((await t.request(jiaoyu, 'GET', '/api/escalations?level=purple')).statusCode).toBe(400);
  });

  it('takes one reply from the recipient unit and refuses other units', async () => {
    const [, orange] = await escalationsOf(t, lateCz);
    expect(orange!.level).toBe('supervise-orange');
    const url = `/api/escalations/${orange!.id}/reply`;
    const other = await t.request(jiaoyu, 'POST', url, { reply: '我们不是被督办单位。' });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('只有被督办单位的联络员或领导可以回复');
    expect((await t.request(coord, 'POST', url, { reply: '协调员不能代为回复。' })).statusCode).toBe(403);
    const short = await t.request(caizheng, 'POST', url, { reply: '  好的 ' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ field: 'reply', message: 'reply: 回复内容至少5个字' });
    expect(
      (await t.request(caizheng, 'POST', '/api/escalations/nope/reply', { reply: '已经报送了材料。' }))
        .statusCode,
    ).toBe(404);

    const ok = await t.request(caizhengLeader, 'POST', url, { reply: '已组织专人整理，8月5日前报送。' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      id: orange!.id,
      reply: '已组织专人整理，8月5日前报送。',
      repliedBy: { name: expect.any(String) },
      repliedAt: '2025-08-01T02:00:00.000Z',
    });
    const again = await t.request(caizheng, 'POST', url, { reply: '再回复一次试试看。' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该督办记录已回复，不能重复回复');

    const stored = (await escalationsOf(t, lateCz))[1]!;
    expect(stored.reply).toBe('已组织专人整理，8月5日前报送。');
    const audit = await t.store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'escalation.reply')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: 'caizheng-lingdao', entityId: orange!.id });
    // The coordinator hears of it.
    const coordInbox = await inboxOf(t, 'coord');
    expect(coordInbox.map((n) => n.title)).toContain(
      `市财政局回复了督办(橙色)：「${ok.json().deliverable.title}」`,
    );
    // Replied: no longer open.
    const open = (await t.request(caizheng, 'GET', '/api/escalations?open=true')).json();
    expect(open.items.map((i: { id: string }) => i.id)).not.toContain(orange!.id);
    const closed = (await t.request(caizheng, 'GET', '/api/escalations?open=false')).json();
    expect(closed.items.map((i: { id: string }) => i.id)).toEqual([orange!.id]);
  });

  it("shows one deliverable's ladder: who was urged when, and what they replied", async () => {
    const res = await t.request(caizheng, 'GET', `/api/deliverables/${lateCz}/escalations`);
    expect(res.statusCode).toBe(200);
    const ladder = res.json();
    expect(ladder.running).toBe(true);
    expect(ladder.steps.map((s: { level: string; dueFrom: string }) => [s.level, s.dueFrom])).toEqual([
      ['reminder', '2025-06-26'],
      ['urge', '2025-07-02'],
      ['supervise-orange', '2025-07-08'],
      ['supervise-red', '2025-07-15'],
    ]);
    // The first pass came after the due date: no 提醒 was issued.
    expect(ladder.steps[0].escalation).toBeNull();
    expect(ladder.steps[2].escalation).toMatchObject({
      reply: '已组织专人整理，8月5日前报送。',
      org: { name: '市财政局' },
    });
    // Issued late (the pass caught up on 8月1日): the reply deadline counts from that day, still ahead.
    expect(ladder.steps[3].escalation).toMatchObject({ reply: null, replyOverdue: false });
    expect(ladder.steps[3].escalation.replyDue > '2025-08-01').toBe(true);

    const future = await t.request(jiaoyu, 'GET', `/api/deliverables/${lateJy}/escalations`);
    expect(future.json().steps.map((s: { escalation: unknown }) => s.escalation !== null)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect((await t.request(jiaoyu, 'GET', `/api/deliverables/${lateCz}/escalations`)).statusCode).toBe(403);
    expect((await t.request(coord, 'GET', `/api/deliverables/${lateCz}/escalations`)).statusCode).toBe(200);
  });
});
