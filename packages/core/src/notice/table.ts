/** Table rows: a header that names the columns, and rows that carry headings, a task and its units. */
import { numbering, type TableCell } from './lines.ts';

export type Cell = TableCell;

/** What a column after the task text holds. */
export type ColumnRole = 'lead' | 'responsible' | 'co' | 'leader' | 'deadline' | 'note' | 'other';

const HEADER_WORDS = new Map<string, ColumnRole | 'no' | 'text' | 'heading'>([
  ['序号', 'no'],
  ['编号', 'no'],
  ['序', 'no'],
  ['任务', 'text'],
  ['任务清单', 'text'],
  ['重点任务', 'text'],
  ['工作任务', 'text'],
  ['主要任务', 'text'],
  ['具体任务', 'text'],
  ['任务内容', 'text'],
  ['工作内容', 'text'],
  ['工作措施', 'text'],
  ['主要内容', 'text'],
  ['具体内容', 'text'],
  ['目标任务', 'text'],
  ['任务事项', 'text'],
  ['工作要求', 'text'],
  ['重点工作', 'text'],
  ['重点工作任务', 'text'],
  ['具体措施', 'text'],
  ['主要措施', 'text'],
  ['工作举措', 'text'],
  ['具体举措', 'text'],
  ['落实措施', 'text'],
  ['推进措施', 'text'],
  ['任务名称', 'text'],
  ['工作事项', 'text'],
  ['具体工作', 'text'],
  ['主要工作', 'text'],
  ['目标要求', 'note'],
  ['工作目标', 'note'],
  ['类别', 'heading'],
  ['分类', 'heading'],
  ['领域', 'heading'],
  ['事项', 'heading'],
  ['牵头单位', 'lead'],
  ['牵头部门', 'lead'],
  ['牵头科室', 'lead'],
  ['主办单位', 'lead'],
  ['主要责任单位', 'lead'],
  ['牵头责任单位', 'lead'],
  ['责任单位', 'responsible'],
  ['责任部门', 'responsible'],
  ['承办单位', 'responsible'],
  ['责任主体', 'responsible'],
  ['主责单位', 'responsible'],
  ['责任科室', 'responsible'],
  ['责任处室', 'responsible'],
  ['落实单位', 'responsible'],
  ['主体责任单位', 'responsible'],
  ['配合单位', 'co'],
  ['配合部门', 'co'],
  ['配合科室', 'co'],
  ['参与单位', 'co'],
  ['参与部门', 'co'],
  ['协办单位', 'co'],
  ['协办部门', 'co'],
  ['协同单位', 'co'],
  ['协同部门', 'co'],
  ['协同责任单位', 'co'],
  ['配合责任单位', 'co'],
  ['部门分工', 'responsible'],
  ['责任分工', 'responsible'],
  ['职责分工', 'responsible'],
  ['任务分工', 'responsible'],
  ['责任领导', 'leader'],
  ['牵头领导', 'leader'],
  ['分管领导', 'leader'],
  ['牵头市领导', 'leader'],
  ['牵头负责领导', 'leader'],
  ['分管省领导', 'leader'],
  ['分管市领导', 'leader'],
  ['分管县领导', 'leader'],
  ['分管区领导', 'leader'],
  ['联系领导', 'leader'],
  ['责任人', 'leader'],
  ['完成时限', 'deadline'],
  ['完成时间', 'deadline'],
  ['时间节点', 'deadline'],
  ['完成时间节点', 'deadline'],
  ['完成节点', 'deadline'],
  ['时间进度', 'deadline'],
  ['进度要求', 'deadline'],
  ['截止时间', 'deadline'],
  ['完成时限要求', 'deadline'],
  ['时间', 'deadline'],
  ['时限', 'deadline'],
  ['时限要求', 'deadline'],
  ['完成期限', 'deadline'],
  ['时间安排', 'deadline'],
  ['进度安排', 'deadline'],
  ['时间要求', 'deadline'],
  ['备注', 'note'],
]);

