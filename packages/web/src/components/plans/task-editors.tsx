/**
 * The corrections a coordinator makes to one task of a draft: its units (organizations of the
 * directory, each with a role), one obligation's date, one indicator's target, or its text.
 */
import { DatePicker, Form, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Comparator, Indicator, Obligation, Org, Task, UnitRole } from '../../api/plans.ts';
import { EditModal } from './edit-modal.tsx';
import { COMPARATOR_LABELS, describeObligation, OBLIGATION_KIND_LABELS, UNIT_ROLE_LABELS } from './labels.ts';

type Common = { task: Task; open: boolean; onClose: () => void; onReload: () => void };

// ——— units ———

type UnitValues = { orgIds: string[]; roles: Record<string, UnitRole> };

export function UnitsModal({
  task,
  open,
  orgs,
  orgsLoading,
  onClose,
  onReload,
  onSave,
}: Common & {
  orgs: Org[];
  orgsLoading: boolean;
  onSave: (units: { orgId: string; role: UnitRole }[]) => Promise<void>;
}) {
  const [form] = Form.useForm<UnitValues>();
  const initialRoles: Record<string, UnitRole> = {};
  for (const u of task.units) for (const id of u.orgIds) initialRoles[id] ??= u.role;
  const selected: string[] = Form.useWatch('orgIds', form) ?? [];
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const unresolved = task.units.filter((u) => u.resolution === 'unresolved' || u.resolution === 'vague');

  return (
    <EditModal<UnitValues>
      title={`第${task.no}项 · 指定责任单位`}
      open={open}
      form={form}
      fields={{ orgId: 'orgIds', units: 'orgIds', role: 'orgIds' }}
      initialValues={{ orgIds: Object.keys(initialRoles), roles: initialRoles }}
      onClose={onClose}
      onReload={onReload}
      onSubmit={async (v) => {
        const roles = form.getFieldValue('roles') as Record<string, UnitRole> | undefined;
        await onSave(v.orgIds.map((orgId) => ({ orgId, role: roles?.[orgId] ?? 'co' })));
      }}
    >
      {unresolved.length > 0 && (
        <Typography.Paragraph type="danger">
          原文中{unresolved.map((u) => `「${u.raw}」`).join('')}未能对应到单位目录，请选择具体单位。
        </Typography.Paragraph>
      )}
      <Form.Item
        name="orgIds"
        label="责任单位"
        rules={[{ required: true, type: 'array', min: 1, message: '至少指定一个责任单位' }]}
        extra="可输入单位名称搜索；列第一位的一般为牵头单位。"
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          loading={orgsLoading}
          placeholder="选择单位"
          aria-label="责任单位"
          options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          onChange={(ids: string[]) => {
            const roles = { ...((form.getFieldValue('roles') as Record<string, UnitRole>) ?? {}) };
            for (const id of ids)
              if (!roles[id]) roles[id] = Object.values(roles).includes('lead') ? 'co' : 'lead';
            form.setFieldValue('roles', roles);
          }}
        />
      </Form.Item>
      {selected.length > 0 && (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 14, marginBottom: 8 }}>各单位的角色</legend>
          {selected.map((id) => (
            <Form.Item
              key={id}
              name={['roles', id]}
              label={names.get(id) ?? id}
              initialValue={initialRoles[id] ?? 'co'}
              style={{ marginBottom: 8 }}
              layout="horizontal"
              labelCol={{ flex: '200px' }}
            >
              <Radio.Group
                aria-label={`${names.get(id) ?? id}的角色`}
                options={(['lead', 'co', 'each'] as const).map((r) => ({
                  value: r,
                  label: UNIT_ROLE_LABELS[r],
                }))}
              />
            </Form.Item>
          ))}
        </fieldset>
      )}
    </EditModal>
  );
}

// ——— obligations ———

type ObligationValues = {
  raw: string;
  month?: number;
  day?: number | null;
  endOfMonth?: boolean;
  date?: Dayjs;
};

/** Whether this obligation's date can be edited here (an annual day or a one-off date). */
export function editableObligation(o: Obligation): boolean {
  return o.kind === 'annual' || o.kind === 'once';
}

