/**
 * 提醒督办: the escalation ladder as records — 提醒, 催办, 督办单 (orange, then red) — with the unit,
 * the deliverable, when it was issued, the reply deadline and the reply. Coordinators preview a pass
 * (预演) and run it (执行), and take back a recent pass (撤回); a unit answers its own records here.
 */
import { PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  ESCALATION_LABELS,
  ESCALATION_LEVELS,
  type EscalationLevel,
  type EscalationView,
  getEscalations,
  getOrgs,
  replyToEscalation,
} from '../api/dashboard.ts';
import { type EscalationPass, type EscalationRecord, totalOf } from '../api/escalation-runs.ts';
import { dateTime, proseDate, STATUS_LABELS } from '../app/format.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { EscalationTag } from '../components/dashboard/escalation-tag.tsx';
import { ErrorAlert } from '../components/error-result.tsx';
import { EscalationRunsCard } from '../components/escalations/escalation-runs-card.tsx';
import { countsText, RunEscalationModal } from '../components/escalations/run-escalation-modal.tsx';
import { type TextField, TextFormModal } from '../components/escalations/text-form-modal.tsx';
import { FilterBar, ItemCard, ResponsiveList, useFilterWidth } from '../components/responsive-list.tsx';

const PAGE_SIZE = 20;
const REPORTING_KINDS = new Set([
  'department',
  'district-government',
  'management-committee',
  'party-organ',
  'court',
  'procuratorate',
  'association',
]);

type OpenFilter = 'all' | 'open' | 'closed';

