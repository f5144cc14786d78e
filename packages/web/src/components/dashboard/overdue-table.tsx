/** 逾期清单: past due and not handed in, most working days overdue first, with how far the ladder has gone. */
import { Table } from 'antd';
import { Link } from 'react-router';
import type { OverdueItem } from '../../api/dashboard.ts';
import { EscalationTag } from './escalation-tag.tsx';

export function OverdueTable({
  items,
  showUnit = true,
}: {
  items: readonly OverdueItem[];
  showUnit?: boolean;
}) {
  return (
    <Table<OverdueItem>
      rowKey="deliverableId"
      size="small"
      dataSource={[...items]}
      pagination={{ pageSize: 10, showSizeChanger: false, showTotal: (n) => `共 ${n} 项` }}
      scroll={{ x: 760 }}
      locale={{ emptyText: '没有逾期事项' }}
      columns={[
        ...(showUnit ? [{ title: '单位', dataIndex: 'orgName', width: 170, ellipsis: true } as const] : []),
        { title: '任务', dataIndex: 'taskNo', width: 72, render: (n: number) => `第${n}项` },
        {
          title: '报送事项',
          dataIndex: 'title',
          ellipsis: true,
          render: (t: string, r) => <Link to={`/deliverables/${r.deliverableId}`}>{t}</Link>,
        },
        { title: '截止日期', dataIndex: 'dueDate', width: 110 },
        {
          // The office counts lateness in working days (the server counts them on the holiday calendar).
          title: '逾期工作日',
          dataIndex: 'workingDaysOverdue',
          width: 112,
          align: 'right',
          sorter: (a, b) => a.workingDaysOverdue - b.workingDaysOverdue,
          defaultSortOrder: 'descend',
          sortDirections: ['descend', 'ascend', 'descend'],
          render: (n: number) => <strong style={{ color: '#cf1322' }}>{n} 个工作日</strong>,
        },
        {
          title: '督办级别',
          dataIndex: 'escalation',
          width: 110,
          render: (l: OverdueItem['escalation']) => <EscalationTag level={l} />,
        },
      ]}
    />
  );
}
