/**
 * The rules added for layouts met outside the reference notice, one by one: whose notice it is
 * (the directory of another government matches nothing), 第一部分 above 一、, units in a cell
 * Excel quoted with one unit per line, a label line broken by a PDF, 【牵头单位】 labels.
 */
import { describe, expect, it } from 'vitest';
import { issuingPlace, parseNotice } from '../../src/notice/parse-notice.ts';
import type { NoticeHead } from '../../src/types.ts';
import { defaultDirectory } from '../helpers/fixtures.ts';

const directory = defaultDirectory();

function head(issuer: string | null, title: string | null = null): NoticeHead {
  return {
    title,
    docNumber: null,
    issuer,
    issuedAt: null,
    addressees: [],
    implements: null,
    listTitle: null,
  };
}

describe('whose notice it is', () => {
  it.each<[string | null, string | null, { name: string | null; level: string } | null]>([
    ['鹰潭市人民政府办公室', null, { name: '鹰潭市', level: '市' }],
    ['石溪县人民政府办公室', null, { name: '石溪县', level: '县' }],
    ['济南市钢城区人民政府办公室', null, { name: '钢城区', level: '区' }],
    ['中共鹰潭市委办公室', null, { name: '鹰潭市', level: '市' }],
    ['区人民政府办公室', null, { name: null, level: '区' }],
    ['市场监督管理局', null, null],
    [null, '四川省发展和改革委员会关于印发方案的通知', { name: '四川省', level: '省' }],
    [null, '关于印发方案的通知', null],
  ])('%s %s', (issuer, title, want) => {
    expect(issuingPlace(head(issuer, title))).toEqual(want);
  });

  it('matches no unit of a district notice to the city directory, but a name spelled out in full', () => {
    const text = [
      '鹰潭市月湖区人民政府办公室关于印发测试清单的通知',
      '2025年3月1日',
      '1.建立工作机制。（牵头单位：区财政局；配合单位：区政府各部门、鹰潭市司法局、市司法局）',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.tasks[0]!.units.map((u) => [u.raw, u.resolution, u.orgIds])).toEqual([
      ['区财政局', 'unresolved', []],
      ['区政府各部门', 'unresolved', []],
      ['鹰潭市司法局', 'named', ['justice']],
      ['市司法局', 'unresolved', []],
    ]);
    expect(plan.diagnostics.find((d) => d.code === 'directory-mismatch')?.message).toContain('月湖区');
  });

  it('still matches the units of a notice of the directory’s own government', () => {
    const text = [
      '鹰潭市人民政府关于印发测试清单的通知',
      '1.建立工作机制。（牵头单位：市委政法委（市综治办）；配合单位：市政府各部门）',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.tasks[0]!.units.map((u) => [u.raw, u.resolution])).toEqual([
      ['市委政法委（市综治办）', 'named'],
      ['市政府各部门', 'group'],
    ]);
    expect(plan.diagnostics.some((d) => d.code === 'directory-mismatch')).toBe(false);
  });

  it('says nothing of a task list without an issuer (a ledger kept in Excel, titled without a place)', () => {
    const text = [
      '2026年法治政府建设重点任务清单',
      '序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限',
      '1 | 开展行政执法案卷评查。 | 市司法局 | 市政府各部门 | 2026年11月底前',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.tasks[0]!.units.map((u) => [u.raw, u.resolution])).toEqual([
      ['市司法局', 'named'],
      ['市政府各部门', 'group'],
    ]);
    expect(plan.diagnostics.some((d) => d.code === 'directory-mismatch')).toBe(false);
  });
});

describe('headings', () => {
  it('reports a 第一部分 above 一、 headings instead of guessing a third level', () => {
    const text = [
      '鹰潭市人民政府关于印发测试清单的通知',
      '第一部分 重点任务',
      '一、优化服务',
      '1.建立工作机制。（市司法局负责）',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.sections.map((s) => s.title)).toEqual(['优化服务']);
    expect(plan.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'heading-level-skipped', line: 2, column: 1, severity: 'info' }),
    );
  });

  it('does not take 一是 inside a task for a heading', () => {
    const text = [
      '鹰潭市人民政府关于印发测试清单的通知',
      '1.健全工作机制：',
      '一是建立台账',
      '二是定期通报',
      '（市司法局负责）',
      '2.推进清理。（市财政局负责）',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.sections).toEqual([]);
    expect(plan.tasks.map((t) => t.text)).toEqual([
      '健全工作机制：\n一是建立台账\n二是定期通报',
      '推进清理。',
    ]);
  });
});

