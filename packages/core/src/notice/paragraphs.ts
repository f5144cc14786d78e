/**
 * Tasks of a notice that neither numbers them nor puts them in a table: paragraphs that name units,
 * and the clauses of a paragraph of assignments (由A牵头…；由B牵头…).
 */
import { responsibilityClause } from './clauses.ts';
import { isPageNumber, type Line } from './lines.ts';
import { leadingLabel, type UnitSource } from './units.ts';
import { type Draft, endsWithUnits } from './walk.ts';

/**
 * The clauses of a paragraph that name who does them, each as a draft: split at 。 and ;, and at
 * a comma where a new subject begins (…，丘山区乡镇要加强水库防守); 同时/此外 before a subject is
 * left out.
 */
function clauseDrafts(line: Line): Draft[] {
  const drafts: Draft[] = [];
  let from = 0;
  const folded = line.folded;
  for (let i = 0; i <= folded.length; i++) {
    if (i < folded.length && folded[i] !== '。' && folded[i] !== ';') {
      if (folded[i] !== ',' || i - from < 6) continue;
      const next = folded.slice(i + 1).replace(CONNECTIVE_RE, '');
      const offset = i + 1 + (folded.length - i - 1 - next.length);
      if (responsibilityClause(line.text, offset, Math.min(folded.length, offset + 60))?.offset !== offset)
        continue;
    }
    const raw = line.text.slice(from, i + 1);
    const connective = CONNECTIVE_RE.exec(line.folded.slice(from, i + 1))?.[0].length ?? 0;
    const lead = Math.max(raw.length - raw.trimStart().length, connective);
    const start = line.start + from + lead;
    const end = line.start + Math.min(i + 1, folded.length);
    from = i + 1;
    const clause = responsibilityClause(line.text, start - line.start, end - line.start);
    if (end - start < 6 || clause === null) continue;
    // 为…，X要求，由A牵头，…: the task begins at its 由 clause.
    const before = line.folded.slice(start - line.start, clause.offset);
    drafts.push(draftAt(line, /[,:]\s*$/.test(before) ? line.start + clause.offset : start, end));
  }
  return drafts;
}

/** Words that join a sentence to the one before without being its subject. */
const CONNECTIVE_RE = /^\s*(?:同时|此外|另外|其次|最后|并且|并)\s*,?\s*/;

function draftAt(line: Line, start: number, end: number): Draft {
  return {
    kind: 'numbered',
    label: '',
    written: null,
    line: line.no,
    start,
    end,
    section: null,
    subsection: null,
    unitSources: [],
    inheritedSources: [],
    inheritCrossesSubsection: false,
    deadlineSources: [],
    paragraph: true,
  };
}

/**
 * A notice whose tasks are neither numbered nor in a table: every paragraph that ends with a unit
 * bracket, or is followed by unit label lines, is a task (the head and paragraphs without units
 * are left out). The last resort before 未找到任务清单. `every`: the list begins at `from`, as a
 * person marked it, and every paragraph from there on is a task.
 */
export function paragraphDrafts(lines: Line[], from: number, every = false): Draft[] {
  const drafts: Draft[] = [];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    const folded = line.folded.trim();
    if (!folded || isPageNumber(line.folded) || leadingLabel(line.folded)) continue;
    const labels: UnitSource[] = [];
    const deadlines: { text: string; offset: number }[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j]!;
      const label = leadingLabel(next.folded);
      if (!label) break;
      if (label.kind === 'deadline')
        deadlines.push({ text: next.text.slice(label.length), offset: next.start + label.length });
      else labels.push({ text: next.text, offset: next.start, label: null });
    }
    if (labels.length === 0 && !endsWithUnits(line) && !every) {
      // Assignments run on in one paragraph (由A牵头，…完成…；由B牵头，…): each clause with its own.
      drafts.push(...clauseDrafts(line));
      continue;
    }
    const start = line.start + (line.text.length - line.text.trimStart().length);
    drafts.push({
      kind: 'numbered',
      label: '',
      written: null,
      line: line.no,
      start,
      end: line.end,
      section: null,
      subsection: null,
      unitSources: labels,
      inheritedSources: [],
      inheritCrossesSubsection: false,
      deadlineSources: deadlines,
      paragraph: true,
    });
  }
  return drafts;
}
