/** The scheduled outbox delivery, every minute while a channel (SMTP, webhook) is configured. */
import type { AppContext } from '../context.ts';
import type { Job } from '../schedule.ts';
import { deliverOutbox } from './deliver-outbox.ts';

export async function runOutboxJob(ctx: AppContext): Promise<string | null> {
  const r = await deliverOutbox(ctx);
  if (r.sent + r.retrying + r.failed === 0) return null;
  return `已发送 ${r.sent} 条，待重试 ${r.retrying} 条，放弃 ${r.failed} 条`;
}

export const OUTBOX_JOB: Job = {
  name: 'outbox',
  everyMinutes: (ctx) => (ctx.config.smtpUrl || ctx.config.webhookUrl ? 1 : 0),
  run: runOutboxJob,
};
