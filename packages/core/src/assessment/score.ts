/**
 * 考核计分: each unit's score for a year, computed from the supervision records and a rubric, with
 * every point traced to the record behind it (a deliverable, a returned report, an escalation, an
 * indicator's figure, a bonus or deduction entry). Pure and deterministic: the same records and
 * rubric give the same scores, in the same order.
 */
import type { Calendar } from '../calendar/calendar.ts';
import { datePart, type IsoDate } from '../calendar/dates.ts';
import { ESCALATION_LEVELS, type EscalationLevel } from '../escalation/ladder.ts';
import { type DeliverableStatus, effectiveDueDate, isDone } from '../signals/signal.ts';
import type { Comparator, OrgKind } from '../types.ts';
import { meets, progress } from './attainment.ts';
import { type Rubric, type RubricItem, weightOf } from './rubric.ts';

export type AssessedUnit = { id: string; name: string; kind: OrgKind };

export type AssessedDeliverable = {
  id: string;
  orgId: string;
  taskNo: number;
  sectionNo: number | null;
  title: string;
  dueDate: IsoDate;
  extendedDueDate: IsoDate | null;
  status: DeliverableStatus;
  /** When the accepted report was handed in; null when none is accepted. */
  acceptedHandedInAt: string | null;
};

export type AssessedReturn = { reportId: string; deliverableId: string; orgId: string; returnedAt: string };

export type AssessedEscalation = {
  id: string;
  deliverableId: string;
  orgId: string;
  level: EscalationLevel;
  issuedAt: string;
  withdrawn: boolean;
};

export type AssessedIndicator = {
  /** Stable within the year: task id and the indicator's index, e.g. `task-7#0`. */
  id: string;
  orgId: string;
  taskNo: number;
  sectionNo: number | null;
  label: string;
  comparator: Comparator;
  target: number;
  /** The unit's latest accepted figure, and the report it came from; null when none. */
  value: number | null;
  reportId: string | null;
};

export type Adjustment = { id: string; orgId: string; points: number; reason: string };

export type AssessmentRecords = {
  /** Deliverables due on or before this day count (the year's end, or the day of the assessment). */
  asOf: IsoDate;
  units: readonly AssessedUnit[];
  deliverables: readonly AssessedDeliverable[];
  returns: readonly AssessedReturn[];
  escalations: readonly AssessedEscalation[];
  indicators: readonly AssessedIndicator[];
  adjustments: readonly Adjustment[];
};

export type RecordRef = {
  kind: 'deliverable' | 'report' | 'escalation' | 'indicator' | 'adjustment';
  id: string;
};

/** One record's part in an item: the points it earned (or took off, negative) and why. */
export type ScoreLine = {
  ref: RecordRef;
  points: number;
  note: string;
  /** The deliverable the record belongs to, where there is one (for a link to it). */
  deliverableId?: string;
};

export type ItemScore = {
  itemId: string;
  label: string;
  /** What the item gave, within its bounds (0..points, or -cap..0). */
  points: number;
  /** The most the item can give (0 for deductions). */
  max: number;
  lines: ScoreLine[];
  /** Why the item stands as it does when no line explains it (nothing due, the cap reached). */
  note: string | null;
};

export type UnitScore = { orgId: string; name: string; kind: OrgKind; total: number; items: ItemScore[] };

/** Points with two decimals, the precision a 考核 table shows (and sums stay exact enough). */
export const round2 = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100;

type UnitRecords = {
  deliverables: AssessedDeliverable[];
  returns: AssessedReturn[];
  escalations: AssessedEscalation[];
  indicators: AssessedIndicator[];
  adjustments: Adjustment[];
};

