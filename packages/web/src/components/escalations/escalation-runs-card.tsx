/**
 * 最近的督办批次: each pass that issued records — as of which day, who ran it, what it issued — and
 * 撤回 for a coordinator: the pass's records are marked 已撤回 (kept), the units are told.
 */
import { App, Button, Card, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import {
  type EscalationRunView,
  getEscalationRuns,
  revertEscalationRun,
  totalOf,
} from '../../api/escalation-runs.ts';
import { dateTime, proseDate } from '../../app/format.ts';
import { useApi } from '../../app/use-api.ts';
import { ErrorAlert } from '../error-result.tsx';
import { ItemCard, ResponsiveList } from '../responsive-list.tsx';
import { countsText } from './run-escalation-modal.tsx';
import { type TextField, TextFormModal } from './text-form-modal.tsx';

const PAGE_SIZE = 5;

export function EscalationRunsCard({ version, onReverted }: { version: number; onReverted: () => void }) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi(
    () => getEscalationRuns({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    [page, version],
  );
  const [reverting, setReverting] = useState<EscalationRunView | null>(null);
  const revert = (r: EscalationRunView) =>
    r.reverted ? null : (
      <Button size="small" danger onClick={() => setReverting(r)}>
        撤回
      </Button>
    );

  return (
    <Card title="最近的督办批次" size="small">
      <ErrorAlert error={error} />
      <ResponsiveList<EscalationRunView>
        cardsLabel="最近的督办批次"
        card={(r) => (
          <ItemCard
            tags={<RunState r={r} />}
            item={`按 ${proseDate(r.asOf)} 运行`}
            unit={r.runBy?.name ?? '系统定时'}
            status={`${totalOf(r.created)} 条，通知 ${r.notified} 人次`}
            actions={revert(r)}
          >
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {countsText(r.created)} · 运行于 {dateTime(r.startedAt)}
            </Typography.Text>
          </ItemCard>
        )}
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '还没有生成过督办记录' }}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: '督办日期', dataIndex: 'asOf', width: 110 },
          { title: '运行时间', key: 'at', width: 150, render: (_, r) => dateTime(r.startedAt) },
          { title: '运行人', key: 'by', width: 130, render: (_, r) => r.runBy?.name ?? '系统定时' },
          {
            title: '生成记录',
            key: 'created',
            render: (_, r) => (
              <Tooltip title={countsText(r.created)}>
                <span>
                  {totalOf(r.created)} 条，通知 {r.notified} 人次
                </span>
              </Tooltip>
            ),
          },
          {
            title: '状态',
            key: 'state',
            width: 200,
            render: (_, r) => <RunState r={r} />,
          },
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_, r) => revert(r),
          },
        ]}
      />
      <RevertModal
        run={reverting}
        onClose={() => setReverting(null)}
        onDone={(r) => {
          setReverting(null);
          message.success(`已撤回 ${r.withdrawn} 条督办记录，已通知被督办单位`);
          void reload();
          onReverted();
        }}
      />
    </Card>
  );
}

function RunState({ r }: { r: EscalationRunView }) {
  if (!r.reverted) return <Tag color="green">有效</Tag>;
  return (
    <Tooltip title={`撤回原因：${r.reverted.reason}`}>
      <Tag color="default">已撤回</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.reverted.by.name} {dateTime(r.reverted.at)}
      </Typography.Text>
    </Tooltip>
  );
}

const REASON_FIELD: TextField = {
  name: 'reason',
  label: '撤回原因',
  requiredMessage: '请填写撤回原因',
  min: 2,
  minMessage: '请填写撤回原因（至少2个字）',
  maxLength: 500,
  rows: 3,
  placeholder: '例如：督办日期选错',
};

function RevertModal({
  run,
  onClose,
  onDone,
}: {
  run: EscalationRunView | null;
  onClose: () => void;
  onDone: (r: EscalationRunView) => void;
}) {
  return (
    <TextFormModal
      open={run !== null}
      title="撤回这次督办"
      okText="撤回"
      danger
      field={REASON_FIELD}
      errorTitle="撤回未成功"
      intro={
        run && (
          <Typography.Paragraph>
            按 {proseDate(run.asOf)} 运行的督办生成了 {totalOf(run.created)} 条记录（{countsText(run.created)}
            ）。撤回后这些记录标记为“已撤回”（保留不删除），被督办单位会收到撤回通知；之后按实际日期运行的督办会重新发出当天确实到期的提醒和督办。
          </Typography.Paragraph>
        )
      }
      send={async (reason) => {
        if (!run) return;
        onDone(await revertEscalationRun(run.id, reason));
      }}
      onClose={onClose}
    />
  );
}
