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
import { NoticeFileError, parseNotice, readNoticeFileAsync } from '@luoshi/core';
import { type Actor, appendAudit } from '../../audit/audit.ts';
import { shanghaiDay } from '../../clock.ts';
import { inTransaction, lockWithin, type Store } from '../../db/store.ts';
import { AppError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { loadDirectory } from '../orgs/load-directory.ts';
import { diffPlans, type PlanChanges } from './diff-plans.ts';
import { type PlanSummary, summarizePlan } from './present-plan.ts';
import { lineagePlans, PLAN_LOCK, readPlanJson, type StoredPlan } from './stored-plan.ts';

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

/** What a no-task-list error carries (`error.details`): the text that was read, as parsed. */
export type NoTaskListDetails = {
  /** The text parseNotice saw (line ends as \n), its first MAX_SHOWN_LINES lines / MAX_SHOWN_BYTES. */
  text: string;
  /** Lines in the whole text (line numbers in `text` are the same as in the whole). */
  lineCount: number;
  /** Lines in `text`. */
  shownLines: number;
  /** `text` is only the beginning of what was read. */
  truncated: boolean;
  /** How it was read: txt, docx, xlsx, pdf, ofd, or text (pasted). */
  format: string;
  /** The line the person marked, when they did. */
  listStartLine: number | null;
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

export const MAX_SHOWN_LINES = 2000;
export const MAX_SHOWN_BYTES = 200 * 1024;

/** The text as core parses it: no BOM, every line end \n (so line numbers agree with the parser's). */
export function parsedForm(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** The beginning of a text, whole lines, within MAX_SHOWN_LINES lines and MAX_SHOWN_BYTES UTF-8 bytes. */
export function shownText(
  source: string,
): Pick<NoTaskListDetails, 'text' | 'lineCount' | 'shownLines' | 'truncated'> {
  const lines = source.split('\n');
  const kept: string[] = [];
  let bytes = 0;
  for (const line of lines) {
    if (kept.length >= MAX_SHOWN_LINES) break;
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (bytes + size > MAX_SHOWN_BYTES) {
      // A first line longer than the whole allowance is shown cut rather than not at all.
      if (kept.length === 0) kept.push(cutToBytes(line, MAX_SHOWN_BYTES));
      break;
    }
    kept.push(line);
    bytes += size;
  }
  return {
    text: kept.join('\n'),
    lineCount: lines.length,
    shownLines: kept.length,
    truncated: kept.length < lines.length || kept[0] !== lines[0],
  };
}

/** The longest beginning of a line within `max` UTF-8 bytes, whole characters. */
function cutToBytes(line: string, max: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of line) {
    bytes += Buffer.byteLength(ch, 'utf8');
    if (bytes > max) break;
    end += ch.length;
  }
  return line.slice(0, end);
}

export function checkListStartLine(line: number | undefined, lineCount: number): void {
  if (line === undefined) return;
  if (!Number.isInteger(line) || line < 1 || line > lineCount)
    throw new AppError(
      'validation',
      `清单开始的行应为 1 至 ${lineCount} 之间的整数（读到的文字共${lineCount}行）`,
      'listStartLine',
    );
}

/** The text to parse; `mergesMarked` when the file's reader wrote merged cells as 〃. */
async function noticeText(
  input: ImportNoticeInput,
): Promise<{ text: string; format: string; mergesMarked: boolean }> {
  if (input.bytes !== undefined) {
    try {
      const read = await readNoticeFileAsync(input.bytes, input.fileName ?? 'notice.txt');
      return { text: read.text, format: read.format, mergesMarked: read.mergesMarked };
    } catch (error) {
      if (error instanceof NoticeFileError) throw new AppError('unreadable-notice', error.messageZh, 'file');
      throw error;
    }
  }
  if (input.text === undefined || input.text.trim() === '')
    throw new AppError('validation', '请上传通知文件或粘贴通知全文', 'text');
  return { text: input.text, format: 'text', mergesMarked: false };
}

function noTaskList(input: ImportNoticeInput, source: string, format: string): AppError {
  const uploaded = input.bytes !== undefined;
  const where = uploaded ? '文件' : '粘贴的内容';
  const line = input.listStartLine;
  const message =
    line === undefined
      ? `${where}中未找到任务清单：没有识别出编号的任务（如“1.”“(一)”）、表格中的任务行或写明责任单位的段落，${
          uploaded ? '请检查是否上传了正确的文件' : '请检查粘贴的是否为通知全文'
        }；也可以在读到的文字中指定清单从哪一行开始`
      : `${where}中未找到任务清单：第${line}行起没有可作为任务的文字段落，请指定清单开始的那一行`;
  const details: NoTaskListDetails = {
    ...shownText(source),
    format,
    listStartLine: line ?? null,
  };
  return new AppError('no-task-list', message, uploaded ? 'file' : 'text', undefined, details);
}

export async function importNotice(
  store: Store,
  actor: Actor,
  input: ImportNoticeInput,
  now: Date,
): Promise<ImportNoticeResult> {
  checkYear(input.year);
  const { text, format, mergesMarked } = await noticeText(input);
  const { listStartLine } = input;
  const source = parsedForm(text);
  checkListStartLine(listStartLine, source.split('\n').length);
  const parsed: StoredPlan = parseNotice(source, {
    directory: await loadDirectory(store),
    mergesMarked,
    listStartLine,
  });
  if (parsed.tasks.length === 0) throw noTaskList(input, parsed.source, format);
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