export function scoreUnits(records: AssessmentRecords, rubric: Rubric, calendar: Calendar): UnitScore[] {
  const byUnit = groupByUnit(records);
  return records.units.map((unit) => {
    const mine = byUnit.get(unit.id) ?? emptyRecords();
    const items = rubric.items.map((item) => scoreItem(item, mine, rubric, records.asOf, calendar));
    const total = round2(
      Math.max(
        0,
        items.reduce((sum, i) => sum + i.points, 0),
      ),
    );
    return { orgId: unit.id, name: unit.name, kind: unit.kind, total, items };
  });
}

function emptyRecords(): UnitRecords {
  return { deliverables: [], returns: [], escalations: [], indicators: [], adjustments: [] };
}

function groupByUnit(records: AssessmentRecords): Map<string, UnitRecords> {
  const map = new Map<string, UnitRecords>();
  const of = (orgId: string) => {
    const found = map.get(orgId);
    if (found) return found;
    const made = emptyRecords();
    map.set(orgId, made);
    return made;
  };
  for (const d of records.deliverables) of(d.orgId).deliverables.push(d);
  for (const r of records.returns) of(r.orgId).returns.push(r);
  for (const e of records.escalations) of(e.orgId).escalations.push(e);
  for (const i of records.indicators) of(i.orgId).indicators.push(i);
  for (const a of records.adjustments) of(a.orgId).adjustments.push(a);
  return map;
}

function scoreItem(
  item: RubricItem,
  mine: UnitRecords,
  rubric: Rubric,
  asOf: IsoDate,
  calendar: Calendar,
): ItemScore {
  const base = { itemId: item.id, label: item.label };
  switch (item.kind) {
    case 'on-time':
      return { ...base, ...onTime(item.points, mine.deliverables, rubric, asOf, calendar) };
    case 'indicators':
      return { ...base, ...indicators(item.points, item.partialCredit, mine.indicators, rubric) };
    case 'returns':
      return {
        ...base,
        ...deductions(
          item.cap,
          [...mine.returns]
            .sort(
              byTimeThenId(
                (r) => r.returnedAt,
                (r) => r.reportId,
              ),
            )
            .map((r) => ({
              ref: { kind: 'report', id: r.reportId },
              deliverableId: r.deliverableId,
              points: item.pointsEach,
              note: `${datePart(r.returnedAt)} 报告被退回`,
            })),
        ),
      };
    case 'escalations':
      return {
        ...base,
        ...deductions(
          item.cap,
          [...mine.escalations]
            .sort(
              byTimeThenId(
                (e) => datePart(e.issuedAt),
                (e) => `${ESCALATION_LEVELS.indexOf(e.level)} ${e.id}`,
              ),
            )
            .filter((e) => !e.withdrawn && (item.pointsEach[e.level] ?? 0) > 0)
            .map((e) => ({
              ref: { kind: 'escalation', id: e.id },
              deliverableId: e.deliverableId,
              points: item.pointsEach[e.level] ?? 0,
              note: `${datePart(e.issuedAt)} ${LEVEL_WORDS[e.level]}`,
            })),
        ),
      };
    case 'adjustments':
      return { ...base, ...adjustments(item.maxBonus, item.maxDeduction, mine.adjustments) };
  }
}

/** Lines in the order they happened (within a day the ladder's order, then ids), whatever order the records came in. */
function byTimeThenId<T>(time: (x: T) => string, id: (x: T) => string): (a: T, b: T) => number {
  return (a, b) => time(a).localeCompare(time(b)) || id(a).localeCompare(id(b));
}

const LEVEL_WORDS: Readonly<Record<EscalationLevel, string>> = {
  reminder: '提醒',
  urge: '催办',
  'supervise-orange': '督办单(橙色)',
  'supervise-red': '督办单(红色)',
};

type Scored = Omit<ItemScore, 'itemId' | 'label'>;

