/**
 * A reader that stops early (`luoshi audit verify | head`, `luoshi parse --json … | head`) ends the
 * command quietly with status 0, as Unix tools do, instead of crashing with EPIPE.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const bin = join(root, 'node_modules/.bin/luoshi');
const reference = join(root, 'packages/core/data/notices/yingtan-2024-25.txt');

/**
 * Run the CLI with its stdout piped to a reader that takes `keep` bytes (0: none at all, which makes
 * the failed write certain rather than a race with a fast reader) and then closes the pipe; returns
 * the exit status, the signal and stderr.
 */
function runClosingEarly(
  args: string[],
  keep: number,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string; read: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let read = 0;
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    if (keep === 0) child.stdout.destroy();
    else
      child.stdout.on('data', (b: Buffer) => {
        read += b.length;
        if (read >= keep) child.stdout.destroy();
      });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, err, read }));
  });
}

describe('a closed stdout', () => {
  it('ends parse --json (200 kB) quietly when the reader has already gone', async () => {
    const r = await runClosingEarly(['parse', '--json', reference], 0);
    expect(r.err).not.toMatch(/EPIPE|Error/);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
  }, 60_000);

  it('ends audit verify quietly when the reader has already gone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-epipe-'));
    const r = await runClosingEarly(['audit', 'verify'], 0, {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LUOSHI_ADMIN_PASSWORD: 'epipe-coord-pass-1',
    });
    expect(r.err).not.toMatch(/EPIPE|Error/);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
  }, 60_000);

  it('ends the usage text quietly too', async () => {
    const r = await runClosingEarly(['help'], 0);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);
});
