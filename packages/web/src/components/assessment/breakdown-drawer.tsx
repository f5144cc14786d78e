/**
 * 得分明细: one unit's score item by item, each point beside the record it comes from — a
 * deliverable (on time or not), a returned report, a 催办 or 督办单, a figure, a 加减分 entry — with a
 * link to the deliverable where there is one.
 */
import { Descriptions, Drawer, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { type Breakdown, getBreakdown } from '../../api/assessment.ts';
import { useApi } from '../../app/use-api.ts';
import { ErrorAlert } from '../error-result.tsx';
import { useIsPhone } from '../responsive-list.tsx';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export function BreakdownDrawer(props: {
  planId: string;
  year: number;
  orgId: string | null;
  onClose: () => void;
}) {
  const phone = useIsPhone();
  return (
    <Drawer
      open={props.orgId !== null}
      onClose={props.onClose}
      title="得分明细"
      size={phone ? '100%' : 640}
      destroyOnHidden
    >
      {props.orgId && <BreakdownBody planId={props.planId} year={props.year} orgId={props.orgId} />}
    </Drawer>
  );
}

function BreakdownBody({ planId, year, orgId }: { planId: string; year: number; orgId: string }) {
  const { data, error } = useApi(() => getBreakdown(planId, year, orgId), [planId, year, orgId]);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Typography.Text type="secondary">正在计算…</Typography.Text>;
  return <BreakdownView b={data} />;
}

function BreakdownView({ b }: { b: Breakdown }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="assessment-breakdown">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="单位">{b.unit.name}</Descriptions.Item>
        <Descriptions.Item label="总分">
          <Typography.Text strong>{b.unit.total}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="排名">
          {b.rank === null ? '不参加排名' : `${b.groupName} 第 ${b.rank} 名，${b.grade}`}
        </Descriptions.Item>
        <Descriptions.Item label="计分截至">{b.asOf}</Descriptions.Item>
      </Descriptions>
      {b.unit.items.map((item) => (
        <div key={item.itemId}>
          <Typography.Title level={5} style={{ marginBottom: 4 }}>
            {item.label}：{signed(item.points)} 分{item.max > 0 ? `（满分 ${item.max}）` : ''}
          </Typography.Title>
          {item.note && <Typography.Text type="secondary">{item.note}</Typography.Text>}
          {item.lines.length > 0 && (
            <List
              size="small"
              dataSource={item.lines}
              rowKey={(l) => `${l.ref.kind}:${l.ref.id}:${l.note}`}
              renderItem={(l) => (
                <List.Item
                  extra={
                    <Tag color={l.points < 0 ? 'red' : l.points > 0 ? 'green' : undefined}>
                      {signed(l.points)}
                    </Tag>
                  }
                >
                  {l.deliverableId ? (
                    <Link to={`/deliverables/${encodeURIComponent(l.deliverableId)}`}>{l.note}</Link>
                  ) : (
                    l.note
                  )}
                </List.Item>
              )}
            />
          )}
        </div>
      ))}
    </Space>
  );
}