export function ObligationModal({
  task,
  index,
  open,
  onClose,
  onReload,
  onSave,
}: Common & { index: number; onSave: (obligations: Obligation[]) => Promise<void> }) {
  const [form] = Form.useForm<ObligationValues>();
  const o = task.obligations[index];
  const endOfMonth = Form.useWatch('endOfMonth', form);
  if (!o) return null;
  const replace = (next: Obligation | null) =>
    onSave(task.obligations.flatMap((x, i) => (i !== index ? [x] : next ? [next] : [])));

  return (
    <EditModal<ObligationValues>
      title={`第${task.no}项 · 修改时限（${OBLIGATION_KIND_LABELS[o.kind]}）`}
      open={open}
      form={form}
      fields={{ raw: 'raw', month: 'month', day: 'day', endOfMonth: 'endOfMonth', date: 'date' }}
      initialValues={{
        raw: o.raw,
        month: o.month,
        day: o.day ?? null,
        endOfMonth: o.endOfMonth ?? false,
        date: o.date ? dayjs(o.date) : undefined,
      }}
      onClose={onClose}
      onReload={onReload}
      remove={{ label: '删除此时限', run: () => replace(null) }}
      onSubmit={async (v) => {
        const next: Obligation =
          o.kind === 'annual'
            ? {
                ...o,
                raw: v.raw,
                month: v.month,
                day: v.endOfMonth ? undefined : (v.day ?? undefined),
                endOfMonth: v.endOfMonth || undefined,
                approx: v.endOfMonth || v.day ? undefined : o.approx,
                confidence: 'high',
              }
            : {
                ...o,
                raw: v.raw,
                date: v.date?.format('YYYY-MM-DD'),
                yearInferred: undefined,
                confidence: 'high',
              };
        await replace(next);
      }}
    >
      <Typography.Paragraph type="secondary">当前识别为：{describeObligation(o)}</Typography.Paragraph>
      <Form.Item
        name="raw"
        label="原文表述"
        rules={[{ required: true, whitespace: true, message: '请填写原文表述' }]}
      >
        <Input maxLength={500} />
      </Form.Item>
      {o.kind === 'annual' ? (
        <Space wrap align="start">
          <Form.Item name="month" label="月份" rules={[{ required: true, message: '请填写月份' }]}>
            <InputNumber min={1} max={12} precision={0} suffix="月" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="day" label="日期">
            <InputNumber
              min={1}
              max={31}
              precision={0}
              suffix="日"
              disabled={endOfMonth}
              style={{ width: 120 }}
              placeholder={endOfMonth ? '月底' : '月初'}
            />
          </Form.Item>
          <Form.Item name="endOfMonth" label="月底前" valuePropName="checked">
            <Switch checkedChildren="月底" unCheckedChildren="否" />
          </Form.Item>
        </Space>
      ) : (
        <Form.Item name="date" label="完成日期" rules={[{ required: true, message: '请选择完成日期' }]}>
          <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} />
        </Form.Item>
      )}
    </EditModal>
  );
}

// ——— indicators ———

type IndicatorValues = {
  subject: string;
  comparator: Comparator;
  value: number;
  unit: string;
  year: number | null;
  raw: string;
};

export function IndicatorModal({
  task,
  index,
  open,
  onClose,
  onReload,
  onSave,
}: Common & { index: number; onSave: (indicators: Indicator[]) => Promise<void> }) {
  const [form] = Form.useForm<IndicatorValues>();
  const indicator = task.indicators[index];
  if (!indicator) return null;
  const replace = (next: Indicator | null) =>
    onSave(task.indicators.flatMap((x, i) => (i !== index ? [x] : next ? [next] : [])));

  return (
    <EditModal<IndicatorValues>
      title={`第${task.no}项 · 修改指标`}
      open={open}
      form={form}
      fields={{
        subject: 'subject',
        comparator: 'comparator',
        value: 'value',
        unit: 'unit',
        year: 'year',
        raw: 'raw',
      }}
      initialValues={{
        subject: indicator.subject,
        comparator: indicator.comparator,
        value: indicator.value,
        unit: indicator.unit ?? '',
        year: indicator.year,
        raw: indicator.raw,
      }}
      onClose={onClose}
      onReload={onReload}
      remove={{ label: '删除此指标', run: () => replace(null) }}
      onSubmit={async (v) => {
        await replace({
          ...indicator,
          raw: v.raw,
          subject: v.subject ?? '',
          comparator: v.comparator,
          value: v.value,
          unit: v.unit?.trim() ? v.unit.trim() : null,
          year: v.year ?? null,
          confidence: 'high',
        });
      }}
    >
      <Form.Item name="subject" label="考核内容">
        <Input maxLength={200} placeholder="如：行政执法案卷合格率" />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="comparator" label="比较" rules={[{ required: true, message: '请选择比较方式' }]}>
          <Select
            style={{ width: 140 }}
            options={(Object.keys(COMPARATOR_LABELS) as Comparator[]).map((c) => ({
              value: c,
              label: COMPARATOR_LABELS[c],
            }))}
          />
        </Form.Item>
        <Form.Item name="value" label="目标值" rules={[{ required: true, message: '请填写目标值' }]}>
          <InputNumber style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="unit" label="单位">
          <Input maxLength={20} style={{ width: 100 }} placeholder="%、人、学时" />
        </Form.Item>
        <Form.Item name="year" label="适用年度">
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 120 }} placeholder="每年" />
        </Form.Item>
      </Space>
      <Form.Item
        name="raw"
        label="原文表述"
        rules={[{ required: true, whitespace: true, message: '请填写原文表述' }]}
      >
        <Input maxLength={500} />
      </Form.Item>
    </EditModal>
  );
}

// ——— text ———

export function TextModal({
  task,
  open,
  onClose,
  onReload,
  onSave,
}: Common & { onSave: (text: string) => Promise<void> }) {
  const [form] = Form.useForm<{ text: string }>();
  return (
    <EditModal<{ text: string }>
      title={`第${task.no}项 · 修改任务文字`}
      open={open}
      form={form}
      fields={{ text: 'text' }}
      initialValues={{ text: task.text }}
      onClose={onClose}
      onReload={onReload}
      onSubmit={(v) => onSave(v.text)}
    >
      <Form.Item
        name="text"
        label="任务内容"
        rules={[{ required: true, whitespace: true, message: '任务内容不能为空' }]}
        extra="只修改文字，已识别的单位、时限和指标保持不变；如需调整请分别修改。"
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={10000} showCount />
      </Form.Item>
    </EditModal>
  );
}
