/**
 * Every action the server records and every field it writes into an audit record has its words in
 * the shared vocabulary, so the 审计记录 page and the exports never show a code (`escalation.create`,
 * `dueFrom`) to a person. Actions are read from the server's source; fields from the records a small
 * but complete loop writes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTION_LABELS, ENTITY_LABELS, FIELD_LABELS } from '@luoshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';
import { world } from '../reports/world.ts';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the audit vocabulary', () => {
  it('has words for every action and kind of record the server writes', () => {
    const actions = new Set<string>();
    const entities = new Set<string>();
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/action: '([a-z-]+\.[a-z-]+)'/g)) actions.add(m[1]!);
      for (const m of text.matchAll(/entity: '([a-z-]+)'/g)) entities.add(m[1]!);
    }
    expect(actions.size).toBeGreaterThan(20);
    expect([...actions].filter((a) => !ACTION_LABELS[a])).toEqual([]);
    expect([...entities].filter((e) => !ENTITY_LABELS[e])).toEqual([]);
  });
});

describe.each(DIALECTS)('fields of audit records on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
    const w = await world(t);
    const created = await t.request(w.cookies.reporter, 'POST', `/api/deliverables/${w.leadId}/reports`, {
      narrative: '已完成。',
    });
    const report = created.json().report;
    await t.request(w.cookies.reporter, 'POST', `/api/reports/${report.id}/submit`, {
      rowVersion: report.rowVersion,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has words for every field a report, a deliverable, a user and a unit record', async () => {
    const rows = await t.store.db.selectFrom('auditLog').select(['beforeJson', 'afterJson']).execute();
    const keys = new Set<string>();
    for (const r of rows)
      for (const json of [r.beforeJson, r.afterJson]) {
        const v = json ? JSON.parse(json) : null;
        if (v && typeof v === 'object' && !Array.isArray(v)) for (const k of Object.keys(v)) keys.add(k);
      }
    expect(keys.size).toBeGreaterThan(20);
    expect([...keys].filter((k) => !FIELD_LABELS[k])).toEqual([]);
  });
});
