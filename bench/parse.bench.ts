/**
 * Parse-speed benchmark (not a test): the reference notice, and synthetic notices of 1,000 and
 * 10,000 tasks. Prints the time of the best of several runs, tasks per second and the 10k/1k ratio.
 */
import { readFile } from 'node:fs/promises';
import { DEFAULT_DIRECTORY_URL, parseNotice, parseOrgDirectoryCsv } from '@luoshi/core';
import { syntheticTableNotice } from './synthetic.ts';

const parsed = parseOrgDirectoryCsv(await readFile(DEFAULT_DIRECTORY_URL, 'utf8'));
if ('errors' in parsed) throw new Error(parsed.errors[0]!.message);
const directory = parsed.directory;

function best(text: string, runs: number): { ms: number; tasks: number } {
  let ms = Number.POSITIVE_INFINITY;
  let tasks = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const plan = parseNotice(text, { directory });
    ms = Math.min(ms, performance.now() - t0);
    tasks = plan.tasks.length;
  }
  return { ms, tasks };
}

const reference = await readFile(
  new URL('../packages/core/data/notices/yingtan-2024-25.txt', import.meta.url),
  'utf8',
).catch(() => null);
const rows: [string, { ms: number; tasks: number }][] = [];
if (reference) {
  best(reference, 5); // warm-up
  rows.push(['reference notice (鹰府字〔2024〕25号)', best(reference, 20)]);
}
const oneK = syntheticTableNotice(1_000);
const tenK = syntheticTableNotice(10_000);
best(oneK, 2);
rows.push(['synthetic 1,000 tasks', best(oneK, 5)]);
rows.push(['synthetic 10,000 tasks', best(tenK, 3)]);

console.log('parse benchmark (best run, default 鹰潭 directory)');
for (const [name, r] of rows) {
  const rate = Math.round((r.tasks / r.ms) * 1000);
  console.log(
    `  ${name.padEnd(40)} ${r.tasks.toString().padStart(6)} tasks  ${r.ms.toFixed(1).padStart(8)} ms  ${rate.toLocaleString('en-US').padStart(9)} tasks/s`,
  );
}
const k1 = rows.find(([n]) => n.includes('1,000'))![1];
const k10 = rows.find(([n]) => n.includes('10,000'))![1];
console.log(`  10k/1k time ratio: ${(k10.ms / k1.ms).toFixed(2)} (linear = 10)`);
