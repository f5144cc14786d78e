/** The parts of a plan around its tasks: the notice head and counts, the diagnostics, what changed. */
import { Card, Col, Descriptions, List, Row, Statistic, Tag, Typography } from 'antd';
import type { Diagnostic, ListChange, PlanChanges, PlanSummary, Severity } from '../../api/plans.ts';
import { PLAN_STATUS_COLORS, PLAN_STATUS_LABELS } from '../../api/plans.ts';
import { dateTime, proseDate } from '../../app/format.ts';

const SEVERITY: Record<Severity, { label: string; color: string }> = {
  error: { label: '错误', color: 'red' },
  warning: { label: '警告', color: 'orange' },
  info: { label: '提示', color: 'blue' },
};

const HEAD_LABELS: Record<string, string> = {
  title: '标题',
  docNumber: '文号',
  issuer: '发文机关',
  issuedAt: '印发日期',
};

const CHANGE_LABELS: Record<string, string> = {
  text: '文字',
  units: '责任单位',
  obligations: '时限',
  indicators: '指标',
  section: '所属部分',
};

export function PlanHead({ plan }: { plan: PlanSummary }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'docNumber', label: '文号', children: plan.notice.docNumber ?? '（未识别）' },
        { key: 'issuer', label: '发文机关', children: plan.notice.issuer ?? '（未识别）' },
        { key: 'issuedAt', label: '印发日期', children: proseDate(plan.notice.issuedAt) },
        { key: 'year', label: '督办年度', children: `${plan.year}年` },
        {
          key: 'version',
          label: '版本',
          children: (
            <>
              第{plan.version}版{' '}
              <Tag color={PLAN_STATUS_COLORS[plan.status]}>{PLAN_STATUS_LABELS[plan.status]}</Tag>
            </>
          ),
        },
        {
          key: 'file',
          label: '来源',
          children: `${plan.notice.fileName ?? '粘贴的文本'} · 导入于 ${dateTime(plan.createdAt)}`,
        },
        ...(plan.publishedAt
          ? [{ key: 'publishedAt', label: '发布时间', children: dateTime(plan.publishedAt) }]
          : []),
      ]}
    />
  );
}

export function PlanCounts({ plan }: { plan: PlanSummary }) {
  const c = plan.counts;
  const items: { title: string; value: number; danger?: boolean }[] = [
    { title: '任务', value: c.tasks },
    { title: '部分', value: c.sections },
    { title: '责任单位', value: c.units },
    { title: '时限', value: c.obligations },
    { title: '指标', value: c.indicators },
    { title: '诊断', value: c.diagnostics, danger: c.diagnostics > 0 },
    { title: '待修正任务', value: c.blockedTasks, danger: c.blockedTasks > 0 },
  ];
  return (
    <Row gutter={[12, 12]}>
      {items.map((i) => (
        <Col key={i.title} xs={8} sm={6} md={3}>
          <Card size="small">
            <Statistic
              title={i.title}
              value={i.value}
              styles={{ content: i.danger ? { color: '#cf1322' } : undefined }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** The parser's explanations of how it read the notice (diagnostics of code `structure`). */
export const isExplanation = (d: Diagnostic): boolean => d.code === 'structure';

/**
 * 识别说明: which layout and task level the parser chose and why, in its own sentences
 * (任务层级：“1.”（12项中12项写明责任单位）…), so a person can judge the reading.
 */
export function ReadingNotes({ diagnostics }: { diagnostics: Diagnostic[] }) {
  const notes = diagnostics.filter(isExplanation);
  if (notes.length === 0) return null;
  return (
    <section aria-labelledby="reading-notes">
      <Card
        size="small"
        title={
          <Typography.Title id="reading-notes" level={4} style={{ margin: 0, fontSize: 16 }}>
            识别说明
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          系统如何读这份通知：按哪种版式、以哪一级编号作为任务，以及这样判断的理由。若不符合通知原意，可重新导入并指定清单开始的行，或粘贴任务清单。
        </Typography.Paragraph>
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {notes.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the notes are fixed and never reorder.
            <li key={i}>{d.message}</li>
          ))}
        </ul>
      </Card>
    </section>
  );
}

export function DiagnosticsList({ diagnostics }: { diagnostics: Diagnostic[] }) {
  if (diagnostics.length === 0) return <Typography.Text type="secondary">解析未发现问题。</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={diagnostics}
      renderItem={(d) => (
        <List.Item>
          <Typography.Text>
            <Tag color={SEVERITY[d.severity].color}>{SEVERITY[d.severity].label}</Tag>
            <Typography.Text type="secondary">
              第{d.line}行第{d.column}列
            </Typography.Text>{' '}
            {d.message}
            {d.task !== undefined && (
              <>
                {' '}
                <a href={`#task-${d.task}`}>查看第{d.task}项</a>
              </>
            )}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}

function ListDiff({ label, change }: { label: string; change: ListChange }) {
  const removed = change.before.filter((x) => !change.after.includes(x));
  const added = change.after.filter((x) => !change.before.includes(x));
  return (
    <div>
      {label}：
      {removed.map((x) => (
        <Tag key={`-${x}`} color="red">
          <del>{x}</del>
        </Tag>
      ))}
      {added.map((x) => (
        <Tag key={`+${x}`} color="green">
          {x}
        </Tag>
      ))}
      {removed.length === 0 && added.length === 0 && '顺序或内容调整'}
    </div>
  );
}

/** Tasks added, removed and changed from the previous version, and changes of the notice head. */
export function ChangesView({ changes }: { changes: PlanChanges }) {
  return (
    <div>
      <Typography.Paragraph strong>{changes.summary}</Typography.Paragraph>
      {changes.head.length > 0 && (
        <Typography.Paragraph>
          通知信息变化：
          {changes.head
            .map((h) => `${HEAD_LABELS[h.field] ?? h.field}「${h.before ?? '无'}」→「${h.after ?? '无'}」`)
            .join('；')}
        </Typography.Paragraph>
      )}
      {changes.added.length > 0 && (
        <>
          <Typography.Text strong>新增任务</Typography.Text>
          <ul>
            {changes.added.map((t) => (
              <li key={t.no}>
                <Tag color="green">第{t.no}项</Tag>
                {t.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {changes.removed.length > 0 && (
        <>
          <Typography.Text strong>删除任务</Typography.Text>
          <ul>
            {changes.removed.map((t) => (
              <li key={t.no}>
                <Tag color="red">第{t.no}项</Tag>
                <del>{t.text}</del>
              </li>
            ))}
          </ul>
        </>
      )}
      {changes.changed.length > 0 && (
        <>
          <Typography.Text strong>修改任务</Typography.Text>
          <ul>
            {changes.changed.map((c) => (
              <li key={c.no} style={{ marginBottom: 8 }}>
                <Tag color="orange">第{c.no}项</Tag>
                改了{c.changed.map((k) => CHANGE_LABELS[k] ?? k).join('、')}
                {c.text && (
                  <div>
                    文字：<del style={{ color: 'rgba(0, 0, 0, 0.58)' }}>{c.text.before}</del>
                    <br />→ {c.text.after}
                  </div>
                )}
                {c.units && <ListDiff label="责任单位" change={c.units} />}
                {c.obligations && <ListDiff label="时限" change={c.obligations} />}
                {c.indicators && <ListDiff label="指标" change={c.indicators} />}
                {c.section && (
                  <div>
                    所属部分：{c.section.before ?? '无'} → {c.section.after ?? '无'}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
