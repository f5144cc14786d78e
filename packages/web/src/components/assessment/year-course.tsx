/**
 * Where the year's assessment stands: 计分中 → 公示申诉中 (with its window) → 已定格 (with the stored
 * result's fingerprint and the units whose records have changed since). The coordinator publishes the
 * results with an appeal window and, once every appeal is decided, freezes them.
 */
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { type Assessment, freezeAssessment, openAppealWindow } from '../../api/assessment.ts';
import { dateTime } from '../../app/format.ts';
import { FormDialog } from './form-dialog.tsx';

type Props = { planId: string; year: number; data: Assessment; coordinator: boolean; onChange: () => void };

export function YearCourse({ planId, year, data, coordinator, onChange }: Props) {
  const { message } = App.useApp();
  const [opening, setOpening] = useState(false);
  const { state, changedSince } = data;
  const frozen = state.status === 'frozen';
  const description =
    state.status === 'open'
      ? '得分随督办记录变化；公示后各单位可在申诉期内逐项申诉。'
      : state.status === 'appeals'
        ? `申诉期 ${state.appealFrom} 至 ${state.appealUntil}；处理完全部申诉后可定格。`
        : `已于 ${dateTime(state.frozenAt ?? '')} 定格，结果不再变动（校验码 ${state.resultSha256?.slice(0, 12)}）。`;
  return (
    <Card size="small" data-testid="assessment-course">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>考核进度：{state.label}</Typography.Text>
          <Typography.Text type="secondary">{description}</Typography.Text>
        </Space>
        {frozen && changedSince.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title="定格后督办记录有变动，定格结果保持不变"
            description={changedSince
              .map((c) => `${c.name}：定格 ${c.frozen} 分，按现有记录为 ${c.live} 分`)
              .join('；')}
          />
        )}
        {coordinator && !frozen && (
          <Space wrap>
            <Button onClick={() => setOpening(true)}>
              {state.status === 'open' ? '公示并开放申诉' : '调整申诉期'}
            </Button>
            <Popconfirm
              title="定格后本年度考核结果不再变动，确定定格？"
              okText="定格"
              cancelText="取消"
              onConfirm={async () => {
                try {
                  await freezeAssessment(planId, year, state.rowVersion);
                  void message.success('考核结果已定格');
                  onChange();
                } catch (e) {
                  Modal.error({ title: '未能定格', content: e instanceof Error ? e.message : String(e) });
                }
              }}
            >
              <Button type="primary">定格结果</Button>
            </Popconfirm>
          </Space>
        )}
      </Space>
      <WindowModal
        open={opening}
        onCancel={() => setOpening(false)}
        onSave={async (v) => {
          await openAppealWindow(planId, year, { ...v, rowVersion: state.rowVersion });
          setOpening(false);
          void message.success('已公示，各责任单位已收到通知');
          onChange();
        }}
      />
    </Card>
  );
}

function WindowModal(props: {
  open: boolean;
  onCancel: () => void;
  onSave: (v: { from: string; until: string }) => Promise<void>;
}) {
  return (
    <FormDialog
      open={props.open}
      title="公示并开放申诉"
      okText="公示"
      onCancel={props.onCancel}
      onSave={props.onSave}
    >
      <Form.Item name="from" label="申诉开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="until" label="申诉截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
        <Input type="date" />
      </Form.Item>
    </FormDialog>
  );
}
