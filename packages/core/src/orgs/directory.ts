import type { Organization } from '../types.ts';
import { formatCsv, parseCsv } from './csv.ts';
import { isOrgKind, ORG_KIND_LABELS, ORG_KINDS, suggestOrgKind } from './kinds.ts';
import { orgKey, type Place, placeOf } from './org-key.ts';

/**
 * The org directory: every organization a notice's unit phrases may name, with lookup maps.
 * Build it with `parseOrgDirectoryCsv` or `createOrgDirectory`; both validate it.
 */
export type OrgDirectory = {
  /** In file order. */
  orgs: Organization[];
  /** The one `government` without a parent; groups (市政府各部门 …) are scoped to it. */
  root: Organization | null;
  /** The root's place (鹰潭市, level 市), used to read 鹰潭市司法局 as 市司法局. */
  place: Place | null;
  byId: ReadonlyMap<string, Organization>;
  /** Normalized name or alias (see `orgKey`) → organization. */
  byKey: ReadonlyMap<string, Organization>;
  /** Parent id → children, in file order. */
  children: ReadonlyMap<string, Organization[]>;
};

export type OrgDirectoryErrorCode =
  | 'missing-header'
  | 'duplicate-header'
  | 'unterminated-quote'
  | 'column-count'
  | 'empty-id'
  | 'empty-name'
  | 'unknown-kind'
  | 'duplicate-id'
  | 'ambiguous-name'
  | 'unknown-parent'
  | 'parent-cycle'
  | 'multiple-roots'
  | 'excel-number';

export type OrgDirectoryError = {
  code: OrgDirectoryErrorCode;
  /** 1-based line of the file (the header is line 1; a row spanning lines counts from its first). */
  line: number;
  /** The column the error is about (`kind`, `parent` …), `表头` for the header as a whole. */
  field: string;
  /** In Chinese, starting with the line and field: `第12行 kind: 未知的类型“部门”…`. */
  message: string;
};

/** The columns of the directory file, in the order `serializeOrgDirectoryCsv` writes them. */
export const ORG_DIRECTORY_COLUMNS = [
  'id',
  'name',
  'kind',
  'parent',
  'aliases',
  'tags',
  'code',
  'note',
] as const;

export type OrgDirectoryColumn = (typeof ORG_DIRECTORY_COLUMNS)[number];

/** Chinese header names accepted in place of the English ones. */
const CHINESE_HEADERS: Readonly<Record<string, OrgDirectoryColumn>> = {
  编号: 'id',
  名称: 'name',
  类型: 'kind',
  上级: 'parent',
  别名: 'aliases',
  标签: 'tags',
  代码: 'code',
  备注: 'note',
};

const LIST_SEPARATOR = /[|｜]/;

/** Excel turns long digit strings into numbers and may write them as 3.60602E+08. */
const EXCEL_NUMBER = /^\d+(?:\.\d+)?e\+\d+$/i;

type Entry = { org: Organization; line: number };

function err(code: OrgDirectoryErrorCode, line: number, field: string, what: string): OrgDirectoryError {
  const where = field === '' ? `第${line}行` : `第${line}行 ${field}`;
  return { code, line, field, message: `${where}: ${what}` };
}

function splitList(cell: string): string[] {
  const out: string[] = [];
  for (const part of cell.split(LIST_SEPARATOR)) {
    const item = part.trim();
    if (item !== '' && !out.includes(item)) out.push(item);
  }
  return out;
}

const KIND_LIST = ORG_KINDS.join('、');

