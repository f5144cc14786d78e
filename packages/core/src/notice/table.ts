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
  ['类别', 'heading'],
  ['分类', 'heading'],
  ['领域', 'heading'],
  ['事项', 'heading'],
  ['牵头单位', 'lead'],
  ['牵头部门', 'lead'],
  ['主要责任单位', 'lead'],
  ['责任单位', 'responsible'],
  ['责任部门', 'responsible'],
  ['承办单位', 'responsible'],
  ['配合单位', 'co'],
  ['配合部门', 'co'],
  ['参与单位', 'co'],
  ['协办单位', 'co'],
  ['责任领导', 'leader'],
  ['牵头领导', 'leader'],
  ['完成时限', 'deadline'],
  ['完成时间', 'deadline'],
  ['时间节点', 'deadline'],
  ['时限', 'deadline'],
  ['时限要求', 'deadline'],
  ['完成期限', 'deadline'],
  ['备注', 'note'],
]);

function headerWord(folded: string): ColumnRole | 'no' | 'text' | 'heading' | undefined {
  return HEADER_WORDS.get(folded.replace(/\s+/g, ''));
}

/**
 * A header row names at least two known columns and has no task number. Returns the roles of the
 * columns that follow the task-text column, in order, or null when the row is not a header.
 */
export function readHeader(cells: Cell[]): ColumnRole[] | null {
  const words = cells.filter((c) => c.folded).map((c) => headerWord(c.folded));
  if (words.filter((w) => w !== undefined).length < 2 || cells.some((c) => /^\d{1,4}$/.test(c.folded)))
    return null;
  const named = cells.filter((c) => c.folded);
  const textAt = named.findIndex((c) => headerWord(c.folded) === 'text');
  const after = named.slice(textAt + 1).map((c) => headerWord(c.folded));
  const roles: ColumnRole[] = [];
  for (const w of after) {
    if (w === undefined) roles.push('other');
    else if (w === 'no' || w === 'text' || w === 'heading') continue;
    else roles.push(w);
  }
  return roles.length > 0 ? roles : ['responsible'];
}

export type RowHeading = {
  kind: 'section' | 'subsection';
  no: string;
  title: string;
  cell: Cell;
  labelLength: number;
};

export type Row = {
  headings: RowHeading[];
  number: { label: string; value: number } | null;
  text: (Cell & { labelLength: number }) | null;
  /** Cells after the task text, in order. */
  after: Cell[];
};

const NUMBER_CELL_RE = /^(\d{1,6}) {0,2}[.、]?$/;

/** Read one row: leading heading cells, the task number, the task text and the cells after it. */
export function readRow(cells: Cell[]): Row {
  const row: Row = { headings: [], number: null, text: null, after: [] };
  let i = 0;
  for (; i < cells.length; i++) {
    const c = cells[i]!;
    if (!c.folded) continue;
    const n = numbering(c.folded);
    if ((n?.kind === 'section' || n?.kind === 'subsection') && c.folded.length - n.length <= 60) {
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
    row.after = cells.slice(i + 1);
    break;
  }
  return row;
}
