/** The reporting loop: draft → submit → return with a reason → resubmit → accept, on both databases. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { auditOf, PDF, PNG, snapshot, upload, type World, world } from './world.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(DIALECTS)('the reporting loop on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await world(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const deliverable = (id: string) =>
    t.store.db.selectFrom('deliverables').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const notificationsOf = async (username: string) =>
    t.store.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select(['notifications.kind', 'notifications.title', 'notifications.body'])
      .where('users.username', '=', username)
      .orderBy('notifications.createdAt')
      .execute();

  it('goes draft → submitted → returned → resubmitted → accepted, with audit, notifications and evidence', async () => {
    const c = w.cookies;
    // 1. A draft with two files, sent as multipart.
    const created = await upload(t, c.reporter, `/api/deliverables/${w.leadId}/reports`, [
      { name: 'narrative', value: '已完成一季度预决算公开工作，' },
      { name: 'completion', value: 'in-progress' },
      { name: 'figures', value: JSON.stringify([{ indicator: '公开率', value: 96.5, unit: '%' }]) },
      { name: 'evidence', filename: '一季度公开情况.pdf', content: PDF, contentType: 'application/pdf' },
      { name: 'evidence', filename: 'photo.png', content: PNG, contentType: 'image/png' },
    ]);
    expect(created.statusCode).toBe(201);
    const report = created.json().report;
    expect(report).toMatchObject({
      status: 'draft',
      completion: 'in-progress',
      figures: [{ indicator: '公开率', value: 96.5, unit: '%' }],
      rowVersion: 1,
    });
    // Files of one upload are listed by name.
    expect(report.evidence.map((e: { fileName: string }) => e.fileName)).toEqual([
      'photo.png',
      '一季度公开情况.pdf',
    ]);
    expect(report.evidence[1]).toMatchObject({
      sha256: sha(PDF),
      size: PDF.length,
      contentType: 'application/pdf',
    });
    expect(report.evidence[0]).toMatchObject({ sha256: sha(PNG), contentType: 'image/png' });
    expect((await deliverable(w.leadId)).status).toBe('draft');

    // The file comes back byte for byte, with its Chinese name as RFC 5987 filename*.
    const file = await t.request(c.reporter, 'GET', report.evidence[1].url);
    expect(file.statusCode).toBe(200);
    expect(sha(file.rawPayload)).toBe(sha(PDF));
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('一季度公开情况.pdf')}`,
    );

    // Drafts are the unit's own: the coordinator sees neither the draft nor its files yet.
    expect((await t.request(c.coord, 'GET', `/api/deliverables/${w.leadId}/reports`)).json().reports).toEqual(
      [],
    );
    expect((await t.request(c.coord, 'GET', report.evidence[1].url)).statusCode).toBe(403);

    // 2. Edit and submit.
    const edited = await t.request(c.reporter, 'PATCH', `/api/reports/${report.id}`, {
      rowVersion: 1,
      narrative: '已完成一季度预决算公开工作，公开率96.5%。',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().report.rowVersion).toBe(2);
    const firstSubmitAt = t.clock.now().toISOString();
    const submitted = await t.request(c.reporter, 'POST', `/api/reports/${report.id}/submit`, {
      rowVersion: 2,
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().report).toMatchObject({
      status: 'submitted',
      submittedAt: firstSubmitAt,
      rowVersion: 3,
    });
    expect(await deliverable(w.leadId)).toMatchObject({ status: 'submitted', submittedAt: firstSubmitAt });
    expect(await notificationsOf('coord')).toContainEqual(
      expect.objectContaining({
        kind: 'report.submitted',
        title: '市财政局报送了「第7项任务 2025-03 进展报告」',
      }),
    );

    const queue = await t.request(c.coord, 'GET', '/api/review-queue');
    expect(queue.json().items).toEqual([
      expect.objectContaining({
        reportId: report.id,
        orgName: '市财政局',
        taskNo: 7,
        dueDate: '2025-03-31',
        submittedAt: firstSubmitAt,
        evidenceCount: 2,
        late: false,
      }),
    ]);

    // 3. Returned with a reason: yellow, the unit is told why.
    t.clock.advance(2 * 3_600_000);
    const returned = await t.request(c.coord, 'POST', `/api/reports/${report.id}/return`, {
      rowVersion: 3,
      reason: '请补充公开网址和截图。',
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().report).toMatchObject({
      status: 'returned',
      returnReason: '请补充公开网址和截图。',
    });
    expect((await deliverable(w.leadId)).status).toBe('returned');
    const unitNotes = await notificationsOf(w.names.reporter);
    expect(unitNotes).toContainEqual(
      expect.objectContaining({
        kind: 'report.returned',
        body: expect.stringContaining('请补充公开网址和截图。'),
      }),
    );
    expect((await t.request(c.coord, 'GET', '/api/review-queue')).json().items).toEqual([]);
    // Once handed in, the coordinator may download the files.
    expect(sha((await t.request(c.coord, 'GET', report.evidence[1].url)).rawPayload)).toBe(sha(PDF));

    // 4. The unit fixes it and submits again.
    const more = await upload(t, c.reporter, `/api/reports/${report.id}/evidence`, [
      { name: 'evidence', filename: '截图.png', content: Buffer.concat([PNG, Buffer.from('截图')]) },
    ]);
    expect(more.statusCode).toBe(201);
    expect(
      (
        await t.request(c.reporter, 'PATCH', `/api/reports/${report.id}`, {
          rowVersion: 4,
          narrative: '已完成一季度预决算公开，网址见附件截图，公开率100%。',
          completion: 'done',
          figures: [{ indicator: '公开率', value: 100, unit: '%' }],
        })
      ).statusCode,
    ).toBe(200);
    t.clock.advance(3_600_000);
    const secondSubmitAt = t.clock.now().toISOString();
    const again = await t.request(c.reporter, 'POST', `/api/reports/${report.id}/submit`, { rowVersion: 5 });
    expect(again.statusCode).toBe(200);
    expect(await deliverable(w.leadId)).toMatchObject({ status: 'submitted', submittedAt: secondSubmitAt });

    // 5. Accepted: 办结.
    const accepted = await t.request(c.coord, 'POST', `/api/reports/${report.id}/accept`, {
      rowVersion: 6,
      comment: '材料齐全。',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().report).toMatchObject({ status: 'accepted', evidence: expect.any(Array) });
    expect(accepted.json().report.evidence).toHaveLength(3);
    expect(await deliverable(w.leadId)).toMatchObject({
      status: 'accepted',
      acceptedAt: t.clock.now().toISOString(),
    });
    expect(await notificationsOf(w.names.reporter)).toContainEqual(
      expect.objectContaining({ kind: 'report.accepted', body: expect.stringContaining('材料齐全。') }),
    );
    // The unit leader hears of it as well.
    expect((await notificationsOf(w.names.leader)).map((n) => n.kind)).toEqual([
      'report.returned',
      'report.accepted',
    ]);

    // The audit trail tells the whole story, with before and after.
    const reportTrail = await auditOf(t, 'report', report.id);
    expect(reportTrail.map((a) => a.action)).toEqual([
      'report.create',
      'report.update',
      'report.submit',
      'report.return',
      'report.update',
      'report.submit',
      'report.accept',
    ]);
    expect(reportTrail[0]).toMatchObject({
      actorName: w.names.reporter,
      after: { status: 'draft', narrative: '已完成一季度预决算公开工作，' },
    });
    expect(reportTrail[3]).toMatchObject({
      actorName: 'coord',
      before: { status: 'submitted' },
      after: { status: 'returned', returnReason: '请补充公开网址和截图。' },
    });
    expect(reportTrail[6]).toMatchObject({
      before: { status: 'submitted' },
      after: { status: 'accepted', comment: '材料齐全。' },
    });
    const deliverableTrail = await auditOf(t, 'deliverable', w.leadId);
    expect(deliverableTrail.map((a) => [a.action, a.before?.status, a.after?.status])).toEqual([
      ['deliverable.draft', 'pending', 'draft'],
      ['deliverable.submit', 'draft', 'submitted'],
      ['deliverable.return', 'submitted', 'returned'],
      ['deliverable.submit', 'returned', 'submitted'],
      ['deliverable.accept', 'submitted', 'accepted'],
    ]);
    expect(deliverableTrail[3]!.after).toMatchObject({
      submittedAt: secondSubmitAt,
      firstSubmittedAt: firstSubmitAt,
    });
    const evidenceAudit = await t.store.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'evidence.add')
      .execute();
    expect(evidenceAudit).toHaveLength(3);
    expect((await verifyAuditChain(t.store)).ok).toBe(true);
  });

  it('creates a report from JSON and submits it at once', async () => {
    const res = await t.request(w.cookies.coReporter, 'POST', `/api/deliverables/${w.coId}/reports`, {
      narrative: '教育系统预决算已按要求全部公开。',
      completion: 'done',
      submit: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().report).toMatchObject({ status: 'submitted', evidence: [] });
    expect((await deliverable(w.coId)).status).toBe('submitted');
  });

  it('lets the lead unit see co-units’ inputs, read-only', async () => {
    const inputs = await t.request(w.cookies.reporter, 'GET', `/api/deliverables/${w.leadId}/inputs`);
    expect(inputs.statusCode).toBe(200);
    expect(inputs.json().inputs).toEqual([
      expect.objectContaining({
        deliverableId: w.coId,
        orgName: '市教育局',
        status: 'submitted',
        latestReport: expect.objectContaining({
          status: 'submitted',
          narrative: '教育系统预决算已按要求全部公开。',
        }),
      }),
    ]);
    const coReport = inputs.json().inputs[0].latestReport;
    expect((await t.request(w.cookies.reporter, 'GET', `/api/reports/${coReport.id}`)).statusCode).toBe(200);
    // Reading is not writing.
    const before = await snapshot(t);
    const patch = await t.request(w.cookies.reporter, 'PATCH', `/api/reports/${coReport.id}`, {
      rowVersion: coReport.rowVersion,
      narrative: '牵头单位不能改配合单位的报告内容',
    });
    expect(patch.statusCode).toBe(403);
    const create = await t.request(w.cookies.reporter, 'POST', `/api/deliverables/${w.coId}/reports`, {
      narrative: '牵头单位不能替配合单位填报',
    });
    expect(create.statusCode).toBe(403);
    expect(await snapshot(t)).toEqual(before);
    // The co-unit cannot see the lead's deliverable or its inputs.
    expect(
      (await t.request(w.cookies.coReporter, 'GET', `/api/deliverables/${w.leadId}/inputs`)).statusCode,
    ).toBe(403);
  });

  it('shows a report with its deliverable and the task’s indicators', async () => {
    const list = await t.request(w.cookies.viewer, 'GET', `/api/deliverables/${w.leadId}/reports`);
    expect(list.statusCode).toBe(200);
    const [r] = list.json().reports;
    const detail = await t.request(w.cookies.viewer, 'GET', `/api/reports/${r.id}`);
    expect(detail.json()).toMatchObject({
      report: { id: r.id, status: 'accepted' },
      deliverable: { id: w.leadId, orgName: '市财政局', status: 'accepted' },
      indicators: [{ subject: '公开率', comparator: '>=', value: 100, unit: '%' }],
    });
  });
});