describe('units across lines', () => {
  it('reads a cell Excel quoted with one unit per line as separate units', () => {
    const text = [
      '鹰潭市人民政府关于印发测试清单的通知',
      '序号\t工作任务\t牵头单位\t配合单位',
      '1\t建立工作机制。\t市司法局\t"市财政局',
      '市教育局"',
      '2\t推进清理工作。\t市发改委\t市公安局',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.tasks.map((t) => t.units.map((u) => [u.raw, u.role]))).toEqual([
      [
        ['市司法局', 'lead'],
        ['市财政局', 'co'],
        ['市教育局', 'co'],
      ],
      [
        ['市发改委', 'lead'],
        ['市公安局', 'co'],
      ],
    ]);
  });

  it('joins a unit name and a label a PDF broke over lines', () => {
    const text = [
      '鹰潭市人民政府关于印发测试清单的通知',
      '2025年3月1日',
      '1.建立工作机制。（牵头单位：市财',
      '政局；配',
      '合单位：市教育局）',
      '2.推进清理工作。',
      '【牵头单位】市司法局',
      '【配合单位】市公安局、各区（市）',
      '政府',
      '【完成时限】2025年6月底前',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(
      plan.tasks.map((t) => t.units.map((u) => [u.raw.replace(/\n/g, ''), u.role, u.resolution])),
    ).toEqual([
      [
        ['市财政局', 'lead', 'named'],
        ['市教育局', 'co', 'named'],
      ],
      [
        ['市司法局', 'lead', 'named'],
        ['市公安局', 'co', 'named'],
        ['各区（市）政府', 'each', 'group'],
      ],
    ]);
    expect(plan.tasks[1]!.obligations).toMatchObject([{ kind: 'once', date: '2025-06-30' }]);
    expect(plan.diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
  });
});

describe('table columns and empty cells', () => {
  it('reads other column names (协同单位, 分管领导, 时间) and takes 无 / “/” / — for no unit', () => {
    const text = [
      '鹰潭市人民政府办公室关于印发测试清单的通知',
      '2025年2月1日',
      '序号 | 任务 | 牵头单位 | 协同单位 | 分管领导 | 时间',
      '1 | 建立健全工作机制。 | 市司法局 | 市财政局 | 张三 | 2025年第四季度',
      '2 | 推进数据共享。 | 市行政审批局 | / | 李四 | 长期坚持',
      '3 | 开展专项督查。 | 市政府办 | 无 | 李四 | 每季度',
      '4 | 开展业务培训。 | 市人社局 | —— | 王五 | 2025年6月底前',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.tasks.map((t) => [t.units.map((u) => [u.raw, u.role]), t.leaders])).toEqual([
      [
        [
          ['市司法局', 'lead'],
          ['市财政局', 'co'],
        ],
        ['张三'],
      ],
      [[['市行政审批局', 'lead']], ['李四']],
      [[['市政府办', 'lead']], ['李四']],
      [[['市人社局', 'lead']], ['王五']],
    ]);
    expect(plan.tasks.map((t) => t.obligations.map((o) => o.date ?? o.kind))).toEqual([
      ['2025-12-31'],
      [],
      ['quarterly'],
      ['2025-06-30'],
    ]);
    expect(plan.unresolved).toEqual([]);
  });
});

describe('a deadline inside the unit bracket', () => {
  it('reads （市司法局牵头，市财政局配合，2025年6月底前完成） as units and a deadline', () => {
    const text = [
      '鹰潭市人民政府办公室关于印发测试清单的通知',
      '2025年2月1日',
      '1.建立健全工作机制。（市司法局牵头，市财政局配合，2025年6月底前完成）',
      '2.推进数据共享。（市行政审批局负责，长期坚持）',
      '3.开展专项督查。（牵头单位：市政府办；完成时限：每季度）',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.tasks.map((t) => [t.text, t.units.map((u) => [u.raw, u.role])])).toEqual([
      [
        '建立健全工作机制。',
        [
          ['市司法局', 'lead'],
          ['市财政局', 'co'],
        ],
      ],
      ['推进数据共享。', [['市行政审批局', 'lead']]],
      ['开展专项督查。', [['市政府办', 'lead']]],
    ]);
    expect(plan.tasks.map((t) => t.obligations.map((o) => [o.kind, o.date, o.raw]))).toEqual([
      [['once', '2025-06-30', '2025年6月底前']],
      [],
      [['quarterly', undefined, '每季度']],
    ]);
    expect(plan.diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
  });
});

describe('heading titles', () => {
  it('drops a closing colon, full-width or not, from a heading title (一是优化营商环境：)', () => {
    const text = [
      '鹰潭市人民政府关于印发测试清单的通知',
      '2025年2月1日',
      '— 1 —',
      '一是优化营商环境：',
      '1.建立机制。（市司法局负责）',
      '二是强化保障:',
      '2.推进工作。（市财政局负责）',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.sections.map((s) => s.title)).toEqual(['优化营商环境', '强化保障']);
    expect(plan.notice.listTitle).toBeNull();
  });
});

describe('what cannot be read reliably is reported', () => {
  it('reports a quoted Excel cell that never closes, with its line and column', () => {
    const text = [
      '鹰潭市人民政府关于印发测试清单的通知',
      '2025年2月1日',
      '序号\t工作任务\t牵头单位',
      '1\t"建立工作机制：',
      '一是建立台账',
      '2\t推进清理工作。\t市发改委',
    ].join('\n');
    const plan = parseNotice(text, { directory });
    expect(plan.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'quote-not-closed', line: 4, column: 1, severity: 'warning' }),
    );
  });
});
