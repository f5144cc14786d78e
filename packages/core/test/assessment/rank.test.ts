import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RUBRIC,
  type Rubric,
  rankUnits,
  type UnitScore,
  validateRubric,
} from '../../src/assessment/index.ts';
import type { OrgKind } from '../../src/types.ts';

/** A unit's score with its 按时完成 and 督办催办 points (the tie rules read them). */
function unit(
  orgId: string,
  name: string,
  total: number,
  onTime = 50,
  escalations = 0,
  kind: OrgKind = 'department',
): UnitScore {
  return {
    orgId,
    name,
    kind,
    total,
    items: [
      { itemId: 'on-time', label: '任务按时完成', points: onTime, max: 60, lines: [], note: null },
      { itemId: 'escalations', label: '被催办、督办', points: escalations, max: 0, lines: [], note: null },
    ],
  };
}

describe('rankUnits', () => {
  const scores = [
    unit('b', '市交通局', 92, 50, -1),
    unit('a', '市财政局', 95),
    unit('c', '市司法局', 92, 55, -3),
    unit('d', '市教育局', 85),
    unit('e', '市民政局', 50),
    unit('x', '市中级人民法院', 99, 60, 0, 'court'),
    unit('z', '甲县人民政府', 70, 40, 0, 'district-government'),
  ];
  const [districts, departments] = rankUnits(scores, DEFAULT_RUBRIC);

  it('ranks each group apart; units of a kind no group takes (the court) are not ranked', () => {
    expect(districts?.units.map((u) => u.orgId)).toEqual(['z']);
    expect(departments?.units.map((u) => u.orgId)).toEqual(['a', 'c', 'b', 'd', 'e']);
    expect(departments?.units.map((u) => u.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('breaks a tie on the total by 按时完成 points and says who it was tied with', () => {
    const c = departments?.units[1];
    expect(c?.tiedWith).toEqual(['b']);
    const tiedOnTime = rankUnits(
      [unit('b', '市交通局', 92, 50, -1), unit('c', '市司法局', 92, 50, -3)],
      DEFAULT_RUBRIC,
    );
    // The same total and 按时完成: fewer points off for 督办催办 first.
    expect(tiedOnTime[1]?.units.map((u) => u.orgId)).toEqual(['b', 'c']);
  });

  it('grades by score line and quota: 优秀 for at most 30% of the group (one of five), the rest by their score', () => {
    expect(departments?.units.map((u) => u.grade)).toEqual(['优秀', '良好', '良好', '良好', '不合格']);
  });

  it('keeps quotas and score lines for any group (property)', () => {
    const arbUnits = fc.uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 6 }),
        total: fc.integer({ min: 0, max: 10_500 }),
      }),
      { selector: (u) => u.id, maxLength: 40 },
    );
    fc.assert(
      fc.property(arbUnits, (list) => {
        const [, group] = rankUnits(
          list.map((u) => unit(u.id, `单位${u.id}`, u.total / 100)),
          DEFAULT_RUBRIC,
        );
        const ranked = group?.units ?? [];
        expect(ranked).toHaveLength(list.length);
        for (let i = 1; i < ranked.length; i++)
          expect(ranked[i]?.total).toBeLessThanOrEqual(ranked[i - 1]?.total ?? Number.NaN);
        const excellent = ranked.filter((u) => u.grade === '优秀').length;
        expect(excellent).toBeLessThanOrEqual(Math.max(1, Math.floor(list.length * 0.3)));
        for (const u of ranked) {
          const grade = DEFAULT_RUBRIC.grades.find((g) => g.name === u.grade);
          expect(grade && u.total >= grade.minScore).toBe(true);
        }
      }),
    );
  });
});

describe('validateRubric', () => {
  it('accepts the default rubric', () => {
    expect(validateRubric(DEFAULT_RUBRIC)).toEqual([]);
  });

  it('names each bad field and says why', () => {
    const bad: Rubric = {
      ...DEFAULT_RUBRIC,
      items: [
        { id: 'on-time', kind: 'on-time', label: '按时', points: -5 },
        { id: 'on-time', kind: 'returns', label: ' ', pointsEach: 1, cap: Number.NaN },
      ],
      grades: [
        { name: '优秀', minScore: 90, maxShare: 1.5 },
        { name: '合格', minScore: 95 },
      ],
      weights: { tasks: { '7': -1 } },
    };
    expect(validateRubric(bad).map((e) => e.field)).toEqual([
      'items[0].points',
      'items[1].id',
      'items[1].label',
      'items[1].cap',
      'grades[0].maxShare',
      'grades[1].minScore',
      'grades[1].minScore',
      'weights.tasks.7',
    ]);
    expect(validateRubric(bad)[0]?.message).toBe('items[0].points：应为不小于 0 的数');
  });
});