/** Read a directory file. Never throws: bad input gives `{ errors }`, sorted by line. */
export function parseOrgDirectoryCsv(
  text: string,
): { directory: OrgDirectory } | { errors: OrgDirectoryError[] } {
  const { records, unterminated } = parseCsv(text);
  const errors: OrgDirectoryError[] = [];
  const headerIndex = records.findIndex((r) => r.cells.some((c) => c.trim() !== ''));
  const header = headerIndex === -1 ? undefined : records[headerIndex];
  if (header === undefined) {
    if (unterminated !== null) {
      errors.push(
        err('unterminated-quote', unterminated.line, '表头', '引号没有闭合（从这里到文件末尾都在引号内）'),
      );
    }
    errors.push(err('missing-header', 1, '表头', `文件为空，缺少表头行 ${ORG_DIRECTORY_COLUMNS.join(',')}`));
    return { errors };
  }

  // Header: every required column, in any order; unknown extra columns are ignored.
  const columnOf = new Map<OrgDirectoryColumn, number>();
  const headerNames: string[] = [];
  header.cells.forEach((raw, index) => {
    const cell = raw.trim();
    const lower = cell.toLowerCase();
    const column = (ORG_DIRECTORY_COLUMNS as readonly string[]).includes(lower)
      ? (lower as OrgDirectoryColumn)
      : CHINESE_HEADERS[cell];
    headerNames.push(column ?? (cell === '' ? `第${index + 1}列` : cell));
    if (column === undefined) return;
    if (columnOf.has(column)) {
      errors.push(
        err(
          'duplicate-header',
          header.line,
          column,
          `表头中 ${column} 列出现了两次（第${columnOf.get(column)! + 1}列和第${index + 1}列）`,
        ),
      );
    } else columnOf.set(column, index);
  });
  for (const column of ORG_DIRECTORY_COLUMNS) {
    if (!columnOf.has(column)) {
      errors.push(
        err(
          'missing-header',
          header.line,
          column,
          `表头缺少 ${column} 列（表头应为 ${ORG_DIRECTORY_COLUMNS.join(',')}）`,
        ),
      );
    }
  }
  const columnName = (cell: number): string => headerNames[cell] ?? `第${cell + 1}列`;
  if (unterminated !== null) {
    errors.push(
      err(
        'unterminated-quote',
        unterminated.line,
        columnName(unterminated.cell),
        '引号没有闭合（从这里到文件末尾都在引号内）',
      ),
    );
  }
  if (errors.some((e) => e.code === 'missing-header' || e.code === 'duplicate-header')) {
    return { errors: sortErrors(errors) };
  }

  const width = header.cells.length;
  const entries: Entry[] = [];
  /** Ids of rows that could not be read, so that children naming them are not reported twice. */
  const brokenIds = new Set<string>();
  const lineOfId = new Map<string, number>();
  const get = (cells: string[], column: OrgDirectoryColumn): string =>
    (cells[columnOf.get(column)!] ?? '').trim();

  for (const record of records.slice(headerIndex + 1)) {
    const { cells, line } = record;
    if (cells.every((c) => c.trim() === '')) continue;
    const extra = cells.slice(width);
    if (cells.length < width || extra.some((c) => c.trim() !== '')) {
      const field = cells.length < width ? columnName(cells.length) : `第${width + 1}列`;
      const hint = cells.length > width ? '（名称或备注里有英文逗号时，整格要用英文双引号括起来）' : '';
      errors.push(err('column-count', line, field, `应有 ${width} 列，实际 ${cells.length} 列${hint}`));
      const id = get(cells, 'id');
      if (id !== '') brokenIds.add(id);
      continue;
    }
    const id = get(cells, 'id');
    const name = get(cells, 'name');
    const kindCell = get(cells, 'kind');
    const kind = kindCell.toLowerCase();
    const code = get(cells, 'code');
    let ok = true;
    if (id === '') {
      errors.push(err('empty-id', line, 'id', 'id 为空，每一行都要有唯一的 id（如 yingtan、360602001）'));
      ok = false;
    } else if (lineOfId.has(id)) {
      errors.push(err('duplicate-id', line, 'id', `id“${id}”与第${lineOfId.get(id)}行重复`));
      ok = false;
    } else if (EXCEL_NUMBER.test(id)) {
      errors.push(
        err('excel-number', line, 'id', `“${id}”像是被 Excel 改成了科学计数法，请把该列设为文本后重填`),
      );
      ok = false;
    }
    if (name === '') {
      errors.push(err('empty-name', line, 'name', '名称为空'));
      ok = false;
    }
    if (!isOrgKind(kind)) {
      const suggestion = suggestOrgKind(kindCell);
      const hint =
        suggestion === null
          ? ''
          : `；“${kindCell}”是否应为 ${suggestion}（${ORG_KIND_LABELS[suggestion]}）？`;
      const what = kindCell === '' ? '类型为空' : `未知的类型“${kindCell}”`;
      errors.push(err('unknown-kind', line, 'kind', `${what}，应为 ${KIND_LIST} 之一${hint}`));
      ok = false;
    }
    if (EXCEL_NUMBER.test(code)) {
      errors.push(
        err('excel-number', line, 'code', `“${code}”像是被 Excel 改成了科学计数法，请把该列设为文本后重填`),
      );
      ok = false;
    }
    if (id !== '' && !lineOfId.has(id)) lineOfId.set(id, line);
    if (!ok) {
      if (id !== '') brokenIds.add(id);
      continue;
    }
    const parent = get(cells, 'parent');
    entries.push({
      line,
      org: {
        id,
        name,
        kind: kind as Organization['kind'],
        parent: parent === '' ? null : parent,
        aliases: splitList(get(cells, 'aliases')).filter((a) => a !== name),
        tags: splitList(get(cells, 'tags')),
        code: code === '' ? null : code,
        note: get(cells, 'note'),
      },
    });
  }

  const built = buildDirectory(entries, brokenIds);
  if ('errors' in built) errors.push(...built.errors);
  if (errors.length > 0) return { errors: sortErrors(errors) };
  return built as { directory: OrgDirectory };
}

