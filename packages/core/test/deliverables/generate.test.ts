import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../src/calendar/default-calendar.ts';
import { type DeliverableSpec, generateDeliverables, taskOrgs } from '../../src/deliverables/generate.ts';
import { parseNotice } from '../../src/notice/parse-notice.ts';
import { DEFAULT_SETTINGS, type SupervisionSettings } from '../../src/settings.ts';
import type { Obligation, Plan, Task, UnitRef, UnitRole } from '../../src/types.ts';
import { defaultDirectory, referenceText } from '../helpers/fixtures.ts';

const calendar = defaultCalendar();
const span = { start: 0, end: 0 };

function unit(raw: string, role: UnitRole, orgIds: string[]): UnitRef {
  return {
    raw,
    role,
    orgs: orgIds,
    orgIds,
    resolution: orgIds.length === 0 ? 'unresolved' : orgIds.length > 1 ? 'group' : 'named',
    qualifiers: [],
    span,
    inherited: false,
    confidence: 'high',
  };
}

function ob(kind: Obligation['kind'], fields: Partial<Obligation> = {}): Obligation {
  return { kind, raw: fields.raw ?? kind, span, confidence: 'high', ...fields };
}

function task(no: number, units: UnitRef[], obligations: Obligation[] = [], incomplete = false): Task {
  return {
    no,
    label: String(no),
    text: `任务${no}`,
    span,
    line: no,
    section: null,
    subsection: null,
    sectionNo: null,
    subsectionNo: null,
    units,
    leaders: [],
    obligations,
    indicators: [],
    notes: [],
    incomplete,
  };
}

function gen(
  tasks: Task[],
  year = 2025,
  settings: SupervisionSettings = DEFAULT_SETTINGS,
  issuedAt?: string | null,
) {
  return generateDeliverables({ tasks, year, settings, calendar, issuedAt });
}

function of(list: DeliverableSpec[], orgId: string): DeliverableSpec[] {
  return list.filter((d) => d.orgId === orgId);
}

const LEAD_ONLY = [unit('市司法局', 'lead', ['justice'])];

describe('units of a task', () => {
  it('gives every org of a group a deliverable and keeps the strongest role of an org named twice', () => {
    const t = task(1, [
      unit('市发改委', 'co', ['dev']),
      unit('市司法局', 'lead', ['justice']),
      unit('市政府各部门', 'each', ['justice', 'dev', 'finance']),
    ]);
    expect(taskOrgs(t).orgs).toEqual([
      { orgId: 'dev', role: 'each' },
      { orgId: 'justice', role: 'lead' },
      { orgId: 'finance', role: 'each' },
    ]);
    const { deliverables } = gen([t]);
    expect(deliverables).toHaveLength(12);
    expect(new Set(deliverables.map((d) => d.key)).size).toBe(12);
    expect(of(deliverables, 'dev').every((d) => d.role === 'each' && d.leadKey === null)).toBe(true);
  });

  it('warns about an incomplete task and a task without units, and generates nothing for them', () => {
    const { deliverables, warnings } = gen([
      task(1, LEAD_ONLY, [], true),
      task(2, []),
      task(3, [unit('有关部门', 'co', [])]),
    ]);
    expect(deliverables).toEqual([]);
    expect(warnings.map((w) => w.task)).toEqual([1, 2, 3, 3]);
    expect(warnings[0]!.message).toContain('不完整');
    expect(warnings[1]!.message).toContain('没有可落实的责任单位');
    expect(warnings[2]!.message).toContain('有关部门');
  });

  it('warns about an unresolved phrase but still serves the resolved units', () => {
    const { deliverables, warnings } = gen([task(4, [...LEAD_ONLY, unit('某某中心', 'co', [])])]);
    expect(deliverables).toHaveLength(4);
    expect(warnings).toEqual([{ task: 4, message: expect.stringContaining('某某中心') }]);
  });
});

