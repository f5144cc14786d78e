import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AssessedDeliverable,
  type AssessedEscalation,
  type AssessmentRecords,
  DEFAULT_RUBRIC,
  type Rubric,
  scoreUnits,
} from '../../src/assessment/index.ts';
import { defaultCalendar } from '../../src/calendar/default-calendar.ts';

const cal = defaultCalendar();

const deliverable = (id: string, over: Partial<AssessedDeliverable>): AssessedDeliverable => ({
  id,
  orgId: 'finance',
  taskNo: 1,
  sectionNo: 1,
  title: `事项 ${id}`,
  dueDate: '2026-03-31',
  extendedDueDate: null,
  status: 'pending',
  acceptedHandedInAt: null,
  ...over,
});

const empty = (over: Partial<AssessmentRecords> = {}): AssessmentRecords => ({
  asOf: '2026-12-31',
  units: [
    { id: 'finance', name: '市财政局', kind: 'department' },
    { id: 'justice', name: '市司法局', kind: 'department' },
  ],
  deliverables: [],
  returns: [],
  escalations: [],
  indicators: [],
  adjustments: [],
  ...over,
});

/** One unit's year, worked out by hand below. */
const YEAR: AssessmentRecords = empty({
  deliverables: [
    deliverable('d1', { status: 'accepted', acceptedHandedInAt: '2026-03-30T10:00:00' }),
    deliverable('d2', {
      dueDate: '2026-06-30',
      status: 'accepted',
      acceptedHandedInAt: '2026-07-03T09:00:00',
    }),
    deliverable('d3', {
      sectionNo: 2,
      dueDate: '2026-09-29',
      extendedDueDate: '2026-10-20',
      status: 'accepted',
      acceptedHandedInAt: '2026-10-19T16:00:00',
    }),
    deliverable('d4', { dueDate: '2026-12-31' }),
    deliverable('d5', { dueDate: '2027-01-15' }),
  ],
  returns: [
    { reportId: 'r1', deliverableId: 'd2', orgId: 'finance', returnedAt: '2026-07-05T10:00:00' },
    { reportId: 'r2', deliverableId: 'd2', orgId: 'finance', returnedAt: '2026-07-08T10:00:00' },
  ],
  escalations: [
    {
      id: 'e1',
      deliverableId: 'd4',
      orgId: 'finance',
      level: 'reminder',
      issuedAt: '2026-12-28',
      withdrawn: false,
    },
    {
      id: 'e2',
      deliverableId: 'd2',
      orgId: 'finance',
      level: 'urge',
      issuedAt: '2026-07-01',
      withdrawn: false,
    },
    {
      id: 'e3',
      deliverableId: 'd2',
      orgId: 'finance',
      level: 'supervise-orange',
      issuedAt: '2026-07-02',
      withdrawn: false,
    },
    {
      id: 'e4',
      deliverableId: 'd2',
      orgId: 'finance',
      level: 'supervise-red',
      issuedAt: '2026-07-03',
      withdrawn: true,
    },
  ],
  indicators: [
    {
      id: 't1#0',
      orgId: 'finance',
      taskNo: 1,
      sectionNo: 1,
      label: '公开率',
      comparator: '>=',
      target: 95,
      value: 95,
      reportId: 'r9',
    },
    {
      id: 't1#1',
      orgId: 'finance',
      taskNo: 1,
      sectionNo: 1,
      label: '败诉率',
      comparator: '<=',
      target: 5,
      value: 10,
      reportId: 'r9',
    },
    {
      id: 't1#2',
      orgId: 'finance',
      taskNo: 1,
      sectionNo: 1,
      label: '培训率',
      comparator: '>=',
      target: 100,
      value: null,
      reportId: null,
    },
  ],
  adjustments: [
    { id: 'a1', orgId: 'finance', points: 3, reason: '经验被上级推广' },
    { id: 'a2', orgId: 'finance', points: -2, reason: '被上级通报批评' },
  ],
});

const WEIGHTED: Rubric = { ...DEFAULT_RUBRIC, weights: { sections: { '2': 3 } } };

describe('scoreUnits: a year worked out by hand', () => {
  const [finance, justice] = scoreUnits(YEAR, WEIGHTED, cal);
  const item = (id: string) => finance?.items.find((i) => i.itemId === id);

  it('按时完成: 60 × on-time weight 4 of 6 (d3 weighs 3 and counts its extension; d5 is not due yet)', () => {
    expect(item('on-time')?.points).toBe(40);
    expect(item('on-time')?.lines.map((l) => [l.ref.id, l.points])).toEqual([
      ['d1', 10],
      ['d2', 0],
      ['d3', 30],
      ['d4', 0],
    ]);
    expect(item('on-time')?.lines[1]?.note).toBe('逾期完成（2026-07-03 报送，2026-06-30 到期）');
    expect(item('on-time')?.lines[3]?.note).toBe('未完成（2026-12-31 到期）');
  });

  it('指标: 40 × (met 1 + half way 0.5 + not reported 0) / 3, each line naming the report', () => {
    expect(item('indicators')?.points).toBe(20);
    expect(item('indicators')?.lines.map((l) => [l.ref.kind, l.ref.id, l.points])).toEqual([
      ['report', 'r9', 13.33],
      ['report', 'r9', 6.67],
      ['indicator', 't1#2', 0],
    ]);
  });

  it('deductions: two returns at 0.5, a 催办 and an orange 督办单 (the reminder and the withdrawn red do not count)', () => {
    expect(item('returns')?.points).toBe(-1);
    expect(item('escalations')?.points).toBe(-3);
    expect(item('escalations')?.lines.map((l) => l.ref.id)).toEqual(['e2', 'e3']);
  });

  it('adjustments add up with their reasons, and the total is the sum of the items', () => {
    expect(item('adjustments')?.points).toBe(1);
    expect(item('adjustments')?.lines.map((l) => l.note)).toEqual(['经验被上级推广', '被上级通报批评']);
    expect(finance?.total).toBe(57);
  });

  it('a unit with nothing due and no indicators gets full points, and says why', () => {
    expect(justice?.total).toBe(100);
    expect(justice?.items[0]?.note).toBe('年度内没有到期事项，按满分计');
  });
});

