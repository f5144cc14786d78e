import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type OrgDirectory, parseOrgDirectoryCsv } from '../../src/orgs/directory.ts';
import { isGroupPhrase, resolveUnitPhrase } from '../../src/orgs/resolve.ts';

function load(text: string): OrgDirectory {
  const result = parseOrgDirectoryCsv(text);
  if ('errors' in result) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.directory;
}

const DIR = load(readFileSync(new URL('../../data/yingtan-orgs.csv', import.meta.url), 'utf8'));

/** Every distinct cell of the unit column of 鹰府字〔2024〕25号, as written. */
const UNIT_CELLS = [
  '市政府各部门,各区(市)政府、管委会',
  '市司法局及其他市政府部门,各区(市)政府、管委会',
  '市行政审批局、市发改委,各区(市)政府、管委会',
  '市农粮局、市司法局及其他市政府部门,各区(市)政府、管委会',
  '市政府办、市司法局及其他市政府部门,各区(市)政府、管委会',
  '市委编办、市行政审批局、市司法局及其他市政府部门,各区(市)政府、管委会',
  '市司法局及其他市政府行政执法部门,各区(市)政府、管委会',
  '市市场监管局、市发改委、市行政审批局、市司法局及其他市政府行政执法部门,各区(市)政府、管委会',
  '市司法局、市行政审批局、市发改委、市财政局及其他市政府行政执法部门,各区(市)政府、管委会',
  '市委编办,市司法局及其他市政府行政执法部门,各区(市)政府、管委会',
  '市法院、市检察院、市政府办、市司法局及其他市政府部门,各区(市)政府、管委会',
  '市委编办、市行政审批局、市政府行政执法部门,各区(市)政府、管委会',
  '市司法局,各区(市)政府、管委会',
  '市政府办、市司法局,各区(市)政府、管委会',
  '市委编办、市司法局、市人社局,各区(市)政府、管委会',
  '市委政法委、市司法局、市公安局、市律师协会,各区(市)政府、管委会',
  '市司法局、市人社局、市教育局,各区(市)政府、管委会',
  '市政府办、市司法局及其他市政府部门,各区(市)政府、管委会',
  '市政府办、市法院、市司法局及其他市政府部门,各区(市)政府、管委会',
  '市委组织部、市政府办、市司法局及其他市政府部门,各区(市)政府、管委会',
  '市司法局、市财政局及其他市政府行政执法部门,各区(市)政府、管委会',
  '市司法局、市行政审批局,各区(市)政府、管委会',
  '市司法局、各区(市)政府、管委会',
  '市纪委市监委、市司法局,各区(市)政府、管委会',
  '市委组织部、市人社局、市司法局及其他市政府部门,各区(市)政府、管委会',
];

/** The addressee line of the notice. */
const ADDRESSEES =
  '各区(市)人民政府,市龙虎山风景名胜区管委会,鹰潭高新技术产业开发区管委会,市信江新区管委会,市政府各部门';

const split = (cell: string): string[] => cell.split(/[、,，;；]|及/).map((p) => p.trim());

const ids = (r: { orgs: { id: string }[] }): string[] => r.orgs.map((o) => o.id);

const DEPARTMENTS = [
  'gov-office',
  'justice',
  'admin-approval',
  'development-reform',
  'agriculture-grain',
  'market-regulation',
  'finance',
  'human-resources',
  'education',
  'public-security',
];
const LAW_ENFORCEMENT = ['justice', 'admin-approval', 'development-reform', 'market-regulation', 'finance'];