describe('obligations', () => {
  it('annual: on its day, 月底 the real last day, 月初 by day 10', () => {
    const { deliverables } = gen(
      [
        task(1, LEAD_ONLY, [
          ob('annual', { month: 3, day: 1, activity: '报告上一年度法治政府建设情况' }),
          ob('annual', { month: 2, day: 29, endOfMonth: true }),
          ob('annual', { month: 8, day: 10, approx: 'early' }),
        ]),
      ],
      2024,
    );
    expect(deliverables.map((d) => [d.period, d.dueDate, d.obligationIndex])).toEqual([
      ['2024', '2024-03-01', 0],
      ['2024.2', '2024-02-29', 1],
      ['2024.3', '2024-08-12', 2], // 2024-08-10 is a Saturday
    ]);
    expect(deliverables[0]!.title).toBe('每年3月1日前：报告上一年度法治政府建设情况');
    expect(deliverables[1]!.title).toBe('每年2月底前：报送落实情况');
    expect(deliverables[2]!.title).toContain('每年8月初');
    expect(deliverables.every((d) => d.source === 'obligation' && d.periodStart === '2024-01-01')).toBe(true);
  });

  it('annual 2月底 in a common year is 2-28', () => {
    const { deliverables } = gen(
      [task(1, LEAD_ONLY, [ob('annual', { month: 2, day: 29, endOfMonth: true })])],
      2025,
    );
    expect(deliverables[0]!.dueDate).toBe('2025-02-28');
  });

  it('semiannual and quarterly: one per date', () => {
    const { deliverables } = gen([
      task(1, LEAD_ONLY, [
        ob('semiannual', {
          dates: [
            { month: 7, day: 31, endOfMonth: true },
            { month: 1, day: 31, endOfMonth: true },
          ],
        }),
      ]),
      task(2, LEAD_ONLY, [
        ob('quarterly', { day: 10, dates: [1, 4, 7, 10].map((month) => ({ month, day: 10 })) }),
      ]),
    ]);
    expect(deliverables.filter((d) => d.task === 1).map((d) => [d.period, d.periodStart, d.dueDate])).toEqual(
      [
        ['2025-H1', '2025-01-01', '2025-02-05'],
        ['2025-H2', '2025-07-01', '2025-07-31'],
      ],
    );
    expect(deliverables.filter((d) => d.task === 2).map((d) => [d.period, d.dueDate])).toEqual([
      ['2025-Q1', '2025-01-10'],
      ['2025-Q2', '2025-04-10'],
      ['2025-Q3', '2025-07-10'],
      ['2025-Q4', '2025-10-10'],
    ]);
  });

  it('quarterly counted from each quarter end (每季度结束后N日内): the Q4 report falls due next January', () => {
    const after = (amount: number, unit: 'day' | 'workday') =>
      ob('quarterly', { amount, unit, trigger: '季度结束', direction: 'after' });
    const { deliverables } = gen([
      task(1, LEAD_ONLY, [after(10, 'day')]),
      task(2, LEAD_ONLY, [after(10, 'workday')]),
    ]);
    expect(deliverables.filter((d) => d.task === 1).map((d) => [d.period, d.periodStart, d.dueDate])).toEqual(
      [
        ['2025-Q1', '2025-01-01', '2025-04-10'],
        ['2025-Q2', '2025-04-01', '2025-07-10'],
        ['2025-Q3', '2025-07-01', '2025-10-10'],
        // 2026-01-10 is a Saturday: the next working day.
        ['2025-Q4', '2025-10-01', '2026-01-12'],
      ],
    );
    // Working days skip 清明 (4 April 2025) and the National Day holiday (1–8 October 2025) but count
    // its make-up Saturday (11 October), and 4 January 2026, a make-up Sunday.
    expect(deliverables.filter((d) => d.task === 2).map((d) => d.dueDate)).toEqual([
      '2025-04-15',
      '2025-07-14',
      '2025-10-21',
      '2026-01-15',
    ]);
  });

  it('semiannual and quarterly without dates: the period ends', () => {
    const { deliverables } = gen([
      task(1, LEAD_ONLY, [ob('semiannual')]),
      task(2, LEAD_ONLY, [ob('quarterly', { endOfMonth: true })]),
    ]);
    expect(deliverables.map((d) => d.dueDate)).toEqual([
      '2025-06-30',
      '2025-12-31',
      '2025-03-31',
      '2025-06-30',
      '2025-09-30',
      '2025-12-31',
    ]);
  });

  it('monthly: twelve, a day past the month end clamped to it', () => {
    const { deliverables } = gen([task(1, LEAD_ONLY, [ob('monthly', { day: 31 })])]);
    expect(deliverables).toHaveLength(12);
    expect(deliverables[0]!.period).toBe('2025-01');
    expect(deliverables[1]).toMatchObject({
      period: '2025-02',
      periodStart: '2025-02-01',
      dueDate: '2025-02-28',
    });
    expect(deliverables[4]!.dueDate).toBe('2025-06-03'); // 5-31 Sat, 6-1 Sun, 6-2 端午
    expect(deliverables[8]!.dueDate).toBe('2025-09-30'); // no 9-31: the month's last day, a Tuesday
    expect(deliverables[9]!.dueDate).toBe('2025-10-31');
  });

  it('once: only in its year, numbered among the once obligations of the task', () => {
    const t = task(1, LEAD_ONLY, [
      ob('once', { date: '2024-12-31', activity: '100%的司法所达到规范化建设要求' }),
      ob('once', { date: '2025-06-30' }),
    ]);
    const y2024 = gen([t], 2024).deliverables;
    expect(y2024.map((d) => [d.period, d.dueDate, d.title])).toEqual([
      ['2024-once-1', '2024-12-31', '2024年12月31日前：100%的司法所达到规范化建设要求'],
    ]);
    expect(gen([t], 2025).deliverables.map((d) => [d.period, d.obligationIndex])).toEqual([
      ['2025-once-2', 1],
    ]);
  });

  it('frequency per year: one year-end deliverable saying the count', () => {
    const { deliverables } = gen([
      task(22, LEAD_ONLY, [
        ob('frequency', { count: 1, per: 'year', atLeast: true, activity: '专项监督' }),
        ob('frequency', { count: 2, per: 'year', atLeast: true, activity: '行政案卷评查' }),
      ]),
    ]);
    expect(deliverables.map((d) => [d.period, d.dueDate, d.title])).toEqual([
      ['2025', '2025-12-31', '2025年度：专项监督至少1次'],
      ['2025.2', '2025-12-31', '2025年度：行政案卷评查至少2次'],
    ]);
  });

  it('year end on a rest day moves into the next year', () => {
    const { deliverables } = gen([task(1, LEAD_ONLY, [ob('frequency', { count: 1, per: 'year' })])], 2028);
    expect(deliverables[0]).toMatchObject({ dueDate: '2029-01-01', calendarMissing: true }); // 2028-12-31 is a Sunday
  });

  it('relative, window and per-term obligations schedule nothing: the task falls back to the cadence', () => {
    const { deliverables, warnings } = gen([
      task(1, LEAD_ONLY, [
        ob('relative', { amount: 3, unit: 'month', direction: 'after' }),
        ob('window', { per: 'month', fromDay: 1, toDay: 25 }),
        ob('frequency', { count: 1, per: 'term', atLeast: true }),
      ]),
    ]);
    expect(warnings).toEqual([]);
    expect(deliverables.map((d) => [d.period, d.source, d.obligationIndex])).toEqual([
      ['2025-Q1', 'cadence', null],
      ['2025-Q2', 'cadence', null],
      ['2025-Q3', 'cadence', null],
      ['2025-Q4', 'cadence', null],
    ]);
  });

  it('an obligation without a usable date gives a warning', () => {
    const { warnings } = gen([task(1, LEAD_ONLY, [ob('annual', { raw: '每年', month: 13 })])]);
    expect(warnings[0]).toEqual({ task: 1, message: expect.stringContaining('「每年」') });
  });
});

