/**
 * Hang guard for the notice reader: its regular expressions, and the line and unit readers built
 * on them, finish on worst-case input (100k repetitions of the prefixes that could make them
 * backtrack or rescan). The bound is a hang guard only (2000 ms), not a speed benchmark.
 */
import { describe, expect, it } from 'vitest';
import { joinBreaks } from '../../src/extract/shared.ts';
import { CLAUSE_PATTERNS } from '../../src/notice/clauses.ts';
import { CONTEXT_PATTERNS } from '../../src/notice/context-units.ts';
import { HEAD_PATTERNS } from '../../src/notice/head.ts';
import { joinQuotedRows, LINE_PATTERNS, splitLines } from '../../src/notice/lines.ts';
import { NOTICE_PATTERNS, parseNotice } from '../../src/notice/parse-notice.ts';
import { STRUCTURE_PATTERNS } from '../../src/notice/structure.ts';
import { parseUnits, UNIT_PATTERNS } from '../../src/notice/units.ts';
import { defaultDirectory } from '../helpers/fixtures.ts';

const LENGTH = 100_000;
const BOUND_MS = 2000;

function repeat(unit: string): string {
  return unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
}

/** Prefixes that could make a pattern or a reader try many paths, each repeated to 100k characters. */
const UNITS = [
  '第',
  '第 ',
  '第一',
  '第一部',
  '第一部 ',
  '一',
  '一是',
  ' ',
  '-',
  '- 1',
  '-1-',
  '第1页',
  '第1页 共',
  '[',
  '[牵头',
  '[牵头单位',
  '[牵头单位]',
  '牵头单位',
  '牵头单位 ',
  '牵头单位:',
  '单位:',
  '鹰潭',
  '鹰潭市',
  '石溪县人民',
  '\n',
  ' \n',
  '市商务\n',
  '市\n',
  '、\n',
  '"\t',
  '\t"',
  '1\t"',
  '(',
  ')',
  '市委政法委(',
  '县发改局',
  '局市',
  '等和',
  '局和',
  '会同',
  '负责',
  '分别牵头',
  '按职责分工',
  '第一位的为牵头,',
  '以下',
  '(市司法局牵头)',
  '。(市司法局牵头)',
];

const INPUTS: [string, string][] = UNITS.map((u): [string, string] => [`${u} ×`, repeat(u)]);

const PATTERNS: [string, RegExp][] = [
  ...Object.entries(LINE_PATTERNS).map(([k, re]): [string, RegExp] => [`lines.${k}`, re]),
  ...Object.entries(UNIT_PATTERNS).map(([k, re]): [string, RegExp] => [`units.${k}`, re]),
  ...Object.entries(NOTICE_PATTERNS).map(([k, re]): [string, RegExp] => [`notice.${k}`, re]),
  ...Object.entries(CLAUSE_PATTERNS).map(([k, re]): [string, RegExp] => [`clauses.${k}`, re]),
  ...Object.entries(CONTEXT_PATTERNS).map(([k, re]): [string, RegExp] => [`context.${k}`, re]),
  ...Object.entries(HEAD_PATTERNS).map(([k, re]): [string, RegExp] => [`head.${k}`, re]),
  ...Object.entries(STRUCTURE_PATTERNS).map(([k, re]): [string, RegExp] => [`structure.${k}`, re]),
];

/** Try a pattern at every start offset (anchored ones too, by running them on each suffix start). */
function runEverywhere(re: RegExp, s: string): number {
  const flags = `${re.flags.replace('y', '').replace('g', '')}g`;
  const r = new RegExp(re.source.startsWith('^') ? re.source.slice(1) : re.source, flags);
  let n = 0;
  for (let m = r.exec(s); m !== null; m = r.exec(s)) {
    n++;
    r.lastIndex = m.index + 1;
  }
  return n;
}

function timed(run: () => unknown): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

describe('notice regular expressions on worst-case input', () => {
  it.each(PATTERNS)('%s completes on every worst-case input', (_name, re) => {
    for (const [label, input] of INPUTS) {
      const ms = timed(() => runEverywhere(re, input));
      expect(ms, `${label}: ${Math.round(ms)} ms`).toBeLessThan(BOUND_MS);
    }
  });
});

describe('notice readers on worst-case input', () => {
  const directory = defaultDirectory();
  it.each([
    ['joinBreaks', (s: string) => joinBreaks(s)?.text.length ?? 0],
    ['joinQuotedRows', (s: string) => joinQuotedRows(splitLines(s)).length],
    ['parseUnits', (s: string) => parseUnits([{ text: s, offset: 0 }], directory).units.length],
    ['parseNotice', (s: string) => parseNotice(s, { directory }).tasks.length],
  ])('%s completes on every worst-case input', (_name, run) => {
    for (const [label, input] of INPUTS) {
      const ms = timed(() => run(input));
      expect(ms, `${label}: ${Math.round(ms)} ms`).toBeLessThan(BOUND_MS);
    }
  });
});