describe('scoreUnits: bounds', () => {
  it('caps deductions and bonuses at the rubric’s limits, and the total never goes below zero', () => {
    const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
    const [finance] = scoreUnits(
      empty({
        deliverables: [deliverable('late', { dueDate: '2026-03-31' })],
        indicators: [
          {
            id: 'i',
            orgId: 'finance',
            taskNo: 1,
            sectionNo: 1,
            label: '率',
            comparator: '>=',
            target: 90,
            value: null,
            reportId: null,
          },
        ],
        returns: many(12, (i) => ({
          reportId: `r${i}`,
          deliverableId: 'late',
          orgId: 'finance',
          returnedAt: '2026-05-01',
        })),
        escalations: many(10, (i) => ({
          id: `e${i}`,
          deliverableId: 'late',
          orgId: 'finance',
          level: 'supervise-red' as const,
          issuedAt: '2026-05-01',
          withdrawn: false,
        })),
        adjustments: [{ id: 'a', orgId: 'finance', points: -30, reason: '行政诉讼败诉' }],
      }),
      DEFAULT_RUBRIC,
      cal,
    );
    const points = Object.fromEntries(finance?.items.map((i) => [i.itemId, i.points]) ?? []);
    expect(points).toEqual({ 'on-time': 0, indicators: 0, returns: -5, escalations: -15, adjustments: -10 });
    expect(finance?.items.find((i) => i.itemId === 'returns')?.note).toBe('扣分已达上限 5 分');
    expect(finance?.total).toBe(0);
  });
});

// ---- properties ----

const day = fc
  .integer({ min: 1, max: 360 })
  .map((n) => new Date(Date.UTC(2026, 0, n)).toISOString().slice(0, 10));
const arbDeliverable = fc.record({
  id: fc.uuid(),
  orgId: fc.constantFrom('finance', 'justice'),
  taskNo: fc.integer({ min: 1, max: 5 }),
  sectionNo: fc.constantFrom(1, 2, null),
  title: fc.constant('事项'),
  dueDate: day,
  extendedDueDate: fc.constant(null),
  status: fc.constantFrom('pending', 'draft', 'submitted', 'accepted', 'returned' as const),
  acceptedHandedInAt: fc.option(day, { nil: null }),
}) as fc.Arbitrary<AssessedDeliverable>;
const arbEscalation = fc.record({
  id: fc.uuid(),
  deliverableId: fc.constant('x'),
  orgId: fc.constantFrom('finance', 'justice'),
  level: fc.constantFrom('reminder', 'urge', 'supervise-orange', 'supervise-red' as const),
  issuedAt: day,
  withdrawn: fc.boolean(),
}) as fc.Arbitrary<AssessedEscalation>;
const arbRecords = fc
  .record({
    deliverables: fc.array(arbDeliverable, { maxLength: 20 }),
    escalations: fc.array(arbEscalation, { maxLength: 8 }),
  })
  .map((r) => empty(r));

describe('scoreUnits: properties', () => {
  it('everything accepted on time, every target met and nothing escalated gives full points', () => {
    fc.assert(
      fc.property(fc.array(arbDeliverable, { maxLength: 20 }), (ds) => {
        const onTime = ds.map((d) => ({
          ...d,
          status: 'accepted' as const,
          acceptedHandedInAt: '2026-01-01',
        }));
        for (const u of scoreUnits(empty({ deliverables: onTime }), DEFAULT_RUBRIC, cal))
          expect(u.total).toBe(100);
      }),
    );
  });

  it('adding a 催办 or a 督办单 never raises a score', () => {
    fc.assert(
      fc.property(arbRecords, arbEscalation, (records, extra) => {
        const before = scoreUnits(records, DEFAULT_RUBRIC, cal);
        const after = scoreUnits(
          { ...records, escalations: [...records.escalations, extra] },
          DEFAULT_RUBRIC,
          cal,
        );
        for (const [i, u] of after.entries())
          expect(u.total).toBeLessThanOrEqual(before[i]?.total ?? Number.NaN);
      }),
    );
  });

  it('does not depend on the order the records come in, and stays within 0 and the rubric’s maximum', () => {
    fc.assert(
      fc.property(arbRecords, (records) => {
        const a = scoreUnits(records, DEFAULT_RUBRIC, cal);
        const b = scoreUnits(
          {
            ...records,
            deliverables: [...records.deliverables].reverse(),
            escalations: [...records.escalations].reverse(),
          },
          DEFAULT_RUBRIC,
          cal,
        );
        expect(b).toEqual(a);
        for (const u of a) expect(u.total).toBeGreaterThanOrEqual(0);
        for (const u of a) expect(u.total).toBeLessThanOrEqual(105);
      }),
    );
  });
});
