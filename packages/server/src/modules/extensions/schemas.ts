import { z } from 'zod';
import { isoDay } from '../../http/inputs.ts';

export const MAX_EXTENSION_DAYS = 90;

export const ExtensionRequest = z
  .object({
    requestedDueDate: z.string('请填写申请延期至的日期').pipe(isoDay),
    reason: z.string('请填写延期理由').trim().min(5, '延期理由至少5个字').max(2000, '延期理由不能超过2000字'),
  })
  .strict();
export type ExtensionRequest = z.infer<typeof ExtensionRequest>;

export const ApproveBody = z
  .object({ note: z.string().trim().max(2000, '意见不能超过2000字').optional() })
  .strict();
export type ApproveBody = z.infer<typeof ApproveBody>;

export const RefuseBody = z
  .object({
    note: z
      .string('请填写不同意延期的理由')
      .trim()
      .min(1, '请填写不同意延期的理由')
      .max(2000, '意见不能超过2000字'),
  })
  .strict();
export type RefuseBody = z.infer<typeof RefuseBody>;

export const ListQuery = z
  .object({
    status: z.enum(['pending', 'approved', 'refused'], '状态只能是 pending、approved 或 refused').optional(),
    deliverableId: z.string().max(64).optional(),
  })
  .strict();
export type ListQuery = z.infer<typeof ListQuery>;

export const IdParams = z.object({ id: z.string().min(1).max(64) });

export const EXTENSION_STATUS_LABELS = { pending: '待审批', approved: '已同意', refused: '未同意' } as const;
