/**
 * Failed logins in the audit trail (security audit, "also expected"): the name tried, the client
 * address and why — wrong password, locked, unknown name, deactivated, rate-limited — while the
 * caller is told no more than before (an unknown name answers as a wrong password does). On SQLite
 * and PostgreSQL.
 */
import { ENTITY_LABELS, FIELD_LABELS, valueLabel } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { MAX_FAILED_LOGINS, MAX_FAILED_LOGINS_PER_ADDRESS } from '../../src/auth/sessions.ts';
import { DIALECTS, PASSWORD, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('failed logins in the audit trail on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  const attempt = (username: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress });

  /** The failures recorded for a name tried: reason and address, oldest first. */
  const failures = async (username: string) =>
    (
      await t.store.db
        .selectFrom('auditLog')
        .select(['action', 'entity', 'actorId', 'afterJson'])
        .where('action', 'in', ['session.login-failed', 'user.locked'])
        .orderBy('seq')
        .execute()
    )
      .map((r) => ({
        ...r,
        after: JSON.parse(r.afterJson!) as { username: string; address: string; reason: string },
      }))
      .filter((r) => r.after.username === username);

  it('records a wrong password and the lock on the account, then the attempts while locked', async () => {
    const name = await t.user('reporter', '市财政局');
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await attempt(name, 'wrong-password-1', '10.9.0.1');
    const locked = await attempt(name, PASSWORD, '10.9.0.2');
    expect(locked.statusCode).toBe(423);
    const rows = await failures(name);
    expect(rows.map((r) => [r.action, r.after.reason, r.after.address])).toEqual([
      ...Array.from({ length: MAX_FAILED_LOGINS - 1 }, () => [
        'session.login-failed',
        'wrong-password',
        '10.9.0.1',
      ]),
      ['user.locked', 'wrong-password', '10.9.0.1'],
      ['session.login-failed', 'locked', '10.9.0.2'],
    ]);
    expect(rows.every((r) => r.entity === 'user' && r.actorId !== null)).toBe(true);
  });

  it('records an unknown name and a deactivated account, answering both like a wrong password', async () => {
    const known = await t.user('viewer');
    const gone = await t.user('viewer');
    const coord = await t.login('coord');
    const { id, rowVersion } = await t.store.db
      .selectFrom('users')
      .select(['id', 'rowVersion'])
      .where('username', '=', gone)
      .executeTakeFirstOrThrow();
    await t.request(coord, 'PATCH', `/api/users/${id}`, { rowVersion, active: false });
    const answers = await Promise.all([
      attempt(known, 'wrong-password-1', '10.9.1.1'),
      attempt('nobody-here', 'wrong-password-1', '10.9.1.2'),
      attempt(gone, PASSWORD, '10.9.1.3'),
    ]);
    for (const a of answers) {
      expect(a.statusCode).toBe(401);
      expect(a.json()).toEqual(answers[0]!.json());
    }
    const [unknown] = await failures('nobody-here');
    expect(unknown).toMatchObject({ action: 'session.login-failed', entity: 'login', actorId: null });
    expect(unknown!.after).toEqual({ username: 'nobody-here', address: '10.9.1.2', reason: 'unknown-name' });
    expect((await failures(gone)).map((r) => r.after.reason)).toEqual(['inactive']);
  });

  it('records attempts refused because the address is rate-limited', async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_ADDRESS; i++)
      await attempt(`spray-${i}`, 'wrong-password-1', '10.9.2.1');
    const refused = await attempt('coord', PASSWORD, '10.9.2.1');
    expect(refused.statusCode).toBe(429);
    const rows = await failures('coord');
    expect(rows.at(-1)!.after).toEqual({ username: 'coord', address: '10.9.2.1', reason: 'rate-limited' });
    expect((await verifyAuditChain(t.store)).ok).toBe(true);
  });

  it('has words for what these records hold, for the 审计记录 page', async () => {
    const rows = [...(await failures('coord')), ...(await failures('nobody-here'))];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(ENTITY_LABELS[r.entity]).toBeTruthy();
      for (const k of Object.keys(r.after)) expect(FIELD_LABELS[k], k).toBeTruthy();
      expect(valueLabel('reason', r.after.reason)).toBeTruthy();
    }
  });
});
