/**
 * Correcting one obligation of a task, or adding one the parser missed: any kind the server
 * accepts (the kind itself can be changed), with what publishing will make of it shown as it is
 * typed — and said plainly when a kind gives no dated deliverable.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Form,
  type FormInstance,
  type FormRule,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import type { ObligationInput, ObligationKind, Period, Span, Task, TimeUnit } from '../../api/plans.ts';
import { EditModal } from './edit-modal.tsx';
import {
  describeObligation,
  OBLIGATION_KIND_HELP,
  OBLIGATION_KIND_LABELS,
  PER_LABELS,
  TIME_UNIT_LABELS,
} from './labels.ts';
import {
  asSent,
  type DayMode,
  MAX_DATES,
  maxDayOf,
  type ObligationValues,
  obligationOf,
  publishPreview,
  valuesOf,
} from './obligation-form.ts';
import { itemFields } from './save-error.ts';

const DAY_MODES: { value: DayMode; label: string }[] = [
  { value: 'day', label: '指定日期' },
  { value: 'end', label: '月底' },
  { value: 'early', label: '上旬' },
  { value: 'mid', label: '中旬' },
  { value: 'late', label: '下旬' },
];

/** The server's field (after `obligations.<index>.`) → the form field. */
const FIELDS: Record<string, string> = {
  kind: 'kind',
  raw: 'raw',
  activity: 'activity',
  month: 'month',
  day: 'day',
  endOfMonth: 'dayMode',
  approx: 'dayMode',
  dates: 'dates',
  date: 'date',
  yearInferred: 'date',
  amount: 'amount',
  unit: 'unit',
  trigger: 'trigger',
  direction: 'direction',
  fromDay: 'fromDay',
  toDay: 'toDay',
  count: 'count',
  per: 'per',
  atLeast: 'atLeast',
};

/** `dates.1.day` → the day of the second date row. */
function dateRowField(rest: string[]): (string | number)[] | undefined {
  if (rest[0] !== 'dates' || rest.length < 3) return undefined;
  return ['dates', Number(rest[1]), rest[2] === 'endOfMonth' ? 'mode' : rest[2]!];
}

const required = (message: string): FormRule => ({ required: true, message });

/** A day that month has: no 2月30日. */
function dayInMonth(month: () => number | undefined): FormRule {
  return {
    validator: async (_, day: number | null | undefined) => {
      const m = month();
      if (day && m && day > maxDayOf(m)) throw new Error(`${m}月没有${day}日`);
    },
  };
}

function DayFields({
  form,
  withMonth,
  modes,
}: {
  form: FormInstance<ObligationValues>;
  withMonth: boolean;
  modes: DayMode[];
}) {
  const mode = Form.useWatch('dayMode', form);
  return (
    <Space wrap align="start">
      {withMonth && (
        <Form.Item name="month" label="月份" rules={[required('请填写月份')]}>
          <InputNumber min={1} max={12} precision={0} suffix="月" style={{ width: 110 }} />
        </Form.Item>
      )}
      <Form.Item name="dayMode" label="日期方式">
        <Radio.Group
          optionType="button"
          aria-label="日期方式"
          options={DAY_MODES.filter((m) => modes.includes(m.value))}
        />
      </Form.Item>
      {mode === 'day' && (
        <Form.Item
          name="day"
          label="日"
          dependencies={withMonth ? ['month'] : []}
          rules={[
            required('请填写日期'),
            dayInMonth(() => (withMonth ? form.getFieldValue('month') : undefined)),
          ]}
        >
          <InputNumber min={1} max={31} precision={0} suffix="日" style={{ width: 110 }} />
        </Form.Item>
      )}
    </Space>
  );
}

