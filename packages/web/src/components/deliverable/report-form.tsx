/**
 * The unit's report on a deliverable: narrative, completion, one figure per task indicator, evidence
 * files (uploaded with a progress bar), 保存草稿 / 提交报送. A returned report shows who sent it back
 * (the unit's leader or the coordinator) and why, and is edited and handed in again. When the server
 * refuses, its message goes next to the field it names (or above the buttons) and everything typed
 * stays in the form.
 */
import { UploadOutlined } from '@ant-design/icons';
import { REVIEWERS, reportStateLabel } from '@luoshi/core/vocabulary';
import {
  Alert,
  App,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Progress,
  Radio,
  Row,
  Space,
  Typography,
} from 'antd';
import { type ChangeEvent, useEffect, useMemo, useRef, useState } from 'react';
import {
  COMPLETION_LABELS,
  type Completion,
  type DeliverableDetail,
  deliverablesApi,
  type Evidence,
  type Figure,
  type Report,
  type ReportInput,
  type TaskIndicator,
  targetText,
  uploadEvidence,
} from '../../api/deliverables.ts';
import { dateTime } from '../../app/format.ts';
import { EvidenceList } from './evidence-list.tsx';
import { type FieldPath, messageOf, showOnField } from './form-errors.ts';
import { ReturnedByTag } from './report-view.tsx';

/** One row of the figures table: a task indicator (with its target) or a figure already reported. */
type FigureRow = { indicator: string; unit?: string; target?: string };

type Values = {
  narrative?: string;
  completion?: Completion;
  figures?: { value?: number | null; note?: string }[];
};

const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png,.gif,.webp,.txt,.csv';

export function figureRows(indicators: readonly TaskIndicator[], figures: readonly Figure[]): FigureRow[] {
  const rows: FigureRow[] = [];
  const seen = new Set<string>();
  for (const i of indicators) {
    const indicator = i.subject.trim() || i.raw;
    const unit = i.unit ?? undefined;
    const key = `${indicator}\u0000${unit ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ indicator, unit, target: targetText(i) });
  }
  // Figures reported before under other names stay, so saving never drops them.
  for (const f of figures) {
    const key = `${f.indicator}\u0000${f.unit ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ indicator: f.indicator, unit: f.unit });
  }
  return rows;
}

function initialValues(rows: readonly FigureRow[], report: Report | null): Values {
  return {
    narrative: report?.narrative ?? '',
    completion: report?.completion ?? 'in-progress',
    figures: rows.map((r) => {
      const f = report?.figures.find((x) => x.indicator === r.indicator && (x.unit ?? '') === (r.unit ?? ''));
      return { value: f?.value ?? null, note: f?.note ?? '' };
    }),
  };
}

/** The request body from the form, and which row each sent figure came from. */
function toInput(values: Values, rows: readonly FigureRow[]): { input: ReportInput; rowOf: number[] } {
  const figures: Figure[] = [];
  const rowOf: number[] = [];
  rows.forEach((r, i) => {
    const v = values.figures?.[i];
    if (v?.value === null || v?.value === undefined) return;
    const note = v.note?.trim();
    figures.push({
      indicator: r.indicator,
      value: v.value,
      ...(r.unit ? { unit: r.unit } : {}),
      ...(note ? { note } : {}),
    });
    rowOf.push(i);
  });
  return {
    input: { narrative: values.narrative ?? '', completion: values.completion ?? 'in-progress', figures },
    rowOf,
  };
}

type Upload = { uid: string; name: string; percent: number };