describe('the reference notice 鹰府字〔2024〕25号 against the default directory', () => {
  it('resolves every phrase of the unit column, named phrases to exactly one organization', () => {
    for (const cell of UNIT_CELLS) {
      const alreadyNamed: string[] = [];
      for (const phrase of split(cell)) {
        const r = resolveUnitPhrase(DIR, phrase, { alreadyNamed });
        expect(['named', 'group'], `${phrase} in ${cell}: ${r.note}`).toContain(r.resolution);
        expect(r.orgs.length, phrase).toBeGreaterThan(0);
        expect(isGroupPhrase(phrase), phrase).toBe(r.resolution === 'group');
        if (r.resolution === 'named') {
          expect(r.orgs).toHaveLength(1);
          expect(r.orgs[0]!.name).toBe(phrase);
          alreadyNamed.push(r.orgs[0]!.id);
        }
      }
    }
  });

  it('resolves every addressee', () => {
    const results = split(ADDRESSEES).map((p) => resolveUnitPhrase(DIR, p));
    expect(results.map((r) => [r.resolution, r.orgs.length])).toEqual([
      ['group', 3],
      ['named', 1],
      ['named', 1],
      ['named', 1],
      ['group', 10],
    ]);
  });

  it('expands 市政府各部门 to the 10 departments', () => {
    const r = resolveUnitPhrase(DIR, '市政府各部门');
    expect(r).toMatchObject({ resolution: 'group', group: 'departments' });
    expect(ids(r)).toEqual(DEPARTMENTS);
    expect(r.note).toBeUndefined();
  });

  it('expands 其他市政府部门 to the departments not named before it', () => {
    const r = resolveUnitPhrase(DIR, '其他市政府部门', { alreadyNamed: ['justice'] });
    expect(r).toMatchObject({ resolution: 'group', group: 'other-departments' });
    expect(ids(r)).toEqual(DEPARTMENTS.filter((id) => id !== 'justice'));
    expect(r.orgs).toHaveLength(9);
    expect(resolveUnitPhrase(DIR, '市政府其他部门', { alreadyNamed: ['justice'] }).orgs).toHaveLength(9);
    expect(resolveUnitPhrase(DIR, '其他市政府部门').orgs).toHaveLength(10);
  });

  it('expands 市政府行政执法部门 to the 5 tagged departments, and 其他… without those named', () => {
    const all = resolveUnitPhrase(DIR, '市政府行政执法部门');
    expect(all).toMatchObject({ resolution: 'group', group: 'law-enforcement' });
    expect(ids(all)).toEqual(LAW_ENFORCEMENT);
    const other = resolveUnitPhrase(DIR, '其他市政府行政执法部门', { alreadyNamed: ['justice', 'finance'] });
    expect(other.group).toBe('other-law-enforcement');
    expect(ids(other)).toEqual(['admin-approval', 'development-reform', 'market-regulation']);
    const all4 = ['justice', 'admin-approval', 'development-reform', 'finance'];
    expect(ids(resolveUnitPhrase(DIR, '其他市政府行政执法部门', { alreadyNamed: all4 }))).toEqual([
      'market-regulation',
    ]);
    const levels = resolveUnitPhrase(DIR, '各级行政执法部门');
    expect(ids(levels)).toEqual(LAW_ENFORCEMENT);
    expect(levels.note).toContain('各级');
  });

  it('expands 各区(市)政府 and its variants to the 3 county-level governments', () => {
    for (const phrase of [
      '各区(市)政府',
      '各区（市）政府',
      '各区(市)人民政府',
      '各县(市、区)政府',
      '各县（市，区）人民政府',
      '各区政府',
      '区(市)政府',
    ]) {
      const r = resolveUnitPhrase(DIR, phrase);
      expect(r.resolution, phrase).toBe('group');
      expect(r.group).toBe('district-governments');
      expect(ids(r)).toEqual(['yuehu', 'yujiang', 'guixi']);
      expect(isGroupPhrase(phrase), phrase).toBe(true);
    }
  });

  it('expands 管委会 to the 3 management committees', () => {
    for (const phrase of ['管委会', '各管委会', '各管理委员会']) {
      const r = resolveUnitPhrase(DIR, phrase);
      expect(r).toMatchObject({ resolution: 'group', group: 'management-committees' });
      expect(ids(r)).toEqual(['longhushan-mc', 'hightech-zone-mc', 'xinjiang-mc']);
    }
    expect(isGroupPhrase('管委会')).toBe(true);
    expect(isGroupPhrase('市信江新区管委会')).toBe(false);
  });

  it('expands township phrases', () => {
    const all = resolveUnitPhrase(DIR, '各乡镇(街道)');
    expect(all).toMatchObject({ resolution: 'group', group: 'townships' });
    expect(all.orgs).toHaveLength(45);
    expect(resolveUnitPhrase(DIR, '各乡镇（街道）').orgs).toHaveLength(45);
    expect(resolveUnitPhrase(DIR, '乡镇(街道)').orgs).toHaveLength(45);
    const streets = resolveUnitPhrase(DIR, '各街道');
    expect(streets.group).toBe('streets');
    expect(streets.orgs).toHaveLength(13);
    for (const o of streets.orgs) expect(o.name.endsWith('街道')).toBe(true);
    const towns = resolveUnitPhrase(DIR, '各乡镇');
    expect(towns.group).toBe('towns');
    expect(towns.orgs).toHaveLength(32);
    expect(towns.note).toContain('不含街道');
    // The township governments are the townships.
    expect(resolveUnitPhrase(DIR, '各乡镇人民政府')).toMatchObject({ resolution: 'group', group: 'towns' });
    expect(resolveUnitPhrase(DIR, '各乡镇人民政府').orgs).toHaveLength(32);
    expect(resolveUnitPhrase(DIR, '各乡镇政府(街道办事处)').orgs).toHaveLength(45);
    expect(resolveUnitPhrase(DIR, '县政府').resolution).not.toBe('group');
  });

  it('accepts other department-group wordings', () => {
    for (const phrase of ['市直各部门', '市政府部门', '鹰潭市人民政府各部门', '各部门', '市政府各部门 ']) {
      const r = resolveUnitPhrase(DIR, phrase);
      expect(r.resolution, phrase).toBe('group');
      expect(r.orgs, phrase).toHaveLength(10);
      expect(r.note, phrase).toBeUndefined();
    }
    const other = resolveUnitPhrase(DIR, '其他部门', { alreadyNamed: ['gov-office'] });
    expect(other.orgs).toHaveLength(9);
  });

  it('expands another level prefix against the root, with a note', () => {
    const r = resolveUnitPhrase(DIR, '区政府各部门');
    expect(r.resolution).toBe('group');
    expect(r.orgs).toHaveLength(10);
    expect(r.note).toContain('区级');
  });
});

