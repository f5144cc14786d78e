/**
 * One task as the machine read it: its own text with every unit, obligation and indicator marked
 * in place, the units as tags with the organizations they resolve to, the dates and targets, and
 * (for a draft) the buttons that correct each of them or add one the parser missed (seeded with
 * the text the user selected, if any).
 */
import { EditOutlined, ExclamationCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { useRef } from 'react';
import type { Span, StoredPlan, Task, UnitRef } from '../../api/plans.ts';
import { type Annotation, HighlightedText, SR_ONLY, selectedSource } from './highlighted-text.tsx';
import {
  describeIndicator,
  describeObligation,
  describeUnit,
  OBLIGATION_KIND_LABELS,
  RESOLUTION_LABELS,
  UNIT_ROLE_LABELS,
} from './labels.ts';

/** What a new obligation or indicator starts from: the text selected in the task, with its place. */
export type Seed = { raw: string; span?: Span };

/** A correction to open; `index: null` adds an obligation or indicator. */
export type TaskEdit =
  | { kind: 'units'; task: number }
  | { kind: 'obligation'; task: number; index: number | null; seed?: Seed }
  | { kind: 'indicator'; task: number; index: number | null; seed?: Seed }
  | { kind: 'text'; task: number };

const ROLE_COLORS: Record<UnitRef['role'], string> = { lead: 'blue', co: 'cyan', each: 'purple' };

export function isProblem(u: UnitRef): boolean {
  return u.resolution === 'vague' || u.resolution === 'unresolved' || u.orgIds.length === 0;
}

function squash(s: string): string {
  return s.replace(/[\s|]+/g, '');
}

function within(span: Span, range: Span): boolean {
  return span.start >= range.start && span.end <= range.end;
}

/** Spans outside the task's text (a table's unit cell, a merged cell above), grouped when close. */
function outsideRanges(spans: Span[], range: Span): Span[] {
  const sorted = spans.filter((s) => !within(s, range)).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start - last.end <= 40) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** An obligation or indicator added without a place in the text gets the whole task's span: not marked. */
function placed(span: Span, task: Task): boolean {
  return span.start !== task.span.start || span.end !== task.span.end;
}

function annotations(task: Task): Annotation[] {
  return [
    ...task.units.map(
      (u): Annotation => ({
        span: u.span,
        kind: isProblem(u) ? 'problem' : 'unit',
        label: `${describeUnit(u)}${u.inherited ? '（沿用上一行合并单元格）' : ''}`,
      }),
    ),
    ...task.obligations
      .filter((o) => placed(o.span, task))
      .map(
        (o): Annotation => ({
          span: o.span,
          kind: 'obligation',
          label: `${OBLIGATION_KIND_LABELS[o.kind]} · ${describeObligation(o)}${o.activity ? `（${o.activity}）` : ''}${
            o.confidence === 'low' ? '，把握不大，请核对' : ''
          }`,
        }),
      ),
    ...task.indicators
      .filter((i) => placed(i.span, task))
      .map(
        (i): Annotation => ({
          span: i.span,
          kind: 'indicator',
          label: `${describeIndicator(i)}${i.confidence === 'low' ? '，把握不大，请核对' : ''}`,
        }),
      ),
  ];
}

function UnitTag({ unit }: { unit: UnitRef }) {
  if (isProblem(unit))
    return (
      <Tag color="red" icon={<ExclamationCircleOutlined />} data-unit-problem>
        {unit.raw}（{RESOLUTION_LABELS[unit.resolution]}）
      </Tag>
    );
  const many = unit.orgs.length > 1 || unit.resolution === 'group';
  const tag = (
    <Tag color={ROLE_COLORS[unit.role]}>
      {UNIT_ROLE_LABELS[unit.role]} · {unit.raw}
      {many
        ? `（${unit.orgs.length}个单位）`
        : unit.orgs[0] && unit.orgs[0] !== unit.raw
          ? ` → ${unit.orgs[0]}`
          : ''}
      {unit.inherited ? ' · 沿用上行' : ''}
    </Tag>
  );
  return many ? (
    <Tooltip title={unit.orgs.join('、')} trigger={['hover', 'focus']}>
      <span>
        {tag}
        <span style={SR_ONLY}>：{unit.orgs.join('、')}</span>
      </span>
    </Tooltip>
  ) : (
    tag
  );
}

/** One row of extracted values (the dates, or the targets): tags, their edit buttons, and 添加. */
function ExtractedRow<T extends { raw: string; confidence: 'high' | 'low' }>({
  noun,
  empty,
  items,
  describe,
  keyOf,
  color,
  taskNo,
  canEdit,
  onEdit,
  onGrab,
  onAdd,
}: {
  /** 时限 or 指标. */
  noun: string;
  empty: string;
  items: readonly T[];
  describe: (item: T) => string;
  keyOf: (item: T) => string;
  color: string;
  taskNo: number;
  canEdit: boolean;
  onEdit: (index: number) => void;
  onGrab: () => void;
  onAdd: () => void;
}) {
  if (!canEdit && items.length === 0) return null;
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary">{noun}：</Typography.Text>
      {items.length === 0 && <Typography.Text type="secondary">{empty}</Typography.Text>}
      {items.map((item, i) => (
        <Space key={keyOf(item)} size={0}>
          <Tag color={item.confidence === 'low' ? 'orange' : color}>
            {describe(item)}
            {item.confidence === 'low' ? '（请核对）' : ''}
          </Tag>
          {canEdit && (
            <Button
              size="small"
              type="text"
              icon={<EditOutlined />}
              aria-label={`修改${noun}「${item.raw}」`}
              onClick={() => onEdit(i)}
            />
          )}
        </Space>
      ))}
      {canEdit && (
        <Button
          size="small"
          icon={<PlusOutlined />}
          onMouseDown={onGrab}
          onClick={onAdd}
          aria-label={`为第${taskNo}项添加${noun}`}
        >
          添加{noun}
        </Button>
      )}
    </Flex>
  );
}

