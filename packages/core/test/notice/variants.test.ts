/**
 * Layout variants the parser must read the same way: full-width and ASCII punctuation, rows pasted
 * from Excel (tabs), labels at the end of a paragraph, other numbering, Chinese-numeral dates.
 */
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../src/notice/parse-notice.ts';
import type { Plan } from '../../src/types.ts';
import { defaultDirectory, referenceText } from '../helpers/fixtures.ts';

const directory = defaultDirectory();

function summary(plan: Plan) {
  return plan.tasks.map((t) => ({
    no: t.no,
    units: t.units.map((u) => [
      u.raw.replace(/（/g, '(').replace(/）/g, ')'),
      u.role,
      u.orgs.length,
      u.inherited,
    ]),
    obligations: t.obligations.map((o) => ({
      ...o,
      raw: undefined,
      span: undefined,
      activity: undefined,
      trigger: undefined,
    })),
    indicators: t.indicators.map((i) => [i.comparator, i.value, i.unit, i.year]),
  }));
}

describe('full-width and ASCII punctuation alike', () => {
  it('reads the reference notice the same when its punctuation is full-width', () => {
    const ascii = referenceText();
    const wide = ascii
      .replace(/\(/g, '（')
      .replace(/\)/g, '）')
      .replace(/,/g, '，')
      .replace(/:/g, '：')
      .replace(/;/g, '；')
      .replace(/%/g, '％');
    const a = parseNotice(ascii, { directory });
    const b = parseNotice(wide, { directory });
    expect(b.tasks).toHaveLength(51);
    expect(summary(b)).toEqual(summary(a));
    expect(b.notice.issuedAt).toBe('2024-07-04');
    expect(b.notice.addressees).toHaveLength(5);
  });
});

describe('rows pasted from Excel (tab-separated)', () => {
  it('reads a header and rows split by tabs, with an empty unit cell inheriting', () => {
    const text = [
      '鹰潭市人民政府关于印发测试清单的通知',
      '序号\t工作任务\t牵头单位\t配合单位\t完成时限',
      '1\t建立行政执法数据归集共享机制。\t市司法局\t市发改委、市财政局\t2024年12月底前',
      '2\t推广移动执法终端应用。\t\t\t每年11月底前',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.layout).toBe('table');
    expect(plan.tasks.map((t) => t.text)).toEqual([
      '建立行政执法数据归集共享机制。',
      '推广移动执法终端应用。',
    ]);
    expect(plan.tasks[0]!.units.map((u) => [u.raw, u.role])).toEqual([
      ['市司法局', 'lead'],
      ['市发改委', 'co'],
      ['市财政局', 'co'],
    ]);
    expect(plan.tasks[1]!.units.every((u) => u.inherited)).toBe(true);
    expect(plan.tasks[1]!.units).toHaveLength(3);
    expect(plan.tasks[0]!.obligations).toMatchObject([{ kind: 'once', date: '2024-12-31' }]);
    expect(plan.tasks[1]!.obligations).toMatchObject([
      { kind: 'annual', month: 11, day: 30, endOfMonth: true },
    ]);
  });
});

describe('labels at the end of a paragraph, without brackets', () => {
  it('takes 牵头单位/责任单位 after the last sentence as the units', () => {
    const text = [
      '鹰潭市司法局关于印发测试清单的通知',
      '1、每年3月1日前报送上一年度工作总结。牵头单位：市司法局；责任单位：市财政局、市教育局',
      '2、推动行政复议窗口全覆盖，满意率达到90%以上。 责任单位：市司法局',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.tasks.map((t) => t.text)).toEqual([
      '每年3月1日前报送上一年度工作总结。',
      '推动行政复议窗口全覆盖，满意率达到90%以上。',
    ]);
    expect(plan.tasks[0]!.units.map((u) => [u.raw, u.role])).toEqual([
      ['市司法局', 'lead'],
      ['市财政局', 'co'],
      ['市教育局', 'co'],
    ]);
    expect(plan.tasks[1]!.units.map((u) => [u.raw, u.role])).toEqual([['市司法局', 'lead']]);
    expect(plan.layout).toBe('inline');
  });
});

describe('other numbering and heads', () => {
  it('reads (1) numbering, 1、 numbering and a date written in Chinese numerals', () => {
    const text = [
      '鹰潭市人民政府办公室关于印发测试清单的通知',
      '鹰府办字〔2024〕8号',
      '各区(市)人民政府，市政府各部门：',
      '现印发给你们，请认真贯彻落实。',
      '鹰潭市人民政府办公室',
      '二〇二四年七月四日',
      '一、总体任务',
      '（1）每年至少组织两次专项检查。（市司法局、市财政局负责）',
      '（2）十一月底前完成清理。（市政府各部门按职责分工负责）',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.notice).toMatchObject({
      issuer: '鹰潭市人民政府办公室',
      issuedAt: '2024-07-04',
      docNumber: '鹰府办字〔2024〕8号',
      addressees: ['各区(市)人民政府', '市政府各部门'],
    });
    expect(plan.tasks.map((t) => [t.no, t.label])).toEqual([
      [1, '（1）'],
      [2, '（2）'],
    ]);
    expect(plan.tasks[0]!.units.map((u) => [u.raw, u.role, u.qualifiers])).toEqual([
      ['市司法局', 'lead', []],
      ['市财政局', 'co', ['负责']],
    ]);
    expect(plan.tasks[0]!.obligations).toMatchObject([{ kind: 'frequency', count: 2, per: 'year' }]);
    expect(plan.tasks[1]!.units).toMatchObject([
      { raw: '市政府各部门', role: 'each', qualifiers: ['按职责分工负责'], resolution: 'group' },
    ]);
    expect(plan.tasks[1]!.obligations).toMatchObject([
      { kind: 'once', date: '2024-11-30', yearInferred: true },
    ]);
  });

  it('reports a gap in the numbering and a task without units, with their lines', () => {
    const text = [
      '测试清单',
      '1.第一项任务。(市司法局负责)',
      '2.第二项任务。',
      '4.第四项任务。(市财政局负责)',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.tasks.map((t) => t.no)).toEqual([1, 2, 4]);
    expect(plan.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'task-no-units', line: 3, task: 2 }),
        expect.objectContaining({ code: 'task-number-gap', line: 4, column: 3, task: 4 }),
      ]),
    );
  });

  it('renumbers lists whose numbering restarts in each section, and says so', () => {
    const text = [
      '测试清单',
      '一、甲',
      '1.任务甲一。(市司法局负责)',
      '二、乙',
      '1.任务乙一。(市财政局负责)',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.tasks.map((t) => [t.no, t.label, t.section])).toEqual([
      [1, '1.', '甲'],
      [2, '1.', '乙'],
    ]);
    expect(plan.diagnostics.some((d) => d.code === 'task-renumbered' && d.line === 5)).toBe(true);
  });

  it('turns a text with no task list into an error diagnostic and no tasks', () => {
    const plan = parseNotice('今天天气很好。\n我们去公园散步。', { directory });
    expect(plan.tasks).toEqual([]);
    expect(plan.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'no-tasks', line: 1, column: 1 }),
    );
  });
});
