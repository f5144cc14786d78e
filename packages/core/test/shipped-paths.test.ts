/**
 * Nothing of the machine a release was made on ships: data, docs and the corpus cite public
 * sources (国家统计局区划代码, a notice's 主送栏), never a file-system path.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const SHIPPED = ['README.md', 'docs', 'packages/core/data', 'packages/core/test/fixtures/notices/corpus'];
/** An absolute path of a Unix or Windows machine: /work/…, /home/…, /tmp/…, /root/…, C:\…. */
const MACHINE_PATH = /(?:^|[\s(（:：'"`])(?:\/(?:work|home|tmp|root|Users|mnt|var)\/|[A-Z]:\\)/m;

function files(path: string): string[] {
  const full = join(root, path);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((name) => files(join(path, name)));
}

describe('shipped files', () => {
  it('hold no file-system path of the machine they were made on', () => {
    const found = SHIPPED.flatMap(files)
      .filter((f) => MACHINE_PATH.test(readFileSync(f, 'utf8')))
      .map((f) => f.slice(root.length));
    expect(found).toEqual([]);
  });
});
