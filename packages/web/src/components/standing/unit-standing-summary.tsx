/**
 * 本单位落实情况, compact: the unit's place among all units by on-time rate, its on-time rate, how
 * many deliverables are overdue (the longest overdue listed), and its deliverables by light — from
 * GET /api/dashboard/units/{orgId}, the same figures as the 督办看板.
 */
import { Card, Col, List, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { getUnitStanding, percent, SIGNAL_HEX } from '../../api/dashboard.ts';
import type { Signal } from '../../api/types.ts';
import { useApi } from '../../app/use-api.ts';
import { rateColor, textColor } from '../dashboard/kpi-cards.tsx';
import { ErrorAlert } from '../error-result.tsx';
import { SignalTag } from '../signal-tag.tsx';

const SIGNALS: Signal[] = ['red', 'yellow', 'green', 'grey', 'blue'];
const LONGEST_OVERDUE = 3;

export function UnitStandingSummary({ orgId }: { orgId: string }) {
  const { data, error } = useApi(() => getUnitStanding(orgId, {}), [orgId]);
  if (error) return <ErrorAlert error={error} />;
  if (!data)
    return (
      <Card size="small">
        <Skeleton active paragraph={{ rows: 2 }} />
      </Card>
    );
  const { totals, rank } = data;
  const overdue = data.overdue.items.slice(0, LONGEST_OVERDUE);
  return (
    <section aria-label="本单位落实情况">
      <Card
        size="small"
        title={`${data.unit.name} · ${data.year}年度落实情况`}
        extra={<Link to="/dashboard">查看详情</Link>}
        style={{ borderLeft: `4px solid ${SIGNAL_HEX[totals.worst]}` }}
      >
        {totals.total === 0 ? (
          <Typography.Text type="secondary">本年度本单位还没有报送事项。</Typography.Text>
        ) : (
          <Row gutter={[16, 12]}>
            <Col xs={12} md={6}>
              <Statistic
                title="按时报送率排名"
                value={rank ? `第 ${rank.position} 名` : '暂无排名'}
                suffix={rank ? <span style={{ fontSize: 14 }}>/ 共 {rank.of} 个单位</span> : undefined}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title="按时报送率"
                value={percent(totals.onTimeRate)}
                styles={{ content: { color: textColor(rateColor(totals.onTimeRate)) } }}
              />
            </Col>
            <Col xs={24} md={12}>
              <Space wrap size={[4, 8]} aria-label="按亮灯统计">
                {SIGNALS.map((s) => (
                  <span key={s}>
                    <SignalTag signal={s} />
                    <Typography.Text strong>{totals.counts[s]}</Typography.Text>
                    <Typography.Text type="secondary"> 项</Typography.Text>
                  </span>
                ))}
              </Space>
            </Col>
            <Col span={24}>
              {data.overdue.total === 0 ? (
                <Typography.Text type="secondary">本单位目前没有逾期事项。</Typography.Text>
              ) : (
                <List
                  size="small"
                  header={
                    <Typography.Text strong style={{ color: textColor(SIGNAL_HEX.red) }}>
                      逾期未报 {data.overdue.total} 项
                      {data.overdue.total > overdue.length ? `（以下为逾期最久的 ${overdue.length} 项）` : ''}
                    </Typography.Text>
                  }
                  dataSource={overdue}
                  renderItem={(o) => (
                    <List.Item>
                      <Link to={`/deliverables/${o.deliverableId}`}>{`第${o.taskNo}项 · ${o.title}`}</Link>
                      <Typography.Text type="secondary">逾期 {o.workingDaysOverdue} 个工作日</Typography.Text>
                    </List.Item>
                  )}
                />
              )}
            </Col>
          </Row>
        )}
      </Card>
    </section>
  );
}
