import type { AppContext } from '../../context.ts';
import type { Store } from '../../db/store.ts';

/** Whether notifications also go to the chat-bot webhook. */
export function channelsOf(ctx: AppContext): { webhook: boolean } {
  return { webhook: ctx.config.webhookUrl !== null };
}

export async function orgName(tx: Store, orgId: string): Promise<string> {
  const org = await tx.db.selectFrom('orgs').select('name').where('id', '=', orgId).executeTakeFirst();
  return org?.name ?? '未知单位';
}