describe('named units', () => {
  it('matches aliases', () => {
    const cases: Array<[string, string]> = [
      ['市发展和改革委员会', 'development-reform'],
      ['市市场监督管理局', 'market-regulation'],
      ['市人力资源和社会保障局', 'human-resources'],
      ['市政府办公室', 'gov-office'],
      ['市人民政府办公室', 'gov-office'],
      ['市委机构编制委员会办公室', 'party-staffing'],
      ['市中级人民法院', 'court'],
      ['市人民检察院', 'procuratorate'],
      ['市政府', 'yingtan'],
      ['月湖区政府', 'yuehu'],
      ['余江县人民政府', 'yujiang'],
    ];
    for (const [phrase, id] of cases) {
      const r = resolveUnitPhrase(DIR, phrase);
      expect(r.resolution, phrase).toBe('named');
      expect(ids(r), phrase).toEqual([id]);
      expect(isGroupPhrase(phrase, DIR), phrase).toBe(false);
    }
  });

  it('reads 鹰潭市… as 市… and 人民政府 as 政府', () => {
    const cases: Array<[string, string]> = [
      ['鹰潭市司法局', 'justice'],
      ['鹰潭市发展和改革委员会', 'development-reform'],
      ['鹰潭市中级人民法院', 'court'],
      ['鹰潭市人民政府', 'yingtan'],
      ['鹰潭市政府', 'yingtan'],
      ['市人民政府', 'yingtan'],
      ['鹰潭市人民政府办公室', 'gov-office'],
      ['中共鹰潭市委组织部', 'party-organization'],
      ['鹰潭市月湖区人民政府', 'yuehu'],
      ['贵溪市政府', 'guixi'],
      ['鹰潭市龙虎山风景名胜区管理委员会', 'longhushan-mc'],
      ['鹰潭市龙岗新区', '360603409'],
      ['江边街道', '360602001'],
    ];
    for (const [phrase, id] of cases) expect(ids(resolveUnitPhrase(DIR, phrase)), phrase).toEqual([id]);
  });

  it('folds width and spaces', () => {
    expect(ids(resolveUnitPhrase(DIR, '市 司法局'))).toEqual(['justice']);
    expect(ids(resolveUnitPhrase(DIR, '樟坪畲族乡'))).toEqual(['360681204']);
  });
});

