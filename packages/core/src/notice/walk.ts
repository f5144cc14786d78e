/**
 * Walk the body of a notice line by line and collect draft tasks with their headings, text ranges
 * and unit sources, for every layout: table rows, label lines, paragraphs with inline brackets,
 * and headings that are themselves tasks.
 */
import { parseChineseNumber } from '../text/chinese-number.ts';
import type { Section, Span, Subsection } from '../types.ts';
import { cellSeparator, type Line, numbering, tableCells } from './lines.ts';
import {
  alignedWith,
  type ColumnRole,
  type Header,
  readHeader,
  readPositionalRow,
  readRow,
} from './table.ts';
import { hasUnitLabel, type LabelKind, leadingLabel, type UnitSource } from './units.ts';

export type DraftKind = 'numbered' | 'heading' | 'row';

export type Draft = {
  kind: DraftKind;
  label: string;
  written: number | null;
  line: number;
  start: number;
  end: number;
  section: Section | null;
  subsection: Subsection | null;
  unitSources: UnitSource[];
  /** Unit sources copied from the row above (merged cells). */
  inheritedSources: UnitSource[];
  inheritCrossesSubsection: boolean;
  deadlineSources: { text: string; offset: number }[];
  /** Paragraph layouts may carry the units in a bracket at the end of the text. */
  paragraph: boolean;
};

export type WalkProblem = { code: string; message: string; span: Span; severity: 'warning' | 'info' };

export type WalkResult = {
  sections: Section[];
  drafts: Draft[];
  problems: WalkProblem[];
  usedTable: boolean;
};

function titleOf(text: string): string {
  const dot = text.indexOf('。');
  const t = (dot >= 0 ? text.slice(0, dot) : text).trim();
  return t.replace(/[。.;;,,]$/, '');
}

/** Does a heading line say more than its title (a task written as a heading)? */
function bodyBeyondTitle(folded: string): boolean {
  const dot = folded.indexOf('。');
  return dot >= 0 && folded.slice(dot + 1).trim().length > 0;
}