/** A deliverable counts once due; it is on time when its accepted report was handed in by then. */
function onTime(
  points: number,
  ds: AssessedDeliverable[],
  rubric: Rubric,
  asOf: IsoDate,
  calendar: Calendar,
): Scored {
  const due = ds
    .map((d) => ({
      d,
      due: effectiveDueDate(d, calendar),
      w: weightOf(rubric.weights, d.taskNo, d.sectionNo),
    }))
    .filter((x) => x.due <= asOf && x.w > 0)
    .sort((a, b) => a.due.localeCompare(b.due) || a.d.id.localeCompare(b.d.id));
  const weight = due.reduce((s, x) => s + x.w, 0);
  if (weight === 0) return { points, max: points, lines: [], note: '年度内没有到期事项，按满分计' };
  const lines = due.map(({ d, due: day, w }) => {
    const handedIn = d.acceptedHandedInAt === null ? null : datePart(d.acceptedHandedInAt);
    const ok = isDone(d.status) && handedIn !== null && handedIn <= day;
    const note = ok
      ? `按时完成（${handedIn} 报送，${day} 到期）`
      : handedIn !== null && isDone(d.status)
        ? `逾期完成（${handedIn} 报送，${day} 到期）`
        : `未完成（${day} 到期）`;
    return {
      ref: { kind: 'deliverable', id: d.id } as RecordRef,
      deliverableId: d.id,
      points: ok ? (points * w) / weight : 0,
      note,
    };
  });
  return finish(points, 0, points, lines, null);
}

function indicators(points: number, partial: boolean, inds: AssessedIndicator[], rubric: Rubric): Scored {
  const weighted = inds
    .map((i) => ({ i, w: weightOf(rubric.weights, i.taskNo, i.sectionNo) }))
    .filter((x) => x.w > 0)
    .sort((a, b) => a.i.id.localeCompare(b.i.id));
  const weight = weighted.reduce((s, x) => s + x.w, 0);
  if (weight === 0) return { points, max: points, lines: [], note: '没有须考核的指标，按满分计' };
  const lines = weighted.map(({ i, w }) => {
    const share =
      i.value === null
        ? 0
        : meets(i.value, i.comparator, i.target)
          ? 1
          : partial
            ? progress(i.value, i.comparator, i.target)
            : 0;
    const note =
      i.value === null
        ? `${i.label}：未报送数值（目标 ${i.comparator} ${i.target}）`
        : `${i.label}：${i.value}（目标 ${i.comparator} ${i.target}，完成 ${Math.round(share * 100)}%）`;
    const ref: RecordRef =
      i.reportId === null ? { kind: 'indicator', id: i.id } : { kind: 'report', id: i.reportId };
    return { ref, points: (points * w * share) / weight, note };
  });
  return finish(points, 0, points, lines, null);
}

function deductions(cap: number, taken: ScoreLine[]): Scored {
  const lines = taken.map((l) => ({ ...l, points: -l.points }));
  const raw = lines.reduce((s, l) => s + l.points, 0);
  return finish(0, -cap, 0, lines, raw < -cap ? `扣分已达上限 ${cap} 分` : null);
}

function adjustments(maxBonus: number, maxDeduction: number, entries: Adjustment[]): Scored {
  const lines = [...entries]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((a) => ({ ref: { kind: 'adjustment', id: a.id } as RecordRef, points: a.points, note: a.reason }));
  const raw = lines.reduce((s, l) => s + l.points, 0);
  const note =
    raw > maxBonus
      ? `加分已达上限 ${maxBonus} 分`
      : raw < -maxDeduction
        ? `减分已达上限 ${maxDeduction} 分`
        : null;
  return finish(maxBonus, -maxDeduction, maxBonus, lines, note);
}

/** The item's points: its lines' sum held within [min, max], rounded as shown. */
function finish(max: number, min: number, upper: number, lines: ScoreLine[], note: string | null): Scored {
  const sum = lines.reduce((s, l) => s + l.points, 0);
  return {
    points: round2(Math.min(upper, Math.max(min, sum))),
    max,
    lines: lines.map((l) => ({ ...l, points: round2(l.points) })),
    note,
  };
}
