/**
 * parseNotice: the text of a notice in, a plan out. Never throws on bad input: what it cannot
 * understand becomes a diagnostic with its line and column.
 */
import { extractIndicators } from '../extract/indicators.ts';
import { extractObligations } from '../extract/obligations.ts';
import { extractSchedule } from '../extract/schedule.ts';
import type { OrgDirectory } from '../orgs/directory.ts';
import { foldWidth, LineIndex } from '../text/normalize.ts';
import type {
  Diagnostic,
  Layout,
  NoticeHead,
  Obligation,
  Period,
  Plan,
  Severity,
  Span,
  Task,
  UnitRef,
} from '../types.ts';
import { responsibilityClause } from './clauses.ts';
import { CARRIED_RULE_RE, headingLeaders, headingUnits, ruleUnits } from './context-units.ts';
import { parseHead } from './head.ts';
import { compact, endsComplete, type Line, splitLines } from './lines.ts';
import { paragraphDrafts } from './paragraphs.ts';
import { inferStructure } from './structure.ts';
import { innerUnitBrackets, unitBracket } from './unit-bracket.ts';
import { leadingLabel, parseUnits, type ResolveOptions, type UnitSource } from './units.ts';
import { type Draft, endsWithUnits, findBodyStart, walkBody } from './walk.ts';

export type ParseOptions = {
  /** The org directory unit phrases are resolved against; without one every unit is unresolved. */
  directory?: OrgDirectory | null;
  /**
   * The text comes from `readNoticeFile` of a .docx or .xlsx (its `mergesMarked`): a cell merged
   * from the row above is written as 〃, so an empty 配合单位 cell means no co-units rather than
   * the row above's. An empty 牵头/责任单位 cell still takes the row above's units.
   */
  mergesMarked?: boolean;
  /**
   * The 1-based line where the list begins, as a person marked it (the import wizard offers this
   * when no list was found): the lines before it are the head, whatever they hold.
   */
  listStartLine?: number;
};

type Problem = { code: string; message: string; span: Span; severity: Severity; task?: number };

function within(span: Span, sources: UnitSource[]): boolean {
  return sources.some((s) => span.start >= s.offset && span.end <= s.offset + s.text.length);
}

function trimRange(source: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(source[s]!)) s++;
  while (e > s && /\s/.test(source[e - 1]!)) e--;
  return { start: s, end: e };
}

/** A place name and its level at the start of a name: 石溪县, 鹰潭市, 济南市钢城区 (two of them). */
const PLACE_RE = /^([\u4e00-\u9fff]{2,4}?)(省|市|区|县|旗|州)/;

/**
 * The list is where responsibility is: where some parts of a notice give units to their items,
 * the items of a part that gives none (一、总体要求 with (一)指导思想 (二)基本原则, 三、保障措施, 方法
 * 步骤) are explanation, not tasks. A last item the source ends inside stays (it is reported as cut).
 */
function dropSectionsWithoutUnits(
  drafts: Draft[],
  source: string,
  directory: OrgDirectory | null,
  problems: Problem[],
): void {
  const carries = (d: Draft) => {
    if (d.unitSources.length > 0 || d.inheritedSources.length > 0 || headingUnits(d, source)) return true;
    const { start, end } = trimRange(source, d.start, d.end);
    return (
      unitBracket(source.slice(start, end), start, directory, false) !== null ||
      responsibilityClause(source, start, end) !== null
    );
  };
  const withUnits = new Set<Draft['section']>();
  for (const d of drafts) if (carries(d)) withUnits.add(d.section);
  if (withUnits.size === 0) return;
  const last = drafts.at(-1);
  const cut = last !== undefined && !endsComplete(foldWidth(source.slice(last.start, last.end)));
  for (let i = drafts.length - 1; i >= 0; i--) {
    const d = drafts[i]!;
    if (d.kind === 'row' || withUnits.has(d.section) || (d === last && cut)) continue;
    drafts.splice(i, 1);
    const { start, end } = trimRange(source, d.start, d.end);
    problems.push({
      code: 'text-outside-task',
      message: `“${d.section?.title ?? ''}”部分没有写明责任单位，这一项作为说明而不是任务：“${compact(source.slice(start, end)).slice(0, 30)}”`,
      span: { start, end },
      severity: 'info',
    });
  }
}

