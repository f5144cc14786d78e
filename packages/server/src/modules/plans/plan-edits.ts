/**
 * The corrections a coordinator may make to a draft plan, as zod schemas: each names a task and
 * replaces one of its parts — the units (organizations of the directory with a role), the
 * obligations, the indicators (core shapes) or the text.
 */
import { z } from 'zod';
import { isoDay } from '../../http/inputs.ts';

const span = z
  .strictObject({ start: z.number().int().min(0), end: z.number().int().min(0) })
  .refine((s) => s.end >= s.start, { message: '结束位置不能早于开始位置' });

const month = z.number().int().min(1, '月份应为1-12').max(12, '月份应为1-12');
const day = z.number().int().min(1, '日期应为1-31').max(31, '日期应为1-31');
const approx = z.enum(['early', 'mid', 'late']);

const common = {
  raw: z.string().trim().min(1, '请填写原文表述').max(500),
  span: span.optional(),
  confidence: z.enum(['high', 'low']).default('high'),
  activity: z.string().max(500).optional(),
};

const monthDay = z.strictObject({ month, day, endOfMonth: z.boolean().optional() });

const KIND_ERROR =
  '时限类型应为 annual、semiannual、quarterly、monthly、once、relative、window、frequency 之一';

export const obligationSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('annual'),
      ...common,
      month,
      day: day.optional(),
      endOfMonth: z.boolean().optional(),
      approx: approx.optional(),
    }),
    z.strictObject({
      kind: z.literal('semiannual'),
      ...common,
      dates: z.array(monthDay).max(2).optional(),
      day: day.optional(),
      endOfMonth: z.boolean().optional(),
    }),
    z.strictObject({
      kind: z.literal('quarterly'),
      ...common,
      dates: z.array(monthDay).max(4).optional(),
      day: day.optional(),
      endOfMonth: z.boolean().optional(),
      // 每季度结束后10个工作日内: counted from each quarter's end.
      amount: z.number().int().min(1).max(90).optional(),
      unit: z.enum(['day', 'workday', 'month']).optional(),
      trigger: z.string().max(200).optional(),
      direction: z.literal('after').optional(),
    }),
    z.strictObject({
      kind: z.literal('monthly'),
      ...common,
      day: day.optional(),
      endOfMonth: z.boolean().optional(),
      approx: approx.optional(),
    }),
    z.strictObject({
      kind: z.literal('once'),
      ...common,
      date: isoDay,
      yearInferred: z.boolean().optional(),
    }),
    z.strictObject({
      kind: z.literal('relative'),
      ...common,
      amount: z.number().int().min(1).max(3650),
      unit: z.enum(['day', 'workday', 'month']),
      trigger: z.string().max(200).optional(),
      direction: z.enum(['after', 'before']).optional(),
    }),
    z
      .strictObject({
        kind: z.literal('window'),
        ...common,
        fromDay: day,
        toDay: day,
      })
      .refine((w) => w.fromDay <= w.toDay, { message: '起始日不能晚于截止日', path: ['toDay'] }),
    z.strictObject({
      kind: z.literal('frequency'),
      ...common,
      count: z.number().int().min(1).max(1000),
      per: z.enum(['year', 'halfyear', 'quarter', 'month', 'week', 'term']),
      atLeast: z.boolean().optional(),
    }),
  ],
  { error: KIND_ERROR },
);

export const indicatorSchema = z.strictObject({
  raw: z.string().trim().min(1, '请填写原文表述').max(500),
  span: span.optional(),
  comparator: z.enum(['>=', '<=', '=', '>', '<'], { error: '比较方式应为 >=、<=、=、>、< 之一' }),
  value: z.number().finite(),
  unit: z.string().max(20).nullable().default(null),
  year: z.number().int().min(2000).max(2100).nullable().default(null),
  subject: z.string().max(200).default(''),
  approx: z.boolean().optional(),
  per: z.string().max(50).optional(),
  confidence: z.enum(['high', 'low']).default('high'),
});

const taskNo = z.number().int().min(1, '任务序号应为正整数');

export const planEditSchema = z.discriminatedUnion(
  'op',
  [
    z.strictObject({
      task: taskNo,
      op: z.literal('set-units'),
      units: z
        .array(
          z.strictObject({
            orgId: z.string().min(1).max(100),
            role: z.enum(['lead', 'co', 'each'], {
              error: '角色应为 lead（牵头）、co（配合）或 each（分别负责）',
            }),
          }),
        )
        .min(1, '至少指定一个责任单位')
        .max(500),
    }),
    z.strictObject({
      task: taskNo,
      op: z.literal('set-obligations'),
      obligations: z.array(obligationSchema).max(50),
    }),
    z.strictObject({
      task: taskNo,
      op: z.literal('set-indicators'),
      indicators: z.array(indicatorSchema).max(50),
    }),
    z.strictObject({
      task: taskNo,
      op: z.literal('set-text'),
      text: z.string().trim().min(1, '任务内容不能为空').max(10_000),
    }),
  ],
  { error: '修改类型 op 应为 set-units、set-obligations、set-indicators 或 set-text' },
);

export type PlanEdit = z.infer<typeof planEditSchema>;

export const correctPlanSchema = z.strictObject({
  rowVersion: z.number().int().min(1),
  edits: z.array(planEditSchema).min(1, '没有要修改的内容').max(200),
});

export type CorrectPlanInput = z.infer<typeof correctPlanSchema>;
