/**
 * Property tests: random and mutated input never throws, never hangs, and never loses a task's
 * text; every span points at its raw text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../src/notice/parse-notice.ts';
import type { Plan } from '../../src/types.ts';
import { defaultDirectory, referenceText } from '../helpers/fixtures.ts';

const directory = defaultDirectory();

function checkSpans(plan: Plan): void {
  const n = plan.source.length;
  for (const t of plan.tasks) {
    expect(plan.source.slice(t.span.start, t.span.end)).toBe(t.text);
    for (const x of [...t.units, ...t.obligations, ...t.indicators]) {
      expect(x.span.start).toBeGreaterThanOrEqual(0);
      expect(x.span.end).toBeLessThanOrEqual(n);
      expect(plan.source.slice(x.span.start, x.span.end)).toBe(x.raw);
    }
  }
  for (const d of plan.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
  }
}

/** Characters a notice is made of, weighted toward the ones the parser reacts to. */
const noticeChar = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      ...'市区政府局委办部门各其他及等负责牵头单位责任年月日前底内每至少不少于达到以上以下个工作次人名学时',
    ),
  },
  { weight: 3, arbitrary: fc.constantFrom(...'一二三四五六七八九十〇两0123456789%') },
  { weight: 3, arbitrary: fc.constantFrom(...'、,，;；:：。()（）〔〕[]【】|｜《》“”\n -—~') },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) },
);
const noticeText = fc.array(noticeChar, { maxLength: 400 }).map((cs) => cs.join(''));

describe('parseNotice on random and mutated input', () => {
  it('never throws on random text, and every span is sound', () => {
    fc.assert(
      fc.property(noticeText, (text) => {
        checkSpans(parseNotice(text, { directory }));
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        checkSpans(parseNotice(text, { directory }));
      }),
      { numRuns: 200 },
    );
  });

  const reference = referenceText();
  const lines = reference.split('\n');

  it('never throws on the reference notice with lines dropped, doubled or cut', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.nat({ max: lines.length - 1 }),
            op: fc.constantFrom('drop', 'double', 'cut', 'swap'),
            cut: fc.nat({ max: 200 }),
          }),
          { maxLength: 8 },
        ),
        (edits) => {
          const ls = [...lines];
          for (const e of edits) {
            const i = Math.min(e.at, ls.length - 1);
            if (i < 0) break;
            if (e.op === 'drop') ls.splice(i, 1);
            else if (e.op === 'double') ls.splice(i, 0, ls[i]!);
            else if (e.op === 'cut') ls[i] = ls[i]!.slice(0, e.cut);
            else if (i + 1 < ls.length) [ls[i], ls[i + 1]] = [ls[i + 1]!, ls[i]!];
          }
          checkSpans(parseNotice(ls.join('\n'), { directory }));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never throws when the reference notice is cut at any character', () => {
    fc.assert(
      fc.property(fc.nat({ max: reference.length }), (at) => {
        const plan = parseNotice(reference.slice(0, at), { directory });
        checkSpans(plan);
      }),
      { numRuns: 150 },
    );
  });
});

/** Task text without the characters that structure a notice (numbering, brackets, cells, labels). */
const taskBody = fc
  .array(
    fc.constantFrom(
      ...'推进法治政府建设完善制度加强监督落实责任开展检查提升能力,、每年3月1日前不少于5%达到100%',
    ),
    {
      minLength: 4,
      maxLength: 60,
    },
  )
  .map((cs) => `${cs.join('')}。`);
const unitList = fc
  .array(
    fc.constantFrom('市司法局', '市财政局', '市发改委', '市政府各部门', '各区(市)政府', '管委会', '市教育局'),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((us) => us.join('、'));
const tasksArb = fc.array(fc.record({ body: taskBody, units: unitList }), { minLength: 1, maxLength: 25 });

const HEAD = '鹰潭市人民政府关于印发测试任务清单的通知\n鹰府字〔2024〕1号\n2024年7月4日\n测试任务清单\n';

describe('generated notices never lose a task or its text', () => {
  it('in the label-line layout', () => {
    fc.assert(
      fc.property(tasksArb, (tasks) => {
        const body = tasks.map((t, i) => `${i + 1}.${t.body}\n责任单位:${t.units}`).join('\n');
        const plan = parseNotice(`${HEAD}一、总体任务\n${body}\n`, { directory });
        expect(plan.tasks.map((t) => t.text)).toEqual(tasks.map((t) => t.body));
        expect(plan.tasks.map((t) => t.units.map((u) => u.raw).join('、'))).toEqual(
          tasks.map((t) => t.units),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('in the inline-bracket layout', () => {
    fc.assert(
      fc.property(
        tasksArb,
        fc.constantFrom(['(', ')'], ['〔', '〕'], ['[', ']'], ['（', '）']),
        (tasks, [o, c]) => {
          const body = tasks.map((t, i) => `${i + 1}、${t.body}${o}牵头单位:${t.units}${c}`).join('\n');
          const plan = parseNotice(`${HEAD}${body}\n`, { directory });
          expect(plan.tasks.map((t) => t.text)).toEqual(tasks.map((t) => t.body));
          expect(plan.tasks.every((t) => t.units.length > 0 && t.units.every((u) => u.role !== 'co'))).toBe(
            true,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('in the table layout, where an empty unit cell inherits the row above', () => {
    fc.assert(
      fc.property(tasksArb, fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }), (tasks, empties) => {
        const rows = tasks.map((t, i) => `${i + 1} | ${t.body} | ${i > 0 && empties[i] ? '' : t.units} |`);
        const plan = parseNotice(`${HEAD}任务 | 责任单位 |\n${rows.join('\n')}\n`, { directory });
        expect(plan.tasks.map((t) => t.text)).toEqual(tasks.map((t) => t.body));
        let last = '';
        tasks.forEach((t, i) => {
          const own = !(i > 0 && empties[i]);
          if (own) last = t.units;
          const got = plan.tasks[i]!;
          expect(got.units.map((u) => u.raw).join('、')).toBe(last);
          expect(got.units.every((u) => u.inherited === !own)).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe('worst-case inputs for the parser regular expressions (hang guards)', () => {
  const cases: [string, string][] = [
    ['numbering prefixes', '一、'.repeat(50_000)],
    ['bracketed numbering', '(一)'.repeat(30_000)],
    ['digits', '1'.repeat(100_000)],
    ['open brackets', '('.repeat(100_000)],
    ['close brackets', ')'.repeat(100_000)],
    ['cells', '|'.repeat(100_000)],
    ['label prefixes', '牵头单位'.repeat(30_000)],
    ['labels with colons', '责任单位:'.repeat(30_000)],
    ['doc numbers', '鹰府字〔2024〕'.repeat(20_000)],
    ['dates', '2024年'.repeat(30_000)],
    ['title words', '关于'.repeat(50_000)],
    ['spaces', ' '.repeat(100_000)],
    ['many short lines', '1.\n'.repeat(30_000)],
    ['many unit separators', `1.任务。(${'市司法局、'.repeat(20_000)})`],
  ];
  for (const [name, text] of cases) {
    it(`completes on ${name}`, () => {
      const t0 = performance.now();
      const plan = parseNotice(text, { directory });
      expect(Array.isArray(plan.tasks)).toBe(true);
      expect(performance.now() - t0).toBeLessThan(5_000);
    });
  }
});
