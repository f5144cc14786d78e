/** The unit's iCalendar feed at a secret URL; the link, and rotating its secret. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { publishReference } from '../helpers/plans.ts';

const PUBLIC_URL = 'https://luoshi.example.gov.cn';

/** Unfolded content lines of an iCalendar text. */
function contentLines(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l !== '');
}

describe.each(DIALECTS)('calendar feed on %s', (dialect) => {
  let t: TestApp;
  let coord: string;
  let reporter: string;
  let finance: string;

  const path = (url: string) => new URL(url).pathname;

  beforeAll(async () => {
    t = await testApp(dialect, { config: { publicUrl: PUBLIC_URL } });
    coord = await t.login('coord');
    finance = await t.orgId('市财政局');
    await publishReference(t);
    reporter = await t.login(await t.user('reporter', '市财政局'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves one all-day event per open deliverable of the unit, folded, with CRLF', async () => {
    const link = await t.request(reporter, 'GET', `/api/orgs/${finance}/calendar-link`);
    expect(link.statusCode).toBe(200);
    const { url, webcalUrl } = link.json();
    expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/api/calendar/${finance}/[A-Za-z0-9_-]+\\.ics$`));
    expect(webcalUrl.startsWith('webcal://')).toBe(true);

    const accepted = await t.store.db
      .selectFrom('deliverables')
      .select('id')
      .where('orgId', '=', finance)
      .orderBy('dueDate')
      .executeTakeFirstOrThrow();
    await t.store.db
      .updateTable('deliverables')
      .set({ status: 'accepted' })
      .where('id', '=', accepted.id)
      .execute();
    const open = await t.store.db
      .selectFrom('deliverables')
      .select(['id', 'dueDate', 'taskNo'])
      .where('orgId', '=', finance)
      .where('status', '!=', 'accepted')
      .execute();

    const res = await t.request(null, 'GET', path(url));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = res.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const raw = text.split('\r\n');
    for (const l of raw) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(raw.some((l) => l.startsWith(' '))).toBe(true);

    const lines = contentLines(text);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(open.length);
    const uids = lines.filter((l) => l.startsWith('UID:')).map((l) => l.slice(4));
    expect(new Set(uids).size).toBe(open.length);
    expect(uids).not.toContain(`deliverable-${accepted.id}@luoshi`);
    const one = open.find((d) => d.taskNo === 1 && d.dueDate === '2025-04-01')!;
    const at = lines.indexOf(`UID:deliverable-${one.id}@luoshi`);
    const event = lines.slice(at, lines.indexOf('END:VEVENT', at));
    expect(event).toContain('DTSTART;VALUE=DATE:20250401');
    expect(event).toContain(`URL:${PUBLIC_URL}/deliverables/${one.id}`);
    expect(event.find((l) => l.startsWith('SUMMARY:'))).toContain('任务1');
    expect(event.find((l) => l.startsWith('DESCRIPTION:'))).toContain('每年3月1日前');
    expect(lines).toContain('X-WR-CALNAME:市财政局·报送时限');
    // The same feed twice is the same text: UIDs and stamps are stable.
    expect((await t.request(null, 'GET', path(url))).body).toBe(text);
  });

  it('answers a wrong token or an unknown unit with the same 404', async () => {
    const { url } = (await t.request(reporter, 'GET', `/api/orgs/${finance}/calendar-link`)).json();
    const wrong = await t.request(null, 'GET', `/api/calendar/${finance}/not-the-token.ics`);
    const unknown = await t.request(null, 'GET', `/api/calendar/no-such-unit/${path(url).split('/').pop()}`);
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it("gives the link to the unit's users and coordinators only; a coordinator rotates it", async () => {
    const other = await t.login(await t.user('reporter', '市教育局'));
    expect((await t.request(other, 'GET', `/api/orgs/${finance}/calendar-link`)).statusCode).toBe(403);
    expect((await t.request(null, 'GET', `/api/orgs/${finance}/calendar-link`)).statusCode).toBe(401);
    expect((await t.request(coord, 'GET', `/api/orgs/${finance}/calendar-link`)).statusCode).toBe(200);
    expect((await t.request(coord, 'GET', '/api/orgs/no-such-unit/calendar-link')).statusCode).toBe(404);

    const old = (await t.request(coord, 'GET', `/api/orgs/${finance}/calendar-link`)).json().url;
    expect((await t.request(reporter, 'POST', `/api/orgs/${finance}/calendar-link/rotate`)).statusCode).toBe(
      403,
    );
    expect((await t.request(null, 'GET', path(old))).statusCode).toBe(200);
    const rotated = await t.request(coord, 'POST', `/api/orgs/${finance}/calendar-link/rotate`);
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json().url;
    expect(fresh).not.toBe(old);
    expect((await t.request(null, 'GET', path(old))).statusCode).toBe(404);
    expect((await t.request(null, 'GET', path(fresh))).statusCode).toBe(200);
    const audit = await t.store.db
      .selectFrom('auditLog')
      .select(['actorName', 'afterJson'])
      .where('action', '=', 'org.calendar-rotate')
      .where('entityId', '=', finance)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorName).toBe('coord');
    expect(audit[0]!.afterJson).not.toContain(fresh.split('/').pop()!.replace('.ics', ''));
  });
});
