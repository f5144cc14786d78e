/** diffPlans: what changed between two versions of a plan, by task number. */
import { readFileSync } from 'node:fs';
import {
  DEFAULT_DIRECTORY_URL,
  type OrgDirectory,
  type Plan,
  parseNotice,
  parseOrgDirectoryCsv,
} from '@luoshi/core';
import { describe, expect, it } from 'vitest';
import { diffPlans, isEmptyChange } from '../../src/modules/plans/diff-plans.ts';
import { editedReference, referenceText } from '../helpers/plans.ts';

function directory(): OrgDirectory {
  const parsed = parseOrgDirectoryCsv(readFileSync(DEFAULT_DIRECTORY_URL, 'utf8'));
  if ('errors' in parsed) throw new Error(parsed.errors[0]!.message);
  return parsed.directory;
}

const dir = directory();
const parse = (text: string): Plan => parseNotice(text, { directory: dir });
const reference = parse(referenceText());

describe('diffPlans', () => {
  it('finds nothing between a plan and itself, nor in spans that moved', () => {
    expect(isEmptyChange(diffPlans(reference, parse(referenceText())))).toBe(true);
    // A longer head moves every span of every task; the tasks themselves are the same.
    const moved = parse(referenceText().replace('(此件主动公开)', '(此件主动公开,请各单位认真落实)'));
    expect(moved.tasks[10]!.span.start).not.toBe(reference.tasks[10]!.span.start);
    expect(diffPlans(reference, moved).changed).toEqual([]);
  });

  it('names changed text, units, obligations and indicators per task', () => {
    const revised = parse(
      editedReference([
        ['每年8月初开展下年度政府立法建议项目申报', '每年9月初开展下年度政府立法建议项目申报'],
        ['2025年高频处罚事项裁量权细化率达100%', '2025年高频处罚事项裁量权细化率达95%'],
        [
          '终端覆盖面要实现100%。 | 市司法局、各区(市)政府、管委会',
          '终端覆盖面要实现100%。 | 市司法局、市财政局、各区(市)政府、管委会',
        ],
      ]),
    );
    const c = diffPlans(reference, revised);
    expect(c.changed.map((t) => [t.no, t.changed])).toEqual([
      [6, ['text', 'obligations']],
      [17, ['text', 'indicators']],
      [48, ['units']],
    ]);
    expect(c.changed[0]!.obligations!.before).toContain('每年8月初');
    expect(c.changed[0]!.obligations!.after).toContain('每年9月初');
    expect(c.changed[0]!.text!.after).toContain('每年9月初');
    expect(c.changed[2]!.units!.after).toContain('市财政局（配合）');
    expect(c.summary).toBe('新增任务0项，删除0项，修改3项（6、17、48）');
  });

  it('lists tasks added and removed by number', () => {
    const shorter: Plan = { ...reference, tasks: reference.tasks.filter((t) => t.no !== 51) };
    const longer: Plan = {
      ...reference,
      tasks: [...reference.tasks, { ...reference.tasks[50]!, no: 52, text: '新增的第52项任务。' }],
    };
    expect(diffPlans(reference, shorter)).toMatchObject({ added: [], removed: [{ no: 51 }], changed: [] });
    expect(diffPlans(reference, longer)).toMatchObject({
      added: [{ no: 52, text: '新增的第52项任务。' }],
      removed: [],
      changed: [],
    });
    expect(diffPlans(reference, longer).summary).toContain('新增任务1项（52）');
  });

  it('reports a changed notice head', () => {
    const later: Plan = { ...reference, notice: { ...reference.notice, issuedAt: '2024-08-01' } };
    expect(diffPlans(reference, later).head).toEqual([
      { field: 'issuedAt', before: '2024-07-04', after: '2024-08-01' },
    ]);
  });
});