/** Where the head of a notice without numbered tasks ends: after its addressees or its date. */
function headLinesEnd(lines: Line[]): number {
  let end = 0;
  for (const [i, l] of lines.slice(0, 30).entries()) {
    if (endsWithUnits(l) || leadingLabel(l.folded)) break;
    const t = l.folded.trim();
    if (/:$/.test(t) && !/如下:$/.test(t)) end = i + 1;
    else if (/^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(t)) end = i + 1;
  }
  return end;
}

/** Every regular expression of the notice reader itself (the tests run each on worst-case input). */
export const NOTICE_PATTERNS = {
  PLACE_RE,
} as const;

/**
 * The government a notice comes from, read from its issuer (else the words of its title before
 * 关于): the last place it names (鹰潭市, 济南市钢城区 → 钢城区), or only a level when it names
 * none (区人民政府办公室 → 区). Null when it cannot be told.
 */
export function issuingPlace(head: NoticeHead): { name: string | null; level: string } | null {
  let s = compact(foldWidth(head.issuer ?? head.title?.split('关于')[0] ?? '')).replace(
    /^(中共|中国共产党)/,
    '',
  );
  let name: string | null = null;
  for (let m = PLACE_RE.exec(s); m; m = PLACE_RE.exec(s)) {
    name = m[0];
    s = s.slice(m[0].length);
  }
  if (name !== null) return { name, level: name.slice(-1) };
  const level = s.charAt(0);
  if (level !== '' && '省市区县旗州'.includes(level) && !s.startsWith('市场')) return { name: null, level };
  return null;
}

/** The notice comes from another government than the directory's: the name of that government. */
function foreignTo(head: NoticeHead, directory: OrgDirectory | null): string | null {
  const place = directory?.place;
  if (!place) return null;
  const from = issuingPlace(head);
  if (from === null) return null;
  if (from.name !== null ? from.name !== place.name : from.level !== place.level)
    return from.name ?? head.issuer ?? `${from.level}级政府`;
  return null;
}

const PERIOD_OF: Partial<Record<Obligation['kind'], Period>> = {
  annual: 'year',
  semiannual: 'halfyear',
  quarterly: 'quarter',
  monthly: 'month',
};

/**
 * A bare period in a 完成时限 column (每季度, 每半年) that the task's text already sets as a
 * frequency (每季度开展一次) says nothing more: one duty, not two.
 */
function repeatsText(o: Obligation, text: Obligation[]): boolean {
  if (o.confidence !== 'low') return false;
  const per = o.kind === 'frequency' ? o.per : PERIOD_OF[o.kind];
  return per !== undefined && text.some((t) => t.kind === 'frequency' && t.per === per);
}

