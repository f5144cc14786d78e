#!/usr/bin/env node
// Thin launcher: registers the TypeScript loader, then hands over to src/main.ts.
import { register } from 'tsx/esm/api';

// A reader that has gone away (`luoshi audit verify | head`) ends the command quietly, as it does
// other Unix tools: no EPIPE stack trace; the status the command has already set, or 0. Every
// command writes through process.stdout, so this covers them all.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});
// Nowhere left to report to: stderr's reader gone is not worth a crash of its own.
process.stderr.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
});

register();
const { main } = await import('../src/main.ts');
const code = await main({
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
