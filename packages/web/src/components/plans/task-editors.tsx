/**
 * The corrections a coordinator makes to one task of a draft: its units (organizations of the
 * directory, each with a role), one indicator's target (or a new one), or its text. Obligations
 * have their own editor (obligation-editor.tsx).
 */
import { Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import type { Comparator, IndicatorInput, Org, Span, Task, UnitRole } from '../../api/plans.ts';
import { EditModal } from './edit-modal.tsx';
import { COMPARATOR_LABELS, UNIT_ROLE_LABELS } from './labels.ts';
import { itemFields } from './save-error.ts';

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

// ——— indicators ———

type IndicatorValues = {
  subject: string;
  comparator: Comparator;
  value: number;
  unit: string;
  year: number | null;
  raw: string;
};

const INDICATOR_FIELDS: Record<string, string> = {
  subject: 'subject',
  comparator: 'comparator',
  value: 'value',
  unit: 'unit',
  year: 'year',
  raw: 'raw',
};

/** Corrects indicator `index` of the task, or (index null) adds one, seeded with text the user selected. */
export function IndicatorModal({
  task,
  index,
  seed,
  open,
  onClose,
  onReload,
  onSave,
}: Common & {
  index: number | null;
  seed?: { raw: string; span?: Span };
  onSave: (indicators: IndicatorInput[]) => Promise<void>;
}) {
  const [form] = Form.useForm<IndicatorValues>();
  const indicator = index === null ? null : task.indicators[index];
  if (indicator === undefined) return null;
  const at = index ?? task.indicators.length;
  const replace = (next: IndicatorInput | null) =>
    onSave([...task.indicators.slice(0, at), ...(next ? [next] : []), ...task.indicators.slice(at + 1)]);
  const span = indicator?.span ?? seed?.span;

  return (
    <EditModal<IndicatorValues>
      title={indicator ? `第${task.no}项 · 修改指标` : `第${task.no}项 · 添加指标`}
      open={open}
      form={form}
      fields={itemFields('indicators', at, INDICATOR_FIELDS)}
      initialValues={
        indicator
          ? {
              subject: indicator.subject,
              comparator: indicator.comparator,
              value: indicator.value,
              unit: indicator.unit ?? '',
              year: indicator.year,
              raw: indicator.raw,
            }
          : { subject: '', comparator: '>=', unit: '', year: null, raw: seed?.raw ?? '' }
      }
      onClose={onClose}
      onReload={onReload}
      remove={indicator ? { label: '删除此指标', run: () => replace(null) } : undefined}
      onSubmit={async (v) => {
        await replace({
          ...(indicator ?? {}),
          ...(span ? { span } : {}),
          raw: v.raw.trim(),
          subject: v.subject?.trim() ?? '',
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
        extra={indicator ? undefined : '通知中写明这一指标的文字；可先在任务原文中选中文字再点「添加指标」'}
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
