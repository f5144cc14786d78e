import { describe, expect, it } from 'vitest';
import {
  createOrgDirectory,
  type OrgDirectory,
  type OrgDirectoryError,
  parseOrgDirectoryCsv,
  serializeOrgDirectoryCsv,
} from '../../src/orgs/directory.ts';
import type { Organization } from '../../src/types.ts';

const HEADER = 'id,name,kind,parent,aliases,tags,code,note';

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join('\n');
}

function load(text: string): OrgDirectory {
  const result = parseOrgDirectoryCsv(text);
  if ('errors' in result) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.directory;
}

function errorsOf(text: string): OrgDirectoryError[] {
  const result = parseOrgDirectoryCsv(text);
  if (!('errors' in result)) throw new Error('expected errors');
  return result.errors;
}

const BASE = [
  'city,鹰潭市人民政府,government,,市政府,,360600,',
  'justice,市司法局,department,city,,law-enforcement,,',
  'yuehu,月湖区人民政府,district-government,city,月湖区政府,,360602,',
];

describe('parseOrgDirectoryCsv', () => {
  it('reads a small directory with its root, place and lookup maps', () => {
    const dir = load(csv(...BASE, '360602001,江边街道,township,yuehu,,,360602001,统计用区划代码'));
    expect(dir.orgs).toHaveLength(4);
    expect(dir.root?.id).toBe('city');
    expect(dir.place).toEqual({ name: '鹰潭市', level: '市' });
    expect(dir.byId.get('justice')?.tags).toEqual(['law-enforcement']);
    expect(dir.byKey.get('市政府')?.id).toBe('city');
    expect(dir.children.get('yuehu')?.map((o) => o.id)).toEqual(['360602001']);
    const town = dir.byId.get('360602001')!;
    expect(town).toEqual({
      id: '360602001',
      name: '江边街道',
      kind: 'township',
      parent: 'yuehu',
      aliases: [],
      tags: [],
      code: '360602001',
      note: '统计用区划代码',
    });
  });

  it('accepts a BOM, CRLF, blank rows, trimmed cells, columns in any order and Chinese headers', () => {
    const text =
      '\ufeff名称,编号,类型,上级,别名,标签,代码,备注,联系人\r\n\r\n 鹰潭市人民政府 , city ,Government,, 市政府 | 鹰潭市政府 ,,360600,,张三\r\n,,,,,,,,\r\n';
    const dir = load(text);
    expect(dir.orgs).toEqual([
      {
        id: 'city',
        name: '鹰潭市人民政府',
        kind: 'government',
        parent: null,
        aliases: ['市政府', '鹰潭市政府'],
        tags: [],
        code: '360600',
        note: '',
      },
    ]);
  });

  it('accepts trailing empty cells Excel sometimes adds', () => {
    expect(load(csv(`${BASE[0]},,`)).orgs).toHaveLength(1);
  });

  it('has no root when no government is without a parent', () => {
    const dir = load(csv('justice,市司法局,department,,,,,'));
    expect(dir.root).toBeNull();
    expect(dir.place).toBeNull();
  });

  const cases: Array<{
    name: string;
    text: string;
    code: string;
    line: number;
    field: string;
    says: RegExp;
  }> = [
    {
      name: 'unknown kind',
      text: csv(...BASE, 'x,市教育局,部门,city,,,,'),
      code: 'unknown-kind',
      line: 5,
      field: 'kind',
      says: /^第5行 kind: 未知的类型“部门”，应为 government、department、.*是否应为 department/,
    },
    {
      name: 'empty kind',
      text: csv(...BASE, 'x,市教育局,,city,,,,'),
      code: 'unknown-kind',
      line: 5,
      field: 'kind',
      says: /^第5行 kind: 类型为空/,
    },
    {
      name: 'empty id',
      text: csv(...BASE, ',市教育局,department,city,,,,'),
      code: 'empty-id',
      line: 5,
      field: 'id',
      says: /^第5行 id: id 为空/,
    },
    {
      name: 'empty name',
      text: csv(...BASE, 'edu, ,department,city,,,,'),
      code: 'empty-name',
      line: 5,
      field: 'name',
      says: /^第5行 name: 名称为空/,
    },
    {
      name: 'duplicate id',
      text: csv(...BASE, 'justice,市教育局,department,city,,,,'),
      code: 'duplicate-id',
      line: 5,
      field: 'id',
      says: /^第5行 id: id“justice”与第3行重复/,
    },
    {
      name: 'duplicate name',
      text: csv(...BASE, 'justice2,市司法局,department,city,,,,'),
      code: 'ambiguous-name',
      line: 5,
      field: 'name',
      says: /^第5行 name: 名称“市司法局”与第3行“市司法局”的名称或别名“市司法局”重复，无法区分/,
    },
    {
      name: 'alias equal to another org after normalizing',
      text: csv(...BASE, 'office,市政府办,department,city,鹰潭市人民政府,,,'),
      code: 'ambiguous-name',
      line: 5,
      field: 'aliases',
      says: /^第5行 aliases: 别名“鹰潭市人民政府”与第2行“鹰潭市人民政府”.*无法区分/,
    },
    {
      name: 'alias equal after 人民政府 → 政府 and width folding',
      text: csv(...BASE, 'other,其他单位,other,,月湖区\u3000政府,,,'),
      code: 'ambiguous-name',
      line: 5,
      field: 'aliases',
      says: /统一写法后都是“月湖区政府”/,
    },
    {
      name: 'parent that does not exist',
      text: csv(...BASE, 'edu,市教育局,department,nowhere,,,,'),
      code: 'unknown-parent',
      line: 5,
      field: 'parent',
      says: /^第5行 parent: 上级“nowhere”不存在$/,
    },
    {
      name: 'parent written as a name',
      text: csv(...BASE, 'edu,市教育局,department,鹰潭市人民政府,,,,'),
      code: 'unknown-parent',
      line: 5,
      field: 'parent',
      says: /应为“city”/,
    },
    {
      name: 'parent cycle',
      text: csv(...BASE, 'a,甲,other,b,,,,', 'b,乙,other,c,,,,', 'c,丙,other,a,,,,'),
      code: 'parent-cycle',
      line: 5,
      field: 'parent',
      says: /^第5行 parent: 上级关系成环：a → b → c → a$/,
    },
    {
      name: 'self parent',
      text: csv(...BASE, 'a,甲,other,a,,,,'),
      code: 'parent-cycle',
      line: 5,
      field: 'parent',
      says: /成环：a → a/,
    },
    {
      name: 'second root',
      text: csv(...BASE, 'gx,贵溪市人民政府,government,,,,,'),
      code: 'multiple-roots',
      line: 5,
      field: 'parent',
      says: /^第5行 parent: 已有没有上级的本级政府“鹰潭市人民政府”（第2行）/,
    },
    {
      name: 'unterminated quote',
      text: csv(...BASE, 'edu,市教育局,department,city,,,,"来源\n未完'),
      code: 'unterminated-quote',
      line: 5,
      field: 'note',
      says: /^第5行 note: 引号没有闭合/,
    },
    {
      name: 'too few columns',
      text: csv(...BASE, 'edu,市教育局,department,city'),
      code: 'column-count',
      line: 5,
      field: 'aliases',
      says: /^第5行 aliases: 应有 8 列，实际 4 列$/,
    },
    {
      name: 'too many columns',
      text: csv(...BASE, 'edu,市教育局,department,city,,,,来源,其他'),
      code: 'column-count',
      line: 5,
      field: '第9列',
      says: /^第5行 第9列: 应有 8 列，实际 9 列（名称或备注里有英文逗号时/,
    },
    {
      name: 'missing header column',
      text: 'id,name,parent,aliases,tags,code,note\ncity,鹰潭市人民政府,,,,,',
      code: 'missing-header',
      line: 1,
      field: 'kind',
      says: /^第1行 kind: 表头缺少 kind 列/,
    },
    {
      name: 'duplicate header column',
      text: `${HEADER},name\ncity,鹰潭市人民政府,government,,,,,,x`,
      code: 'duplicate-header',
      line: 1,
      field: 'name',
      says: /^第1行 name: 表头中 name 列出现了两次（第2列和第9列）/,
    },
    {
      name: 'empty file',
      text: '\ufeff\r\n',
      code: 'missing-header',
      line: 1,
      field: '表头',
      says: /^第1行 表头: 文件为空/,
    },
    {
      name: 'code mangled by Excel',
      text: csv(...BASE, '360602001,江边街道,township,yuehu,,,3.60602E+08,'),
      code: 'excel-number',
      line: 5,
      field: 'code',
      says: /科学计数法/,
    },
  ];

  for (const c of cases) {
    it(`reports ${c.name} with its line and field`, () => {
      const errors = errorsOf(c.text);
      const found = errors.find((e) => e.code === c.code);
      expect(found, JSON.stringify(errors)).toBeDefined();
      expect(found!.line).toBe(c.line);
      expect(found!.field).toBe(c.field);
      expect(found!.message).toMatch(c.says);
    });
  }

  it('reports several errors at once, in line order, without cascading', () => {
    const errors = errorsOf(
      csv(
        'city,鹰潭市人民政府,government,,,,,',
        'edu,市教育局,部门,city,,,,',
        'x,,department,edu,,,,',
        'y,乙,department,nowhere,,,,',
      ),
    );
    expect(errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [3, 'kind', 'unknown-kind'],
      [4, 'name', 'empty-name'],
      [5, 'parent', 'unknown-parent'],
    ]);
  });

  it('never throws on arbitrary input', () => {
    for (const text of [
      '"',
      '""""',
      ',,,\n"',
      '\ufeff',
      'id\n"',
      `${HEADER}\n"a"b"c,,,,,,,`,
      '\r\r\r',
      'a\u0000b',
    ]) {
      expect(() => parseOrgDirectoryCsv(text)).not.toThrow();
    }
  });
});