export function headerWord(folded: string): ColumnRole | 'no' | 'text' | 'heading' | undefined {
  const word = folded.replace(/\s+/g, '');
  return HEADER_WORDS.get(word) ?? headerWordByParts(word);
}

/**
 * A column name not in the list, read by what it is made of: …单位 / …部门 / …科室 (牵头… is the
 * lead, 配合… / 协… the co-units), …领导 / 责任人, …时限 / …时间 / …期限 / …节点, …内容 / …任务 /
 * …措施 / …事项 / …实事 / …项目 (the task), …进度 / …情况 / …状况 / …说明 (notes), 序号 / 任务项 / 编号.
 */
export function isColumnName(folded: string): boolean {
  return HEADER_WORDS.has(folded.replace(/\s+/g, ''));
}

function headerWordByParts(word: string): ColumnRole | 'no' | 'text' | 'heading' | undefined {
  if (word.length > 12 || !/^[\u4e00-\u9fff]+$/.test(word)) return undefined;
  if (/^(?:序号|编号|任务项|项次)$/.test(word)) return 'no';
  if (/(?:单位|部门|科室|处室|主体)$/.test(word)) {
    if (/牵头|主办|主责/.test(word)) return 'lead';
    if (/配合|协|参与/.test(word)) return 'co';
    return 'responsible';
  }
  if (/(?:领导|责任人|联系人)$/.test(word)) return 'leader';
  if (/(?:时限|时间|期限|节点|时序)$/.test(word)) return 'deadline';
  if (/(?:内容|任务|措施|事项|举措|工作|实事|项目|项目名称|工程)$/.test(word)) return 'text';
  if (/(?:进度|进展|情况|状况|说明|成效|目标|备注|标准)$/.test(word)) return 'note';
  return undefined;
}

export type HeaderWord = ColumnRole | 'no' | 'text' | 'heading';

/** A table header: the roles of the columns after the task text, and every column's word by index. */
export type Header = {
  roles: ColumnRole[];
  columns: (HeaderWord | undefined)[];
  /** Rows can be read by position: the header names a 序号 column and a task column. */
  positional: boolean;
};

/**
 * A header row names at least two known columns and has no task number. Returns null when the row is
 * not a header.
 */
export function readHeader(cells: Cell[]): Header | null {
  const words = cells.filter((c) => c.folded).map((c) => headerWord(c.folded));
  if (words.filter((w) => w !== undefined).length < 2 || cells.some((c) => /^\d{1,4}$/.test(c.folded)))
    return null;
  // A task column comes before the unit columns: one after them (攻坚目标任务 after 责任科室)
  // describes the task and is a note.
  const kinds = cells.map((c) => (c.folded ? headerWord(c.folded) : undefined));
  // No column named as the task's: the first column no word names holds it (民生实事, 工作名).
  if (!kinds.includes('text')) {
    const unnamed = kinds.findIndex((w, i) => w === undefined && cells[i]!.folded !== '');
    if (unnamed >= 0) kinds[unnamed] = 'text';
  }
  const unitAt = kinds.findIndex((w) => w === 'lead' || w === 'responsible' || w === 'co' || w === 'leader');
  const textBefore = unitAt > 0 && kinds.slice(0, unitAt).includes('text');
  const wordOf = (c: Cell): HeaderWord | undefined => {
    const w = kinds[cells.indexOf(c)];
    return w === 'text' && textBefore && cells.indexOf(c) > unitAt ? 'note' : w;
  };
  const named = cells.filter((c) => c.folded);
  const textAt = named.findIndex((c) => wordOf(c) === 'text');
  const after = named.slice(textAt + 1).map((c) => wordOf(c));
  const roles: ColumnRole[] = [];
  for (const w of after) {
    if (w === undefined) roles.push('other');
    else if (w === 'no' || w === 'text' || w === 'heading') continue;
    else roles.push(w);
  }
  const columns = cells.map((c) => (c.folded ? wordOf(c) : undefined));
  return {
    roles: roles.length > 0 ? roles : ['responsible'],
    columns,
    positional: columns.includes('no') && columns.includes('text'),
  };
}

