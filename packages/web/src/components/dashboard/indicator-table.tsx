/** 指标完成情况: each indicator of the list, its target, the latest accepted value and whether it is met. */
import { Table, Tag, Tooltip } from 'antd';
import { COMPARATOR_LABELS, type IndicatorAttainment } from '../../api/dashboard.ts';

function target(i: IndicatorAttainment): string {
  return `${COMPARATOR_LABELS[i.comparator] ?? i.comparator} ${i.target}${i.unit ?? ''}`;
}

export function IndicatorTable({ items }: { items: readonly IndicatorAttainment[] }) {
  return (
    <Table<IndicatorAttainment>
      rowKey={(i) => `${i.taskId}:${i.index}`}
      size="small"
      dataSource={[...items]}
      pagination={items.length > 8 ? { pageSize: 8, showSizeChanger: false } : false}
      scroll={{ x: 520 }}
      locale={{ emptyText: '本年度没有量化指标' }}
      columns={[
        { title: '任务', dataIndex: 'taskNo', width: 68, render: (n: number) => `第${n}项` },
        {
          title: '指标',
          dataIndex: 'subject',
          ellipsis: true,
          render: (s: string, i) => (
            <Tooltip title={`原文：${i.raw}`}>
              <span>{s || i.raw}</span>
            </Tooltip>
          ),
        },
        { title: '目标值', key: 'target', width: 110, render: (_, i) => target(i) },
        {
          title: '最新值',
          key: 'latest',
          width: 90,
          align: 'right',
          render: (_, i) => (i.latest ? `${i.latest.value}${i.unit ?? ''}` : '—'),
        },
        {
          title: '达标',
          dataIndex: 'met',
          width: 150,
          render: (met: boolean | null, i) =>
            met === null ? (
              <Tag>未报送</Tag>
            ) : (
              <>
                <Tag color={met ? 'green' : 'red'}>{met ? '达标' : '未达标'}</Tag>
                <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.58)' }}>
                  {i.units.met}/{i.units.reported}单位
                </span>
              </>
            ),
        },
      ]}
    />
  );
}
