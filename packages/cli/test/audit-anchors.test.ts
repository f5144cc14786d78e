/**
 * `luoshi audit verify` with anchors in the data folder: a passing check anchors the head, and
 * deleting the newest records behind the server's back makes the next check fail (exit 1).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.ts';

async function run(env: NodeJS.ProcessEnv, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main({
    argv,
    env,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

describe('luoshi audit verify with anchors (SQLite under DATA_DIR)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-cli-anchors-'));
  const env = { DATA_DIR: dataDir, LUOSHI_ADMIN_PASSWORD: 'first-coord-pass-1' };
  const anchors = join(dataDir, 'audit-anchors.jsonl');

  it('checks the chain alone when there are no anchors yet, then anchors the verified head', async () => {
    const r = await run(env, 'audit', 'verify');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/审计链完整：共 \d+ 条记录/);
    expect(r.out).toContain('注意：未找到锚点');
    const count = Number(/共 (\d+) 条/.exec(r.out)?.[1]);
    expect(r.out).toContain(`已记录锚点：第 ${count} 条`);
    const lines = readFileSync(anchors, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ seq: count });

    const again = await run(env, 'audit', 'verify');
    expect(again.code).toBe(0);
    expect(again.out).toContain(`已与 1 个锚点核对无误`);
    expect(again.out).not.toContain('已记录锚点');
  });

  it('exits 1 when the newest records were deleted, naming the anchored record', async () => {
    const db = new BetterSqlite3(join(dataDir, 'luoshi.sqlite'));
    const { head } = db.prepare('select max(seq) as head from audit_log').get() as { head: number };
    db.prepare('delete from audit_log where seq > ?').run(head - 2);
    db.close();
    const bad = await run(env, 'audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`审计链不完整：第 ${head} 条记录缺失`);
    expect(bad.out).toContain(`现在审计链只到第 ${head - 2} 条（末尾的记录被删除）`);
    // The rest of the chain is sound in itself; only the anchor shows the cut.
    expect(bad.out).toContain(`现有 ${head - 2} 条记录彼此相连无误`);
    expect(bad.out).not.toContain('审计链完整');
    // A failed check anchors nothing.
    expect(readFileSync(anchors, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
