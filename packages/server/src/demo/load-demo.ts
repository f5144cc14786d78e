import type { Store } from '../db/store.ts';

/** Demo data: filled in with the import, publish and report use cases (see issue 3 notes). */
export async function loadDemo(_store: Store, _now: Date): Promise<{ message: string }> {
  return { message: '演示数据尚未实现' };
}