describe('serializeOrgDirectoryCsv', () => {
  const tricky = csv(
    ...BASE,
    'edu,"市教育局, 含""引号""",department,city,"市教育体育局|教育局","a|b",,"多行\r\n备注"',
    'farm,塔桥园艺场,farm,yuehu,,,360681500,来源：统计用区划代码',
  );

  it('round-trips: parse → serialize → parse gives the same organizations', () => {
    const first = load(tricky);
    const text = serializeOrgDirectoryCsv(first);
    expect(text.startsWith(`\ufeff${HEADER}\r\n`)).toBe(true);
    const second = load(text);
    expect(second.orgs).toEqual(first.orgs);
    expect(serializeOrgDirectoryCsv(second)).toBe(text);
    expect(second.byId.get('edu')?.name).toBe('市教育局, 含"引号"');
    expect(second.byId.get('edu')?.note).toBe('多行\r\n备注');
  });

  it('leaves out the BOM on request', () => {
    expect(serializeOrgDirectoryCsv(load(tricky), { bom: false }).startsWith(HEADER)).toBe(true);
  });
});

describe('createOrgDirectory', () => {
  const org = (
    id: string,
    name: string,
    kind: Organization['kind'],
    parent: string | null,
  ): Organization => ({
    id,
    name,
    kind,
    parent,
    aliases: [],
    tags: [],
    code: null,
    note: '',
  });

  it('builds a directory from organizations', () => {
    const result = createOrgDirectory([
      org('city', '鹰潭市人民政府', 'government', null),
      org('j', '市司法局', 'department', 'city'),
    ]);
    expect('directory' in result && result.directory.root?.id).toBe('city');
  });

  it('validates with the lines the organizations would have in the file', () => {
    const result = createOrgDirectory([
      org('city', '鹰潭市人民政府', 'government', null),
      org('city', '市司法局', 'department', 'city'),
      org('k', '市司法局', 'department', 'gone'),
    ]);
    expect('errors' in result && result.errors.map((e) => [e.line, e.code])).toEqual([[3, 'duplicate-id']]);
    const second = createOrgDirectory([
      org('city', '鹰潭市人民政府', 'government', null),
      org('k', '市司法局', 'department', 'gone'),
    ]);
    expect('errors' in second && second.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [3, 'parent', 'unknown-parent'],
    ]);
  });
});
