/** 延期申请: asked before the deadline, decided by the coordinator, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { auditOf, snapshot, type World, world } from '../reports/world.ts';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe.each(DIALECTS)('extension requests on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp(dialect, { now: '2025-03-10T02:00:00.000Z' });
    w = await world(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const deliverable = (id: string) =>
    t.store.db.selectFrom('deliverables').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const ask = (cookie: string, id: string, requestedDueDate: string, reason = '需要等待上级批复后再报送') =>
    t.request(cookie, 'POST', `/api/deliverables/${id}/extensions`, { requestedDueDate, reason });

  it('checks the date and the reason, naming the field, and changes nothing', async () => {
    const before = await snapshot(t);
    const cases: [string, string, string, string][] = [
      ['2025/04/30', '需要等待上级批复', 'requestedDueDate', '日期应为 YYYY-MM-DD 格式的真实日期'],
      ['2025-02-30', '需要等待上级批复', 'requestedDueDate', '日期应为 YYYY-MM-DD 格式的真实日期'],
      ['2025-03-31', '需要等待上级批复', 'requestedDueDate', '申请延期至的日期须晚于当前办理时限 2025-03-31'],
      ['2025-06-30', '需要等待上级批复', 'requestedDueDate', '最多可延期90天（当前办理时限 2025-03-31）'],
      ['2025-04-30', '太忙', 'reason', '延期理由至少5个字'],
    ];
    for (const [date, reason, field, message] of cases) {
      const res = await ask(w.cookies.reporter, w.leadId, date, reason);
      expect(res.statusCode, date).toBe(400);
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.message).toContain(message);
    }
    expect((await ask(w.cookies.reporter, w.leadId, '2025-06-29')).statusCode).toBe(201); // exactly 90 days
    const [ext] = (await t.request(w.cookies.reporter, 'GET', '/api/extensions?status=pending')).json()
      .extensions;
    // Refuse it at once so the next tests start clean.
    const refused = await t.request(w.cookies.coord, 'POST', `/api/extensions/${ext.id}/refuse`, {
      note: '时间过长，请压缩到一个月内',
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json().extension).toMatchObject({
      status: 'refused',
      decisionNote: '时间过长，请压缩到一个月内',
    });
    expect(await deliverable(w.leadId)).toMatchObject({
      dueDate: '2025-03-31',
      rowVersion: before.deliverables.find((d) => d.id === w.leadId)!.rowVersion,
    });
    const unitNotes = await t.store.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select(['kind', 'body'])
      .where('users.username', '=', w.names.reporter)
      .execute();
    expect(unitNotes).toContainEqual({
      kind: 'extension.refused',
      body: expect.stringContaining('时间过长，请压缩到一个月内'),
    });
  });

  it('takes one pending request at a time; the coordinator approves and the due date moves', async () => {
    const res = await ask(w.cookies.reporter, w.leadId, '2025-04-30');
    expect(res.statusCode).toBe(201);
    const ext = res.json().extension;
    expect(ext).toMatchObject({ status: 'pending', requestedDueDate: '2025-04-30', orgId: w.caizheng });
    const coordNotes = await t.store.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select(['kind', 'title'])
      .where('users.username', '=', 'coord')
      .where('kind', '=', 'extension.requested')
      .execute();
    expect(coordNotes).toHaveLength(2);
    expect(coordNotes[1]!.title).toBe('市财政局申请延期「第7项任务 2025-03 进展报告」');

    const before = await snapshot(t);
    const twice = await ask(w.cookies.leader, w.leadId, '2025-04-15');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe(
      '该事项已有一份待审批的延期申请（申请延期至 2025-04-30），请等待审批结果',
    );
    // Lists: the coordinator sees all, the unit its own, another unit none of it.
    expect(
      (await t.request(w.cookies.coord, 'GET', '/api/extensions?status=pending')).json().extensions,
    ).toEqual([
      expect.objectContaining({ id: ext.id, orgName: '市财政局', dueDate: '2025-03-31', taskNo: 7 }),
    ]);
    expect((await t.request(w.cookies.reporter, 'GET', '/api/extensions')).json().extensions).toHaveLength(2);
    expect((await t.request(w.cookies.stranger, 'GET', '/api/extensions')).json().extensions).toEqual([]);
    // Only the coordinator decides; other units cannot ask for this deliverable.
    expect(
      (await t.request(w.cookies.reporter, 'POST', `/api/extensions/${ext.id}/approve`, {})).statusCode,
    ).toBe(403);
    expect(
      (await t.request(w.cookies.viewer, 'POST', `/api/extensions/${ext.id}/approve`, {})).statusCode,
    ).toBe(403);
    expect((await ask(w.cookies.stranger, w.leadId, '2025-04-20')).statusCode).toBe(403);
    expect((await ask(w.cookies.viewer, w.leadId, '2025-04-20')).statusCode).toBe(403);
    expect((await ask(w.cookies.coReporter, w.leadId, '2025-04-20')).statusCode).toBe(403);
    const noNote = await t.request(w.cookies.coord, 'POST', `/api/extensions/${ext.id}/refuse`, {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.field).toBe('note');
    expect(await snapshot(t)).toEqual(before);

    const approved = await t.request(w.cookies.coord, 'POST', `/api/extensions/${ext.id}/approve`, {
      note: '同意',
    });
    expect(approved.statusCode).toBe(200);
    const d = await deliverable(w.leadId);
    const old = before.deliverables.find((x) => x.id === w.leadId)!;
    expect(d).toMatchObject({
      dueDate: '2025-04-30',
      originalDueDate: '2025-03-31',
      status: old.status,
      rowVersion: old.rowVersion + 1,
    });
    expect(
      (await auditOf(t, 'extension', ext.id)).map((a) => [a.action, a.before?.status, a.after?.status]),
    ).toEqual([
      ['extension.request', undefined, 'pending'],
      ['extension.approve', 'pending', 'approved'],
    ]);
    expect((await auditOf(t, 'deliverable', w.leadId)).at(-1)).toMatchObject({
      action: 'deliverable.extend',
      before: { dueDate: '2025-03-31' },
      after: { dueDate: '2025-04-30', originalDueDate: '2025-03-31', extensionId: ext.id },
    });
    const after = await snapshot(t);
    const again = await t.request(w.cookies.coord, 'POST', `/api/extensions/${ext.id}/refuse`, {
      note: '改主意了',
    });
    expect(again.statusCode).toBe(409);
    expect(await snapshot(t)).toEqual(after);
  });

  it('takes requests only up to the end of the due day, Beijing time', async () => {
    // 市公安局's deliverable is due 2025-03-31: 23:59 in Beijing is 15:59 UTC.
    t.clock.set('2025-03-31T15:59:00.000Z');
    const stranger = await t.login(w.names.stranger);
    const coord = await t.login('coord');
    expect((await ask(stranger, w.otherId, '2025-04-10')).statusCode).toBe(201);
    const [pending] = (await t.request(coord, 'GET', `/api/extensions?deliverableId=${w.otherId}`)).json()
      .extensions;
    expect(
      (await t.request(coord, 'POST', `/api/extensions/${pending.id}/refuse`, { note: '请按时报送' }))
        .statusCode,
    ).toBe(200);
    t.clock.set('2025-03-31T16:00:00.000Z');
    const again = await t.login(w.names.stranger);
    const before = await snapshot(t);
    const late = await ask(again, w.otherId, '2025-04-10');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('办理时限 2025-03-31 已过，延期须在到期前申请');
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers 404 for unknown ids', async () => {
    const coord = await t.login('coord');
    expect((await ask(await t.login(w.names.reporter), UNKNOWN, '2025-05-01')).statusCode).toBe(404);
    expect((await t.request(coord, 'POST', `/api/extensions/${UNKNOWN}/approve`, {})).statusCode).toBe(404);
    expect(
      (await t.request(coord, 'POST', `/api/extensions/${UNKNOWN}/refuse`, { note: '无' })).statusCode,
    ).toBe(404);
  });
});
