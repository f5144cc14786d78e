// The project's test command: lint + format check, type check, then the vitest suite.
// Prints one closing line "N passed, N failed" (lint and type check count as one check each).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'test-output');
mkdirSync(outDir, { recursive: true });
const report = join(outDir, 'vitest.json');
rmSync(report, { force: true });

let passed = 0;
let failed = 0;

function step(name, cmd, args) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'Asia/Shanghai' },
  });
  return r.status === 0;
}

for (const [name, args] of [
  ['lint and format (biome)', ['biome', 'check', '.']],
  ['type check (tsc)', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['type check of the web app (tsc)', ['tsc', '-p', 'packages/web/tsconfig.json']],
  // The browser tests drive the built app, served by the server as in production.
  ['build the web app (vite)', ['vite', 'build', 'packages/web', '--logLevel', 'warn']],
]) {
  if (step(name, 'npx', ['--no-install', ...args])) passed++;
  else failed++;
}

const extra = process.argv.slice(2);
const vitestOk = step('tests (vitest)', 'npx', [
  '--no-install',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A file that failed to load has no tests counted: count it as a failure.
  for (const file of json.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed++;
  }
} catch {
  failed++;
}
if (!vitestOk && failed === 0) failed++;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
