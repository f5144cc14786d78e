/**
 * Migration 0005-escalation-runs on a database made before it: the escalation records issued so far
 * are kept as they were (no pass, not withdrawn), and afterwards only records in force are unique
 * per (deliverable, level) — a withdrawn one leaves room for the step to be issued again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadDefaultOrgs } from '../../src/bootstrap.ts';
import { migrateToLatest } from '../../src/db/migrations.ts';
import { newId } from '../../src/ids.ts';
import { seedDeliverable, seedPlan, seedTask } from '../helpers/factories.ts';
import { DIALECTS } from '../helpers/harness.ts';
import { storeBefore } from '../helpers/store-before.ts';

describe.each(DIALECTS)('migration 0005-escalation-runs on %s', (dialect) => {
  let dispose: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await dispose?.();
    dispose = null;
  });

  it('keeps the records issued before it and makes only records in force unique', async () => {
    const old = await storeBefore(dialect, '0005-escalation-runs');
    dispose = old.dispose;
    const { store } = old;
    await loadDefaultOrgs(store, new Date('2025-03-10T02:00:00.000Z'));
    const org = await store.db
      .selectFrom('orgs')
      .select('id')
      .where('name', '=', '市财政局')
      .executeTakeFirstOrThrow();
    const plan = await seedPlan(store);
    const taskId = await seedTask(store, plan, 1);
    const deliverableId = await seedDeliverable(store, {
      plan,
      taskId,
      taskNo: 1,
      orgId: org.id,
      dueDate: '2025-03-31',
    });
    const issued = {
      id: newId(),
      deliverable_id: deliverableId,
      org_id: org.id,
      level: 'urge',
      due_from: '2025-04-01',
      reply_due: null,
      reply: '已安排报送。',
      replied_at: '2025-04-02T01:00:00.000Z',
      replied_by: null,
      created_at: '2025-04-01T01:00:00.000Z',
    };
    // Written as the table was then (its columns only).
    // biome-ignore lint/suspicious/noExplicitAny: the table as it was before the migration.
    await (store.db as any).insertInto('escalations').values(issued).execute();

    await migrateToLatest(store.db);

    const rows = await store.db.selectFrom('escalations').selectAll().execute();
    expect(rows).toEqual([
      {
        id: issued.id,
        deliverableId,
        orgId: org.id,
        level: 'urge',
        dueFrom: '2025-04-01',
        replyDue: null,
        reply: '已安排报送。',
        repliedAt: '2025-04-02T01:00:00.000Z',
        repliedBy: null,
        createdAt: '2025-04-01T01:00:00.000Z',
        runId: null,
        withdrawnAt: null,
        withdrawnBy: null,
        withdrawReason: null,
      },
    ]);

    const again = (id: string) =>
      store.db
        .insertInto('escalations')
        .values({ ...rows[0]!, id, reply: null, repliedAt: null })
        .onConflict((oc) =>
          oc.columns(['deliverableId', 'level']).where('withdrawnAt', 'is', null).doNothing(),
        )
        .returning('id')
        .executeTakeFirst();
    // In force: a second urge for the same deliverable is not inserted.
    expect(await again(newId())).toBeUndefined();
    await store.db
      .updateTable('escalations')
      .set({ withdrawnAt: '2025-04-03T01:00:00.000Z', withdrawnBy: 'someone', withdrawReason: '误发' })
      .where('id', '=', issued.id)
      .execute();
    const second = newId();
    expect(await again(second)).toEqual({ id: second });
    expect(await again(newId())).toBeUndefined();
    expect(await store.db.selectFrom('escalationRuns').selectAll().execute()).toEqual([]);
  });
});
