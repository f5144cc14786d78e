/**
 * 单位领导审批: with leader approval on, a leader of the unit either approves a submitted report
 * (it goes to the coordinator) or sends it back to the unit's reporters with a reason (退回修改).
 * The reason's server message goes next to the field, and the dialog keeps what was typed when the
 * server refuses. The words are core's: the leader 审批, the office 审核.
 */

import { REVIEWERS } from '@luoshi/core/vocabulary';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { deliverablesApi, type Report } from '../../api/deliverables.ts';
import { messageOf, showOnField } from './form-errors.ts';

type Values = { reason?: string };

const ACT = REVIEWERS.leader.act;

export function LeaderDecision({ report, onChanged }: { report: Report; onChanged: () => Promise<void> }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'approve' | 'send-back' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [dialogError, setDialogError] = useState<ApiError | null>(null);
  const [form] = Form.useForm<Values>();

  const approve = async () => {
    setBusy('approve');
    setError(null);
    try {
      await deliverablesApi.approveReport(report.id, report.rowVersion);
      message.success(`已${ACT}通过，报告已报送依法治市办`);
      await onChanged();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const sendBack = async (v: Values) => {
    setBusy('send-back');
    setDialogError(null);
    try {
      await deliverablesApi.sendBackReport(report.id, report.rowVersion, (v.reason ?? '').trim());
      setOpen(false);
      form.resetFields();
      message.success(`已退回，联络员修改后将重新提交给您${ACT}`);
      await onChanged();
    } catch (e) {
      if (!showOnField(form, e, (f) => (f === 'reason' ? ['reason'] : null)))
        setDialogError(e instanceof ApiError ? e : new ApiError(0, 'internal', messageOf(e)));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title={`本报告已提交，待您${ACT}：${ACT}通过后报送依法治市办；需要修改的，可退回本单位联络员。`}
      />
      {error && <Alert type="error" showIcon role="alert" title={`${ACT}未成功：${error}`} />}
      <Space wrap>
        <Button type="primary" onClick={approve} loading={busy === 'approve'} disabled={busy !== null}>
          {ACT}通过
        </Button>
        <Button
          danger
          disabled={busy !== null}
          onClick={() => {
            setError(null);
            setOpen(true);
          }}
        >
          退回修改
        </Button>
      </Space>
      <Modal
        open={open}
        title="退回修改"
        okText="确认退回"
        cancelText="取消"
        okButtonProps={{ danger: true, loading: busy === 'send-back' }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={sendBack}
          onValuesChange={() => setDialogError(null)}
        >
          <Typography.Paragraph type="secondary">
            报告将退回本单位联络员修改，修改后重新提交给您{ACT}；退回理由会通知联络员。
          </Typography.Paragraph>
          <Form.Item
            name="reason"
            label="退回理由"
            extra="说明需要补充或修改的内容，至少5个字。"
            rules={[{ required: true, whitespace: true, message: '请填写退回理由' }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
          </Form.Item>
          {dialogError && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={dialogError.status === 409 ? '报告已被更新，未能退回' : '退回未成功'}
              description={dialogError.message}
              action={
                dialogError.status === 409 ? (
                  <Button
                    size="small"
                    onClick={() => {
                      setOpen(false);
                      void onChanged();
                    }}
                  >
                    重新载入
                  </Button>
                ) : undefined
              }
            />
          )}
        </Form>
      </Modal>
    </Space>
  );
}
