/**
 * 导入: a notice file (or pasted text) becomes a stored notice and a draft plan. Re-importing the
 * same text (same SHA-256 of the text that was parsed) returns what is there and writes nothing; a
 * changed notice of the same lineage (same 文号, or same title when it has none) becomes the next
 * plan version, with what changed from the previous one.
 *
 * Where no task list is found, the error carries the text that was read (`details`, see
 * NoTaskListDetails), so a person can mark the line where the list begins (`listStartLine`) and
 * import again, or paste the list; nothing is written.
 */
import { createHash } from 'node:crypto';
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { shanghaiDay } from '../../clock.ts';
import { inTransaction, lockWithin, type Store } from '../../db/store.ts';
import { AppError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { loadDirectory } from '../orgs/load-directory.ts';
import { diffPlans, type PlanChanges } from './diff-plans.ts';
import { DEFAULT_PARSE_BUDGET, type ParseBudget, parseInWorker } from './parse-in-worker.ts';
import { type PlanSummary, summarizePlan } from './present-plan.ts';
import { lineagePlans, PLAN_LOCK, readPlanJson } from './stored-plan.ts';

export { MAX_SHOWN_BYTES, MAX_SHOWN_LINES, type NoTaskListDetails } from './parse-job.ts';

export type ImportNoticeInput = {
  /** Pasted text; or */
  text?: string;
  /** the bytes of an uploaded .txt / .docx / .xlsx / .pdf / .ofd file. */
  bytes?: Uint8Array;
  fileName?: string | null;
  /** First year of supervision; defaults to the previous version's, else the year of 印发, else this year. */
  year?: number;
  /**
   * The 1-based line of the text that was read where the task list begins, as a person marked it:
   * the lines before it are the head (core ParseOptions.listStartLine).
   */
  listStartLine?: number;
};

export type ImportNoticeResult = {
  noticeId: string;
  planId: string;
  version: number;
  /** False when this very text had been imported before (nothing was written). */
  created: boolean;
  changes: PlanChanges | null;
  plan: PlanSummary;
};

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export function checkYear(year: number | undefined, field = 'year'): void {
  if (year === undefined) return;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
    throw new AppError('validation', `督办年度应为 ${MIN_YEAR} 至 ${MAX_YEAR} 之间的整数`, field);
}

export async function importNotice(
  store: Store,
  actor: Actor,
  input: ImportNoticeInput,
  now: Date,
  budget: ParseBudget = DEFAULT_PARSE_BUDGET,
): Promise<ImportNoticeResult> {
  checkYear(input.year);
  // Read and parsed in a thread of its own, within its time and heap budget (see parse-in-worker.ts).
  const { plan: parsed, format } = await parseInWorker(
    {
      text: input.text,
      bytes: input.bytes,
      fileName: input.fileName,
      listStartLine: input.listStartLine,
      orgs: (await loadDirectory(store)).orgs,
    },
    budget,
  );
  const sha256 = createHash('sha256').update(parsed.source).digest('hex');

  return inTransaction(store, async (tx) => {
    await lockWithin(tx, PLAN_LOCK);
    const existing = await tx.db
      .selectFrom('notices')
      .selectAll()
      .where('sourceSha256', '=', sha256)
      .executeTakeFirst();
    if (existing) {
      const row = await tx.db
        .selectFrom('plans')
        .selectAll()
        .where('noticeId', '=', existing.id)
        .orderBy('version', 'desc')
        .executeTakeFirstOrThrow();
      return {
        noticeId: existing.id,
        planId: row.id,
        version: row.version,
        created: false,
        changes: row.changesJson ? (JSON.parse(row.changesJson) as PlanChanges) : null,
        plan: summarizePlan(row, existing),
      };
    }

    const head = parsed.notice;
    const previous = (await lineagePlans(tx, { docNumber: head.docNumber, title: head.title }))[0] ?? null;
    const changes = previous ? diffPlans(readPlanJson(previous), parsed) : null;
    const year = input.year ?? previous?.year ?? Number((head.issuedAt ?? shanghaiDay(now)).slice(0, 4));
    const iso = now.toISOString();
    const notice = {
      id: newId(),
      sourceSha256: sha256,
      title: head.title,
      docNumber: head.docNumber,
      issuer: head.issuer,
      issuedAt: head.issuedAt,
      fileName: input.fileName ?? null,
      format,
      sourceText: parsed.source,
      createdAt: iso,
      createdBy: actor.id,
    };
    await tx.db.insertInto('notices').values(notice).execute();
    const row = {
      id: newId(),
      noticeId: notice.id,
      version: (previous?.version ?? 0) + 1,
      status: 'draft' as const,
      planJson: JSON.stringify(parsed),
      changesJson: changes ? JSON.stringify(changes) : null,
      previousPlanId: previous?.id ?? null,
      year,
      createdAt: iso,
      createdBy: actor.id,
      publishedAt: null,
      publishedBy: null,
      rowVersion: 1,
    };
    await tx.db.insertInto('plans').values(row).execute();
    const { sourceText: _text, ...noticeAudit } = notice;
    await appendAudit(
      tx,
      actor,
      {
        action: 'notice.import',
        entity: 'notice',
        entityId: notice.id,
        after: { ...noticeAudit, length: parsed.source.length },
      },
      now,
    );
    const summary = summarizePlan(row, notice, parsed);
    await appendAudit(
      tx,
      actor,
      {
        action: 'plan.create',
        entity: 'plan',
        entityId: row.id,
        after: {
          noticeId: notice.id,
          version: row.version,
          year,
          previousPlanId: row.previousPlanId,
          counts: summary.counts,
          changes: changes?.summary ?? null,
        },
      },
      now,
    );
    return {
      noticeId: notice.id,
      planId: row.id,
      version: row.version,
      created: true,
      changes,
      plan: summary,
    };
  });
}
