/**
 * 设置: the supervision settings (default cadence, lead times, escalation thresholds — each with its
 * Chinese name and allowed range from the server), whether unit leaders approve reports first, and
 * which years the working-day calendar has official holiday data for.
 */
import { REVIEWERS } from '@luoshi/core/vocabulary';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import {
  CADENCE_LABELS,
  fieldMessage,
  getReportSettings,
  getSettings,
  type NumericSetting,
  putReportSettings,
  putSettings,
  type SettingsView,
  type SupervisionSettings,
} from '../api/admin.ts';
import { ApiError } from '../api/client.ts';
import { dateTime } from '../app/format.ts';
import { useApi } from '../app/use-api.ts';
import { CalendarCoverage } from '../components/admin/calendar-coverage.tsx';
import { EscalationTimeline } from '../components/admin/escalation-timeline.tsx';
import { ErrorAlert } from '../components/error-result.tsx';

const GROUPS: { title: string; fields: NumericSetting[] }[] = [
  { title: '报送周期', fields: ['cadenceDueOffsetWorkdays', 'coInputLeadWorkdays'] },
  { title: '亮灯与提醒', fields: ['dueSoonWorkdays', 'remindWorkdaysBefore'] },
  { title: '督办', fields: ['superviseOrangeAfterWorkdays', 'superviseRedAfterWorkdays', 'replyWorkdays'] },
];

const FIELD_NAMES = new Set<string>(['defaultCadence', ...GROUPS.flatMap((g) => g.fields)]);

function SupervisionForm({ view, onSaved }: { view: SettingsView; onSaved: (v: SettingsView) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<SupervisionSettings>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const watched = Form.useWatch([], form) as Partial<SupervisionSettings> | undefined;
  const value = (k: NumericSetting) => watched?.[k] ?? view.settings[k];

  useEffect(() => {
    form.setFieldsValue(view.settings);
  }, [form, view.settings]);

  const submit = async (values: SupervisionSettings) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await putSettings({ ...values, rowVersion: view.rowVersion });
      onSaved(saved);
      void message.success('督办设置已保存');
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
      if (err.field && FIELD_NAMES.has(err.field))
        form.setFields([{ name: err.field as keyof SupervisionSettings, errors: [fieldMessage(err)] }]);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="督办设置" size="small">
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={error.code === 'stale' ? '设置已被他人修改' : '保存失败'}
          description={
            error.code === 'stale'
              ? '请刷新页面查看最新设置后再修改（您填写的内容仍在表单中）。'
              : error.message
          }
        />
      )}
      <Form<SupervisionSettings>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={view.settings}
      >
        <Form.Item
          label="默认报送周期"
          name="defaultCadence"
          extra={`通知中没有写明时间的任务按此周期报送；默认${CADENCE_LABELS[view.defaults.defaultCadence]}`}
          rules={[{ required: true, message: '请选择默认报送周期' }]}
        >
          <Select
            style={{ maxWidth: 240 }}
            options={view.cadences.map((c) => ({ value: c, label: CADENCE_LABELS[c] ?? c }))}
          />
        </Form.Item>
        {GROUPS.map((g) => (
          <div key={g.title}>
            <Typography.Title level={5}>{g.title}</Typography.Title>
            <Row gutter={16}>
              {g.fields.map((k) => {
                const range = view.ranges[k];
                return (
                  <Col key={k} xs={24} sm={12} lg={8}>
                    <Form.Item
                      label={range.label}
                      name={k}
                      extra={`可设 ${range.min}–${range.max}，默认 ${view.defaults[k]}`}
                      rules={[{ required: true, message: `请填写${range.label}` }]}
                    >
                      <InputNumber precision={0} style={{ width: '100%' }} suffix="个工作日" />
                    </Form.Item>
                  </Col>
                );
              })}
            </Row>
          </div>
        ))}
        <Typography.Title level={5}>效果</Typography.Title>
        <EscalationTimeline
          dueSoon={value('dueSoonWorkdays')}
          remind={value('remindWorkdaysBefore')}
          orange={value('superviseOrangeAfterWorkdays')}
          red={value('superviseRedAfterWorkdays')}
        />
        <Space style={{ marginTop: 16 }} wrap>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存设置
          </Button>
          <Button onClick={() => form.setFieldsValue(view.defaults)}>填入默认值</Button>
          <Button onClick={() => form.setFieldsValue(view.settings)}>撤销修改</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** 单位领导审批: the leader's act in core's words (the office's is 审核). */
const LEADER_APPROVAL = `${REVIEWERS.leader.who}${REVIEWERS.leader.act}`;

function ReportApproval() {
  const { message } = App.useApp();
  const { data, error, loading } = useApi(getReportSettings, []);
  const [value, setValue] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const checked = value ?? data?.leaderApproval ?? false;

  const change = async (next: boolean) => {
    setBusy(true);
    setSaveError(null);
    try {
      const saved = await putReportSettings({ leaderApproval: next });
      setValue(saved.leaderApproval);
      void message.success(saved.leaderApproval ? `已开启${LEADER_APPROVAL}` : `已关闭${LEADER_APPROVAL}`);
    } catch (e) {
      setSaveError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={LEADER_APPROVAL} size="small">
      <ErrorAlert error={error} />
      <Space align="start">
        <Switch
          id="leader-approval"
          checked={checked}
          loading={loading || busy}
          onChange={change}
          aria-describedby="leader-approval-help"
        />
        <div>
          <label htmlFor="leader-approval">
            <Typography.Text strong>{`联络员报送须经${LEADER_APPROVAL}`}</Typography.Text>
          </label>
          <Typography.Paragraph id="leader-approval-help" type="secondary" style={{ marginBottom: 0 }}>
            {`开启后，联络员提交的报告先交本单位领导${REVIEWERS.leader.act}，${REVIEWERS.leader.act}通过后才报送依法治市办${REVIEWERS.coordinator.act}；单位领导自己提交的报告直接报送。`}
          </Typography.Paragraph>
        </div>
      </Space>
      {saveError && <Alert type="error" showIcon role="alert" title={saveError} style={{ marginTop: 12 }} />}
    </Card>
  );
}

export function SettingsPage() {
  const { data, error, loading } = useApi(getSettings, []);
  const [view, setView] = useState<SettingsView | null>(null);
  const current = view ?? data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        设置
      </Typography.Title>
      <ErrorAlert error={error} />
      {current && (
        <Typography.Text type="secondary" data-testid="settings-updated">
          {current.updatedBy
            ? `最后修改：${current.updatedBy.displayName}（${current.updatedBy.username}），${dateTime(current.updatedAt)}`
            : '尚未修改过，当前为默认设置'}
        </Typography.Text>
      )}
      {loading && !current && <Card loading />}
      {current && <SupervisionForm view={current} onSaved={setView} />}
      <ReportApproval />
      <CalendarCoverage />
    </Space>
  );
}
