/**
 * 加减分事项: the coordinator records a bonus or deduction for a unit with its reason and what it rests
 * on (a 文号, a 通报), and withdraws a wrong one with why; withdrawn entries stay listed, struck out.
 */
import { App, Button, Card, Form, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type Adjustment, addAdjustment, listAdjustments, withdrawAdjustment } from '../../api/assessment.ts';
import { dateTime } from '../../app/format.ts';
import { useApi } from '../../app/use-api.ts';
import { ErrorAlert } from '../error-result.tsx';
import { FormDialog } from './form-dialog.tsx';

type Props = { planId: string; year: number; units: { orgId: string; name: string }[]; onChange: () => void };

export function AdjustmentsCard({ planId, year, units, onChange }: Props) {
  const { message } = App.useApp();
  const { data, error, reload } = useApi(() => listAdjustments(planId, year), [planId, year]);
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Adjustment | null>(null);
  const changed = async (text: string) => {
    void message.success(text);
    await reload();
    onChange();
  };
  return (
    <Card
      title="加减分事项"
      size="small"
      extra={
        <Button type="primary" onClick={() => setAdding(true)}>
          登记加减分
        </Button>
      }
    >
      <ErrorAlert error={error} />
      <List<Adjustment>
        dataSource={data ?? []}
        rowKey="id"
        locale={{ emptyText: '尚未登记加减分事项' }}
        renderItem={(a) => (
          <List.Item
            actions={
              a.withdrawnAt
                ? []
                : [
                    <Button key="w" size="small" onClick={() => setWithdrawing(a)}>
                      撤销
                    </Button>,
                  ]
            }
          >
            <Space
              orientation="vertical"
              size={0}
              style={{ textDecoration: a.withdrawnAt ? 'line-through' : undefined }}
            >
              <Space wrap>
                <Tag color={a.points > 0 ? 'green' : 'red'}>
                  {a.points > 0 ? `+${a.points}` : a.points} 分
                </Tag>
                <Typography.Text strong>{a.orgName}</Typography.Text>
                <Typography.Text>{a.reason}</Typography.Text>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                依据：{a.basis} · 登记于 {dateTime(a.createdAt)}
                {a.withdrawnAt ? ` · 已撤销（${a.withdrawReason}）` : ''}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <AddModal
        open={adding}
        units={units}
        onCancel={() => setAdding(false)}
        onSave={async (body) => {
          await addAdjustment(planId, year, body);
          setAdding(false);
          await changed('已登记');
        }}
      />
      <WithdrawModal
        entry={withdrawing}
        onCancel={() => setWithdrawing(null)}
        onSave={async ({ reason }) => {
          if (!withdrawing) return;
          await withdrawAdjustment(withdrawing.id, reason);
          setWithdrawing(null);
          await changed('已撤销');
        }}
      />
    </Card>
  );
}

type NewEntry = { orgId: string; points: number; reason: string; basis: string };

function AddModal(props: {
  open: boolean;
  units: Props['units'];
  onCancel: () => void;
  onSave: (v: NewEntry) => Promise<void>;
}) {
  return (
    <FormDialog
      open={props.open}
      title="登记加减分"
      okText="登记"
      onCancel={props.onCancel}
      onSave={props.onSave}
    >
      <Form.Item name="orgId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={props.units.map((u) => ({ value: u.orgId, label: u.name }))}
          placeholder="选择单位"
        />
      </Form.Item>
      <Form.Item
        name="points"
        label="分值（加分为正，减分为负）"
        rules={[{ required: true, message: '请填写分值' }]}
      >
        <InputNumber step={0.5} min={-100} max={100} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="reason"
        label="理由"
        rules={[{ required: true, min: 2, message: '请填写理由（至少2个字）' }]}
      >
        <Input maxLength={200} placeholder="如：法治建设经验被省级推广" />
      </Form.Item>
      <Form.Item
        name="basis"
        label="依据"
        rules={[{ required: true, min: 2, message: '请填写依据（至少2个字）' }]}
      >
        <Input maxLength={200} placeholder="文号或通报名称" />
      </Form.Item>
    </FormDialog>
  );
}

function WithdrawModal(props: {
  entry: Adjustment | null;
  onCancel: () => void;
  onSave: (v: { reason: string }) => Promise<void>;
}) {
  return (
    <FormDialog
      open={props.entry !== null}
      title="撤销加减分"
      okText="撤销"
      onCancel={props.onCancel}
      onSave={props.onSave}
    >
      <Form.Item
        name="reason"
        label="撤销原因"
        rules={[{ required: true, min: 2, message: '请填写撤销原因（至少2个字）' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
    </FormDialog>
  );
}