export function walkBody(lines: Line[], bodyStart: number): WalkResult {
  const sections: Section[] = [];
  const drafts: Draft[] = [];
  const problems: WalkProblem[] = [];
  let section: Section | null = null;
  let subsection: Subsection | null = null;
  let current: Draft | null = null;
  let header: Header | null = null;
  let lastCells = new Map<ColumnRole, { text: string; offset: number; subsection: Subsection | null }>();
  let usedTable = false;
  const dotTasks = lines.slice(bodyStart).some((l) => numbering(l.folded)?.kind === 'task');

  const close = (nextIsNumbered: boolean) => {
    if (!current) return;
    const d = current;
    current = null;
    // A heading that only introduces numbered tasks is not a task itself.
    if (d.kind === 'heading' && nextIsNumbered && d.unitSources.length === 0) return;
    drafts.push(d);
  };

  const openSection = (no: string, title: string, span: Span) => {
    section = { no, index: parseChineseNumber(no) ?? sections.length + 1, title, span, subsections: [] };
    sections.push(section);
    subsection = null;
  };
  const openSubsection = (no: string, title: string, span: Span) => {
    if (!section) {
      section = { no: '', index: 0, title: '', span, subsections: [] };
      sections.push(section);
    }
    subsection = { no, index: parseChineseNumber(no) ?? section.subsections.length + 1, title, span };
    section.subsections.push(subsection);
  };

  const newDraft = (
    kind: DraftKind,
    label: string,
    written: number | null,
    line: Line,
    start: number,
  ): Draft => ({
    kind,
    label,
    written,
    line: line.no,
    start,
    end: line.end,
    section,
    subsection,
    unitSources: [],
    inheritedSources: [],
    inheritCrossesSubsection: false,
    deadlineSources: [],
    paragraph: kind !== 'row',
  });

  let previousWasRow = false;
  for (const line of lines.slice(bodyStart)) {
    const folded = line.folded;
    if (!folded.trim()) continue;

    const separator = cellSeparator(line, previousWasRow);
    previousWasRow = separator !== null;
    if (separator) {
      usedTable = true;
      const cells = tableCells(line, separator);
      const newHeader = readHeader(cells);
      if (newHeader) {
        close(false);
        header = newHeader;
        lastCells = new Map();
        continue;
      }
      const row =
        header?.positional && alignedWith(cells, header)
          ? readPositionalRow(cells, header)
          : readRow(cells, header?.roles ?? ['responsible']);
      for (const h of row.headings) {
        const span = { start: h.cell.start, end: h.cell.start + h.cell.text.length };
        const title = titleOf(h.title);
        // A heading column repeated on every row (not merged) names the same heading again.
        if (h.kind === 'section' && (section as Section | null)?.title !== title)
          openSection(h.no, title, span);
        else if (h.kind === 'subsection' && (subsection as Subsection | null)?.title !== title)
          openSubsection(h.no, title, span);
      }
      if (!row.text) {
        const stray = cells.find((c) => c.folded && !row.headings.some((h) => h.cell === c));
        if (stray)
          problems.push({
            code: 'row-not-understood',
            message: `表格行中找不到任务内容：“${stray.text.slice(0, 30)}”`,
            span: { start: stray.start, end: stray.start + stray.text.length },
            severity: 'warning',
          });
        continue;
      }
      close(true);
      const text = row.text;
      const d = newDraft(
        'row',
        row.number?.label ?? '',
        row.number?.value ?? null,
        line,
        text.start + text.labelLength,
      );
      d.end = text.start + text.text.length;
      for (const { role, cell } of row.cells) {
        if (role === undefined || role === 'note' || role === 'other') {
          if (cell.folded && role === undefined)
            problems.push({
              code: 'cell-not-understood',
              message: `无法识别的表格列内容：“${cell.text.slice(0, 30)}”`,
              span: { start: cell.start, end: cell.start + cell.text.length },
              severity: 'info',
            });
          continue;
        }
        if (role === 'deadline') {
          if (cell.folded) d.deadlineSources.push({ text: cell.text, offset: cell.start });
          continue;
        }
        const label: LabelKind = role;
        if (cell.folded) {
          d.unitSources.push({ text: cell.text, offset: cell.start, label });
          lastCells.set(role, { text: cell.text, offset: cell.start, subsection });
        } else {
          const above = lastCells.get(role);
          if (above) {
            d.inheritedSources.push({ text: above.text, offset: above.offset, label });
            if (above.subsection !== subsection) d.inheritCrossesSubsection = true;
          }
        }
      }
      current = d;
      continue;
    }

    const n = numbering(folded);
    if (n && (n.kind === 'section' || n.kind === 'subsection')) {
      close(false);
      const rest = line.text.slice(n.length);
      const span = { start: line.start, end: line.end };
      if (n.kind === 'section') openSection(n.no, titleOf(rest), span);
      else openSubsection(n.no, titleOf(rest), span);
      if (
        bodyBeyondTitle(folded.slice(n.length)) ||
        hasUnitLabel(folded) ||
        /负责[)\]〕]\s*。?\s*$/.test(folded)
      ) {
        current = newDraft('heading', `(${n.no})`, null, line, line.start + n.length);
        if (n.kind === 'section') current.label = `${n.no}、`;
      }
      continue;
    }
    const expected = ((current as Draft | null)?.written ?? drafts.at(-1)?.written ?? 0) + 1;
    const continues = !n?.decimalLike || Number(n.no) === expected || Number(n.no) === 1;
    if (n && continues && (n.kind === 'task' || (n.kind === 'paren-task' && !dotTasks))) {
      close(true);
      current = newDraft(
        'numbered',
        line.text.slice(0, n.length).trim(),
        Number(n.no),
        line,
        line.start + n.length,
      );
      continue;
    }

    const label = leadingLabel(folded);
    if (label) {
      if (current) {
        if (label.kind === 'deadline')
          current.deadlineSources.push({
            text: line.text.slice(label.length),
            offset: line.start + label.length,
          });
        else current.unitSources.push({ text: line.text, offset: line.start, label: null });
      } else {
        problems.push({
          code: 'label-outside-task',
          message: '这一行的单位标签不属于任何任务',
          span: { start: line.start, end: line.end },
          severity: 'warning',
        });
      }
      continue;
    }

    if (current && current.unitSources.length === 0 && current.kind !== 'row') {
      current.end = line.end;
      continue;
    }
    if (current || drafts.length > 0) {
      problems.push({
        code: 'text-outside-task',
        message: `这段文字不属于任何任务，未解析：“${line.text.trim().slice(0, 30)}”`,
        span: { start: line.start, end: line.end },
        severity: 'info',
      });
    }
  }
  close(false);
  return { sections, drafts, problems, usedTable };
}
