/** The shapes of report requests, shared by the JSON and multipart routes. */
import { z } from 'zod';
import type { ReviewQuery } from './review-filter.ts';

export const COMPLETIONS = ['not-started', 'in-progress', 'done'] as const;
export type Completion = (typeof COMPLETIONS)[number];

export const COMPLETION_LABELS: Readonly<Record<Completion, string>> = {
  'not-started': '未开始',
  'in-progress': '推进中',
  done: '已完成',
};

/** A submission needs at least this many characters of narrative. */
export const MIN_NARRATIVE = 10;
export const MAX_EVIDENCE_PER_REPORT = 30;

export const Figure = z
  .object({
    indicator: z.string().trim().min(1, '请填写指标名称').max(200, '指标名称不能超过200字'),
    value: z.number('指标数值必须是数字'),
    unit: z.string().trim().max(20, '单位不能超过20字').optional(),
    note: z.string().trim().max(500, '说明不能超过500字').optional(),
  })
  .strict();
export type Figure = z.infer<typeof Figure>;

export const Figures = z.array(Figure, '指标数据应为数组').max(50, '指标数据最多50项');
const Narrative = z.string('进展情况应为文字').max(20_000, '进展情况不能超过20000字');
const CompletionField = z.enum(COMPLETIONS, '完成情况只能是“尚未开始”“推进中”或“已完成”');
const RowVersion = z.number('请提供版本号 rowVersion').int().positive();

export const NewReport = z
  .object({
    narrative: Narrative.optional(),
    completion: CompletionField.optional(),
    figures: Figures.optional(),
    submit: z.boolean('submit 应为 true 或 false').optional(),
  })
  .strict();
export type NewReport = z.infer<typeof NewReport>;

export const ReportPatch = z
  .object({
    rowVersion: RowVersion,
    narrative: Narrative.optional(),
    completion: CompletionField.optional(),
    figures: Figures.optional(),
  })
  .strict();
export type ReportPatch = z.infer<typeof ReportPatch>;

export const VersionBody = z.object({ rowVersion: RowVersion }).strict();

export const AcceptBody = z
  .object({ rowVersion: RowVersion, comment: z.string().trim().max(2000, '意见不能超过2000字').optional() })
  .strict();
export type AcceptBody = z.infer<typeof AcceptBody>;

export const ReturnBody = z
  .object({
    rowVersion: RowVersion,
    reason: z.string('请填写退回理由').trim().min(5, '退回理由至少5个字').max(2000, '退回理由不能超过2000字'),
  })
  .strict();
export type ReturnBody = z.infer<typeof ReturnBody>;

export const IdParams = z.object({ id: z.string().min(1).max(64) });
export const EvidenceParams = z.object({
  id: z.string().min(1).max(64),
  evidenceId: z.string().min(1).max(64),
});

export function narrativeLength(text: string): number {
  return [...text.trim()].length;
}

const Flag = (what: string) => z.enum(['true', 'false'], `${what}只能是 true 或 false`).optional();

/** GET /api/review-queue: the filters, search, sort and page of the coordinator's queue. */
export const ReviewQueueQuery = z.object({
  orgId: z.string().min(1, '责任单位不能为空').max(100, '责任单位编号过长').optional(),
  taskNo: z.coerce.number('任务序号应为数字').int('任务序号应为整数').min(1, '任务序号至少为1').optional(),
  overdue: Flag('逾期筛选'),
  returned: Flag('曾退回筛选'),
  waitingDays: z.coerce
    .number('等待工作日应为数字')
    .int('等待工作日应为整数')
    .min(1, '等待工作日至少为1')
    .max(250, '等待工作日最多为250')
    .optional(),
  q: z.string().trim().max(100, '搜索词不能超过100字').optional(),
  sort: z
    .enum(['oldest', 'newest'], '排序只能是 oldest（最早报送在前）或 newest（最新报送在前）')
    .default('oldest'),
  limit: z.coerce
    .number('每页条数应为数字')
    .int()
    .min(1, '每页至少1条')
    .max(500, '每页最多500条')
    .default(50),
  offset: z.coerce.number('偏移应为数字').int().min(0, '偏移不能为负数').default(0),
});
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuery>;

/** The use case's query: 'true'/'false' as booleans, an empty search as none. */
export function reviewQueryOf(q: ReviewQueueQuery): ReviewQuery {
  const flag = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
  return {
    orgId: q.orgId,
    taskNo: q.taskNo,
    overdue: flag(q.overdue),
    returned: flag(q.returned),
    waitingDays: q.waitingDays,
    q: q.q || undefined,
    sort: q.sort,
    limit: q.limit,
    offset: q.offset,
  };
}
