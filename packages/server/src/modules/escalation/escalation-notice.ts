/** The wording of 提醒, 催办 and 督办单 messages to a unit (in-app, e-mail and webhook alike). */
import { ESCALATION_LABELS, type EscalationLevel } from '@luoshi/core';
import type { Notice } from '../notifications/notify.ts';

export type EscalationNoticeInput = {
  /** The record the message announces: a step issued again after a withdrawal is a new message. */
  escalationId: string;
  deliverableId: string;
  title: string;
  orgName: string;
  level: EscalationLevel;
  /** The due date in force. */
  dueDate: string;
  replyDue: string | null;
  /** Working days left before the due date (reminder) or past it (督办). */
  workdays: number;
  publicUrl: string;
};

/** 2025-10-09 → 2025年10月9日 */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

export function deliverableLink(publicUrl: string, deliverableId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/deliverables/${deliverableId}`;
}

export function escalationNotice(n: EscalationNoticeInput): Notice {
  const due = chineseDate(n.dueDate);
  const item = `贵单位承担的「${n.title}」`;
  const link = deliverableLink(n.publicUrl, n.deliverableId);
  const dedupeKey = `escalation:${n.level}:${n.deliverableId}:${n.escalationId}`;
  const base = { kind: n.level, link, dedupeKey };
  switch (n.level) {
    case 'reminder':
      return {
        ...base,
        title: `【提醒】「${n.title}」将于${due}到期`,
        body:
          n.workdays > 0
            ? `${n.orgName}：${item}将于${due}到期（还有${n.workdays}个工作日），请按时报送。`
            : `${n.orgName}：${item}今天（${due}）到期，请按时报送。`,
      };
    case 'urge':
      return {
        ...base,
        title: `【催办】「${n.title}」已逾期`,
        body: `${n.orgName}：${item}已于${due}到期，至今未报送，请尽快报送。`,
      };
    case 'supervise-orange':
    case 'supervise-red': {
      const label = ESCALATION_LABELS[n.level];
      const color = n.level === 'supervise-red' ? '红色' : '橙色';
      const reply = n.replyDue ? `，并于${chineseDate(n.replyDue)}前书面回复` : '，并书面回复';
      return {
        ...base,
        title: `【督办单·${color}】「${n.title}」逾期${n.workdays}个工作日`,
        body: `${n.orgName}：${item}已于${due}到期，已逾期${n.workdays}个工作日仍未报送。现发出${label}督办单，请立即报送${reply}未按期完成的原因和整改措施。`,
      };
    }
  }
}

export type WithdrawnNoticeInput = {
  runId: string;
  deliverableId: string;
  title: string;
  orgName: string;
  /** The levels withdrawn for this deliverable, in ladder order. */
  levels: EscalationLevel[];
  /** The day the withdrawn records were issued. */
  issuedOn: string;
  reason: string;
  publicUrl: string;
};

/** The unit is told that what it was sent is withdrawn: no reply is owed for it. */
export function withdrawnNotice(n: WithdrawnNoticeInput): Notice {
  const what = n.levels.map((l) => ESCALATION_LABELS[l]).join('、');
  return {
    kind: 'escalation-withdrawn',
    title: `【撤回】「${n.title}」的${what}已撤回`,
    body: `${n.orgName}：${chineseDate(n.issuedOn)}就贵单位承担的「${n.title}」发出的${what}已由依法治市办撤回（原因：${n.reason}），该通知作废，无需就此回复。`,
    link: deliverableLink(n.publicUrl, n.deliverableId),
    dedupeKey: `escalation-withdrawn:${n.runId}:${n.deliverableId}`,
  };
}