function DatesFields({
  form,
  kind,
}: {
  form: FormInstance<ObligationValues>;
  kind: 'semiannual' | 'quarterly';
}) {
  const datesMode = Form.useWatch('datesMode', form);
  const rows = Form.useWatch('dates', form) ?? [];
  const max = MAX_DATES[kind] ?? 1;
  return (
    <>
      <Form.Item name="datesMode" label="报送日期">
        <Radio.Group
          aria-label="报送日期"
          options={[
            { value: 'dates', label: `每年指定的日期（最多${max}个）` },
            {
              value: 'period',
              label: kind === 'semiannual' ? '每半年末（6月底、12月底）' : '每季度末月（3、6、9、12月）',
            },
            ...(kind === 'quarterly' ? [{ value: 'after', label: '每季度结束后若干日内' }] : []),
          ]}
        />
      </Form.Item>
      {datesMode === 'period' && kind === 'quarterly' && (
        <DayFields form={form} withMonth={false} modes={['end', 'day']} />
      )}
      {datesMode === 'after' && kind === 'quarterly' && (
        <Space wrap align="start">
          <Form.Item name="amount" label="季度结束后" rules={[required('请填写天数')]}>
            <InputNumber min={1} max={90} precision={0} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="unit" label="单位">
            <Select
              style={{ width: 120 }}
              aria-label="天数的单位"
              options={(['day', 'workday'] as const).map((u) => ({ value: u, label: TIME_UNIT_LABELS[u] }))}
            />
          </Form.Item>
        </Space>
      )}
      {datesMode === 'dates' && (
        <Form.List
          name="dates"
          rules={[
            {
              validator: async (_, list: unknown[] | undefined) => {
                if (!list || list.length === 0) throw new Error('至少填写一个日期');
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} wrap align="start">
                  <Form.Item
                    name={[field.name, 'month']}
                    label={`第${i + 1}个日期`}
                    rules={[required('请填写月份')]}
                  >
                    <InputNumber
                      min={1}
                      max={12}
                      precision={0}
                      suffix="月"
                      style={{ width: 110 }}
                      aria-label={`第${i + 1}个日期的月份`}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'mode']} label="方式" initialValue="day">
                    <Radio.Group
                      optionType="button"
                      aria-label={`第${i + 1}个日期的日期方式`}
                      options={[
                        { value: 'day', label: '指定日' },
                        { value: 'end', label: '月底' },
                      ]}
                    />
                  </Form.Item>
                  {rows[i]?.mode !== 'end' && (
                    <Form.Item
                      name={[field.name, 'day']}
                      label="日"
                      dependencies={[['dates', field.name, 'month']]}
                      rules={[
                        required('请填写日期'),
                        dayInMonth(() => form.getFieldValue(['dates', field.name, 'month'])),
                      ]}
                    >
                      <InputNumber
                        min={1}
                        max={31}
                        precision={0}
                        suffix="日"
                        style={{ width: 110 }}
                        aria-label={`第${i + 1}个日期的日`}
                      />
                    </Form.Item>
                  )}
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      style={{ marginTop: 30 }}
                      icon={<MinusCircleOutlined />}
                      aria-label={`删除第${i + 1}个日期`}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Space>
              ))}
              <Form.Item>
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= max}
                  onClick={() => add({ mode: 'day' })}
                >
                  添加日期
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            </>
          )}
        </Form.List>
      )}
    </>
  );
}

function KindFields({ form, kind }: { form: FormInstance<ObligationValues>; kind: ObligationKind }) {
  switch (kind) {
    case 'annual':
      return <DayFields form={form} withMonth modes={['day', 'end', 'early', 'mid', 'late']} />;
    case 'monthly':
      return <DayFields form={form} withMonth={false} modes={['day', 'end', 'early', 'mid', 'late']} />;
    case 'semiannual':
    case 'quarterly':
      return <DatesFields form={form} kind={kind} />;
    case 'once':
      return (
        <Form.Item name="date" label="完成日期" rules={[required('请选择完成日期')]}>
          <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} />
        </Form.Item>
      );
    case 'relative':
      return (
        <>
          <Form.Item name="trigger" label="起算事件" extra="如：收到败诉判决书、上会">
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="direction" label="事件">
              <Radio.Group
                optionType="button"
                aria-label="事件之前或之后"
                options={[
                  { value: 'after', label: '之后' },
                  { value: 'before', label: '之前' },
                ]}
              />
            </Form.Item>
            <Form.Item name="amount" label="期限" rules={[required('请填写期限')]}>
              <InputNumber min={1} max={3650} precision={0} style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="unit" label="单位">
              <Select
                style={{ width: 120 }}
                options={(Object.keys(TIME_UNIT_LABELS) as TimeUnit[]).map((u) => ({
                  value: u,
                  label: TIME_UNIT_LABELS[u],
                }))}
              />
            </Form.Item>
          </Space>
        </>
      );
    case 'window':
      return (
        <Space wrap align="start">
          <Form.Item name="fromDay" label="每月起始日" rules={[required('请填写起始日')]}>
            <InputNumber min={1} max={31} precision={0} suffix="日" style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="toDay" label="每月截止日" rules={[required('请填写截止日')]}>
            <InputNumber min={1} max={31} precision={0} suffix="日" style={{ width: 110 }} />
          </Form.Item>
        </Space>
      );
    case 'frequency':
      return (
        <Space wrap align="start">
          <Form.Item name="per" label="周期">
            <Select
              style={{ width: 120 }}
              options={(Object.keys(PER_LABELS) as Period[]).map((p) => ({ value: p, label: PER_LABELS[p] }))}
            />
          </Form.Item>
          <Form.Item name="count" label="次数" rules={[required('请填写次数')]}>
            <InputNumber min={1} max={1000} precision={0} suffix="次" style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="atLeast" label="要求" valuePropName="checked">
            <Checkbox>至少（不少于）</Checkbox>
          </Form.Item>
        </Space>
      );
  }
}

