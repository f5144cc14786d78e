/**
 * The review queue's filters, above the list: 责任单位 and 任务 (searchable by number or words), how
 * long a report has waited, late hand-ins, returned before, a search box and the order. Each
 * change is a new URL entry, so back undoes it.
 */
import { Button, Checkbox, Input, Segmented, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { ReviewQueuePage, ReviewSort } from '../../api/dashboard.ts';
import { FilterBar, useFilterWidth } from '../responsive-list.tsx';
import { isFiltered, type ReviewUrlKey, WAIT_BUCKETS } from './review-url.ts';

type Props = {
  params: URLSearchParams;
  page: ReviewQueuePage | null;
  onChange: (changes: Partial<Record<ReviewUrlKey, string | undefined>>) => void;
  onClear: () => void;
};

function excerpt(text: string, n = 24): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

export function ReviewFilters({ params, page, onChange, onClear }: Props) {
  const width = useFilterWidth();
  const q = params.get('q') ?? '';
  // The box holds what is typed; the URL changes on 搜索 (Enter), not on every key.
  const [typed, setTyped] = useState(q);
  useEffect(() => setTyped(q), [q]);
  const sort: ReviewSort = params.get('sort') === 'newest' ? 'newest' : 'oldest';

  return (
    <FilterBar>
      <Select
        aria-label="责任单位"
        placeholder="全部责任单位"
        style={{ width: width(200) }}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={params.get('unit') || undefined}
        onChange={(v: string | undefined) => onChange({ unit: v })}
        options={(page?.units ?? []).map((u) => ({ value: u.orgId, label: `${u.orgName}（${u.count}）` }))}
      />
      <Select
        aria-label="任务"
        placeholder="全部任务"
        style={{ width: width(240) }}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={params.get('task') || undefined}
        onChange={(v: string | undefined) => onChange({ task: v })}
        options={(page?.tasks ?? []).map((t) => ({
          value: String(t.taskNo),
          label: `第${t.taskNo}项 ${excerpt(t.text)}（${t.count}）`,
        }))}
      />
      <Select
        aria-label="等待时间"
        style={{ width: width(170) }}
        value={params.get('wait') ?? ''}
        onChange={(v: string) => onChange({ wait: v || undefined })}
        options={[
          { value: '', label: '等待时间不限' },
          ...WAIT_BUCKETS.map((n) => ({ value: String(n), label: `已等待 ${n} 个工作日以上` })),
        ]}
      />
      <Checkbox
        checked={params.get('overdue') === '1'}
        onChange={(e) => onChange({ overdue: e.target.checked ? '1' : undefined })}
      >
        逾期报送
      </Checkbox>
      <Checkbox
        checked={params.get('returned') === '1'}
        onChange={(e) => onChange({ returned: e.target.checked ? '1' : undefined })}
      >
        曾退回
      </Checkbox>
      <Input.Search
        aria-label="搜索"
        placeholder="搜索任务、单位、报告内容"
        allowClear
        style={{ width: width(260) }}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onSearch={(v) => onChange({ q: v.trim() || undefined })}
      />
      <Segmented<ReviewSort>
        aria-label="排序"
        value={sort}
        onChange={(v) => onChange({ sort: v === 'newest' ? 'newest' : undefined })}
        options={[
          { value: 'oldest', label: '最早报送在前' },
          { value: 'newest', label: '最新报送在前' },
        ]}
      />
      {isFiltered(params) && <Button onClick={onClear}>清除筛选</Button>}
    </FilterBar>
  );
}