/**
 * Build and validate a directory from organizations (e.g. edited in a UI). Errors name the line
 * each organization would have in the CSV file (the first one is line 2).
 */
export function createOrgDirectory(
  orgs: readonly Organization[],
): { directory: OrgDirectory } | { errors: OrgDirectoryError[] } {
  const errors: OrgDirectoryError[] = [];
  const seen = new Map<string, number>();
  const entries: Entry[] = [];
  orgs.forEach((org, index) => {
    const line = index + 2;
    if (org.id.trim() === '') errors.push(err('empty-id', line, 'id', 'id 为空'));
    else if (seen.has(org.id))
      errors.push(err('duplicate-id', line, 'id', `id“${org.id}”与第${seen.get(org.id)}行重复`));
    else seen.set(org.id, line);
    if (org.name.trim() === '') errors.push(err('empty-name', line, 'name', '名称为空'));
    if (!isOrgKind(org.kind)) {
      errors.push(
        err('unknown-kind', line, 'kind', `未知的类型“${String(org.kind)}”，应为 ${KIND_LIST} 之一`),
      );
    }
    entries.push({ org, line });
  });
  if (errors.length > 0) return { errors: sortErrors(errors) };
  const built = buildDirectory(entries, new Set());
  return 'errors' in built ? { errors: sortErrors(built.errors) } : built;
}

