/**
 * Layouts the parser was not written against: short notices written by hand for these tests
 * (fixtures/notices/unseen/*.txt), each with a hand-made expectation (*.expected.json) — sections
 * 第一部分 / 第一章 / 一是, tables of | cells and of tabs, other unit and deadline labels, nested
 * brackets, a county notice read with the 鹰潭 directory, deadline forms, text wrapped like a PDF,
 * CRLF and spaced headings.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../src/notice/parse-notice.ts';
import type { Plan, Task } from '../../src/types.ts';
import { defaultDirectory, fixtureText } from '../helpers/fixtures.ts';

type ExpectedTask = {
  no: number;
  section?: string | null;
  subsection?: string | null;
  text?: string;
  textEnd?: string;
  units: [string, string, string][];
  inherited?: string[];
  qualifiers?: Record<string, string[]>;
  leaders?: string[];
  obligations: Record<string, unknown>[];
  indicators: [string, number, string | null][];
};

type Expected = {
  about: string;
  layout: Plan['layout'];
  foreign?: boolean;
  head: Record<string, unknown>;
  sections: { no?: string; title: string; subsections: string[] }[];
  tasks: ExpectedTask[];
  unresolved: string[];
  diagnostics?: { code: string; line: number; column: number }[];
  warnings: string[];
};

const directory = defaultDirectory();
const dir = new URL('../fixtures/notices/unseen/', import.meta.url);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort();

/** Unit phrases as written, with the line breaks of wrapped text taken out. */
const joined = (s: string) => s.replace(/\s+/g, '');

function unitsOf(t: Task): [string, string, string][] {
  return t.units.map((u) => [joined(u.raw), u.role, u.resolution]);
}

describe('unseen layouts', () => {
  it('has at least eight hand-written notices of 6 to 15 tasks, each with its expectation', () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) {
      const expected = JSON.parse(fixtureText(`notices/unseen/${name.replace(/\.txt$/, '.expected.json')}`));
      expect(expected.tasks.length, name).toBeGreaterThanOrEqual(6);
      expect(expected.tasks.length, name).toBeLessThanOrEqual(15);
    }
  });

  describe.each(names)('%s', (name) => {
    const source = fixtureText(`notices/unseen/${name}`);
    const expected: Expected = JSON.parse(
      fixtureText(`notices/unseen/${name.replace(/\.txt$/, '.expected.json')}`),
    );
    const plan = parseNotice(source, { directory });

    it('reads the head and the layout', () => {
      expect(plan.notice).toMatchObject(expected.head);
      expect(plan.layout).toBe(expected.layout);
    });

    it('finds the sections', () => {
      expect(
        plan.sections.map((s) => ({
          ...(expected.sections.some((e) => e.no !== undefined) ? { no: s.no } : {}),
          title: s.title,
          subsections: s.subsections.map((x) => x.title),
        })),
      ).toEqual(expected.sections);
    });

    it('finds every task with its text and place', () => {
      expect(plan.tasks.map((t) => t.no)).toEqual(expected.tasks.map((t) => t.no));
      for (const [i, e] of expected.tasks.entries()) {
        const t = plan.tasks[i]!;
        if (e.section !== undefined) expect(t.section, `task ${e.no}`).toBe(e.section);
        if (e.subsection !== undefined) expect(t.subsection, `task ${e.no}`).toBe(e.subsection);
        if (e.text !== undefined) expect(t.text, `task ${e.no}`).toBe(e.text);
        if (e.textEnd !== undefined) expect(t.text.endsWith(e.textEnd), `task ${e.no}: ${t.text}`).toBe(true);
        expect(t.incomplete, `task ${e.no}`).toBe(false);
      }
    });

    it('gives each task its units, roles and leaders as written', () => {
      for (const [i, e] of expected.tasks.entries()) {
        const t = plan.tasks[i]!;
        expect(unitsOf(t), `task ${e.no}`).toEqual(e.units);
        expect(
          t.units.filter((u) => u.inherited).map((u) => joined(u.raw)),
          `task ${e.no} inherited`,
        ).toEqual(e.inherited ?? []);
        expect(t.leaders, `task ${e.no} leaders`).toEqual(e.leaders ?? []);
        for (const [raw, qualifiers] of Object.entries(e.qualifiers ?? {}))
          expect(t.units.find((u) => u.raw === raw)?.qualifiers, `task ${e.no} ${raw}`).toEqual(qualifiers);
      }
      expect([...plan.unresolved].map(joined).sort()).toEqual([...expected.unresolved].sort());
      if (expected.foreign)
        for (const t of plan.tasks)
          expect(
            t.units.flatMap((u) => u.orgIds),
            `task ${t.no}`,
          ).toEqual([]);
    });

    it('reads the obligations and indicators', () => {
      for (const [i, e] of expected.tasks.entries()) {
        const t = plan.tasks[i]!;
        expect(t.obligations, `task ${e.no}: ${JSON.stringify(t.obligations)}`).toHaveLength(
          e.obligations.length,
        );
        for (const [k, o] of e.obligations.entries())
          expect(t.obligations[k], `task ${e.no}`).toMatchObject(o);
        expect(
          t.indicators.map((x) => [x.comparator, x.value, x.unit]),
          `task ${e.no}`,
        ).toEqual(e.indicators);
      }
    });

    it('reports what it should and nothing more, every span pointing at its text', () => {
      const warnings = plan.diagnostics
        .filter((d) => d.severity !== 'info' && d.code !== 'unit-unresolved')
        .map((d) => d.code);
      expect(warnings, JSON.stringify(plan.diagnostics)).toEqual(expected.warnings);
      for (const d of expected.diagnostics ?? [])
        expect(plan.diagnostics, d.code).toContainEqual(expect.objectContaining(d));
      for (const t of plan.tasks) {
        expect(plan.source.slice(t.span.start, t.span.end)).toBe(t.text);
        for (const x of [...t.units, ...t.obligations, ...t.indicators])
          expect(plan.source.slice(x.span.start, x.span.end)).toBe(x.raw);
      }
    });
  });
});
