/**
 * 报送事项详情 (/deliverables/:id): the task and its deadline, the unit's report form (or the report
 * handed in), a lead unit's view of its co-units' inputs, extension requests and the escalation
 * ladder. Another unit's deliverable shows 没有权限 and nothing of it.
 */
import { AWAITING_LABELS, REVIEWERS, reportAwaiting, reportStateLabel } from '@luoshi/core/vocabulary';
import { Alert, Card, Col, Empty, Grid, Row, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useParams } from 'react-router';
import type { ApiError } from '../api/client.ts';
import {
  type CoInput,
  type DeliverableDetail,
  deliverablesApi,
  type Ladder,
  type Report,
} from '../api/deliverables.ts';
import { dateTime } from '../app/format.ts';
import { useMe } from '../app/session.tsx';
import { useApi } from '../app/use-api.ts';
import { CoInputs } from '../components/deliverable/co-inputs.tsx';
import { DeliverableHeader } from '../components/deliverable/deliverable-header.tsx';
import { EscalationLadder } from '../components/deliverable/escalation-ladder.tsx';
import { ExtensionSection } from '../components/deliverable/extension-section.tsx';
import { LeaderDecision } from '../components/deliverable/leader-decision.tsx';
import { ReportForm } from '../components/deliverable/report-form.tsx';
import { ReportView, ReturnedByTag } from '../components/deliverable/report-view.tsx';
import { ErrorAlert } from '../components/error-result.tsx';

type PageData = {
  d: DeliverableDetail;
  reports: Report[];
  ladder: Ladder | null;
  inputs: CoInput[];
  leaderApproval: boolean;
};

async function load(id: string): Promise<PageData> {
  const d = await deliverablesApi.get(id);
  const [reports, ladder, inputs, settings] = await Promise.all([
    deliverablesApi.reports(id),
    deliverablesApi.ladder(id).catch(() => null),
    d.coInputs.length > 0 ? deliverablesApi.inputs(id) : Promise.resolve({ inputs: [] }),
    deliverablesApi.reportSettings().catch(() => ({ leaderApproval: false })),
  ]);
  return {
    d,
    reports: reports.reports,
    ladder,
    inputs: inputs.inputs,
    leaderApproval: settings.leaderApproval,
  };
}

function ReportSection({
  data,
  canAct,
  isLeader,
  onChanged,
}: {
  data: PageData;
  canAct: boolean;
  isLeader: boolean;
  onChanged: () => Promise<void>;
}) {
  const { d, leaderApproval } = data;
  const unitReports = data.reports.filter((r) => r.orgId === d.orgId);
  const latest = unitReports[0] ?? null;
  const done = d.status === 'accepted' || d.status === 'closed';

  if (canAct && !done && (!latest || latest.status === 'draft' || latest.status === 'returned'))
    return (
      <ReportForm
        key={d.id}
        deliverable={d}
        report={latest}
        leaderApproval={leaderApproval}
        isLeader={isLeader}
        onChanged={onChanged}
      />
    );
  if (!latest) return <Empty description={done ? '本事项已办结，没有报告' : '本单位尚未报送报告'} />;
  // The server's rule (core's reportAwaiting): with leader approval on, a submitted report is the leader's.
  const awaiting = reportAwaiting(latest.status, leaderApproval);
  const awaitingLeader = awaiting === 'leader';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {done && <Alert type="success" showIcon title={`本事项已${REVIEWERS.coordinator.act}通过并办结。`} />}
      {!done && awaiting === 'coordinator' && (
        <Alert
          type="info"
          showIcon
          title={`报告${reportStateLabel(latest.status, leaderApproval)}，${AWAITING_LABELS.coordinator}。`}
        />
      )}
      {awaitingLeader && canAct && isLeader && <LeaderDecision report={latest} onChanged={onChanged} />}
      {awaitingLeader && !(canAct && isLeader) && (
        <Alert
          type="info"
          showIcon
          title={`报告${reportStateLabel(latest.status, leaderApproval)}，${REVIEWERS.leader.act}后报送依法治市办${REVIEWERS.coordinator.act}。`}
        />
      )}
      <ReportView report={latest} leaderApproval={leaderApproval} />
    </Space>
  );
}

function ReportHistory({ d, leaderApproval }: { d: DeliverableDetail; leaderApproval: boolean }) {
  if (d.reports.length === 0) return <Typography.Text type="secondary">暂无报送记录。</Typography.Text>;
  return (
    <Timeline
      items={[...d.reports].reverse().map((r) => ({
        key: r.id,
        color: r.status === 'returned' ? 'red' : r.status === 'accepted' ? 'green' : 'blue',
        content: (
          <Space orientation="vertical" size={0}>
            <Space wrap size={6}>
              <Tag>{reportStateLabel(r.status, leaderApproval)}</Tag>
              {r.status === 'returned' && <ReturnedByTag role={r.returnedByRole} />}
              <Typography.Text type="secondary">
                {r.author} · {dateTime(r.submittedAt ?? r.createdAt)}
              </Typography.Text>
            </Space>
            {r.returnReason && <Typography.Text>退回理由：{r.returnReason}</Typography.Text>}
            {r.evidence > 0 && <Typography.Text type="secondary">佐证材料 {r.evidence} 个</Typography.Text>}
          </Space>
        ),
      }))}
    />
  );
}

export function DeliverablePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const size = screens.md ? 'medium' : 'small';
  const { data, error, reload } = useApi(() => load(id), [id]);
  const onChanged = async () => {
    await reload();
  };

  if (!data) {
    if (error) return <ForbiddenOrError error={error} />;
    return <Skeleton active />;
  }
  const { d } = data;
  const unitRole = me.user.role === 'reporter' || me.user.role === 'leader';
  const canAct = unitRole && me.user.orgId === d.orgId;
  const isLeader = me.user.role === 'leader';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {error && <ErrorAlert error={error} />}
      <Card size={size}>
        <DeliverableHeader d={d} canAct={canAct} leaderApproval={data.leaderApproval} onChanged={onChanged} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title="进展报告" size={size}>
              <ReportSection data={data} canAct={canAct} isLeader={isLeader} onChanged={onChanged} />
            </Card>
            {d.coInputs.length > 0 && (
              <Card title="配合单位报送情况" size={size}>
                <CoInputs inputs={data.inputs} />
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title="延期申请" size={size}>
              <ExtensionSection d={d} canAct={canAct} onChanged={onChanged} />
            </Card>
            <Card title="提醒与督办" size={size}>
              {data.ladder ? (
                <EscalationLadder ladder={data.ladder} canAct={canAct} onChanged={onChanged} />
              ) : (
                <Typography.Text type="secondary">暂无督办记录。</Typography.Text>
              )}
            </Card>
            <Card title="报送记录" size={size}>
              <ReportHistory d={d} leaderApproval={data.leaderApproval} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

function ForbiddenOrError({ error }: { error: ApiError }) {
  if (error.status === 403)
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title="没有权限"
        description={`${error.message}。您只能查看和填报本单位的报送事项。`}
      />
    );
  return <ErrorAlert error={error} />;
}