/** Cross-row checks (parents, cycles, root, ambiguous names) and the lookup maps. */
function buildDirectory(
  entries: readonly Entry[],
  brokenIds: ReadonlySet<string>,
): { directory: OrgDirectory } | { errors: OrgDirectoryError[] } {
  const errors: OrgDirectoryError[] = [];
  const byId = new Map<string, Organization>();
  const lineOf = new Map<string, number>();
  const idOfName = new Map<string, string>();
  for (const { org, line } of entries) {
    byId.set(org.id, org);
    lineOf.set(org.id, line);
    if (!idOfName.has(org.name)) idOfName.set(org.name, org.id);
  }

  // Parents must exist.
  for (const { org, line } of entries) {
    if (org.parent === null || byId.has(org.parent) || brokenIds.has(org.parent)) continue;
    const byName = idOfName.get(org.parent);
    const hint = byName === undefined ? '' : `；parent 要填上级的 id，应为“${byName}”`;
    errors.push(err('unknown-parent', line, 'parent', `上级“${org.parent}”不存在${hint}`));
  }

  // No cycles: walk up from each organization; report each cycle once, on its first line.
  const state = new Map<string, 'walking' | 'done'>();
  for (const { org } of entries) {
    const path: Organization[] = [];
    let current: Organization | undefined = org;
    while (current !== undefined && state.get(current.id) === undefined) {
      state.set(current.id, 'walking');
      path.push(current);
      current = current.parent === null ? undefined : byId.get(current.parent);
    }
    if (current !== undefined && state.get(current.id) === 'walking') {
      const cycle = path.slice(path.indexOf(current));
      const first = cycle.reduce((a, b) => (lineOf.get(a.id)! <= lineOf.get(b.id)! ? a : b));
      const start = cycle.indexOf(first);
      const ordered = [...cycle.slice(start), ...cycle.slice(0, start), first];
      errors.push(
        err(
          'parent-cycle',
          lineOf.get(first.id)!,
          'parent',
          `上级关系成环：${ordered.map((o) => o.id).join(' → ')}`,
        ),
      );
    }
    for (const o of path) state.set(o.id, 'done');
  }

  // The root: the one government without a parent.
  const roots = entries.filter((e) => e.org.kind === 'government' && e.org.parent === null);
  for (const extra of roots.slice(1)) {
    errors.push(
      err(
        'multiple-roots',
        extra.line,
        'parent',
        `已有没有上级的本级政府“${roots[0]!.org.name}”（第${roots[0]!.line}行），一个目录只能有一个；请填写上级或改为 district-government`,
      ),
    );
  }
  const root = roots[0]?.org ?? null;
  const place = root === null ? null : placeOf(root.name);

  // Names and aliases must tell organizations apart.
  const byKey = new Map<string, Organization>();
  const owner = new Map<string, { line: number; text: string }>();
  for (const { org, line } of entries) {
    const texts: Array<[string, 'name' | 'aliases']> = [
      [org.name, 'name'],
      ...org.aliases.map((a): [string, 'aliases'] => [a, 'aliases']),
    ];
    for (const [text, field] of texts) {
      const key = orgKey(text, place);
      if (key === '') continue;
      const other = byKey.get(key);
      if (other === undefined) {
        byKey.set(key, org);
        owner.set(key, { line, text });
      } else if (other.id !== org.id) {
        const first = owner.get(key)!;
        const same = first.text === text ? '' : `（统一写法后都是“${key}”）`;
        const label = field === 'name' ? '名称' : '别名';
        errors.push(
          err(
            'ambiguous-name',
            line,
            field,
            `${label}“${text}”与第${first.line}行“${other.name}”的名称或别名“${first.text}”重复${same}，无法区分`,
          ),
        );
      }
    }
  }

  if (errors.length > 0) return { errors };
  const orgs = entries.map((e) => e.org);
  const children = new Map<string, Organization[]>();
  for (const org of orgs) {
    if (org.parent === null) continue;
    const list = children.get(org.parent);
    if (list === undefined) children.set(org.parent, [org]);
    else list.push(org);
  }
  return { directory: { orgs, root, place, byId, byKey, children } };
}

function sortErrors(errors: OrgDirectoryError[]): OrgDirectoryError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.line - b.e.line || a.i - b.i)
    .map(({ e }) => e);
}

/**
 * Write a directory as CSV: UTF-8 with a BOM (so Excel reads the Chinese correctly, pass
 * `{ bom: false }` to leave it out), CRLF line ends, the columns of `ORG_DIRECTORY_COLUMNS`.
 * `parseOrgDirectoryCsv` reads the result back to the same organizations.
 */
export function serializeOrgDirectoryCsv(
  dir: Pick<OrgDirectory, 'orgs'>,
  options: { bom?: boolean } = {},
): string {
  const rows: string[][] = [[...ORG_DIRECTORY_COLUMNS]];
  for (const org of dir.orgs) {
    rows.push([
      org.id,
      org.name,
      org.kind,
      org.parent ?? '',
      org.aliases.join('|'),
      org.tags.join('|'),
      org.code ?? '',
      org.note,
    ]);
  }
  return (options.bom === false ? '' : '\ufeff') + formatCsv(rows);
}