describe('default cadence', () => {
  it('quarterly: due 5 working days after each quarter, Q4 in January', () => {
    const { deliverables } = gen([task(3, LEAD_ONLY)]);
    expect(deliverables.map((d) => [d.period, d.periodStart, d.dueDate, d.title])).toEqual([
      ['2025-Q1', '2025-01-01', '2025-04-08', '2025年第一季度进展报告'],
      ['2025-Q2', '2025-04-01', '2025-07-07', '2025年第二季度进展报告'],
      ['2025-Q3', '2025-07-01', '2025-10-14', '2025年第三季度进展报告'],
      ['2025-Q4', '2025-10-01', '2026-01-08', '2025年第四季度进展报告'],
    ]);
    expect(deliverables.every((d) => !d.calendarMissing)).toBe(true);
  });

  it('flags a due date computed over a year without data', () => {
    const { deliverables } = gen([task(3, LEAD_ONLY)], 2026);
    expect(deliverables.map((d) => d.calendarMissing)).toEqual([false, false, false, true]);
    expect(gen([task(3, LEAD_ONLY)], 2027).deliverables.every((d) => d.calendarMissing)).toBe(true);
  });

  it('monthly, semiannual and annual cadences', () => {
    const monthly = gen([task(3, LEAD_ONLY)], 2025, {
      ...DEFAULT_SETTINGS,
      defaultCadence: 'monthly',
    }).deliverables;
    expect(monthly).toHaveLength(12);
    expect(monthly[8]).toMatchObject({
      period: '2025-09',
      dueDate: '2025-10-14',
      title: '2025年9月进展报告',
    });
    const half = gen([task(3, LEAD_ONLY)], 2025, {
      ...DEFAULT_SETTINGS,
      defaultCadence: 'semiannual',
    }).deliverables;
    expect(half.map((d) => [d.period, d.dueDate, d.title])).toEqual([
      ['2025-H1', '2025-07-07', '2025年上半年进展报告'],
      ['2025-H2', '2026-01-08', '2025年下半年进展报告'],
    ]);
    const annual = gen([task(3, LEAD_ONLY)], 2025, {
      ...DEFAULT_SETTINGS,
      defaultCadence: 'annual',
      cadenceDueOffsetWorkdays: 0,
    }).deliverables;
    expect(annual.map((d) => [d.period, d.dueDate, d.title])).toEqual([
      ['2025', '2025-12-31', '2025年度进展报告'],
    ]);
  });
});

