/** One handed-in report as a reviewer reads it: who, for what, the narrative, figures, evidence. */
import { Alert, Descriptions, Divider, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { COMPLETION_LABELS, getReport } from '../../api/dashboard.ts';
import { dateTime, proseDate, STATUS_LABELS } from '../../app/format.ts';
import { useApi } from '../../app/use-api.ts';
import { EvidenceList } from '../deliverable/evidence-list.tsx';
import { ErrorAlert } from '../error-result.tsx';
import { FiguresTable } from './figures-table.tsx';
import { ReviewDecision } from './review-decision.tsx';

const REVIEWABLE = new Set(['submitted', 'approved']);

export function ReportDetail({
  reportId,
  canReview,
  onDone,
}: {
  reportId: string;
  canReview: boolean;
  onDone: (decision: 'accept' | 'return') => void;
}) {
  const { data, error, reload } = useApi(() => getReport(reportId), [reportId]);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const { report, deliverable: d, indicators } = data;
  const late = report.submittedAt !== null && report.submittedAt.slice(0, 10) > d.dueDate;
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        bordered
        styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'org', label: '报送单位', children: d.orgName },
          { key: 'task', label: '任务', children: `第${d.taskNo}项` },
          {
            key: 'title',
            label: '报送事项',
            span: 2,
            children: <Link to={`/deliverables/${d.id}`}>{d.title}</Link>,
          },
          { key: 'due', label: '截止日期', children: proseDate(d.dueDate) },
          {
            key: 'submitted',
            label: '报送时间',
            children: (
              <>
                {dateTime(report.submittedAt)} {late && <Tag color="red">逾期报送</Tag>}
              </>
            ),
          },
          {
            key: 'completion',
            label: '完成情况',
            children: COMPLETION_LABELS[report.completion] ?? report.completion,
          },
          {
            key: 'status',
            label: '报告状态',
            children: (
              <>
                {STATUS_LABELS[report.status] ?? report.status}
                {report.approvedAt && (
                  <Typography.Text type="secondary">
                    （领导 {dateTime(report.approvedAt)} 审批）
                  </Typography.Text>
                )}
              </>
            ),
          },
        ]}
      />
      <Divider titlePlacement="start">进展情况</Divider>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
        {report.narrative || <Typography.Text type="secondary">（未填写）</Typography.Text>}
      </Typography.Paragraph>
      <Divider titlePlacement="start">指标数据与目标</Divider>
      <FiguresTable indicators={indicators} figures={report.figures} />
      <Divider titlePlacement="start">佐证材料（{report.evidence.length}）</Divider>
      <EvidenceList items={report.evidence} />
      <Divider titlePlacement="start">审核</Divider>
      {!canReview ? (
        <Alert type="info" showIcon title="只有依法治市办协调员可以审核报告" />
      ) : REVIEWABLE.has(report.status) ? (
        <ReviewDecision
          key={report.rowVersion}
          reportId={report.id}
          rowVersion={report.rowVersion}
          onDone={onDone}
          onStale={() => void reload()}
        />
      ) : (
        <Alert
          type="info"
          showIcon
          title={`该报告${STATUS_LABELS[report.status] ?? report.status}，无需审核`}
          description={report.returnReason ? `退回理由：${report.returnReason}` : undefined}
        />
      )}
    </>
  );
}