export function EscalationsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const isCoordinator = me.user.role === 'coordinator';
  const canReply = me.permissions.submitReports || me.permissions.approveReports;
  const [params, setParams] = useSearchParams();
  const level = (ESCALATION_LEVELS as readonly string[]).includes(params.get('level') ?? '')
    ? (params.get('level') as EscalationLevel)
    : undefined;
  const openFilter = (params.get('open') as OpenFilter | null) ?? 'all';
  const orgId = params.get('orgId') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const { data, error, loading, reload } = useApi(
    () =>
      getEscalations({
        level,
        orgId,
        open: openFilter === 'all' ? undefined : openFilter === 'open',
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    [level, orgId, openFilter, page],
  );
  const orgs = useApi(() => (me.permissions.viewAllUnits ? getOrgs() : Promise.resolve([])), []);
  const unitOptions = useMemo(
    () =>
      (orgs.data ?? [])
        .filter((o) => REPORTING_KINDS.has(o.kind))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
        .map((o) => ({ value: o.id, label: o.name })),
    [orgs.data],
  );

  const [runOpen, setRunOpen] = useState(false);
  const [run, setRun] = useState<EscalationPass | null>(null);
  // Bumped after a pass or a revert: the list of passes reloads.
  const [runsVersion, setRunsVersion] = useState(0);

  const [replying, setReplying] = useState<EscalationView | null>(null);
  const width = useFilterWidth();
  const reply = (r: EscalationView) => (
    <ReplyCell record={r as EscalationRecord} canReply={canReply} onReply={() => setReplying(r)} />
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 12,
          justifyContent: 'space-between',
          alignItems: 'center',
        }}
      >
        <div>
          <Typography.Title level={3} style={{ margin: '0 0 4px' }}>
            提醒督办
          </Typography.Title>
          <Typography.Text type="secondary">
            临期提醒 → 逾期催办 → 督办单（橙色、红色），每一步都有记录、回复期限和单位回复
          </Typography.Text>
        </div>
        {isCoordinator && (
          <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setRunOpen(true)}>
            立即运行督办
          </Button>
        )}
      </div>
      {run && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setRun(null) }}
          role="status"
          title={`已按 ${proseDate(run.asOf)} 运行督办，新生成 ${totalOf(run.created)} 条记录`}
          description={`${countsText(run.created)}；发出站内通知 ${run.notified} 条。`}
        />
      )}
      {isCoordinator && (
        <RunEscalationModal
          open={runOpen}
          onClose={() => setRunOpen(false)}
          onDone={(pass) => {
            setRunOpen(false);
            setRun(pass);
            setRunsVersion((v) => v + 1);
            void reload();
          }}
        />
      )}
      <FilterBar>
        <Select
          aria-label="督办级别"
          style={{ width: width(150) }}
          value={level ?? ''}
          onChange={(v: string) => set({ level: v || undefined })}
          options={[
            { value: '', label: '全部级别' },
            ...ESCALATION_LEVELS.map((l) => ({ value: l, label: ESCALATION_LABELS[l] })),
          ]}
        />
        <Segmented<OpenFilter>
          aria-label="办理状态"
          value={openFilter}
          onChange={(v) => set({ open: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: '全部' },
            { value: 'open', label: '待处理' },
            { value: 'closed', label: '已回复或已报送' },
          ]}
        />
        {me.permissions.viewAllUnits && (
          <Select
            aria-label="单位"
            style={{ width: width(220) }}
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            placeholder="全部单位"
            value={orgId}
            onChange={(v: string | undefined) => set({ orgId: v })}
            options={unitOptions}
          />
        )}
      </FilterBar>
      <ErrorAlert error={error} />
      <ResponsiveList<EscalationView>
        cardsLabel="督办记录"
        card={(r) => <EscalationCard r={r} reply={reply(r)} />}
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        size="middle"
        // Fits a 1440 px screen; a narrower window scrolls.
        scroll={{ x: 1100 }}
        locale={{ emptyText: '没有符合条件的督办记录' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 条`,
          onChange: (p) => set({ page: p > 1 ? String(p) : undefined }),
        }}
        columns={[
          {
            title: '级别',
            dataIndex: 'level',
            width: 150,
            render: (l: EscalationLevel, r) => <LevelCell level={l} record={r as EscalationRecord} />,
          },
          { title: '单位', key: 'org', width: 180, render: (_, r) => r.org.name },
          {
            title: '报送事项',
            key: 'deliverable',
            render: (_, r) => (
              <Link
                to={`/deliverables/${r.deliverable.id}`}
              >{`第${r.task.no}项 · ${r.deliverable.title}`}</Link>
            ),
          },
          {
            title: '截止日期',
            key: 'due',
            width: 104,
            render: (_, r) => r.deliverable.dueDate,
          },
          {
            title: '事项状态',
            key: 'status',
            width: 90,
            render: (_, r) => STATUS_LABELS[r.deliverable.status] ?? r.deliverable.status,
          },
          {
            title: '发出日期',
            key: 'issued',
            width: 104,
            render: (_, r) => r.createdAt.slice(0, 10),
          },
          {
            title: '回复期限',
            dataIndex: 'replyDue',
            width: 124,
            render: (d: string | null, r) =>
              d ? (
                <>
                  {d} {r.replyOverdue && <Tag color="red">已超期</Tag>}
                </>
              ) : (
                <Typography.Text type="secondary">无需回复</Typography.Text>
              ),
          },
          { title: '单位回复', key: 'reply', width: 180, render: (_, r) => reply(r) },
        ]}
      />
      {isCoordinator && (
        <EscalationRunsCard
          version={runsVersion}
          onReverted={() => {
            setRun(null);
            void reload();
          }}
        />
      )}
      <ReplyModal
        escalation={replying}
        onClose={() => setReplying(null)}
        onDone={() => {
          setReplying(null);
          message.success('已回复');
          void reload();
        }}
      />
    </Space>
  );
}

/** The level, and 已撤回 (with who, when and why) once the record was withdrawn with its pass. */
function LevelCell({ level, record }: { level: EscalationLevel; record: EscalationRecord }) {
  if (!record.withdrawn) return <EscalationTag level={level} />;
  const w = record.withdrawn;
  return (
    <Tooltip title={`${w.by.name}于${dateTime(w.at)}撤回：${w.reason}`}>
      <span>
        <EscalationTag level={level} />
        <Tag>已撤回</Tag>
      </span>
    </Tooltip>
  );
}

/** The unit's reply with who and when; else 回复 for the unit, or why none is expected. */
function ReplyCell({
  record: r,
  canReply,
  onReply,
}: {
  record: EscalationRecord;
  canReply: boolean;
  onReply: () => void;
}) {
  if (r.reply)
    return (
      <div>
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.reply }} style={{ marginBottom: 0 }}>
          {r.reply}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.repliedBy?.name ?? ''} {dateTime(r.repliedAt)}
        </Typography.Text>
      </div>
    );
  if (r.withdrawn) return <Typography.Text type="secondary">无需回复</Typography.Text>;
  if (canReply)
    return (
      <Button size="small" onClick={onReply}>
        回复
      </Button>
    );
  return <Typography.Text type="secondary">未回复</Typography.Text>;
}

function EscalationCard({ r, reply }: { r: EscalationView; reply: ReactNode }) {
  return (
    <ItemCard
      tags={<LevelCell level={r.level} record={r as EscalationRecord} />}
      due={r.deliverable.dueDate}
      item={
        <Link to={`/deliverables/${r.deliverable.id}`}>{`第${r.task.no}项 · ${r.deliverable.title}`}</Link>
      }
      itemText={r.deliverable.title}
      unit={r.org.name}
      status={STATUS_LABELS[r.deliverable.status] ?? r.deliverable.status}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        发出 {r.createdAt.slice(0, 10)}
        {r.replyDue ? ` · 回复期限 ${r.replyDue}` : ' · 无需回复'}
        {r.replyOverdue && (
          <Tag color="red" style={{ marginLeft: 8 }}>
            已超期
          </Tag>
        )}
      </Typography.Text>
      {reply}
    </ItemCard>
  );
}

const REPLY_FIELD: TextField = {
  name: 'reply',
  label: '回复内容',
  requiredMessage: '请填写回复内容',
  min: 5,
  minMessage: '回复内容至少5个字',
  maxLength: 4000,
  rows: 4,
  placeholder: '说明未按期报送的原因和整改时间',
};

function ReplyModal({
  escalation,
  onClose,
  onDone,
}: {
  escalation: EscalationView | null;
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <TextFormModal
      open={escalation !== null}
      title={escalation ? `回复${ESCALATION_LABELS[escalation.level]}` : '回复'}
      okText="提交回复"
      field={REPLY_FIELD}
      errorTitle="回复未成功"
      intro={
        escalation && (
          <Typography.Paragraph type="secondary">
            第{escalation.task.no}项 · {escalation.deliverable.title}（截止{' '}
            {proseDate(escalation.deliverable.dueDate)}）
            {escalation.replyDue ? `，请于 ${proseDate(escalation.replyDue)} 前回复` : ''}
          </Typography.Paragraph>
        )
      }
      send={async (reply) => {
        if (!escalation) return;
        await replyToEscalation(escalation.id, reply);
        onDone();
      }}
      onClose={onClose}
    />
  );
}