export type RowHeading = {
  kind: 'section' | 'subsection';
  no: string;
  title: string;
  cell: Cell;
  labelLength: number;
};

export type RoleCell = { role: ColumnRole | undefined; cell: Cell };

export type Row = {
  headings: RowHeading[];
  number: { label: string; value: number } | null;
  text: (Cell & { labelLength: number }) | null;
  /** The cells after the task text with the column each belongs to (an empty cell: merged from above). */
  cells: RoleCell[];
};

const DEADLINE_HINT = /年|月|日|前|底|季度|每|长期|持续|常态/;
const EMPTY_CELL = (start: number): Cell => ({ text: '', folded: '', start });

const NUMBER_CELL_RE = /^(\d{1,6}) {0,2}[.、]?$/;

/**
 * Read one row by its content: leading heading cells, the task number, the task text and the cells
 * after it, which take the header's roles in order (a flattened web table drops leading empty cells,
 * so positions cannot be trusted).
 */
export function readRow(cells: Cell[], roles: readonly ColumnRole[], flexible = false): Row {
  const row: Row = { headings: [], number: null, text: null, cells: [] };
  let i = 0;
  for (; i < cells.length; i++) {
    const c = cells[i]!;
    if (!c.folded) continue;
    const n = numbering(c.folded);
    // A heading cell: short, a bracket of labels after it aside ((牵头领导:…)).
    const bare = c.folded.replace(/\([^()]{0,100}:[^()]{0,100}\)$/, '');
    if ((n?.kind === 'section' || n?.kind === 'subsection') && bare.length - n.length <= 60) {
      row.headings.push({
        kind: n.kind,
        no: n.no,
        title: c.text.slice(n.length).trim(),
        cell: c,
        labelLength: n.length,
      });
      continue;
    }
    break;
  }
  for (; i < cells.length; i++) {
    const c = cells[i]!;
    if (!c.folded) continue;
    const m = NUMBER_CELL_RE.exec(c.folded);
    if (m && !row.number) {
      row.number = { label: c.text, value: Number(m[1]) };
      continue;
    }
    const n = numbering(c.folded);
    if (!row.number && n?.kind === 'task') {
      row.number = { label: c.text.slice(0, n.length).trim(), value: Number(n.no) };
      row.text = { ...c, labelLength: n.length };
    } else if (row.number || c.folded.length >= 6) {
      row.text = { ...c, labelLength: 0 };
    } else break;
    const after = cells.slice(i + 1);
    row.cells =
      after.length < roles.length || (flexible && after.length !== roles.length)
        ? byContent(after, roles)
        : after.map((cell, k) => ({
            cell,
            role:
              roles[k] ??
              (cell.folded && DEADLINE_HINT.test(cell.folded) && cell.folded.length <= 30
                ? 'deadline'
                : undefined),
          }));
    // Columns the row does not reach at all are merged from above.
    const end = after.at(-1);
    for (let k = after.length; k < roles.length; k++)
      row.cells.push({
        role: roles[k],
        cell: EMPTY_CELL(end ? end.start + end.text.length : c.start + c.text.length),
      });
    break;
  }
  return row;
}

/** A cell that reads as a date or a time limit and names no unit. */
function looksLikeDeadline(folded: string): boolean {
  return (
    folded.length <= 30 &&
    DEADLINE_HINT.test(folded) &&
    !/局|委|办|院|政府|部门|单位|中心|街道|乡镇/.test(folded)
  );
}

/**
 * The cells after the task text of a row that has fewer of them than the header has columns (a
 * merged cell the flattening dropped), or — in a table rebuilt from one cell per line — more (a
 * unit cell of several paragraphs): a cell that reads as a deadline goes to the deadline column, a
 * sentence is a note, the others go to the other columns in order, the last taking any beyond.
 */
