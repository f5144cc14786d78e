/**
 * The reference notice (鹰府字〔2024〕25号, issued 2024-07-04): the exact obligations and
 * indicators of every task, read from the fixture by task number (`N | text | …` or
 * `… | N | text | …`), with spans checked against the whole document.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractIndicators } from '../../src/extract/indicators.ts';
import { extractObligations } from '../../src/extract/obligations.ts';
import type { Indicator, Obligation } from '../../src/types.ts';

const DOC = readFileSync(new URL('../../data/notices/yingtan-2024-25.txt', import.meta.url), 'utf8');
const CTX = { noticeYear: 2024, issuedAt: '2024-07-04' };

type TaskText = { text: string; offset: number };

/** Each task's text and its offset in the document: the cell after the one holding its number. */
function readTasks(doc: string): Map<number, TaskText> {
  const tasks = new Map<number, TaskText>();
  let lineStart = 0;
  for (const line of doc.split('\n')) {
    const cells = line.split('|');
    let pos = lineStart;
    for (let i = 0; i < cells.length - 1; i++) {
      const cell = cells[i] ?? '';
      const no = cell.trim();
      if (no !== '' && [...no].every((c) => c >= '0' && c <= '9')) {
        const next = cells[i + 1] ?? '';
        tasks.set(Number(no), {
          text: next.trim(),
          offset: pos + cell.length + 1 + (next.length - next.trimStart().length),
        });
        break;
      }
      pos += cell.length + 1;
    }
    lineStart += line.length + 1;
  }
  return tasks;
}

const TASKS = readTasks(DOC);

type Expected = { obligations: Omit<Obligation, 'span'>[]; indicators: Omit<Indicator, 'span'>[] };

