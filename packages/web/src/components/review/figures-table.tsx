/** 指标数据: the task's indicators with their targets next to the figures the unit reported. */
import { Table, Tag, Typography } from 'antd';
import { COMPARATOR_LABELS, type Figure, type TaskIndicator } from '../../api/dashboard.ts';

type Row = {
  key: string;
  name: string;
  raw: string | null;
  target: string;
  value: string;
  met: boolean | null;
  note: string | null;
};

function meets(value: number, comparator: string, target: number): boolean | null {
  switch (comparator) {
    case '>=':
      return value >= target;
    case '<=':
      return value <= target;
    case '>':
      return value > target;
    case '<':
      return value < target;
    case '=':
      return Math.abs(value - target) < 1e-9;
    default:
      return null;
  }
}

/** Which reported figure answers indicator `index`: by its index, its text as written, or its subject. */
function figureOf(figures: readonly Figure[], ind: TaskIndicator, index: number): Figure | undefined {
  return figures.find(
    (f) => f.indicator === String(index) || f.indicator === ind.raw || f.indicator === ind.subject,
  );
}

export function FiguresTable({
  indicators,
  figures,
}: {
  indicators: readonly TaskIndicator[];
  figures: readonly Figure[];
}) {
  const used = new Set<Figure>();
  const rows: Row[] = indicators.map((ind, i) => {
    const f = figureOf(figures, ind, i);
    if (f) used.add(f);
    const unit = ind.unit ?? '';
    return {
      key: `i${i}`,
      name: ind.subject || ind.raw,
      raw: ind.raw,
      target: `${COMPARATOR_LABELS[ind.comparator] ?? ind.comparator} ${ind.value}${unit}`,
      value: f ? `${f.value}${f.unit ?? unit}` : '未填报',
      met: f ? meets(f.value, ind.comparator, ind.value) : null,
      note: f?.note ?? null,
    };
  });
  figures.forEach((f, i) => {
    if (used.has(f)) return;
    rows.push({
      key: `f${i}`,
      name: f.indicator,
      raw: null,
      target: '—',
      value: `${f.value}${f.unit ?? ''}`,
      met: null,
      note: f.note ?? null,
    });
  });
  if (rows.length === 0)
    return <Typography.Text type="secondary">该任务没有量化指标，报告未填报指标数据</Typography.Text>;
  return (
    <Table<Row>
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 480 }}
      columns={[
        {
          title: '指标',
          dataIndex: 'name',
          render: (n: string, r) => (
            <>
              {n}
              {r.raw && r.raw !== n && (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    原文：{r.raw}
                  </Typography.Text>
                </div>
              )}
              {r.note && (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    说明：{r.note}
                  </Typography.Text>
                </div>
              )}
            </>
          ),
        },
        { title: '目标值', dataIndex: 'target', width: 110 },
        { title: '报送值', dataIndex: 'value', width: 100 },
        {
          title: '达标',
          dataIndex: 'met',
          width: 90,
          render: (m: boolean | null) =>
            m === null ? <Tag>—</Tag> : <Tag color={m ? 'green' : 'red'}>{m ? '达标' : '未达标'}</Tag>,
        },
      ]}
    />
  );
}
