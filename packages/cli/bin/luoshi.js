#!/usr/bin/env node
// Thin launcher: registers the TypeScript loader, then hands over to src/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
const code = await main({
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