describe('co units', () => {
  const units = [unit('市行政审批局', 'lead', ['admin']), unit('市发改委', 'co', ['dev'])];

  it('hand their input to the lead coInputLeadWorkdays working days before', () => {
    const { deliverables } = gen([task(5, units)]);
    const lead = of(deliverables, 'admin');
    const co = of(deliverables, 'dev');
    expect(co.map((d) => d.leadKey)).toEqual(lead.map((d) => d.key));
    expect(co.map((d) => d.dueDate)).toEqual(['2025-04-02', '2025-07-02', '2025-10-10', '2026-01-05']);
    for (const [i, d] of co.entries()) {
      expect(calendar.workingDaysBetween(d.dueDate, lead[i]!.dueDate)).toBe(3);
      expect(d.key).toBe(`5:dev:${d.period}`);
      expect(d.title).toContain('配合单位');
    }
  });

  it('report with the lead when the task has no lead', () => {
    const { deliverables } = gen([
      task(5, [unit('市发改委', 'co', ['dev']), unit('各区', 'each', ['a', 'b'])]),
    ]);
    const co = of(deliverables, 'dev');
    expect(co.map((d) => d.dueDate)).toEqual(of(deliverables, 'a').map((d) => d.dueDate));
    expect(co.every((d) => d.leadKey === null)).toBe(true);
  });
});

describe('issue date', () => {
  it('skips deliverables due before the notice and cadence periods ended before it', () => {
    const t1 = task(1, LEAD_ONLY, [
      ob('annual', { month: 3, day: 1 }),
      ob('annual', { month: 8, day: 10, approx: 'early' }),
    ]);
    const t3 = task(3, LEAD_ONLY);
    const { deliverables, warnings } = gen([t1, t3], 2024, DEFAULT_SETTINGS, '2024-07-04');
    expect(deliverables.map((d) => [d.task, d.period, d.periodStart, d.dueDate])).toEqual([
      [1, '2024', '2024-07-04', '2024-08-12'],
      [3, '2024-Q3', '2024-07-04', '2024-10-12'], // 9-30 + 5 working days: 10-12 is a 调休 Saturday
      [3, '2024-Q4', '2024-10-01', '2025-01-08'],
    ]);
    expect(warnings).toEqual([{ task: 1, message: expect.stringContaining('2024-03-01') }]);
  });
});

