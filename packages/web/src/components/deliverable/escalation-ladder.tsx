/**
 * The escalation ladder of one deliverable: 提醒 → 催办 → 督办单 (orange, red), each with its date,
 * the reply deadline of a 督办单 and the unit's reply; an open 督办单 gets a reply box.
 */
import { Alert, App, Button, Form, Input, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { deliverablesApi, type Escalation, type Ladder } from '../../api/deliverables.ts';
import { dateTime, proseDate } from '../../app/format.ts';
import { messageOf, showOnField } from './form-errors.ts';

const COLORS: Record<string, string> = {
  reminder: 'blue',
  urge: 'orange',
  'supervise-orange': '#fa8c16',
  'supervise-red': 'red',
};

function ReplyBox({ escalation, onChanged }: { escalation: Escalation; onChanged: () => Promise<void> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reply?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { reply?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await deliverablesApi.replyEscalation(escalation.id, v.reply ?? '');
      message.success('回复已提交');
      await onChanged();
    } catch (e) {
      if (!showOnField(form, e, (f) => (f === 'reply' ? ['reply'] : null))) setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 8, maxWidth: 640 }}>
      <Form.Item
        label={`回复${escalation.label}`}
        name="reply"
        extra="说明未按时报送的原因和整改措施，只能回复一次。"
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
      </Form.Item>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 8 }} />}
      <Button htmlType="submit" type="primary" loading={busy}>
        提交回复
      </Button>
    </Form>
  );
}

export function EscalationLadder({
  ladder,
  canAct,
  onChanged,
}: {
  ladder: Ladder;
  canAct: boolean;
  onChanged: () => Promise<void>;
}) {
  const issued = ladder.steps.filter((s) => s.escalation);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {issued.length === 0 && (
        <Typography.Text type="secondary">
          {ladder.running ? '尚未发出提醒或督办。以下为按办理时限排定的日程。' : '本事项未被提醒或督办。'}
        </Typography.Text>
      )}
      <Timeline
        items={ladder.steps.map((s) => {
          const e = s.escalation;
          const isOrder = s.replyDue !== null;
          return {
            key: s.level,
            color: e ? (COLORS[s.level] ?? 'blue') : 'gray',
            content: (
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={6}>
                  <Typography.Text strong>{isOrder ? `${s.label} · 督办单` : s.label}</Typography.Text>
                  {e ? <Tag color="red">已发出</Tag> : <Tag>{ladder.running ? '未发出' : '不再发出'}</Tag>}
                  {e?.replyOverdue && <Tag color="error">逾期未回复</Tag>}
                </Space>
                <Typography.Text type="secondary">
                  {e
                    ? `${proseDate(s.dueFrom)}起（记录于 ${dateTime(e.createdAt)}）`
                    : `排定于 ${proseDate(s.dueFrom)}`}
                  {s.replyDue && `；回复期限 ${proseDate(s.replyDue)}`}
                </Typography.Text>
                {e?.reply && (
                  <div style={{ background: '#fafafa', padding: 8, borderRadius: 4 }}>
                    <Typography.Text type="secondary">
                      单位回复（{e.repliedBy?.name ?? ''} {dateTime(e.repliedAt)}）：
                    </Typography.Text>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                      {e.reply}
                    </Typography.Paragraph>
                  </div>
                )}
                {e && isOrder && !e.reply && canAct && <ReplyBox escalation={e} onChanged={onChanged} />}
                {e && isOrder && !e.reply && !canAct && (
                  <Typography.Text type="warning">单位尚未回复</Typography.Text>
                )}
              </Space>
            ),
          };
        })}
      />
    </Space>
  );
}
