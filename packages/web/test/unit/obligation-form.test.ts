/**
 * The plan editor's obligation form against the server and core: every schedule the parser reads
 * from the reference notice goes through the form unchanged in meaning (the server accepts it and
 * publishing gives the same deliverables), and what the editor says publishing will make of a
 * schedule is what core's generateDeliverables makes of it.
 */
import { readFileSync } from 'node:fs';
import {
  DEFAULT_DIRECTORY_URL,
  DEFAULT_SETTINGS,
  defaultCalendar,
  generateDeliverables,
  type Obligation,
  parseNotice,
  parseOrgDirectoryCsv,
  REFERENCE_NOTICE_URL,
  type Task,
} from '@luoshi/core';
import { describe, expect, it } from 'vitest';
import { obligationSchema } from '../../../server/src/modules/plans/plan-edits.ts';
import type { ObligationInput } from '../../src/api/plans.ts';
import {
  asSent,
  obligationOf,
  publishPreview,
  valuesOf,
} from '../../src/components/plans/obligation-form.ts';

const calendar = defaultCalendar();
const YEAR = 2026;

function referenceTasks(): Task[] {
  const parsed = parseOrgDirectoryCsv(readFileSync(DEFAULT_DIRECTORY_URL, 'utf8'));
  if ('errors' in parsed) throw new Error('the default directory does not load');
  return parseNotice(readFileSync(REFERENCE_NOTICE_URL, 'utf8'), { directory: parsed.directory }).tasks;
}

/** The due dates (and periods) publishing gives one task carrying only these obligations. */
function published(task: Task, obligations: readonly ObligationInput[]): string[] {
  const withSpan = obligations.map((o) => ({ span: task.span, ...o }) as Obligation);
  const { deliverables } = generateDeliverables({
    tasks: [{ ...task, obligations: withSpan }],
    year: YEAR,
    settings: DEFAULT_SETTINGS,
    calendar,
  });
  const lead = deliverables[0]?.orgId;
  return deliverables.filter((d) => d.orgId === lead).map((d) => `${d.period} ${d.dueDate} ${d.source}`);
}

const tasks = referenceTasks();
const withObligations = tasks.filter((t) => t.obligations.length > 0);

describe('the obligation form and the reference notice', () => {
  it('reads obligations of several kinds from the notice (the cases below are not empty)', () => {
    const kinds = new Set(withObligations.flatMap((t) => t.obligations.map((o) => o.kind)));
    expect(withObligations.length).toBeGreaterThanOrEqual(10);
    expect(kinds.size).toBeGreaterThanOrEqual(4);
  });

  it.each(withObligations.flatMap((t) => t.obligations.map((o, i) => [t.no, i, o.raw] as const)))(
    'task %i, obligation %i (%s): opened and saved unchanged, the server accepts it and publishing gives the same',
    (no, i) => {
      const task = tasks.find((t) => t.no === no)!;
      const original = task.obligations[i]!;
      const saved = obligationOf(valuesOf(original), original.span);
      const checked = obligationSchema.safeParse(saved);
      expect(checked.success, JSON.stringify(checked.error?.issues)).toBe(true);
      expect(published(task, [saved])).toEqual(published(task, [original]));
    },
  );

  it('sends the parser’s other obligations back as the server accepts them, meaning the same', () => {
    for (const task of withObligations) {
      const sent = task.obligations.map(asSent);
      for (const o of sent) expect(obligationSchema.safeParse(o).success, `${task.no} ${o.raw}`).toBe(true);
      expect(published(task, sent), `task ${task.no}`).toEqual(published(task, task.obligations));
    }
  });
});

/** The dates a preview names (M月D日), as written dates of YEAR moved off rest days. */
function previewDues(text: string): string[] {
  return [...text.matchAll(/(\d{1,2})月(\d{1,2})日/g)].map((m) =>
    calendar.dueDateOf(`${YEAR}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`),
  );
}