export function ReportForm({
  deliverable,
  report,
  leaderApproval,
  isLeader,
  onChanged,
}: {
  deliverable: DeliverableDetail;
  /** The unit's draft or returned report, or null when it has none yet. */
  report: Report | null;
  leaderApproval: boolean;
  isLeader: boolean;
  onChanged: () => Promise<void>;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const rows = useMemo(
    () => figureRows(deliverable.task.indicators, report?.figures ?? []),
    [deliverable.task.indicators, report?.figures],
  );
  const [initial] = useState(() => initialValues(rows, report));
  const current = useRef<Report | null>(report);
  const creating = useRef<Promise<Report> | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [topError, setTopError] = useState<string | null>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // A newer version from the server (after a save elsewhere on the page) replaces ours.
    if (report && (!current.current || report.rowVersion >= current.current.rowVersion))
      current.current = report;
  }, [report]);

  const fieldOf =
    (rowOf: readonly number[]) =>
    (field: string): FieldPath | null => {
      if (field === 'narrative' || field === 'completion') return [field];
      const m = /^figures\.(\d+)(?:\.(\w+))?$/.exec(field);
      if (m) {
        const row = rowOf[Number(m[1])];
        if (row === undefined) return null;
        return ['figures', row, m[2] === 'note' ? 'note' : 'value'];
      }
      return null;
    };

  const clearErrors = () => {
    setTopError(null);
    form.setFields([
      { name: 'narrative', errors: [] },
      { name: 'completion', errors: [] },
      ...rows.flatMap((_, i) => [
        { name: ['figures', i, 'value'] as ['figures', number, 'value'], errors: [] },
        { name: ['figures', i, 'note'] as ['figures', number, 'note'], errors: [] },
      ]),
    ]);
  };

  const fail = (e: unknown, rowOf: readonly number[], what: string) => {
    const on = showOnField(form, e, fieldOf(rowOf));
    setTopError(on ? `${what}：请按提示修改后重试（已填写的内容都还在）` : `${what}：${messageOf(e)}`);
  };

  /** The unit's report, created as a draft from what is in the form when there is none yet. */
  const ensureReport = async (): Promise<Report> => {
    if (current.current) return current.current;
    if (!creating.current) {
      const { input } = toInput(form.getFieldsValue(true) as Values, rows);
      creating.current = deliverablesApi
        .createReport(deliverable.id, { ...input, submit: false })
        .then((r) => {
          current.current = r.report;
          return r.report;
        })
        .finally(() => {
          creating.current = null;
        });
    }
    return creating.current;
  };

  const save = async () => {
    clearErrors();
    const { input, rowOf } = toInput(form.getFieldsValue(true) as Values, rows);
    setBusy('save');
    try {
      const r = current.current;
      const saved = r
        ? await deliverablesApi.updateReport(r.id, r.rowVersion, input)
        : await deliverablesApi.createReport(deliverable.id, { ...input, submit: false });
      current.current = saved.report;
      message.success('草稿已保存');
      await onChanged();
    } catch (e) {
      fail(e, rowOf, '保存未成功');
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    clearErrors();
    const { input, rowOf } = toInput(form.getFieldsValue(true) as Values, rows);
    setBusy('submit');
    let saved = false;
    try {
      const r = current.current;
      let result: Report;
      if (r) {
        const updated = await deliverablesApi.updateReport(r.id, r.rowVersion, input);
        current.current = updated.report;
        saved = true;
        result = (await deliverablesApi.submitReport(updated.report.id, updated.report.rowVersion)).report;
      } else {
        result = (await deliverablesApi.createReport(deliverable.id, { ...input, submit: true })).report;
      }
      current.current = result;
      message.success(
        leaderApproval && !isLeader && result.status === 'submitted'
          ? reportStateLabel(result.status, leaderApproval)
          : '已提交报送',
      );
      await onChanged();
    } catch (e) {
      fail(e, rowOf, saved ? '内容已保存为草稿，但提交未成功' : '提交未成功');
      if (saved) void onChanged();
    } finally {
      setBusy(null);
    }
  };

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    if (files.length === 0) return;
    setUploadError(null);
    const uid = `${Date.now()}-${Math.random()}`;
    const name = files.map((f) => f.name).join('、');
    setUploads((u) => [...u, { uid, name, percent: 0 }]);
    try {
      const r = await ensureReport();
      await uploadEvidence(r.id, files, (percent) =>
        setUploads((u) => u.map((x) => (x.uid === uid ? { ...x, percent } : x))),
      );
      message.success(`已上传：${name}`);
      await onChanged();
    } catch (err) {
      setUploadError(`「${name}」上传未成功：${messageOf(err)}`);
    } finally {
      setUploads((u) => u.filter((x) => x.uid !== uid));
    }
  };

  const remove = async (ev: Evidence) => {
    setUploadError(null);
    try {
      await deliverablesApi.removeEvidence(ev.reportId, ev.id);
      message.success(`已删除：${ev.fileName}`);
      await onChanged();
    } catch (err) {
      setUploadError(`「${ev.fileName}」删除未成功：${messageOf(err)}`);
    }
  };

  const returned = report?.status === 'returned';
  const evidence = report?.evidence ?? [];

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      aria-label="进展报告"
      onFinish={submit}
      onValuesChange={(changed: Values) => {
        // What was wrong is being fixed: the old messages go.
        setTopError(null);
        const names: FieldPath[] = [];
        if ('narrative' in changed) names.push(['narrative']);
        if ('completion' in changed) names.push(['completion']);
        changed.figures?.forEach((f, i) => {
          if (f) names.push(['figures', i, 'value'], ['figures', i, 'note']);
        });
        form.setFields(names.map((name) => ({ name: name as ['narrative'], errors: [] })));
      }}
      style={{ maxWidth: 880 }}
    >
      {returned && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={
            <Space wrap size={6}>
              <ReturnedByTag role={report?.returnedByRole ?? null} />
              <span>报告已被退回，请按意见修改后重新提交</span>
            </Space>
          }
          description={
            <Space orientation="vertical" size={0}>
              {report?.returnedByRole && (
                <Typography.Text>
                  退回人：
                  {report.returnedByRole === 'leader'
                    ? `本单位领导（报送前${REVIEWERS.leader.act}）`
                    : `依法治市办（${REVIEWERS.coordinator.act}）`}
                </Typography.Text>
              )}
              <Typography.Text strong>退回理由：{report?.returnReason || '（未填写）'}</Typography.Text>
              {(report?.returnedAt ?? report?.reviewedAt) && (
                <Typography.Text type="secondary">
                  退回时间：{dateTime(report?.returnedAt ?? report?.reviewedAt)}
                </Typography.Text>
              )}
            </Space>
          }
        />
      )}
      <Form.Item
        label="进展情况"
        name="narrative"
        extra="写明已完成的工作、取得的成效和下一步安排；提交时不少于10个字。"
      >
        <Input.TextArea autoSize={{ minRows: 5, maxRows: 16 }} maxLength={20000} />
      </Form.Item>
      <Form.Item label="完成情况" name="completion">
        <Radio.Group
          options={(Object.keys(COMPLETION_LABELS) as Completion[]).map((c) => ({
            value: c,
            label: COMPLETION_LABELS[c],
          }))}
        />
      </Form.Item>
      {rows.length > 0 && (
        <fieldset style={{ border: 0, margin: '0 0 8px', padding: 0, minWidth: 0 }}>
          <legend style={{ fontSize: 14, marginBottom: 8, border: 0 }}>
            <Typography.Text strong>指标数据</Typography.Text>
            <Typography.Text type="secondary">（填写本期实际达到的数值）</Typography.Text>
          </legend>
          {rows.map((r, i) => (
            <Row
              key={`${r.indicator}-${r.unit ?? ''}`}
              gutter={[12, 0]}
              style={{ borderBottom: '1px dashed #eee', marginBottom: 8 }}
            >
              <Col xs={24} md={10}>
                <Form.Item
                  label={
                    <span>
                      {r.indicator}
                      {r.target && <Typography.Text type="secondary">（目标 {r.target}）</Typography.Text>}
                    </span>
                  }
                  name={['figures', i, 'value']}
                >
                  <InputNumber
                    style={{ width: '100%' }}
                    suffix={r.unit}
                    placeholder="实际数值"
                    aria-label={`${r.indicator} 实际数值`}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={14}>
                <Form.Item label={`${r.indicator} 说明`} name={['figures', i, 'note']}>
                  <Input placeholder="说明（选填）" maxLength={500} />
                </Form.Item>
              </Col>
            </Row>
          ))}
        </fieldset>
      )}
      <Form.Item
        label="佐证材料"
        validateStatus={uploadError ? 'error' : undefined}
        help={uploadError ?? undefined}
        extra="支持 PDF、Word、Excel、PowerPoint、图片、文本文件，每份报告最多30个。"
      >
        <div style={{ position: 'relative' }}>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept={ACCEPT}
            aria-label="选择佐证材料文件"
            onChange={upload}
            style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden' }}
            tabIndex={-1}
          />
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Button icon={<UploadOutlined />} onClick={() => fileInput.current?.click()}>
              上传佐证材料
            </Button>
            {uploads.map((u) => (
              <div key={u.uid}>
                <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
                  正在上传：{u.name}
                </Typography.Text>
                <Progress percent={u.percent} size="small" aria-label={`${u.name} 上传进度`} />
              </div>
            ))}
            <EvidenceList
              items={evidence}
              onDelete={report?.status === 'draft' || returned ? remove : undefined}
            />
          </Space>
        </div>
      </Form.Item>
      {topError && <Alert type="error" showIcon role="alert" title={topError} style={{ marginBottom: 16 }} />}
      <Space wrap>
        <Button onClick={save} loading={busy === 'save'} disabled={busy !== null}>
          保存草稿
        </Button>
        <Button type="primary" htmlType="submit" loading={busy === 'submit'} disabled={busy !== null}>
          {returned ? '重新提交报送' : '提交报送'}
        </Button>
        {leaderApproval && !isLeader && (
          <Typography.Text type="secondary">
            {`提交后先由${REVIEWERS.leader.who}${REVIEWERS.leader.act}，再报送依法治市办。`}
          </Typography.Text>
        )}
      </Space>
    </Form>
  );
}
