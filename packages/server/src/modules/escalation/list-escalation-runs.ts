/** The recorded escalation passes, latest first: as of which day, who ran them, what they issued, reverted or not. */
import { ESCALATION_LEVELS, type EscalationLevel } from '@luoshi/core';
import type { Selectable } from 'kysely';
import type { EscalationRunTable } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { notFound } from '../../errors.ts';
import { type TakenBack, takenBack } from './escalation-view.ts';
import { type EscalationCounts, noCounts } from './run-escalation.ts';

export type EscalationRunView = {
  id: string;
  asOf: string;
  /** The coordinator who ran it, or null for the schedule. */
  runBy: { id: string; name: string } | null;
  startedAt: string;
  /** Records the pass issued, per level (withdrawn ones included). */
  created: EscalationCounts;
  /** Of those, withdrawn (by a revert of this pass). */
  withdrawn: number;
  notified: number;
  reverted: TakenBack | null;
};

type RunRow = Selectable<EscalationRunTable> & {
  revertedByName: string | null;
  runByDisplayName: string | null;
};

function runsQuery(store: Store) {
  return store.db
    .selectFrom('escalationRuns')
    .leftJoin('users', 'users.id', 'escalationRuns.revertedBy')
    .leftJoin('users as runner', 'runner.id', 'escalationRuns.runBy')
    .select([
      'escalationRuns.id',
      'escalationRuns.asOf',
      'escalationRuns.runBy',
      'escalationRuns.runByName',
      'escalationRuns.startedAt',
      'escalationRuns.notified',
      'escalationRuns.revertedAt',
      'escalationRuns.revertedBy',
      'escalationRuns.revertReason',
      'users.displayName as revertedByName',
      'runner.displayName as runByDisplayName',
    ]);
}

export async function listEscalationRuns(
  store: Store,
  page: { limit: number; offset: number },
): Promise<{ items: EscalationRunView[]; total: number }> {
  const counted = await store.db
    .selectFrom('escalationRuns')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await runsQuery(store)
    .orderBy('escalationRuns.startedAt', 'desc')
    .orderBy('escalationRuns.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { items: await present(store, rows), total: Number(counted.n) };
}

export async function getEscalationRun(store: Store, id: string): Promise<EscalationRunView> {
  const row = await runsQuery(store).where('escalationRuns.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('该次督办');
  return (await present(store, [row]))[0]!;
}

async function present(store: Store, rows: RunRow[]): Promise<EscalationRunView[]> {
  if (rows.length === 0) return [];
  const counts = await store.db
    .selectFrom('escalations')
    .select((eb) => [
      'runId',
      'level',
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('withdrawnAt').as('withdrawn'),
    ])
    .where(
      'runId',
      'in',
      rows.map((r) => r.id),
    )
    .groupBy(['runId', 'level'])
    .execute();
  return rows.map((r) => {
    const created = noCounts();
    let withdrawn = 0;
    for (const c of counts) {
      if (c.runId !== r.id || !ESCALATION_LEVELS.includes(c.level as EscalationLevel)) continue;
      created[c.level as EscalationLevel] = Number(c.n);
      withdrawn += Number(c.withdrawn);
    }
    return {
      id: r.id,
      asOf: r.asOf,
      runBy: r.runBy ? { id: r.runBy, name: r.runByDisplayName ?? r.runByName } : null,
      startedAt: r.startedAt,
      created,
      withdrawn,
      notified: Number(r.notified),
      reverted: takenBack(r.revertedAt, r.revertedBy, r.revertedByName, r.revertReason),
    };
  });
}
