/**
 * The parser's thread (see parse-in-worker.ts): it answers each job message `{ job }` with
 * `{ outcome }`, or `{ failure }` when the job broke on a bug. The server runs from its TypeScript
 * sources, so the thread registers the TypeScript loader before it loads the job: a thread does not
 * inherit the loader its parent registered.
 */
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runParseJob } = await import('./parse-job.ts');
parentPort.on('message', async ({ job }) => {
  try {
    parentPort.postMessage({ outcome: await runParseJob(job) });
  } catch (error) {
    parentPort.postMessage({
      failure: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