export function parseNotice(input: string, options: ParseOptions = {}): Plan {
  const source = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const directory = options.directory ?? null;
  const index = new LineIndex(source);
  const problems: Problem[] = [];

  const structure = inferStructure(splitLines(source), directory, findBodyStart, options.listStartLine);
  const { lines, bodyStart } = structure;
  const { head, problems: headProblems } = parseHead(lines, bodyStart);
  // No notice title (a ledger, or a copy that lost its first lines): the list's own title names it.
  const titleFromList = !head.title && head.listTitle !== null;
  if (titleFromList) head.title = head.listTitle;
  // A notice signed after its list: the signature gives the issuer (more fully than a title's
  // 区人民政府办公室关于…) and the signing date.
  if (structure.closing) {
    head.issuedAt ??= structure.closing.issuedAt;
    const signed = structure.closing.issuer;
    if (signed && (!head.issuer || (signed !== head.issuer && signed.endsWith(head.issuer))))
      head.issuer = signed;
  }
  problems.push(
    ...headProblems
      .filter((p) => !(p.code === 'head-no-date' && head.issuedAt))
      .map((p) =>
        p.code === 'head-no-title' && titleFromList
          ? { ...p, severity: 'info' as const, message: `未找到通知标题，以清单标题“${head.title}”作为标题` }
          : p,
      ),
    ...structure.explanation.map(
      (message): Problem => ({ code: 'structure', message, span: { start: 0, end: 0 }, severity: 'info' }),
    ),
  );
  const foreign = foreignTo(head, directory);
  const resolve: ResolveOptions = { foreign };

  const walked = walkBody(lines, bodyStart, {
    mergesMarked: options.mergesMarked ?? false,
    levels: structure.levels,
    bodyEnd: structure.bodyEnd,
  });
  problems.push(...walked.problems);
  if (walked.drafts.length === 0) {
    // No numbered task and no table: paragraphs that carry units are the tasks; where a person
    // marked the start of the list, every paragraph from there on.
    const list = lines.slice(0, structure.bodyEnd);
    const marked = options.listStartLine !== undefined;
    const headEnd = marked ? bodyStart : headLinesEnd(lines);
    let every = false;
    walked.drafts.push(...paragraphDrafts(list, headEnd));
    if (walked.drafts.length === 0 && marked) {
      walked.drafts.push(...paragraphDrafts(list, headEnd, true));
      every = true;
    }
    if (walked.drafts.length > 0)
      problems.push({
        code: 'structure',
        message: every
          ? '任务没有编号，也不在表格中：已将指定行起的每个段落作为一项任务'
          : '任务没有编号，也不在表格中：已将写明责任单位的每个段落作为一项任务',
        span: { start: 0, end: 0 },
        severity: 'info',
      });
  }
  const year = head.issuedAt ? Number(head.issuedAt.slice(0, 4)) : null;
  const ctx = { noticeYear: year, issuedAt: head.issuedAt };

  // Where tasks are numbered 1. 2. …, a heading followed by text and no units (三、保障措施 /
  // (一)加强组织领导。各地要…) is an explanation, not a task.
  const drafts = walked.drafts.filter((d) => {
    if (d.kind !== 'heading' || !walked.numberedTasks || d.unitSources.length > 0) return true;
    const { start, end } = trimRange(source, d.start, d.end);
    if (unitBracket(source.slice(start, end), start, directory, false)) return true;
    const from = lines[d.line - 1]?.start ?? start;
    problems.push({
      code: 'text-outside-task',
      message: `标题下的这段说明不是编号任务，未解析：“${source.slice(from, end).trim().slice(0, 30)}”`,
      span: { start: from, end },
      severity: 'info',
    });
    return false;
  });

  dropSectionsWithoutUnits(drafts, source, directory, problems);

  const numbered = drafts.every((d) => d.written !== null);
  const increasing = numbered && drafts.every((d, i) => i === 0 || d.written! > drafts[i - 1]!.written!);
  if (numbered && !increasing && drafts.length > 0) {
    const first = drafts.find((d, i) => i > 0 && d.written! <= drafts[i - 1]!.written!)!;
    problems.push({
      code: 'task-renumbered',
      message: `任务编号不连续递增（第${first.line}行重新从${first.written}开始），已按出现顺序重新编号`,
      span: { start: first.start, end: first.start },
      severity: 'info',
    });
  }

  let carriedNotes: string[] = [];
  const layouts = new Set<Layout>();
  if (walked.usedTable) layouts.add('table');
  let withUnits = 0;
  const tasks: Task[] = drafts.map((d, i) => {
    const no = increasing ? d.written! : i + 1;
    const last = i === drafts.length - 1;
    const task = finishDraft(d, no, source, directory, resolve, ctx, problems, last);
    if (task.units.length > 0) withUnits++;
    if (d.unitSources.some((s) => s.label === null)) layouts.add('labels');
    task.notes.unshift(...carriedNotes);
    const downstream = task.notes.filter((n) => n.includes('下同') || CARRIED_RULE_RE.test(n));
    if (downstream.length > 0) carriedNotes = [...new Set([...carriedNotes, ...downstream])];
    task.units.push(...ruleUnits(task, source, directory, resolve));
    if (d.paragraph && task.units.length > 0 && d.unitSources.length === 0) layouts.add('inline');
    return task;
  });

  // The last task of a cut-off notice: report it rather than guess.
  const lastTask = tasks[tasks.length - 1];
  const lastDraft = drafts[drafts.length - 1];
  if (lastTask && lastDraft && !lastTask.incomplete) {
    // A table row's text need not end a sentence: the row is cut only where its line ends in it.
    const cut =
      !(lastDraft.kind === 'row' && lastDraft.cellsAfterText) &&
      !endsComplete(foldWidth(source.slice(lastDraft.start, lastDraft.end)));
    const missing = lastTask.units.length === 0 && withUnits > 0;
    if (cut || missing) {
      lastTask.incomplete = true;
      lastTask.units = lastTask.units.filter((u) => !u.inherited);
      problems.push({
        code: 'task-incomplete',
        message: `第${lastTask.no}项任务在文末${cut ? '被截断' : '没有责任单位'}，可能不完整，请补全后再发布`,
        span: { start: lastTask.span.end, end: lastTask.span.end },
        severity: 'warning',
        task: lastTask.no,
      });
    }
  }
  for (const t of tasks) {
    if (t.units.length === 0 && !t.incomplete)
      problems.push({
        code: 'task-no-units',
        message: `第${t.no}项任务没有找到责任单位`,
        span: t.span,
        severity: 'warning',
        task: t.no,
      });
  }
  for (let i = 1; i < tasks.length && increasing; i++) {
    const gap = tasks[i]!.no - tasks[i - 1]!.no;
    if (gap > 1)
      problems.push({
        code: 'task-number-gap',
        message: `任务编号从${tasks[i - 1]!.no}跳到${tasks[i]!.no}，中间的任务可能缺失`,
        span: { start: tasks[i]!.span.start, end: tasks[i]!.span.start },
        severity: 'warning',
        task: tasks[i]!.no,
      });
  }
  if (tasks.length === 0)
    problems.push({
      code: 'no-tasks',
      message: '未找到任务清单：没有编号的任务、表格行或带责任单位的段落',
      span: { start: 0, end: 0 },
      severity: 'error',
    });
  if (directory?.root && tasks.length > 0) {
    const place = directory.root.name.replace(/(人民政府|政府)$/, '');
    const said = `${head.issuer ?? ''}${head.title ?? ''}${head.docNumber ?? ''}${head.listTitle ?? ''}`;
    // Only a head that names someone else is a mismatch; a ledger without an issuer (a task list
    // kept in Excel, titled without a place) says nothing.
    if (foreign)
      problems.push({
        code: 'directory-mismatch',
        message: `组织目录属于“${directory.root.name}”，本通知由${foreign}发出：单位没有按这份目录对应（包括“各部门”等集体单位），请换用${foreign}的组织目录，或逐项指定单位`,
        span: { start: 0, end: 0 },
        severity: 'warning',
      });
    else if (head.issuer && place && !said.includes(place) && !said.includes(place.slice(0, 2)))
      problems.push({
        code: 'directory-mismatch',
        message: `组织目录属于“${directory.root.name}”，与本通知的发文机关（${head.issuer ?? '未知'}）不符，单位可能无法对应`,
        span: { start: 0, end: 0 },
        severity: 'warning',
      });
  }

  const diagnostics: Diagnostic[] = problems
    .map((p) => {
      const { line, column } = index.position(p.span.start);
      const diag: Diagnostic = {
        severity: p.severity,
        code: p.code,
        message: p.message,
        line,
        column,
        span: p.span,
      };
      if (p.task !== undefined) diag.task = p.task;
      return diag;
    })
    .sort((a, b) => a.span!.start - b.span!.start);

  const unresolved = [
    ...new Set(
      tasks.flatMap((t) =>
        // A name a PDF broke over two lines is the same name.
        t.units.filter((u) => !u.inherited && u.resolution === 'unresolved').map((u) => compact(u.raw)),
      ),
    ),
  ];
  const layout: Layout = layouts.size === 1 ? [...layouts][0]! : layouts.size === 0 ? 'inline' : 'mixed';
  return {
    notice: head,
    layout,
    sections: walked.sections,
    tasks,
    diagnostics,
    unresolved,
    source,
  };
}