/** Every task that carries obligations or indicators; all the others carry none. */
const EXPECTED: Record<number, Expected> = {
  1: {
    obligations: [
      {
        kind: 'annual',
        confidence: 'high',
        month: 3,
        day: 1,
        raw: '每年3月1日前',
        activity: '市、区(市)政府向同级党委、人大常委会和上一级政府报告上一年度法治政府建设情况',
      },
      {
        kind: 'annual',
        confidence: 'high',
        month: 4,
        day: 1,
        raw: '4月1日前',
        activity: '通过报刊、政府门户网站等向社会公开',
      },
    ],
    indicators: [],
  },
  2: {
    obligations: [
      {
        kind: 'relative',
        confidence: 'high',
        amount: 3,
        unit: 'month',
        direction: 'after',
        trigger: '述法对象要针对述法点评指出的问题制定整改方案',
        raw: '3个月内',
        activity: '报送整改落实情况',
      },
    ],
    indicators: [],
  },
  6: {
    obligations: [
      {
        kind: 'annual',
        confidence: 'high',
        month: 8,
        day: 10,
        approx: 'early',
        raw: '每年8月初',
        activity: '开展下年度政府立法建议项目申报',
      },
      {
        kind: 'annual',
        confidence: 'high',
        month: 11,
        day: 30,
        endOfMonth: true,
        raw: '每年11月底前',
        activity: '提出立法计划建议',
      },
    ],
    indicators: [],
  },
  10: {
    obligations: [
      {
        kind: 'semiannual',
        confidence: 'high',
        dates: [
          { month: 1, day: 31, endOfMonth: true },
          { month: 7, day: 31, endOfMonth: true },
        ],
        raw: '每年1月底前和7月底前',
        activity: '提交上一年度和当年上半年发文目录',
      },
    ],
    indicators: [],
  },
  12: {
    obligations: [
      {
        kind: 'relative',
        confidence: 'high',
        amount: 2,
        unit: 'workday',
        direction: 'before',
        trigger: '上会',
        raw: '上会前2个工作日内',
        activity: '送审的文件原则上不安排议题',
      },
    ],
    indicators: [
      {
        raw: '不少于5个工作日',
        comparator: '>=',
        value: 5,
        unit: '工作日',
        year: null,
        subject: '合法性审查时间',
        confidence: 'high',
      },
      {
        raw: '最长不超过15个工作日',
        comparator: '<=',
        value: 15,
        unit: '工作日',
        year: null,
        subject: '合法性审查时间',
        confidence: 'high',
      },
    ],
  },
  13: {
    obligations: [
      {
        kind: 'relative',
        confidence: 'high',
        amount: 5,
        unit: 'workday',
        direction: 'after',
        trigger: '对调整后的权责清单',
        raw: '5个工作日内',
        activity: '向机构编制部门报备',
      },
    ],
    indicators: [],
  },
  15: {
    obligations: [],
    indicators: [
      {
        raw: '不少于本单位执法人员总数5%',
        comparator: '>=',
        value: 5,
        unit: '%',
        year: null,
        subject: '法制审核人员',
        confidence: 'high',
      },
      {
        raw: '至少1人',
        comparator: '>=',
        value: 1,
        unit: '人',
        year: null,
        subject: '法制审核人员',
        confidence: 'high',
      },
    ],
  },
  16: {
    obligations: [
      {
        kind: 'window',
        confidence: 'high',
        per: 'month',
        fromDay: 1,
        toDay: 25,
        raw: '每月1-25日期间',
        activity: '各级行政执法部门原则上不入园对企业开展行政执法检查',
      },
    ],
    indicators: [],
  },
  17: {
    obligations: [],
    indicators: [
      {
        raw: '达100%',
        comparator: '>=',
        value: 100,
        unit: '%',
        year: 2025,
        subject: '裁量权细化率',
        confidence: 'high',
      },
    ],
  },
  22: {
    obligations: [
      {
        kind: 'frequency',
        confidence: 'high',
        count: 1,
        per: 'year',
        atLeast: true,
        raw: '每年至少组织1次',
        activity: '专项监督',
      },
      {
        kind: 'frequency',
        confidence: 'high',
        count: 2,
        per: 'year',
        atLeast: true,
        raw: '2次',
        activity: '行政案卷评查',
      },
    ],
    indicators: [],
  },
  24: {
    obligations: [],
    indicators: [
      {
        raw: '不少于4人',
        comparator: '>=',
        value: 4,
        unit: '人',
        year: null,
        subject: '听证',
        confidence: 'high',
      },
      {
        raw: '不少于2人',
        comparator: '>=',
        value: 2,
        unit: '人',
        year: null,
        subject: '调查取证',
        confidence: 'high',
      },
    ],
  },
  27: {
    obligations: [],
    indicators: [
      {
        raw: '配齐2名',
        comparator: '=',
        value: 2,
        unit: '名',
        year: null,
        subject: '专职行政应诉工作人员',
        confidence: 'high',
      },
    ],
  },
  29: {
    obligations: [],
    indicators: [
      {
        raw: '达到100%',
        comparator: '>=',
        value: 100,
        unit: '%',
        year: null,
        subject: '出庭应诉率',
        confidence: 'high',
      },
    ],
  },
  36: {
    obligations: [
      {
        kind: 'once',
        confidence: 'high',
        date: '2024-12-31',
        raw: '截至2024年底',
        activity: '100%的司法所达到规范化建设要求',
      },
    ],
    indicators: [
      {
        raw: '100%的司法所达到',
        comparator: '>=',
        value: 100,
        unit: '%',
        year: 2024,
        subject: '司法所',
        confidence: 'high',
      },
    ],
  },
  37: {
    obligations: [],
    indicators: [
      {
        raw: '不少于2名',
        comparator: '>=',
        value: 2,
        unit: '名',
        year: null,
        subject: '司法协理员',
        confidence: 'high',
        per: '每个司法所',
      },
    ],
  },
  39: {
    obligations: [],
    indicators: [
      {
        raw: '配备2名',
        comparator: '=',
        value: 2,
        unit: '名',
        year: null,
        subject: '专职人民调解员',
        confidence: 'high',
        per: '每个乡镇(街道)',
      },
      {
        raw: '配备1名',
        comparator: '=',
        value: 1,
        unit: '名',
        year: null,
        subject: '专职人民调解员',
        confidence: 'high',
      },
      {
        raw: '完成50%',
        comparator: '>=',
        value: 50,
        unit: '%',
        year: 2024,
        subject: '专职人民调解员',
        confidence: 'high',
      },
      {
        raw: '完成100%',
        comparator: '>=',
        value: 100,
        unit: '%',
        year: 2025,
        subject: '专职人民调解员',
        confidence: 'high',
      },
    ],
  },
  40: {
    obligations: [
      {
        kind: 'frequency',
        confidence: 'high',
        count: 1,
        per: 'year',
        atLeast: true,
        raw: '每年学法不少于1次',
        activity: '学法',
      },
      {
        kind: 'frequency',
        confidence: 'high',
        count: 2,
        per: 'year',
        atLeast: true,
        raw: '每年集体学法不少于2次',
        activity: '集体学法',
      },
    ],
    indicators: [],
  },
  41: {
    obligations: [
      {
        kind: 'frequency',
        confidence: 'high',
        count: 1,
        per: 'year',
        atLeast: true,
        raw: '每年至少组织领导干部参加1次',
        activity: '旁听庭审',
      },
      {
        kind: 'frequency',
        confidence: 'high',
        count: 1,
        per: 'year',
        atLeast: true,
        raw: '每年在本单位或本系统专题讲法不少于1次',
        activity: '在本单位或本系统专题讲法',
      },
    ],
    indicators: [],
  },
  43: {
    obligations: [
      {
        kind: 'frequency',
        confidence: 'high',
        count: 1,
        per: 'term',
        atLeast: true,
        raw: '任期内至少接受1次',
        activity: '法治培训',
      },
    ],
    indicators: [
      {
        raw: '不少于60学时',
        comparator: '>=',
        value: 60,
        unit: '学时',
        year: null,
        subject: '公共法律知识、执法业务知识和行政执法技能培训',
        confidence: 'high',
        per: '每人每年',
      },
    ],
  },
  45: {
    obligations: [],
    indicators: [
      {
        raw: '至少有一个',
        comparator: '>=',
        value: 1,
        unit: '个',
        year: null,
        subject: '法治文化阵地',
        confidence: 'high',
        per: '每个村(社区)',
      },
    ],
  },
  47: {
    obligations: [],
    indicators: [
      {
        raw: '达到 90%以上',
        comparator: '>=',
        value: 90,
        unit: '%',
        year: null,
        subject: '满意率',
        confidence: 'high',
      },
    ],
  },
  48: {
    obligations: [],
    indicators: [
      {
        raw: '实现100%',
        comparator: '>=',
        value: 100,
        unit: '%',
        year: 2024,
        subject: '司法所远程法律服务终端覆盖面',
        confidence: 'high',
      },
    ],
  },
  49: {
    obligations: [
      {
        kind: 'frequency',
        confidence: 'high',
        count: 1,
        per: 'year',
        atLeast: false,
        raw: '每年对本系统开展1次',
        activity: '法治政府建设专项检查',
      },
    ],
    indicators: [],
  },
};

