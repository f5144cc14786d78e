/**
 * 工作日历: which years have the State Council holiday notice (放假 and 调休上班 days) and, for the
 * current and next year without one, a warning that deadlines there assume plain Monday–Friday.
 */
import { Alert, Card, Space, Table, Typography } from 'antd';
import { type CalendarYear, getCalendarInfo } from '../../api/admin.ts';
import { useApi } from '../../app/use-api.ts';
import { ErrorAlert } from '../error-result.tsx';

export function CalendarCoverage() {
  const { data, error, loading } = useApi(getCalendarInfo, []);
  const missing = (data?.upcoming ?? []).filter((u) => !u.hasData);
  const currentYear = data ? Number(data.today.slice(0, 4)) : null;

  return (
    <Card title="工作日历" size="small" loading={loading && !data}>
      <ErrorAlert error={error} />
      {data && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            期限按工作日计算：周一至周五，减去国务院办公厅节假日安排通知中的放假日，加上调休上班的周末。
            {data.years.length > 0
              ? `已有 ${data.years[0]!.year}–${data.years[data.years.length - 1]!.year} 年的放假安排。`
              : '目前没有任何年份的放假安排。'}
          </Typography.Paragraph>
          {missing.map((m) => (
            <Alert
              key={m.year}
              type={m.year === currentYear ? 'error' : 'warning'}
              showIcon
              role="alert"
              title={`${m.year}年尚无国务院节假日安排`}
              description={`${m.year}年的期限暂按周一至周五计算，可能与实际放假、调休不符；相关事项会标注“缺少该年度节假日数据”。国务院办公厅通知发布后，需升级系统载入该年的放假安排。`}
            />
          ))}
          <Table<CalendarYear>
            rowKey="year"
            size="small"
            pagination={false}
            dataSource={data.years}
            aria-label="各年份节假日安排"
            columns={[
              { title: '年份', dataIndex: 'year', render: (y: number) => `${y}年` },
              {
                title: '放假占用的工作日',
                dataIndex: 'weekdaysOff',
                align: 'right',
                render: (n: number) => `${n} 天`,
              },
              {
                title: '调休上班的周末',
                dataIndex: 'makeupWorkdays',
                align: 'right',
                render: (n: number) => `${n} 天`,
              },
              {
                title: '全年工作日',
                dataIndex: 'workingDays',
                align: 'right',
                render: (n: number) => `${n} 天`,
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