describe('vague and unresolved phrases', () => {
  it('marks phrases that name no unit as vague, with no organizations', () => {
    for (const phrase of [
      '有关部门',
      '相关单位',
      '各有关单位',
      '区政府有关部门',
      '各相关单位',
      '市政府有关部门',
      '其他有关部门',
      '全区经济运行各专班',
      '市直各单位',
      '各开发区管委会',
      '市委各部门',
    ]) {
      const r = resolveUnitPhrase(DIR, phrase);
      expect(r.resolution, phrase).toBe('vague');
      expect(r.orgs).toEqual([]);
      expect(r.note).toBeTruthy();
      expect(isGroupPhrase(phrase), phrase).toBe(true);
    }
  });

  it('leaves unknown units unresolved, suggesting close names', () => {
    const r = resolveUnitPhrase(DIR, '市住建局');
    expect(r).toMatchObject({ resolution: 'unresolved', orgs: [] });
    expect(r.note).toContain('市住建局');
    const close = resolveUnitPhrase(DIR, '司法局');
    expect(close.resolution).toBe('unresolved');
    expect(close.note).toContain('市司法局');
    expect(resolveUnitPhrase(DIR, '').resolution).toBe('unresolved');
    expect(resolveUnitPhrase(DIR, '区政府').resolution).toBe('unresolved');
    expect(isGroupPhrase('市住建局')).toBe(false);
    expect(isGroupPhrase('')).toBe(false);
  });

  it('leaves a group that covers nothing in the directory unresolved, with a note', () => {
    const small = load(
      [
        'id,name,kind,parent,aliases,tags,code,note',
        'city,鹰潭市人民政府,government,,,,,',
        'justice,市司法局,department,city,,,,',
      ].join('\n'),
    );
    const le = resolveUnitPhrase(small, '市政府行政执法部门');
    expect(le).toMatchObject({ resolution: 'unresolved', orgs: [], group: 'law-enforcement' });
    expect(le.note).toContain('行政执法”标记');
    for (const phrase of ['各区(市)政府', '管委会', '各乡镇(街道)']) {
      const r = resolveUnitPhrase(small, phrase);
      expect(r.resolution, phrase).toBe('unresolved');
      expect(r.note, phrase).toBeTruthy();
    }
    const other = resolveUnitPhrase(small, '其他市政府部门', { alreadyNamed: ['justice'] });
    expect(other).toMatchObject({ resolution: 'unresolved', group: 'other-departments' });
    expect(other.note).toContain('已列出');
  });

  it('scopes groups to a district-level root', () => {
    const district = load(
      [
        'id,name,kind,parent,aliases,tags,code,note',
        'yh,月湖区人民政府,government,,,,360602,',
        'yh-justice,区司法局,department,yh,,law-enforcement,,',
        'jb,江边街道,township,yh,,,360602001,',
      ].join('\n'),
    );
    expect(ids(resolveUnitPhrase(district, '区政府各部门'))).toEqual(['yh-justice']);
    expect(resolveUnitPhrase(district, '区政府各部门').note).toBeUndefined();
    expect(ids(resolveUnitPhrase(district, '月湖区司法局'))).toEqual(['yh-justice']);
    expect(ids(resolveUnitPhrase(district, '各街道'))).toEqual(['jb']);
    expect(resolveUnitPhrase(district, '各区(市)政府').resolution).toBe('unresolved');
  });
});

describe('isGroupPhrase', () => {
  it('is true for collective phrases and false for single units', () => {
    for (const p of [
      '市政府各部门',
      '其他市政府部门',
      '市政府行政执法部门',
      '各区(市)政府',
      '管委会',
      '各街道',
      '有关部门',
    ]) {
      expect(isGroupPhrase(p), p).toBe(true);
    }
    for (const p of [
      '市司法局',
      '市纪委市监委',
      '鹰潭高新技术产业开发区管委会',
      '市政府办',
      '月湖区人民政府',
    ]) {
      expect(isGroupPhrase(p), p).toBe(false);
    }
  });

  it('reads a place-name prefix without a directory', () => {
    expect(isGroupPhrase('鹰潭市政府行政执法部门')).toBe(true);
    expect(isGroupPhrase('上饶市人民政府部门')).toBe(true);
    expect(isGroupPhrase('鹰潭市政府办')).toBe(false);
    expect(isGroupPhrase('鹰潭市人民政府')).toBe(false);
    // With a directory, another place's groups are not this directory's.
    expect(resolveUnitPhrase(DIR, '上饶市政府行政执法部门').resolution).toBe('unresolved');
  });
});