/** Each item's span must be where its raw text is, in order, inside the task. */
function checkSpans(
  items: readonly { raw: string; span: { start: number; end: number } }[],
  task: TaskText,
): void {
  let from = 0;
  for (const item of items) {
    const at = task.text.indexOf(item.raw, from);
    expect(at, `"${item.raw}" in the task text`).toBeGreaterThanOrEqual(0);
    expect(item.span).toEqual({ start: task.offset + at, end: task.offset + at + item.raw.length });
    expect(DOC.slice(item.span.start, item.span.end)).toBe(item.raw);
    from = at + item.raw.length;
  }
}

describe('reference notice 鹰府字〔2024〕25号', () => {
  it('finds the 51 tasks in the fixture', () => {
    expect([...TASKS.keys()]).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect(TASKS.get(1)?.text.startsWith('每年3月1日前')).toBe(true);
    expect(TASKS.get(51)?.text.endsWith('纳入全市综合考核。')).toBe(true);
  });

  it('lists the 23 tasks that carry obligations or indicators', () => {
    expect(Object.keys(EXPECTED).map(Number)).toEqual([
      1, 2, 6, 10, 12, 13, 15, 16, 17, 22, 24, 27, 29, 36, 37, 39, 40, 41, 43, 45, 47, 48, 49,
    ]);
  });

  it.each([...TASKS.keys()])('task %i: exact obligations and indicators', (no) => {
    const task = TASKS.get(no)!;
    const want = EXPECTED[no] ?? { obligations: [], indicators: [] };
    const obligations = extractObligations(task.text, task.offset, CTX);
    const indicators = extractIndicators(task.text, task.offset, { noticeYear: CTX.noticeYear });
    expect(obligations.map(({ span: _s, ...rest }) => rest)).toEqual(want.obligations);
    expect(indicators.map(({ span: _s, ...rest }) => rest)).toEqual(want.indicators);
    checkSpans(obligations, task);
    checkSpans(indicators, task);
  });
});
