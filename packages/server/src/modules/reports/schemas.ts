/** The shapes of report requests, shared by the JSON and multipart routes. */
import { z } from 'zod';

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
const CompletionField = z.enum(COMPLETIONS, '完成情况只能是 not-started、in-progress 或 done');
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
