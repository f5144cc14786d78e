import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOrgDirectoryCsv, serializeOrgDirectoryCsv } from '../../src/orgs/directory.ts';

const TEXT = readFileSync(new URL('../../data/yingtan-orgs.csv', import.meta.url), 'utf8');

const NAMED_KINDS = new Set(['department', 'party-organ', 'court', 'procuratorate', 'association']);

describe('default 鹰潭 directory (data/yingtan-orgs.csv)', () => {
  const result = parseOrgDirectoryCsv(TEXT);
  it('loads with no errors', () => {
    expect('errors' in result ? result.errors.map((e) => e.message) : []).toEqual([]);
  });
  if (!('directory' in result)) return;
  const dir = result.directory;
  const ofKind = (...kinds: string[]) => dir.orgs.filter((o) => kinds.includes(o.kind));

  it('has the root 鹰潭市人民政府', () => {
    expect(dir.root).toMatchObject({
      id: 'yingtan',
      name: '鹰潭市人民政府',
      kind: 'government',
      parent: null,
      aliases: ['市政府', '鹰潭市政府'],
      code: '360600',
    });
    expect(dir.place).toEqual({ name: '鹰潭市', level: '市' });
  });

  it('has the 3 county-level governments and 3 management committees', () => {
    expect(ofKind('district-government').map((o) => [o.name, o.code, o.parent])).toEqual([
      ['月湖区人民政府', '360602', 'yingtan'],
      ['余江区人民政府', '360603', 'yingtan'],
      ['贵溪市人民政府', '360681', 'yingtan'],
    ]);
    expect(ofKind('management-committee').map((o) => o.name)).toEqual([
      '市龙虎山风景名胜区管委会',
      '鹰潭高新技术产业开发区管委会',
      '市信江新区管委会',
    ]);
  });

  it('has the 17 units the reference notice names, departments under the root', () => {
    const named = ofKind(...NAMED_KINDS);
    expect(named).toHaveLength(17);
    expect(named.map((o) => o.name).sort()).toEqual(
      [
        '市政府办',
        '市司法局',
        '市行政审批局',
        '市发改委',
        '市农粮局',
        '市委编办',
        '市市场监管局',
        '市财政局',
        '市人社局',
        '市教育局',
        '市公安局',
        '市委政法委',
        '市律师协会',
        '市法院',
        '市检察院',
        '市纪委市监委',
        '市委组织部',
      ].sort(),
    );
    const departments = ofKind('department');
    expect(departments).toHaveLength(10);
    for (const d of departments) expect(d.parent).toBe('yingtan');
    expect(ofKind('party-organ')).toHaveLength(4);
  });

  it('tags law-enforcement only on the 5 departments the notice lists beside 其他市政府行政执法部门, with the reason', () => {
    const tagged = dir.orgs.filter((o) => o.tags.includes('law-enforcement'));
    expect(tagged.map((o) => o.name).sort()).toEqual(
      ['市市场监管局', '市发改委', '市行政审批局', '市司法局', '市财政局'].sort(),
    );
    for (const o of tagged) {
      expect(o.note).toContain('及其他市政府行政执法部门');
      expect(o.note).toContain('鹰府字〔2024〕25号');
      expect(o.note).toContain('推断');
    }
  });

  it('has the 59 township-level units with their statistics codes, under their district', () => {
    const townships = ofKind('township', 'park', 'farm');
    expect(townships).toHaveLength(59);
    const byDistrict = (parent: string) => townships.filter((o) => o.parent === parent).length;
    expect([byDistrict('yuehu'), byDistrict('yujiang'), byDistrict('guixi')]).toEqual([8, 18, 33]);
    for (const t of townships) {
      expect(t.id).toMatch(/^\d{9}$/);
      expect(t.code).toBe(t.id);
      const suffix = Number(t.id.slice(-3));
      expect(t.kind === 'township').toBe(suffix < 400);
      expect(t.note).not.toBe('');
    }
    expect(ofKind('park').map((o) => o.name)).toEqual([
      '余江县工业园区',
      '鹰潭市龙岗新区',
      '余江区邓原农业示范园',
      '贵溪市工业园区',
    ]);
    expect(ofKind('farm')).toHaveLength(10);
    expect(ofKind('township')).toHaveLength(45);
  });

  it('gives every row a note saying where it comes from', () => {
    for (const o of dir.orgs) expect(o.note, o.id).not.toBe('');
    expect(dir.orgs).toHaveLength(83);
  });

  it('round-trips byte for byte through the serializer', () => {
    expect(serializeOrgDirectoryCsv(dir)).toBe(TEXT);
  });
});
