/**
 * Reading and parsing a notice happen in a thread of their own (node:worker_threads), so a large
 * notice never stops the server from answering others. Each job has a time budget and its thread a
 * heap budget: past either the thread is stopped (worker.terminate()) and the import is answered
 * with an error that names the limit; nothing is stored.
 *
 * Starting a thread (and the TypeScript loader in it) takes most of a second, so one idle thread is
 * kept for the next import; imports at the same time get a thread each.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.ts';
import { NOTICE_PARSE_MAX_HEAP_MB, NOTICE_PARSE_MAX_MS } from '../../http/limits.ts';
import type { ParseJob, ParseOutcome } from './parse-job.ts';
import type { StoredPlan } from './stored-plan.ts';

const ENTRY = new URL('./parse-worker.mjs', import.meta.url);

export type ParseBudget = { maxMs: number; maxHeapMb: number };

export const DEFAULT_PARSE_BUDGET: ParseBudget = {
  maxMs: NOTICE_PARSE_MAX_MS,
  maxHeapMb: NOTICE_PARSE_MAX_HEAP_MB,
};

type Answer = { outcome: ParseOutcome } | { failure: string };

/** The idle thread kept for the next job, by heap budget (a thread's heap limit is set when it starts). */
const idle = new Map<number, Worker>();

function takeWorker(maxHeapMb: number): Worker {
  const kept = idle.get(maxHeapMb);
  if (kept) {
    idle.delete(maxHeapMb);
    kept.ref();
    return kept;
  }
  const worker = new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
  // A kept thread that dies (it should not) is simply not reused.
  worker.on('exit', () => {
    if (idle.get(maxHeapMb) === worker) idle.delete(maxHeapMb);
  });
  return worker;
}

function releaseWorker(worker: Worker, maxHeapMb: number): void {
  if (idle.has(maxHeapMb)) {
    void worker.terminate();
    return;
  }
  // An idle thread does not keep the process alive.
  worker.unref();
  idle.set(maxHeapMb, worker);
}

function duration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))}秒` : `${ms}毫秒`;
}

function tooLarge(job: ParseJob, why: string): AppError {
  return new AppError(
    'payload-too-large',
    `通知过大：${why}，已停止，未保存任何内容。请只上传通知本身（或其中的任务清单部分），或将清单分为几份导入`,
    job.bytes !== undefined ? 'file' : 'text',
  );
}

/** The read and parsed notice, or the AppError its job refused it with. */
export function parseInWorker(
  job: ParseJob,
  budget: ParseBudget = DEFAULT_PARSE_BUDGET,
): Promise<{ plan: StoredPlan; format: string }> {
  const worker = takeWorker(budget.maxHeapMb);
  return new Promise((resolve, reject) => {
    const done = (keep: boolean, fn: () => void) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (keep) releaseWorker(worker, budget.maxHeapMb);
      else void worker.terminate();
      fn();
    };
    const onMessage = (answer: Answer) =>
      done(true, () => {
        if ('failure' in answer) reject(new Error(`notice parser failed: ${answer.failure}`));
        else if (answer.outcome.ok) resolve({ plan: answer.outcome.plan, format: answer.outcome.format });
        else {
          const e = answer.outcome.error;
          reject(new AppError(e.code, e.message, e.field, undefined, e.details));
        }
      });
    const onError = (error: Error & { code?: string }) =>
      done(false, () =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? tooLarge(job, `读取和识别所需内存超过${budget.maxHeapMb} MB 的上限`)
            : error,
        ),
      );
    const onExit = (code: number) =>
      done(false, () =>
        reject(new Error(`the notice parser's thread exited (code ${code}) without an answer`)),
      );
    const timer = setTimeout(
      () => done(false, () => reject(tooLarge(job, `读取和识别超过${duration(budget.maxMs)}的时限`))),
      budget.maxMs,
    );
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ job });
  });
}