function finishDraft(
  d: Draft,
  no: number,
  source: string,
  directory: OrgDirectory | null,
  resolve: ResolveOptions,
  ctx: { noticeYear: number | null; issuedAt: string | null },
  problems: Problem[],
  last: boolean,
): Task {
  let { start, end } = trimRange(source, d.start, d.end);
  const sources: UnitSource[] = [...d.unitSources];
  const bracketDeadlines: { text: string; offset: number }[] = [];
  let incomplete = false;
  if (d.paragraph && d.unitSources.length === 0) {
    // One bracket per measure: the brackets inside the text, then the one that ends it.
    sources.push(...innerUnitBrackets(source.slice(start, end), start, directory));
    const found = unitBracket(source.slice(start, end), start, directory, last);
    if (found) {
      sources.push(...found.sources);
      bracketDeadlines.push(...found.deadlines);
      end = trimRange(source, start, found.textEnd).end;
      if (found.cutAt !== null) {
        incomplete = true;
        problems.push({
          code: 'task-incomplete',
          message: `第${no}项任务的责任单位在文末被截断（“${found.cutText}”），已忽略不完整的部分`,
          span: { start: found.cutAt, end: found.cutAt + found.cutText.length },
          severity: 'warning',
          task: no,
        });
      }
    }
  }
  // No bracket or label: a 由…牵头 clause in the text (由市司法局牵头，市财政局配合，开展…), else a
  // heading that names who leads (一、县示范区管委会牵头工作(8项)).
  if (sources.length === 0 && d.inheritedSources.length === 0) {
    const clause = responsibilityClause(source, start, end);
    const heading = clause ? null : headingUnits(d, source);
    if (clause) sources.push(...clause.sources);
    else if (heading) sources.push(heading);
  }
  // Leaders named by the heading above ((牵头领导:成坤、柯相国)) lead its tasks that name none.
  const headingLeaderSource = d.unitSources.some((u) => u.label === 'leader')
    ? null
    : headingLeaders(d, source);
  if (headingLeaderSource) sources.push(headingLeaderSource);
  const inherited = incomplete ? [] : d.inheritedSources;
  // Units keep the order of the table's columns, a cell merged from the row above included.
  const ordered = [...sources, ...inherited].sort((a, b) => (a.column ?? -1) - (b.column ?? -1));
  const parsed = parseUnits(ordered, directory, resolve);
  const units: UnitRef[] = parsed.units.map((u) =>
    within(u.span, inherited)
      ? { ...u, inherited: true, confidence: d.inheritCrossesSubsection ? 'low' : u.confidence }
      : u,
  );
  for (const p of parsed.problems)
    if (!within(p.span, inherited))
      problems.push({ ...p, severity: p.code === 'unit-vague' ? 'info' : 'warning', task: no });
  if (d.inheritCrossesSubsection && inherited.length > 0)
    problems.push({
      code: 'unit-inherited-across-subsection',
      message: `第${no}项任务的责任单位为空，沿用了上一小节最后一项任务的单位，请确认`,
      span: { start, end: start },
      severity: 'info',
      task: no,
    });

  const text = source.slice(start, end);
  const fromText = extractObligations(text, start, ctx);
  // A 完成时限 cell or label is read leniently: 2024年6月 alone is a deadline there. A label inside
  // a unit line or bracket (责任单位:市应急管理局 完成时限:2025年9月底前) counts as well.
  const deadlineSources = [
    ...d.deadlineSources,
    ...bracketDeadlines,
    ...parsed.deadlines.filter((s) => !within({ start: s.offset, end: s.offset }, inherited)),
  ];
  const obligations = [
    ...fromText,
    ...deadlineSources
      .flatMap((s) => extractSchedule(s.text, s.offset, ctx)?.obligations ?? [])
      .filter((o) => !repeatsText(o, fromText)),
  ];
  const indicators = extractIndicators(text, start, { noticeYear: ctx.noticeYear });
  return {
    no,
    label: d.label,
    text,
    span: { start, end },
    line: d.line,
    section: d.section?.title ?? null,
    subsection: d.subsection?.title ?? null,
    sectionNo: d.section?.no ?? null,
    subsectionNo: d.subsection?.no ?? null,
    units,
    leaders: parsed.leaders,
    obligations,
    indicators,
    notes: parsed.notes.map((n) => n.text),
    incomplete,
  };
}