describe('the Yingtan list (鹰府字〔2024〕25号)', () => {
  const plan: Plan = parseNotice(referenceText(), { directory: defaultDirectory() });
  const y2025 = generateDeliverables({ tasks: plan.tasks, year: 2025, settings: DEFAULT_SETTINGS, calendar });
  const byTask = (no: number) => y2025.deliverables.filter((d) => d.task === no);

  it('has unique keys and no warnings for a fully resolved list', () => {
    const keys = y2025.deliverables.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(y2025.warnings).toEqual([]);
    expect(y2025.deliverables.every((d) => calendar.isWorkingDay(d.dueDate))).toBe(true);
  });

  it('task 1: 16 units, each with the 3月1日 report (moved to Monday 3-3) and the 4月1日 publication', () => {
    const d = byTask(1);
    const orgs = new Set(d.map((x) => x.orgId));
    expect(orgs.size).toBe(16);
    expect(d).toHaveLength(32);
    for (const org of orgs) {
      expect(of(d, org).map((x) => x.dueDate)).toEqual(['2025-03-03', '2025-04-01']);
      expect(of(d, org).every((x) => x.role === 'each' && x.source === 'obligation')).toBe(true);
    }
    const [report, publish] = of(d, 'justice');
    expect(report!.title).toMatch(/^每年3月1日前：.*报告上一年度法治政府建设情况$/);
    expect(publish!.title).toMatch(/^每年4月1日前：.*向社会公开$/);
    expect([report!.period, publish!.period]).toEqual(['2025', '2025.2']);
  });

  it('task 10: 1月底 falls in the Spring Festival holiday → 2-5; 7月底 → 7-31', () => {
    const d = byTask(10);
    const lead = of(d, 'gov-office');
    expect(lead.map((x) => [x.period, x.dueDate, x.role])).toEqual([
      ['2025-H1', '2025-02-05', 'lead'],
      ['2025-H2', '2025-07-31', 'lead'],
    ]);
    const justice = of(d, 'justice');
    expect(justice.map((x) => [x.role, x.dueDate, x.leadKey])).toEqual([
      ['co', '2025-01-24', '10:gov-office:2025-H1'],
      ['co', '2025-07-28', '10:gov-office:2025-H2'],
    ]);
    expect(new Set(d.map((x) => x.orgId)).size).toBe(16); // 10 departments, 3 districts, 3 committees
  });

  it('task 3 (no date): four quarterly reports for every unit', () => {
    const d = byTask(3);
    expect(new Set(d.map((x) => x.orgId)).size).toBe(16);
    expect(of(d, 'justice').map((x) => x.dueDate)).toEqual([
      '2025-04-08',
      '2025-07-07',
      '2025-10-14',
      '2026-01-08',
    ]);
    expect(d.every((x) => x.source === 'cadence')).toBe(true);
  });

  it('task 5: 市发改委 hands its input 3 working days before 市行政审批局', () => {
    const d = byTask(5);
    const lead = of(d, 'admin-approval');
    const co = of(d, 'development-reform');
    expect(lead.every((x) => x.role === 'lead')).toBe(true);
    expect(co.map((x) => x.leadKey)).toEqual(lead.map((x) => x.key));
    expect(co.map((x) => x.dueDate)).toEqual(['2025-04-02', '2025-07-02', '2025-10-10', '2026-01-05']);
    for (const [i, x] of co.entries())
      expect(calendar.workingDaysBetween(x.dueDate, lead[i]!.dueDate)).toBe(3);
  });

  it('task 22: two year-end frequency deliverables per unit; task 36: its 2024 deadline, then the cadence', () => {
    expect(of(byTask(22), 'justice').map((x) => x.title)).toEqual([
      '2025年度：专项监督至少1次',
      '2025年度：行政案卷评查至少2次',
    ]);
    const y2024 = generateDeliverables({
      tasks: plan.tasks,
      year: 2024,
      settings: DEFAULT_SETTINGS,
      calendar,
      issuedAt: plan.notice.issuedAt,
    });
    expect(
      y2024.deliverables
        .filter((x) => x.task === 36 && x.orgId === 'party-staffing')
        .map((x) => [x.period, x.dueDate]),
    ).toEqual([['2024-once-1', '2024-12-31']]);
    expect(of(byTask(36), 'party-staffing').map((x) => x.period)).toEqual([
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
    ]);
    // Task 1's 2024 deadlines passed before the notice (2024-07-04): a warning, no deliverable.
    expect(y2024.deliverables.some((x) => x.task === 1)).toBe(false);
    expect(y2024.warnings.some((w) => w.task === 1)).toBe(true);
  });

  it('is deterministic', () => {
    const again = generateDeliverables({
      tasks: plan.tasks,
      year: 2025,
      settings: DEFAULT_SETTINGS,
      calendar,
    });
    expect(again).toEqual(y2025);
  });
});
