/**
 * Walk the body of a notice line by line and collect draft tasks with their headings, text ranges
 * and unit sources, for every layout: table rows, label lines, paragraphs with inline brackets,
 * and headings that are themselves tasks.
 */
import { parseChineseNumber } from '../text/chinese-number.ts';
import type { Section, Span, Subsection } from '../types.ts';
import { trailingBracket } from './brackets.ts';
import {
  cellSeparator,
  compact,
  endsComplete,
  isPageNumber,
  joinQuotedRows,
  type Line,
  type Numbering,
  numbering,
  opensQuotedCell,
  type TableCell,
  tableCells,
  yishi,
} from './lines.ts';
import { type Levels, levelOf } from './structure.ts';
import {
  alignedWith,
  type ColumnRole,
  type Header,
  readHeader,
  readPositionalRow,
  readRow,
} from './table.ts';
import { unitBracket } from './unit-bracket.ts';
import { endsLikeUnit, hasUnitLabel, type LabelKind, leadingLabel, type UnitSource } from './units.ts';

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
  /** A table row whose line goes on past the task's cell (the row was not cut inside its text). */
  cellsAfterText?: boolean;
};

export type WalkOptions = {
  /**
   * The text comes from a reader that marks merged cells with 〃 (.docx, .xlsx): an empty 配合单位
   * cell then means no co-units instead of a cell merged from the row above.
   */
  mergesMarked?: boolean;
  /** The numbering levels inferred for this notice (structure.ts); null: the fixed ones. */
  levels?: Levels | null;
  /** Where the list ends (the closing of the notice begins): an index into the lines. */
  bodyEnd?: number;
};

/** A cell that says 同上: 〃 (written for a merged cell by the readers) or the words. */
const DITTO_RE = /^(?:\u3003|同上)$/;

export type WalkProblem = { code: string; message: string; span: Span; severity: 'warning' | 'info' };

export type WalkResult = {
  sections: Section[];
  drafts: Draft[];
  problems: WalkProblem[];
  usedTable: boolean;
  /** The body numbers its tasks 1. / 1、 (a heading with text is then no task of its own). */
  numberedTasks: boolean;
};

function titleOf(text: string): string {
  const dot = text.indexOf('。');
  const t = compact((dot >= 0 ? text.slice(0, dot) : text).trim());
  // A bracket of labels after a heading ((牵头领导:成坤、柯相国)) is no part of its title.
  return t.replace(HEADING_LABELS_RE, '').replace(/[。.;；,，:：]$/, '');
}

/** A bracket of labels that ends a heading: (牵头领导:成坤、柯相国), （责任单位：…）. */
export const HEADING_LABELS_RE =
  /[(（][^()（）]{0,20}?(?:领导|单位|部门|责任人)\s*[:：][^()（）]{1,80}[)）]$/;

/** The next line after `i` that holds something (page numbers skipped). */
function nextFilled(lines: Line[], i: number): Line | undefined {
  for (let j = i + 1; j < lines.length; j++) {
    const f = lines[j]!.folded;
    if (f.trim() && !isPageNumber(f)) return lines[j];
  }
  return undefined;
}

/**
 * 一是加快景区提质升级。 as a heading: a short line of one sentence, with no unit label or bracket,
 * followed right away by a numbered task. (一是 … inside a task's paragraph stays text.)
 */
function yishiHeading(lines: Line[], i: number): { no: string; title: string } | null {
  const line = lines[i]!;
  const y = yishi(line.folded);
  if (!y) return null;
  const rest = line.folded.slice(y.length).trim();
  const body = rest.replace(/[。.;,:]$/, '');
  if (body.length < 2 || body.length > 30 || /[。;:()[\]〔〕]/.test(body) || hasUnitLabel(rest)) return null;
  const next = nextFilled(lines, i);
  if (!next || numbering(next.folded)?.kind !== 'task') return null;
  return { no: y.no, title: titleOf(line.text.slice(y.length)) };
}

/**
 * Where the body starts: the first table row, numbered heading or task, or 一是 heading (the lines
 * before it are the head).
 */
export function findBodyStart(lines: Line[]): number {
  const at = lines.findIndex((l, i) => {
    const n = numbering(l.folded);
    return (
      cellSeparator(l, false) !== null ||
      (n !== null && n.kind !== 'paren-task') ||
      yishiHeading(lines, i) !== null
    );
  });
  return at < 0 ? lines.length : at;
}

/**
 * The numbering of a line under the notice's inferred levels: a Numbering whose kind is the role
 * its scheme plays here (tasks numbered 一、 become tasks 1, 2, …), or `below` (a part of a
 * task) / `skipped` (a level above the two the plan keeps). Without levels, the fixed reading.
 */
function classify(folded: string, levels: Levels | null): Numbering | 'below' | 'skipped' | null {
  const n = numbering(folded);
  if (!n || !levels) return n;
  const { role, no } = levelOf(n, levels);
  if (role === 'task') return { ...n, kind: 'task', no, part: false };
  if (role === 'section' || role === 'subsection') return { ...n, kind: role, part: false };
  return role;
}

