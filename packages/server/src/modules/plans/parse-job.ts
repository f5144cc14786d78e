/**
 * What the parser's thread does for one import (parse-worker.mjs runs it, see parse-in-worker.ts):
 * read the file into text, refuse what no real notice needs before parsing it (a text beyond
 * NOTICE_TEXT_MAX_CHARS, a listStartLine beyond its lines), parse, and refuse a list of more than
 * NOTICE_MAX_TASKS tasks or one with no task at all. Pure: no database, no clock; what it refuses
 * comes back as the error to answer (JobError), rebuilt as an AppError by the caller.
 */
import {
  createOrgDirectory,
  NoticeFileError,
  type Organization,
  parseNotice,
  readNoticeFileAsync,
} from '@luoshi/core';
import { AppError, type ErrorCode, type ErrorDetails } from '../../errors.ts';
import { NOTICE_MAX_TASKS, NOTICE_TEXT_MAX_CHARS } from '../../http/limits.ts';
import type { StoredPlan } from './stored-plan.ts';

export type ParseJob = {
  /** Pasted text; or */
  text?: string;
  /** the bytes of an uploaded file. */
  bytes?: Uint8Array;
  fileName?: string | null;
  listStartLine?: number;
  /** The org directory unit phrases are resolved against (the orgs table). */
  orgs: Organization[];
};

export type JobError = { code: ErrorCode; message: string; field?: string; details?: ErrorDetails };

export type ParseOutcome = { ok: true; plan: StoredPlan; format: string } | { ok: false; error: JobError };

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
async function noticeText(job: ParseJob): Promise<{ text: string; format: string; mergesMarked: boolean }> {
  if (job.bytes !== undefined) {
    try {
      const read = await readNoticeFileAsync(job.bytes, job.fileName ?? 'notice.txt');
      return { text: read.text, format: read.format, mergesMarked: read.mergesMarked };
    } catch (error) {
      if (error instanceof NoticeFileError) throw new AppError('unreadable-notice', error.messageZh, 'file');
      throw error;
    }
  }
  if (job.text === undefined || job.text.trim() === '')
    throw new AppError('validation', '请上传通知文件或粘贴通知全文', 'text');
  return { text: job.text, format: 'text', mergesMarked: false };
}

/** A text beyond NOTICE_TEXT_MAX_CHARS is no notice: refused before it is parsed. */
function checkTextSize(job: ParseJob, source: string): void {
  if (source.length <= NOTICE_TEXT_MAX_CHARS) return;
  const where = job.bytes !== undefined ? '文件中读到的文字' : '粘贴的内容';
  throw new AppError(
    'payload-too-large',
    `${where}共${source.length}字，超过通知全文${NOTICE_TEXT_MAX_CHARS}字的上限，请只上传通知本身（或其中的任务清单部分）`,
    job.bytes !== undefined ? 'file' : 'text',
  );
}

function checkTaskCount(job: ParseJob, tasks: number): void {
  if (tasks <= NOTICE_MAX_TASKS) return;
  throw new AppError(
    'payload-too-large',
    `识别出${tasks}项任务，超过一份通知${NOTICE_MAX_TASKS}项任务的上限，请检查是否上传了正确的文件，或将清单分为几份通知导入`,
    job.bytes !== undefined ? 'file' : 'text',
  );
}

function noTaskList(job: ParseJob, source: string, format: string): AppError {
  const uploaded = job.bytes !== undefined;
  const where = uploaded ? '文件' : '粘贴的内容';
  const line = job.listStartLine;
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

/** Read and parse one notice; what is refused comes back as `{ ok: false, error }`. */
export async function runParseJob(job: ParseJob): Promise<ParseOutcome> {
  try {
    const { text, format, mergesMarked } = await noticeText(job);
    const source = parsedForm(text);
    checkTextSize(job, source);
    checkListStartLine(job.listStartLine, source.split('\n').length);
    const directory = createOrgDirectory(job.orgs);
    if ('errors' in directory)
      throw new Error(`org directory in the database is inconsistent: ${directory.errors[0]?.message}`);
    const plan: StoredPlan = parseNotice(source, {
      directory: directory.directory,
      mergesMarked,
      listStartLine: job.listStartLine,
    });
    if (plan.tasks.length === 0) throw noTaskList(job, plan.source, format);
    checkTaskCount(job, plan.tasks.length);
    return { ok: true, plan, format };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      ok: false,
      error: { code: error.code, message: error.userMessage, field: error.field, details: error.details },
    };
  }
}
