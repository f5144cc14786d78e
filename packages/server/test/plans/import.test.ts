/** 导入: the reference notice from pasted text, a .txt upload and a .docx upload; idempotence, versions, bad files. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { DOCX_TYPE, docxOf, editedReference, multipart, referenceText } from '../helpers/plans.ts';

const LIMIT = 200_000;

describe.each(DIALECTS)('importing notices on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  let firstPlanId: string;
  let firstNoticeId: string;

  const counts = async () => ({
    notices: (await t.store.db.selectFrom('notices').select('id').execute()).length,
    plans: (await t.store.db.selectFrom('plans').select('id').execute()).length,
    audit: (await t.store.db.selectFrom('auditLog').select('seq').execute()).length,
  });

  const upload = (fields: Record<string, string>, files: Parameters<typeof multipart>[1], cookie = coord) => {
    const { payload, headers } = multipart(fields, files);
    return t.app.inject({ method: 'POST', url: '/api/notices', payload, headers: { ...headers, cookie } });
  };

  beforeAll(async () => {
    t = await testApp(dialect, { config: { uploadLimitBytes: LIMIT } });
    coord = await t.login('coord');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('imports the reference notice as a .txt upload into a draft plan of 51 tasks', async () => {
    const res = await upload({ year: '2025' }, [
      { fileName: '鹰府字〔2024〕25号.txt', contentType: 'text/plain', bytes: referenceText() },
    ]);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      created: true,
      version: 1,
      changes: null,
      plan: {
        status: 'draft',
        year: 2025,
        rowVersion: 1,
        notice: { docNumber: '鹰府字〔2024〕25号', issuedAt: '2024-07-04', format: 'txt' },
        counts: { tasks: 51, blockedTasks: 0 },
      },
    });
    firstPlanId = body.planId;
    firstNoticeId = body.noticeId;
    const notice = await t.store.db
      .selectFrom('notices')
      .selectAll()
      .where('id', '=', firstNoticeId)
      .executeTakeFirstOrThrow();
    expect(notice.fileName).toBe('鹰府字〔2024〕25号.txt');
    expect(notice.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
    const actions = await t.store.db
      .selectFrom('auditLog')
      .select(['action', 'entityId', 'actorName'])
      .where('action', 'in', ['notice.import', 'plan.create'])
      .execute();
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: 'notice.import', entityId: firstNoticeId, actorName: 'coord' },
        { action: 'plan.create', entityId: firstPlanId, actorName: 'coord' },
      ]),
    );
  });

  it('shows the coordinator every extracted value with its span; others do not see drafts', async () => {
    const res = await t.request(coord, 'GET', `/api/plans/${firstPlanId}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.status).toBe('draft');
    expect(detail.blockers).toEqual([]);
    const task1 = detail.plan.tasks[0];
    expect(task1.no).toBe(1);
    expect(task1.obligations.map((o: { raw: string }) => o.raw)).toEqual(['每年3月1日前', '4月1日前']);
    const span = task1.units[0].span;
    const window = detail.sourceWindow;
    expect(window.text.slice(span.start - window.start, span.end - window.start)).toBe('市政府各部门');
    expect(Array.isArray(detail.plan.diagnostics)).toBe(true);

    const reporter = await t.login(await t.user('reporter', '市财政局'));
    expect((await t.request(reporter, 'GET', `/api/plans/${firstPlanId}`)).statusCode).toBe(404);
    expect((await t.request(reporter, 'GET', '/api/plans')).json().plans).toEqual([]);
    const list = (await t.request(coord, 'GET', '/api/plans')).json().plans;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: firstPlanId, status: 'draft', version: 1, counts: { tasks: 51 } });
  });

  it('returns the same notice and plan when the same text is imported again, writing nothing', async () => {
    const before = await counts();
    const again = await t.request(coord, 'POST', '/api/notices', { text: referenceText(), year: 2030 });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      created: false,
      planId: firstPlanId,
      noticeId: firstNoticeId,
      version: 1,
    });
    expect(again.json().plan.year).toBe(2025);
    const uploadAgain = await upload({}, [
      { fileName: 'copy.txt', contentType: 'text/plain', bytes: referenceText() },
    ]);
    expect(uploadAgain.statusCode).toBe(200);
    expect(uploadAgain.json().planId).toBe(firstPlanId);
    expect(await counts()).toEqual(before);
  });

  it('makes version 2 of a changed notice, with what changed task by task', async () => {
    const revised = editedReference([
      ['2025年高频处罚事项裁量权细化率达100%', '2025年高频处罚事项裁量权细化率达95%'],
      [
        '风险评估的机制。 | 市司法局,各区(市)政府、管委会',
        '风险评估的机制。 | 市司法局、市财政局,各区(市)政府、管委会',
      ],
    ]);
    const res = await t.request(coord, 'POST', '/api/notices', { text: revised, fileName: 'revised.txt' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      created: true,
      version: 2,
      plan: { previousPlanId: firstPlanId, year: 2025 },
    });
    expect(body.changes.added).toEqual([]);
    expect(body.changes.removed).toEqual([]);
    expect(body.changes.changed.map((c: { no: number }) => c.no)).toEqual([17, 33]);
    const [t17, t33] = body.changes.changed;
    expect(t17.changed).toEqual(['text', 'indicators']);
    expect(t17.indicators).toEqual({ before: ['达100%'], after: ['达95%'] });
    expect(t33.changed).toEqual(['units']);
    expect(t33.units.after).toContain('市财政局（配合）');
    expect(t33.units.before.some((u: string) => u.startsWith('市财政局'))).toBe(false);
    expect(body.changes.summary).toContain('修改2项（17、33）');
    const detail = (await t.request(coord, 'GET', `/api/plans/${body.planId}`)).json();
    expect(detail.changes.changed).toHaveLength(2);
    const list = (await t.request(coord, 'GET', '/api/plans')).json().plans;
    expect(list.map((p: { version: number }) => p.version)).toEqual([2, 1]);
  });

  it('imports a .docx upload of a notice laid out as a Word table', async () => {
    const other = referenceText().replace('鹰府字〔2024〕25号', '鹰府字〔2024〕26号');
    const res = await upload({}, [
      { fileName: '通知.docx', contentType: DOCX_TYPE, bytes: await docxOf(other) },
    ]);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      created: true,
      version: 1,
      plan: {
        notice: { docNumber: '鹰府字〔2024〕26号', format: 'docx' },
        counts: { tasks: 51 },
        year: 2024,
      },
    });
  });

  it('refuses bad uploads and bad input with a clear error, changing nothing', async () => {
    const before = await counts();
    // A PDF is read; a damaged one is unreadable, with a message in Chinese.
    const pdf = await upload({}, [
      { fileName: 'notice.pdf', contentType: 'application/pdf', bytes: '%PDF-1.4 x' },
    ]);
    expect(pdf.statusCode).toBe(422);
    expect(pdf.json().error).toMatchObject({ code: 'unreadable-notice', field: 'file' });
    expect(pdf.json().error.message).toContain('PDF');
    const exe = await upload({}, [
      { fileName: 'setup.exe', contentType: 'application/octet-stream', bytes: 'MZ' },
    ]);
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.message).toContain('.exe');
    const disguised = await upload({}, [
      { fileName: 'notice.txt', contentType: 'text/plain', bytes: '%PDF-1.7 binary' },
    ]);
    expect(disguised.statusCode).toBe(415);
    const image = await upload({}, [{ fileName: 'scan.txt', contentType: 'image/png', bytes: 'x' }]);
    expect(image.statusCode).toBe(415);

    const huge = await upload({}, [
      { fileName: 'big.txt', contentType: 'text/plain', bytes: '一'.repeat(LIMIT) },
    ]);
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toContain('大小上限');

    const corrupt = await upload({}, [
      {
        fileName: 'broken.docx',
        contentType: DOCX_TYPE,
        bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
      },
    ]);
    expect(corrupt.statusCode).toBe(422);
    expect(corrupt.json().error.code).toBe('unreadable-notice');
    expect(corrupt.json().error.message).toMatch(/[\u4e00-\u9fff]/);

    const noTasks = await t.request(coord, 'POST', '/api/notices', {
      text: '关于做好年终工作的通知\n请各单位做好工作。',
    });
    expect(noTasks.statusCode).toBe(422);
    expect(noTasks.json().error).toMatchObject({ code: 'no-task-list', field: 'text' });
    expect(noTasks.json().error.message).toContain('粘贴的内容中未找到任务清单');
    const noTasksFile = await upload({}, [
      { fileName: '通知.docx', contentType: DOCX_TYPE, bytes: '这不是一个Word文档，也没有任务。' },
    ]);
    expect(noTasksFile.statusCode).toBe(422);
    expect(noTasksFile.json().error).toMatchObject({ code: 'no-task-list', field: 'file' });
    expect(noTasksFile.json().error.message).toContain('请检查是否上传了正确的文件');

    const noFile = await upload({ year: '2025' }, []);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.field).toBe('file');
    const badYearField = await upload({ year: 'next' }, [
      { fileName: 'n.txt', contentType: 'text/plain', bytes: referenceText() },
    ]);
    expect(badYearField.statusCode).toBe(400);
    expect(badYearField.json().error.field).toBe('year');
    const badYear = await t.request(coord, 'POST', '/api/notices', { text: referenceText(), year: 1800 });
    expect(badYear.statusCode).toBe(400);
    expect(badYear.json().error.field).toBe('year');
    const empty = await t.request(coord, 'POST', '/api/notices', { text: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.field).toBe('text');

    const reporter = await t.login(await t.user('reporter', '市教育局'));
    const denied = await t.request(reporter, 'POST', '/api/notices', { text: referenceText() });
    expect(denied.statusCode).toBe(403);
    expect((await t.request(null, 'POST', '/api/notices', { text: referenceText() })).statusCode).toBe(401);
    const after = await counts();
    // Users created and logins made above write audit records of their own; nothing else changed.
    expect({ notices: after.notices, plans: after.plans }).toEqual({
      notices: before.notices,
      plans: before.plans,
    });
    const imports = await t.store.db
      .selectFrom('auditLog')
      .select('seq')
      .where('action', 'in', ['notice.import', 'plan.create'])
      .execute();
    expect(imports).toHaveLength(6);
  });
});