/** Does a heading (its text after the numbering) go on on the next line, wrapped by a PDF? */
function headingGoesOn(title: string, next: Line): boolean {
  const t = title.trim();
  const rest = next.folded.trim();
  return (
    t.length >= 18 &&
    !/[。;:.,)\]]$/.test(t) &&
    rest.length > 0 &&
    rest.length <= 10 &&
    !/[。;:,]/.test(rest) &&
    numbering(next.folded) === null &&
    cellSeparator(next, false) === null &&
    !next.cells
  );
}

/** Does a heading line say more than its title (a task written as a heading)? */
function bodyBeyondTitle(folded: string): boolean {
  const dot = folded.indexOf('。');
  return dot >= 0 && folded.slice(dot + 1).trim().length > 0;
}

export function walkBody(allLines: Line[], bodyStart: number, options: WalkOptions = {}): WalkResult {
  const body = joinQuotedRows(allLines.slice(bodyStart, options.bodyEnd ?? allLines.length));
  const levels = options.levels ?? null;
  const sections: Section[] = [];
  const drafts: Draft[] = [];
  const problems: WalkProblem[] = [];
  let section: Section | null = null;
  let subsection: Subsection | null = null;
  let current: Draft | null = null;
  let header: Header | null = null;
  let lastCells = new Map<ColumnRole, { text: string; offset: number; subsection: Subsection | null }>();
  let usedTable = false;
  /** Cells that said 同上: read as empty, so that they inherit like a cell left empty. */
  const dittos = new WeakSet<TableCell>();
  const dotTasks = body.some((l) => numbering(l.folded)?.kind === 'task');
  // 第一部分 / 第一章 above 一、 headings: a level the plan has no place for.
  const plainSections = body.some((l) => {
    const n = numbering(l.folded);
    return n?.kind === 'section' && !n.part;
  });
  let yishiSeen = 0;
  /** The last line given to the current task, and the unit source a label line gave it. */
  let lastLine: Line | null = null;
  let lastLabel: { line: Line; source: UnitSource } | null = null;

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
    yishiSeen = 0;
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
  let skip = -1;
  for (const [i, line] of body.entries()) {
    const folded = line.folded;
    if (i === skip || !folded.trim() || isPageNumber(folded)) continue;
    const previous = lastLine;
    const pendingLabel = lastLabel;
    lastLine = line;
    lastLabel = null;

    if (opensQuotedCell(line))
      problems.push({
        code: 'quote-not-closed',
        message: '这一行的表格单元格以英文双引号开始，但后文没有对应的结束引号，单元格内容可能被截断，请核对',
        span: { start: line.start, end: line.end },
        severity: 'warning',
      });
    const separator = cellSeparator(line, previousWasRow);
    previousWasRow = separator !== null;
    if (separator) {
      usedTable = true;
      const cells = tableCells(line, separator).map((c) => {
        if (!DITTO_RE.test(c.folded)) return c;
        const ditto = { ...c, folded: '' };
        dittos.add(ditto);
        return ditto;
      });
      const newHeader = readHeader(cells);
      if (newHeader) {
        close(false);
        header = newHeader;
        lastCells = new Map();
        continue;
      }
      const row =
        header?.positional && (!line.cells || line.positional) && alignedWith(cells, header)
          ? readPositionalRow(cells, header)
          : readRow(cells, header?.roles ?? ['responsible'], line.cells !== undefined);
      // A sentence alone in a row rebuilt from one cell per paragraph: a heading spanning the table.
      const only = line.cells?.length === 1 ? line.cells[0]! : null;
      if (only && row.headings.length === 0 && !row.number) {
        close(false);
        openSection('', titleOf(only.text), { start: only.start, end: only.start + only.text.length });
        continue;
      }
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
      d.cellsAfterText = line.text.slice(d.end - line.start).includes(separator);
      for (const [column, { role, cell }] of row.cells.entries()) {
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
          if (cell.folded) {
            d.deadlineSources.push({ text: cell.text, offset: cell.start });
            lastCells.set(role, { text: cell.text, offset: cell.start, subsection });
          } else if (dittos.has(cell)) {
            // A merged 完成时限 cell (〃, or 同上 written out): the deadline of the cell above. An
            // empty one says nothing — it may be merged or empty, and a guessed date is worse.
            const above = lastCells.get(role);
            if (above) d.deadlineSources.push({ text: above.text, offset: above.offset });
          } else lastCells.delete(role);
          continue;
        }
        const label: LabelKind = role;
        if (cell.folded) {
          d.unitSources.push({ text: cell.text, offset: cell.start, label, column });
          lastCells.set(role, { text: cell.text, offset: cell.start, subsection });
        } else if (options.mergesMarked && role === 'co' && !dittos.has(cell)) {
          // Merged cells are marked: an empty 配合单位 cell is empty, and so is the row after it.
          lastCells.delete(role);
        } else {
          const above = lastCells.get(role);
          if (above) {
            d.inheritedSources.push({ text: above.text, offset: above.offset, label, column });
            if (above.subsection !== subsection) d.inheritCrossesSubsection = true;
          }
        }
      }
      current = d;
      continue;
    }

    const classified = classify(folded, levels);
    if (classified === 'below' && current && current.kind !== 'row' && current.unitSources.length === 0) {
      // A part of a task ((1) under 1.): its text goes on in the task.
      current.end = line.end;
      lastLine = line;
      continue;
    }
    const n = classified === 'below' ? null : classified;
    if (n === 'skipped' || (n?.part && plainSections)) {
      close(false);
      problems.push({
        code: 'heading-level-skipped',
        message: `“${compact(line.text.trim()).slice(0, 30)}”是部分标题和小标题之上的一级标题，清单只记录两级标题，未记录该标题`,
        span: { start: line.start, end: line.end },
        severity: 'info',
      });
      continue;
    }
    if (n && (n.kind === 'section' || n.kind === 'subsection')) {
      close(false);
      let rest = line.text.slice(n.length);
      const span = { start: line.start, end: line.end };
      // A heading a PDF wrapped (一、提高城市基层党建工作水平,加强党对基层治理的全面 / 领导):
      // a short last piece on the next line, with no sentence and no numbering of its own.
      const next = body[i + 1];
      if (next && headingGoesOn(folded.slice(n.length), next)) {
        rest = `${rest}${next.text.trim()}`;
        span.end = next.end;
        skip = i + 1;
      }
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
    const open = current as Draft | null;
    const y = yishiHeading(body, i);
    if (
      y &&
      parseChineseNumber(y.no) === yishiSeen + 1 &&
      (!open || open.unitSources.length > 0 || (previous !== null && endsComplete(previous.folded)))
    ) {
      close(false);
      const span = { start: line.start, end: line.end };
      const seen = yishiSeen;
      if (plainSections) openSubsection(y.no, y.title, span);
      else openSection(y.no, y.title, span);
      yishiSeen = seen + 1;
      continue;
    }
    const expected = (open?.written ?? drafts.at(-1)?.written ?? 0) + 1;
    // A wrapped line of a paragraph that starts with a figure (带动投资\n4.5亿元): not task 4.
    const wrapped =
      n?.decimalLike === true &&
      open !== null &&
      open.kind !== 'row' &&
      open.unitSources.length === 0 &&
      previous !== null &&
      !endsComplete(previous.folded) &&
      !/[:]\s*$/.test(previous.folded);
    const continues = !wrapped && (!n?.decimalLike || Number(n.no) === expected || Number(n.no) === 1);
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

    const leading = leadingLabel(folded);
    if (leading) {
      if (current) {
        if (leading.kind === 'deadline')
          current.deadlineSources.push({
            text: line.text.slice(leading.length),
            offset: line.start + leading.length,
          });
        else {
          const source: UnitSource = { text: line.text, offset: line.start, label: null };
          current.unitSources.push(source);
          lastLabel = { line, source };
        }
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

    // A unit label line broken mid-name (配合单位:市商务局、各区(市)\n政府): the next short line goes on.
    if (
      current &&
      pendingLabel &&
      pendingLabel.line.no === line.no - 1 &&
      labelGoesOn(pendingLabel.line.folded, folded)
    ) {
      pendingLabel.source.text = `${pendingLabel.source.text}\n${line.text}`;
      lastLabel = { line, source: pendingLabel.source };
      continue;
    }
    // A task ends at its unit bracket: a paragraph after it belongs to the task only when a later
    // paragraph of the same item ends with a bracket of its own (one bracket per measure); else it
    // is the closing of the list (保障措施 prose, the notice's last words).
    if (
      current &&
      current.unitSources.length === 0 &&
      current.kind !== 'row' &&
      (!endsWithUnits(previous) || bracketAhead(body, i))
    ) {
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
  return { sections, drafts, problems, usedTable, numberedTasks: dotTasks };
}

/** Does a line end with a unit bracket or unit labels ((市司法局牵头), 责任单位:…)? */
export function endsWithUnits(line: Line | null): boolean {
  if (line === null || !endsComplete(line.folded)) return false;
  const open = trailingBracket(line.folded);
  if (open !== null && !open.closed) return false;
  return unitBracket(line.text, 0, null, false) !== null;
}

/** Does a line from `i` on, before the next numbered line, end with a unit bracket? */
function bracketAhead(body: Line[], i: number): boolean {
  for (let j = i; j < body.length && j < i + 30; j++) {
    const l = body[j]!;
    if (j > i && (numbering(l.folded) !== null || cellSeparator(l, false) !== null)) return false;
    if (endsWithUnits(l)) return true;
  }
  return false;
}

/**
 * Does a label line stop in the middle of a unit name, so that `next` (a short line with no
 * sentence of its own) finishes it?
 */
function labelGoesOn(labelFolded: string, next: string): boolean {
  const t = labelFolded.trimEnd();
  const rest = next.trim();
  if (rest.length === 0 || rest.length > 30 || /[。:]/.test(rest)) return false;
  if (/[、,]$/.test(t)) return true;
  if (/[。;.!?]$/.test(t)) return false;
  const pieces = t.split(/[、,;: ]/);
  const last = pieces[pieces.length - 1] ?? '';
  return last.length > 0 && !endsLikeUnit(last);
}