/** Corrects obligation `index` of the task, or (index null) adds one, seeded with text the user selected. */
export function ObligationModal({
  task,
  index,
  seed,
  year,
  open,
  onClose,
  onReload,
  onSave,
}: {
  task: Task;
  index: number | null;
  seed?: { raw: string; span?: Span };
  /** The plan's year: what publishing would make of the obligation. */
  year: number;
  open: boolean;
  onClose: () => void;
  onReload: () => void;
  onSave: (obligations: ObligationInput[]) => Promise<void>;
}) {
  const [form] = Form.useForm<ObligationValues>();
  const watched = Form.useWatch([], form) as Partial<ObligationValues> | undefined;
  const o = index === null ? null : task.obligations[index];
  if (o === undefined) return null;
  const initial = valuesOf(o, seed?.raw ?? '');
  const span = o?.span ?? seed?.span;
  const kind = watched?.kind ?? initial.kind;
  const preview = publishPreview(obligationOf({ ...initial, ...watched }, span), year);
  const others = task.obligations.map(asSent);
  const at = index ?? others.length;
  const replace = (next: ObligationInput | null) =>
    onSave([...others.slice(0, at), ...(next ? [next] : []), ...others.slice(at + 1)]);

  return (
    <EditModal<ObligationValues>
      title={
        o ? `第${task.no}项 · 修改时限（${OBLIGATION_KIND_LABELS[o.kind]}）` : `第${task.no}项 · 添加时限`
      }
      open={open}
      form={form}
      fields={itemFields('obligations', at, FIELDS, dateRowField)}
      initialValues={initial}
      onClose={onClose}
      onReload={onReload}
      remove={o ? { label: '删除此时限', run: () => replace(null) } : undefined}
      onSubmit={(v) => replace(obligationOf({ ...initial, ...v }, span))}
    >
      {o && <Typography.Paragraph type="secondary">当前识别为：{describeObligation(o)}</Typography.Paragraph>}
      <Form.Item
        name="raw"
        label="原文表述"
        rules={[{ required: true, whitespace: true, message: '请填写原文表述' }]}
        extra={o ? undefined : '通知中写明这一时限的文字；可先在任务原文中选中文字再点「添加时限」'}
      >
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="kind" label="时限类型" extra="识别的类型不对时可在此改正">
        <Select
          aria-label="时限类型"
          options={(Object.keys(OBLIGATION_KIND_HELP) as ObligationKind[]).map((k) => ({
            value: k,
            label: OBLIGATION_KIND_HELP[k],
          }))}
        />
      </Form.Item>
      <KindFields form={form} kind={kind} />
      <Form.Item
        name="activity"
        label="要做的事（可选）"
        extra="作为报送事项的名称，不填则为「报送落实情况」"
      >
        <Input maxLength={500} />
      </Form.Item>
      <Alert
        type={preview.dated ? 'info' : 'warning'}
        showIcon
        title={preview.text}
        data-preview={preview.dated ? 'dated' : 'undated'}
      />
    </EditModal>
  );
}