function byContent(after: Cell[], roles: readonly ColumnRole[]): RoleCell[] {
  const deadlineAt = roles.indexOf('deadline');
  const others = roles.filter((_, k) => k !== deadlineAt);
  let next = 0;
  return after.map((cell) => {
    if (deadlineAt >= 0 && looksLikeDeadline(cell.folded)) return { cell, role: 'deadline' as const };
    // A sentence is no unit: a second measure of the task written in the same row (开工建设老年大学。).
    const unitEnd = /(?:局|委|办|院|政府|中心|单位|部门|处|室|会|镇|乡|街道)[。;]?$/.test(cell.folded);
    if (!unitEnd && (/[。;]$/.test(cell.folded) || cell.folded.length > 25))
      return { cell, role: 'note' as const };
    // More unit cells than unit columns: a unit cell of several paragraphs goes on.
    const role = others[Math.min(next, others.length - 1)];
    next++;
    return { cell, role };
  });
}

/**
 * Does a row line up with its header? A web table flattened to text drops the merged cells at the
 * start of a row, shifting the others left: then the 序号 column holds no number while another cell
 * does, and the row must be read by its content instead.
 */
export function alignedWith(cells: Cell[], header: Header): boolean {
  // A row with cells missing (a merged cell the flattening dropped) cannot be read by position.
  if (cells.length < header.columns.length) return false;
  const noAt = header.columns.indexOf('no');
  const no = cells[noAt]?.folded ?? '';
  if (no !== '' && !NUMBER_CELL_RE.test(no)) return !cells.some((c) => NUMBER_CELL_RE.test(c.folded));
  // A merged heading cell dropped from the middle: the task's sentence sits under a heading column
  // and the task column holds something short (a unit).
  const textAt = header.columns.lastIndexOf('text');
  const text = cells[textAt]?.folded ?? '';
  if (text.length >= 8) return true;
  let longest = -1;
  cells.forEach((c, i) => {
    if (longest < 0 || c.folded.length > (cells[longest]?.folded.length ?? 0)) longest = i;
  });
  const w = header.columns[longest];
  return !(w === 'heading' || (w === 'text' && longest !== textAt));
}

/**
 * Read one row by position, under a header that names its columns (.docx, .xlsx, pasted rows):
 * 序号, heading columns (类别, or a first task column like 重点任务 when a second one such as
 * 具体措施 holds the task), the task text (the last task column), units and deadlines.
 */
export function readPositionalRow(cells: Cell[], header: Header): Row {
  const row: Row = { headings: [], number: null, text: null, cells: [] };
  const textColumns = header.columns.flatMap((w, i) => (w === 'text' ? [i] : []));
  const textAt = textColumns.at(-1)!;
  const headingColumns = header.columns.flatMap((w, i) =>
    w === 'heading' || (w === 'text' && i !== textAt) ? [i] : [],
  );
  const at = (i: number): Cell =>
    cells[i] ?? EMPTY_CELL(cells.at(-1) ? cells.at(-1)!.start + cells.at(-1)!.text.length : 0);
  headingColumns.slice(0, 2).forEach((i, level) => {
    const c = at(i);
    if (!c.folded) return;
    const n = numbering(c.folded);
    const kind =
      n?.kind === 'section' || n?.kind === 'subsection' ? n.kind : level === 0 ? 'section' : 'subsection';
    const length = n?.kind === 'section' || n?.kind === 'subsection' ? n.length : 0;
    row.headings.push({
      kind,
      no: length ? n!.no : '',
      title: c.text.slice(length).trim(),
      cell: c,
      labelLength: length,
    });
  });
  const noAt = header.columns.indexOf('no');
  const no = at(noAt);
  const m = NUMBER_CELL_RE.exec(no.folded);
  if (m) row.number = { label: no.text, value: Number(m[1]) };
  const text = at(textAt);
  if (text.folded) row.text = { ...text, labelLength: 0 };
  header.columns.forEach((w, i) => {
    if (w === 'no' || w === 'text' || w === 'heading' || i === noAt) return;
    row.cells.push({ role: w ?? (at(i).folded ? undefined : 'other'), cell: at(i) });
  });
  return row;
}
