/**
 * A handed-in report, read only: where it stands (core's reportStateLabel), completion, narrative, figures and evidence; a report that was
 * sent back says who sent it back (领导退回 / 依法治市办退回), when and why.
 */

import { REVIEWERS, reportStateLabel } from '@luoshi/core/vocabulary';
import { Descriptions, Grid, Space, Table, Tag, Typography } from 'antd';
import {
  COMPLETION_LABELS,
  type Figure,
  RETURNED_BY_LABELS,
  type Report,
  type ReturnedByRole,
} from '../../api/deliverables.ts';
import { dateTime } from '../../app/format.ts';
import { EvidenceList } from './evidence-list.tsx';

const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'cyan',
  accepted: 'success',
  returned: 'warning',
};

/** Where the report stands, in the words the deliverable's header and the notices use. */
export function ReportStatusTag({ status, leaderApproval }: { status: string; leaderApproval: boolean }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{reportStateLabel(status, leaderApproval)}</Tag>;
}

/** 领导退回 or 依法治市办退回: who sent the report back. */
export function ReturnedByTag({ role }: { role: ReturnedByRole | null }) {
  if (!role) return null;
  return <Tag color={role === 'leader' ? 'orange' : 'gold'}>{RETURNED_BY_LABELS[role]}</Tag>;
}

export function FiguresTable({ figures }: { figures: readonly Figure[] }) {
  if (figures.length === 0) return <Typography.Text type="secondary">未填写指标数据</Typography.Text>;
  return (
    <Table<Figure>
      size="small"
      rowKey={(f) => `${f.indicator}-${f.unit ?? ''}`}
      pagination={false}
      dataSource={[...figures]}
      scroll={{ x: true }}
      columns={[
        { title: '指标', dataIndex: 'indicator' },
        { title: '实际数值', key: 'value', render: (_, f) => `${f.value}${f.unit ?? ''}` },
        { title: '说明', dataIndex: 'note', render: (n?: string) => n || '—' },
      ]}
    />
  );
}

export function ReportView({ report, leaderApproval }: { report: Report; leaderApproval: boolean }) {
  const screens = Grid.useBreakpoint();
  return (
    <Descriptions
      column={1}
      layout={screens.sm ? 'horizontal' : 'vertical'}
      size="small"
      bordered
      styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
      items={[
        {
          key: 'status',
          label: '报告状态',
          children: <ReportStatusTag status={report.status} leaderApproval={leaderApproval} />,
        },
        {
          key: 'completion',
          label: '完成情况',
          children: COMPLETION_LABELS[report.completion] ?? report.completion,
        },
        { key: 'submittedAt', label: '提交时间', children: dateTime(report.submittedAt) },
        ...(report.approvedAt
          ? [
              {
                key: 'approvedAt',
                label: `${REVIEWERS.leader.who}${REVIEWERS.leader.act}`,
                children: dateTime(report.approvedAt),
              },
            ]
          : []),
        ...(report.reviewedAt
          ? [
              {
                key: 'reviewedAt',
                label: `${REVIEWERS.coordinator.who}${REVIEWERS.coordinator.act}`,
                children: dateTime(report.reviewedAt),
              },
            ]
          : []),
        ...(report.returnReason
          ? [
              {
                key: 'returnReason',
                label: '退回理由',
                children: (
                  <Space orientation="vertical" size={0}>
                    <Space wrap size={6}>
                      <ReturnedByTag role={report.returnedByRole} />
                      {report.returnedAt && (
                        <Typography.Text type="secondary">{dateTime(report.returnedAt)}</Typography.Text>
                      )}
                    </Space>
                    <Typography.Text>{report.returnReason}</Typography.Text>
                  </Space>
                ),
              },
            ]
          : []),
        {
          key: 'narrative',
          label: '进展情况',
          children: (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {report.narrative || '—'}
            </Typography.Paragraph>
          ),
        },
        { key: 'figures', label: '指标数据', children: <FiguresTable figures={report.figures} /> },
        { key: 'evidence', label: '佐证材料', children: <EvidenceList items={report.evidence} /> },
      ]}
    />
  );
}
