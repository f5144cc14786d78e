/**
 * The corpus of real task lists (fixtures/notices/corpus/, see its README): each document's
 * expected facts, and the share of them a plan gets. Used by `npm run corpus` and by the corpus
 * test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseNotice } from '../../src/notice/parse-notice.ts';
import { foldWidth } from '../../src/text/normalize.ts';
import type { Plan, Task } from '../../src/types.ts';
import { defaultDirectory } from './fixtures.ts';

export type ExpectedTask = {
  starts: string;
  section?: string | null;
  units?: string[];
  lead?: string[];
  deadline?: string;
  leaders?: string[];
};

export type CorpusExpectation = {
  about: string;
  source: { url?: string; via?: string; level: string; year: number };
  kinds: string[];
  head: { title?: string; docNumber?: string; issuer?: string; issuedAt?: string };
  sections: string[];
  tasks: ExpectedTask[];
};

export type CorpusDocument = { name: string; text: string; expected: CorpusExpectation };

/** One expected fact and whether the plan has it. */
export type Fact = { what: string; found: boolean; got?: string };

export type DocumentScore = { name: string; found: number; total: number; facts: Fact[] };

const corpusDir = new URL('../fixtures/notices/corpus/', import.meta.url);

export function corpusDocuments(): CorpusDocument[] {
  const files = new Set(readdirSync(corpusDir));
  return [...files]
    .filter((f) => f.endsWith('.txt') && files.has(f.replace(/\.txt$/, '.expected.json')))
    .sort()
    .map((f) => ({
      name: f.replace(/\.txt$/, ''),
      text: readFileSync(new URL(f, corpusDir), 'utf8'),
      expected: JSON.parse(readFileSync(new URL(f.replace(/\.txt$/, '.expected.json'), corpusDir), 'utf8')),
    }));
}

/** Text compared as a reader would: no spaces or line breaks, half-width punctuation, no end stop. */
export function norm(text: string | null | undefined): string {
  return foldWidth(text ?? '')
    .replace(/\s+/g, '')
    .replace(/[。.,;:：，；、]+$/, '');
}

/**
 * The task starts with the expected words (its number and label may come first). Read from the
 * source at the task's start: a short task text ends where its unit label begins, which the
 * expected opening words may run into (技能培训提升,牵头单位).
 */
function taskMatches(task: Task, source: string, starts: string): boolean {
  const want = norm(starts);
  const text = norm(source.slice(task.span.start, task.span.start + 4 * want.length + 40));
  const at = text.indexOf(want);
  return at >= 0 && at <= 12;
}

function headFacts(plan: Plan, expected: CorpusExpectation): Fact[] {
  const facts: Fact[] = [];
  for (const key of ['title', 'docNumber', 'issuer', 'issuedAt'] as const) {
    const want = expected.head[key];
    if (want === undefined) continue;
    const got = plan.notice[key];
    facts.push({ what: `head.${key} = ${want}`, found: norm(got) === norm(want), got: got ?? 'null' });
  }
  return facts;
}

function taskFacts(task: Task | undefined, want: ExpectedTask, no: number): Fact[] {
  const label = `task ${no} «${want.starts}»`;
  const facts: Fact[] = [{ what: `${label} found`, found: task !== undefined }];
  if (want.section !== undefined) {
    const got = task?.section ?? null;
    const found =
      task !== undefined && (want.section === null ? got === null : norm(got) === norm(want.section));
    facts.push({ what: `${label} section = ${want.section}`, found, got: String(got) });
  }
  const units = task?.units ?? [];
  const unitGot = units.map((u) => `${u.raw}/${u.role}`).join('、');
  for (const name of want.units ?? []) {
    const found = units.some((u) => norm(u.raw) === norm(name));
    facts.push({ what: `${label} unit ${name}`, found, got: unitGot });
  }
  for (const name of want.lead ?? []) {
    const found = units.some((u) => norm(u.raw) === norm(name) && u.role === 'lead');
    facts.push({ what: `${label} lead ${name}`, found, got: unitGot });
  }
  if (want.deadline !== undefined) {
    const dates = (task?.obligations ?? []).filter((o) => o.kind === 'once').map((o) => o.date);
    facts.push({
      what: `${label} deadline ${want.deadline}`,
      found: dates.includes(want.deadline),
      got: dates.join(',') || 'none',
    });
  }
  for (const name of want.leaders ?? []) {
    const found = (task?.leaders ?? []).some((l) => norm(l) === norm(name));
    facts.push({ what: `${label} leader ${name}`, found, got: (task?.leaders ?? []).join('、') });
  }
  return facts;
}

/** The expected facts of one document and which of them the plan has. */
export function scorePlan(name: string, plan: Plan, expected: CorpusExpectation): DocumentScore {
  const facts = headFacts(plan, expected);
  const titles = plan.sections.map((s) => norm(s.title));
  for (const section of expected.sections)
    facts.push({ what: `section ${section}`, found: titles.includes(norm(section)) });

  // Tasks are matched in order; a task of the plan passed over is one the reader would not count.
  const matched = new Set<number>();
  let next = 0;
  expected.tasks.forEach((want, i) => {
    let at = -1;
    for (let j = next; j < plan.tasks.length; j++)
      if (taskMatches(plan.tasks[j]!, plan.source, want.starts)) {
        at = j;
        break;
      }
    if (at >= 0) {
      matched.add(at);
      next = at + 1;
    }
    facts.push(...taskFacts(at >= 0 ? plan.tasks[at] : undefined, want, i + 1));
  });
  plan.tasks.forEach((t, j) => {
    if (!matched.has(j))
      facts.push({ what: `no extra task «${norm(t.text).slice(0, 20)}» (line ${t.line})`, found: false });
  });
  return { name, found: facts.filter((f) => f.found).length, total: facts.length, facts };
}

export function scoreDocument(doc: CorpusDocument): DocumentScore {
  const plan = parseNotice(doc.text, { directory: defaultDirectory() });
  return scorePlan(doc.name, plan, doc.expected);
}