export function TaskCard({
  plan,
  task,
  problems,
  corrected,
  canEdit,
  onEdit,
}: {
  plan: StoredPlan;
  task: Task;
  problems: string[];
  corrected: string[];
  canEdit: boolean;
  onEdit: (edit: TaskEdit) => void;
}) {
  const marks = annotations(task);
  const original = plan.source.slice(task.span.start, task.span.end);
  const textEdited = squash(original) !== squash(task.text);
  const unitRanges = outsideRanges(
    task.units.map((u) => u.span),
    task.span,
  );
  const hasProblem = task.units.some(isProblem) || task.units.length === 0;
  const textRef = useRef<HTMLDivElement>(null);
  // The selection is read on mousedown, before the click on the button can clear it.
  const selected = useRef<Seed | null>(null);
  const grab = () => {
    selected.current = selectedSource(textRef.current, plan.source);
  };
  const add = (kind: 'obligation' | 'indicator') => {
    const seed = selected.current ?? selectedSource(textRef.current, plan.source) ?? undefined;
    selected.current = null;
    onEdit({ kind, task: task.no, index: null, seed });
  };

  return (
    <Card
      id={`task-${task.no}`}
      size="small"
      data-task={task.no}
      style={{ marginBottom: 12, borderColor: problems.length > 0 ? '#ffa39e' : undefined }}
      title={
        <Space wrap>
          <Typography.Text strong>第{task.no}项</Typography.Text>
          {problems.length > 0 && <Tag color="red">待修正</Tag>}
          {corrected.length > 0 && (
            <Tooltip title={`已修正：${corrected.join('、')}`}>
              <Tag color="green">已修正</Tag>
            </Tooltip>
          )}
          {task.incomplete && <Tag color="orange">内容不完整</Tag>}
        </Space>
      }
      extra={
        canEdit && (
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            onClick={() => onEdit({ kind: 'text', task: task.no })}
            aria-label={`修改第${task.no}项任务文字`}
          >
            修改文字
          </Button>
        )
      }
    >
      <div ref={textRef}>
        {textEdited ? (
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{task.text}</Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              文字已修改，通知原文及标注：
              <HighlightedText source={plan.source} range={task.span} annotations={marks} />
            </Typography.Paragraph>
          </>
        ) : (
          <Typography.Paragraph style={{ lineHeight: 1.9 }}>
            <HighlightedText source={plan.source} range={task.span} annotations={marks} />
          </Typography.Paragraph>
        )}
        {unitRanges.map((r) => (
          <Typography.Paragraph key={r.start} type="secondary" style={{ fontSize: 13 }}>
            {r.end <= task.span.start ? '沿用上一项的责任单位原文：' : '责任单位原文：'}
            <HighlightedText source={plan.source} range={r} annotations={marks} />
          </Typography.Paragraph>
        ))}
      </div>

      <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">责任单位：</Typography.Text>
        {task.units.length === 0 && <Tag color="red">未识别出责任单位</Tag>}
        {task.units.map((u) => (
          <UnitTag key={`${u.raw}-${u.role}-${u.orgIds.join(',')}`} unit={u} />
        ))}
        {task.units.flatMap((u) => u.qualifiers).length > 0 && (
          <Typography.Text type="secondary">
            （{task.units.flatMap((u) => u.qualifiers).join('，')}）
          </Typography.Text>
        )}
        {canEdit && (
          <Button
            size="small"
            danger={hasProblem}
            type={hasProblem ? 'primary' : 'default'}
            onClick={() => onEdit({ kind: 'units', task: task.no })}
            aria-label={`${hasProblem ? '指定' : '修改'}第${task.no}项的责任单位`}
          >
            {hasProblem ? '指定单位' : '修改责任单位'}
          </Button>
        )}
      </Flex>

      <ExtractedRow
        noun="时限"
        empty="未识别出时限，发布后按默认报送周期报送"
        items={task.obligations}
        describe={describeObligation}
        keyOf={(o) => `${o.span.start}-${o.span.end}-${o.raw}-${o.kind}`}
        color="gold"
        taskNo={task.no}
        canEdit={canEdit}
        onEdit={(index) => onEdit({ kind: 'obligation', task: task.no, index })}
        onGrab={grab}
        onAdd={() => add('obligation')}
      />
      <ExtractedRow
        noun="指标"
        empty="未识别出指标"
        items={task.indicators}
        describe={describeIndicator}
        keyOf={(ind) => `${ind.span.start}-${ind.span.end}-${ind.raw}-${ind.value}`}
        color="green"
        taskNo={task.no}
        canEdit={canEdit}
        onEdit={(index) => onEdit({ kind: 'indicator', task: task.no, index })}
        onGrab={grab}
        onAdd={() => add('indicator')}
      />

      {problems.length > 0 && (
        <Typography.Paragraph type="danger" style={{ marginBottom: 0 }}>
          发布前需处理：{problems.join('；')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
