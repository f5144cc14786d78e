/**
 * The reference notice end to end (鹰府字〔2024〕25号): all 51 tasks, their headings, units with
 * roles and inheritance, obligations and indicators, checked against a hand-made expected file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseNotice } from '../../src/notice/parse-notice.ts';
import type { Plan, Task } from '../../src/types.ts';
import { defaultDirectory, fixtureText, referenceText } from '../helpers/fixtures.ts';

type ExpectedUnit = { raw: string; role: string };
type ExpectedTask = {
  no: number;
  section: string;
  subsection: string;
  textStart: string;
  textEnd: string;
  inherited: boolean;
  lead: string | null;
  units: ExpectedUnit[];
  obligations: ({ kind: string; anchor: string } & Record<string, unknown>)[];
  indicators: {
    anchor: string;
    comparator: string;
    value: number;
    unit: string | null;
    year: number | null;
  }[];
};
type Expected = {
  notice: Record<string, unknown>;
  sections: { no: string; title: string; subsections: { no: string; title: string }[] }[];
  tasks: ExpectedTask[];
};

const expected = JSON.parse(fixtureText('yingtan-2024-25.expected.json')) as Expected;
let plan: Plan;

beforeAll(() => {
  plan = parseNotice(referenceText(), { directory: defaultDirectory() });
});

function task(no: number): Task {
  const t = plan.tasks.find((x) => x.no === no);
  if (!t) throw new Error(`task ${no} missing`);
  return t;
}

describe('reference notice 鹰府字〔2024〕25号', () => {
  it('reads the notice head', () => {
    expect(plan.notice).toMatchObject(expected.notice);
    expect(plan.notice.listTitle).toBe(
      '鹰潭市贯彻落实《江西省人民政府关于进一步推进法治政府建设的若干意见》任务清单',
    );
  });

  it('finds 7 sections and 25 subsections with their titles', () => {
    expect(
      plan.sections.map((s) => ({
        no: s.no,
        title: s.title,
        subsections: s.subsections.map((x) => ({ no: x.no, title: x.title })),
      })),
    ).toEqual(expected.sections);
  });

  it('finds all 51 tasks, numbered 1..51, with their full text and headings', () => {
    expect(plan.tasks.map((t) => t.no)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    for (const e of expected.tasks) {
      const t = task(e.no);
      expect(t.text.startsWith(e.textStart), `task ${e.no} starts "${t.text.slice(0, 10)}"`).toBe(true);
      expect(t.text.endsWith(e.textEnd), `task ${e.no} ends "${t.text.slice(-10)}"`).toBe(true);
      expect(plan.source.slice(t.span.start, t.span.end)).toBe(t.text);
      expect({ no: t.no, section: t.section, subsection: t.subsection }).toEqual({
        no: e.no,
        section: e.section,
        subsection: e.subsection,
      });
      expect(t.incomplete).toBe(false);
    }
  });

  it('gives every task its units with roles; an empty unit cell inherits the row above', () => {
    for (const e of expected.tasks) {
      const t = task(e.no);
      expect(
        t.units.map((u) => ({ raw: u.raw, role: u.role })),
        `units of task ${e.no}`,
      ).toEqual(e.units);
      expect(
        t.units.every((u) => u.inherited === e.inherited),
        `inherited flag of task ${e.no}`,
      ).toBe(true);
      expect(t.units.find((u) => u.role === 'lead')?.raw ?? null, `lead of task ${e.no}`).toBe(e.lead);
    }
    expect(expected.tasks.filter((e) => e.inherited).map((e) => e.no)).toEqual([
      2, 10, 12, 15, 17, 20, 24, 25, 28, 29, 30, 32, 36, 37, 45, 46,
    ]);
  });

  it('resolves every unit phrase against the default 鹰潭 directory', () => {
    expect(plan.unresolved).toEqual([]);
    const t18 = task(18);
    const byRaw = new Map(t18.units.map((u) => [u.raw, u]));
    expect(byRaw.get('市市场监管局')?.orgs).toEqual(['市市场监管局']);
    // 其他市政府行政执法部门: the tagged departments not already named in the same cell.
    expect(byRaw.get('其他市政府行政执法部门')?.orgs).toEqual(['市财政局']);
    expect(byRaw.get('各区(市)政府')?.orgs).toHaveLength(3);
    expect(byRaw.get('管委会')?.orgs).toHaveLength(3);
    const t3 = task(3);
    expect(t3.units.find((u) => u.raw === '其他市政府部门')?.orgs).toHaveLength(9);
    expect(t3.units.find((u) => u.raw === '其他市政府部门')?.orgs).not.toContain('市司法局');
    const t1 = task(1);
    expect(t1.units[0]!.orgs).toHaveLength(10);
  });

  it('extracts the obligations the hand-made file lists, and no others', () => {
    for (const e of expected.tasks) {
      const t = task(e.no);
      expect(
        t.obligations.length,
        `obligations of task ${e.no}: ${t.obligations.map((o) => o.raw).join(' | ')}`,
      ).toBe(e.obligations.length);
      for (const eo of e.obligations) {
        const { anchor, ...fields } = eo;
        const { _note, ...want } = fields as Record<string, unknown>;
        const found = t.obligations.find((o) => o.kind === eo.kind && o.raw.includes(anchor));
        expect(found, `task ${e.no}: ${eo.kind} containing "${anchor}"`).toBeDefined();
        expect(found).toMatchObject(want);
        expect(plan.source.slice(found!.span.start, found!.span.end)).toBe(found!.raw);
      }
    }
  });

  it('extracts the indicators the hand-made file lists, and no others', () => {
    for (const e of expected.tasks) {
      const t = task(e.no);
      expect(
        t.indicators.length,
        `indicators of task ${e.no}: ${t.indicators.map((i) => i.raw).join(' | ')}`,
      ).toBe(e.indicators.length);
      for (const ei of e.indicators) {
        const { anchor, ...want } = ei;
        const found = t.indicators.find((i) => i.raw.includes(anchor) && i.value === ei.value);
        expect(found, `task ${e.no}: indicator containing "${anchor}"`).toBeDefined();
        expect(found).toMatchObject(want);
        expect(plan.source.slice(found!.span.start, found!.span.end)).toBe(found!.raw);
      }
    }
  });

  it('reports nothing as a problem on the reference notice', () => {
    expect(plan.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(plan.layout).toBe('table');
  });
});