describe('what the editor says publishing will make of a schedule', () => {
  const task = withObligations[0]!;
  const dated: [string, ObligationInput][] = [
    ['annual, a day', { kind: 'annual', raw: '每年3月1日前', confidence: 'high', month: 3, day: 1 }],
    ['annual, 月底', { kind: 'annual', raw: '每年2月底前', confidence: 'high', month: 2, endOfMonth: true }],
    ['annual, 月初', { kind: 'annual', raw: '每年8月初', confidence: 'high', month: 8, approx: 'early' }],
    ['annual, 中旬', { kind: 'annual', raw: '每年6月中旬', confidence: 'high', month: 6, approx: 'mid' }],
    [
      'semiannual, two dates',
      {
        kind: 'semiannual',
        raw: '每年1月底前和7月底前',
        confidence: 'high',
        dates: [
          { month: 1, day: 31, endOfMonth: true },
          { month: 7, day: 31, endOfMonth: true },
        ],
      },
    ],
    ['semiannual, period ends', { kind: 'semiannual', raw: '每半年', confidence: 'high', endOfMonth: true }],
    ['quarterly, period ends', { kind: 'quarterly', raw: '每季度末', confidence: 'high', endOfMonth: true }],
    [
      'quarterly, a day of the last month',
      { kind: 'quarterly', raw: '每季度末月20日前', confidence: 'high', day: 20 },
    ],
    ['once, in the year', { kind: 'once', raw: '2026年9月30日前', confidence: 'high', date: '2026-09-30' }],
    [
      'frequency per year',
      { kind: 'frequency', raw: '每年至少1次', confidence: 'high', count: 1, per: 'year' },
    ],
    [
      'frequency per half-year',
      { kind: 'frequency', raw: '每半年1次', confidence: 'high', count: 1, per: 'halfyear' },
    ],
    [
      'frequency per quarter',
      { kind: 'frequency', raw: '每季度1次', confidence: 'high', count: 1, per: 'quarter' },
    ],
  ];

  it.each(dated)('%s: the dates it names are the deliverables’ due dates', (_, o) => {
    const preview = publishPreview(o, YEAR);
    expect(preview.dated).toBe(true);
    const dues = published(task, [o]);
    expect(dues.every((d) => d.endsWith(' obligation'))).toBe(true);
    expect(previewDues(preview.text)).toEqual(dues.map((d) => d.split(' ')[1]));
    expect(preview.text).toContain(`生成${dues.length}次报送事项`);
  });

  it('monthly: twelve, as core makes them', () => {
    const o: ObligationInput = { kind: 'monthly', raw: '每月10日前', confidence: 'high', day: 10 };
    expect(publishPreview(o, YEAR).text).toContain('每月10日（共12次）');
    expect(published(task, [o])).toHaveLength(12);
  });

  it('每季度结束后10个工作日内: four, the fourth in the next January', () => {
    const o: ObligationInput = {
      kind: 'quarterly',
      raw: '每季度结束后10个工作日内',
      confidence: 'high',
      amount: 10,
      unit: 'workday',
      trigger: '季度结束',
      direction: 'after',
    };
    expect(publishPreview(o, YEAR).text).toContain(
      `生成4次报送事项：每季度结束后10个工作日内（第四季度的在${YEAR + 1}年1月`,
    );
    const dues = published(task, [o]).map((d) => d.split(' ')[1]);
    expect(dues).toHaveLength(4);
    expect(dues[3]!.startsWith(`${YEAR + 1}-01-`)).toBe(true);
  });

  it.each<[string, ObligationInput]>([
    [
      'relative',
      { kind: 'relative', raw: '3个月内', confidence: 'high', amount: 3, unit: 'month', direction: 'after' },
    ],
    ['window', { kind: 'window', raw: '每月1-25日', confidence: 'high', fromDay: 1, toDay: 25 }],
    ['once, another year', { kind: 'once', raw: '2027年6月底前', confidence: 'high', date: '2027-06-30' }],
    ['frequency per week', { kind: 'frequency', raw: '每周1次', confidence: 'high', count: 1, per: 'week' }],
  ])('%s: said to give no dated deliverable, and core falls back to the default cadence', (_, o) => {
    const preview = publishPreview(o, YEAR);
    expect(preview.dated).toBe(false);
    expect(preview.text).toContain('默认报送周期');
    const dues = published(task, [o]);
    expect(dues.length).toBeGreaterThan(0);
    expect(dues.every((d) => d.endsWith(' cadence'))).toBe(true);
  });
});
