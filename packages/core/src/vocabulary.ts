/**
 * The words people read for the codes Luoshi stores: actions of the audit trail, kinds of records,
 * field names and the values of enumerated fields, in zh-CN. Defined once here so the web app, the
 * server's exports and the documents say the same thing for the same code.
 */

import { DEFAULT_RUBRIC } from './assessment/rubric.ts';
import { ORG_KIND_LABELS } from './orgs/kinds.ts';

/** What an audit record says happened. */
export const ACTION_LABELS: Readonly<Record<string, string>> = {
  'assignment.acknowledge': '签收',
  'audit.export': '导出审计记录',
  'backup.create': '备份数据库',
  'deliverable.accept': '事项通过',
  'deliverable.draft': '事项草稿',
  'deliverable.extend': '事项延期',
  'deliverable.return': '事项退回',
  'deliverable.submit': '事项报送',
  'escalation.create': '发出提醒/督办',
  'escalation.reply': '回复督办',
  'assessment.adjust': '登记加减分',
  'assessment.adjust-withdraw': '撤销加减分',
  'assessment.rubric': '修改考核细则',
  'assessment.open-appeals': '公示考核结果',
  'assessment.appeal': '提出考核申诉',
  'assessment.appeal-accept': '采纳考核申诉',
  'assessment.appeal-reject': '不予采纳考核申诉',
  'assessment.freeze': '定格考核结果',
  'escalation.withdraw': '撤回提醒/督办',
  'escalation-run.create': '运行督办',
  'escalation-run.revert': '撤回督办批次',
  'evidence.add': '上传佐证材料',
  'evidence.remove': '删除佐证材料',
  'extension.approve': '批准延期',
  'extension.refuse': '不予延期',
  'extension.request': '申请延期',
  'notice.import': '导入通知',
  'notification.read': '通知标为已读',
  'notification.read-all': '通知全部标为已读',
  'notification.read-before': '旧通知标为已读',
  'org.calendar-rotate': '更换日历链接',
  'org.create': '新增单位',
  'org.update': '修改单位',
  'outbox.sent': '消息已发送',
  'outbox.failed': '消息发送失败',
  'outbox.retry': '消息重试',
  'plan.add-year': '增加年度',
  'plan.correct': '更正任务清单',
  'plan.create': '生成任务清单',
  'plan.publish': '发布交办',
  'plan.supersede': '新版本替代',
  'report.accept': '审核通过',
  'report.approve': '单位领导审批通过',
  'report.create': '新建报告',
  'report.return': '退回报告',
  'report.send-back': '单位领导退回',
  'report.submit': '报送报告',
  'report.update': '修改报告',
  'security.refused': '拒绝访问',
  'session.login': '登录',
  'session.login-failed': '登录失败',
  'session.logout': '退出登录',
  'session.end': '结束登录会话',
  'session.end-all': '结束全部登录会话',
  'settings.update': '修改设置',
  'user.create': '新建用户',
  'user.locked': '账号锁定',
  'user.update': '修改用户',
  'user.activate': '启用用户',
  'user.deactivate': '停用用户',
  'user.unlock': '解除锁定',
  'user.password-change': '修改密码',
  'user.password-reset': '重置密码',
};

/** The kind of record an audit entry is about. */
export const ENTITY_LABELS: Readonly<Record<string, string>> = {
  plan: '任务清单',
  notice: '通知文件',
  deliverable: '报送事项',
  report: '进展报告',
  evidence: '佐证材料',
  assignment: '交办签收',
  extension: '延期申请',
  escalation: '提醒督办',
  'escalation-run': '督办批次',
  'assessment-adjustment': '考核加减分',
  'assessment-appeal': '考核申诉',
  org: '单位',
  user: '用户',
  session: '登录会话',
  login: '登录尝试',
  settings: '设置',
  notification: '通知',
  outbox: '消息发送',
  audit: '审计记录',
  backup: '数据库备份',
  request: '访问请求',
};

/** Field names as they appear in audit records. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  id: '编号',
  name: '名称',
  kind: '类型',
  parentId: '上级单位',
  aliases: '别名',
  tags: '标签',
  code: '区划代码',
  note: '备注',
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  orgId: '单位',
  email: '邮箱',
  failedLogins: '连续登录失败次数',
  failed: '连续失败次数',
  address: '登录地址',
  sessionsEnded: '结束的登录会话数',
  keptCurrent: '保留本设备',
  session: '登录会话',
  passwordMaxAgeDays: '密码有效期（天）',
  lockedUntil: '锁定至',
  active: '启用',
  createdAt: '创建时间',
  updatedAt: '修改时间',
  createdBy: '创建人',
  rowVersion: '版本号',
  passwordChangedAt: '密码修改时间',
  mustChangePassword: '须修改密码',
  sourceSha256: '文件指纹（SHA-256）',
  title: '标题',
  docNumber: '文号',
  issuer: '发文机关',
  issuedAt: '成文日期',
  fileName: '文件名',
  format: '文件格式',
  length: '长度',
  noticeId: '通知文件',
  version: '版本',
  year: '年度',
  previousPlanId: '上一版任务清单',
  supersededPlanId: '被替代的任务清单',
  counts: '数量',
  changes: '变更',
  status: '状态',
  planId: '任务清单',
  tasks: '任务数',
  assignments: '交办数',
  deliverables: '报送事项数',
  carried: '沿用的事项',
  removed: '删除的事项',
  calendarMissingYears: '缺少节假日数据的年份',
  warnings: '提示数',
  deliverableId: '报送事项',
  reportId: '进展报告',
  authorId: '填报人',
  narrative: '进展情况',
  completion: '完成情况',
  submittedAt: '报送时间',
  approvedBy: '审批领导',
  approvedAt: '领导审批时间',
  reviewedBy: '审核人',
  reviewedAt: '审核时间',
  returnReason: '退回理由',
  returnedBy: '退回人',
  returnedAt: '退回时间',
  returnedByRole: '退回方',
  figures: '指标数据',
  awaiting: '等待',
  firstSubmittedAt: '首次报送时间',
  comment: '审核意见',
  acceptedAt: '通过时间',
  reason: '理由',
  points: '分值',
  basis: '依据',
  rubric: '考核细则',
  withdrawReason: '撤回原因',
  appealFrom: '申诉开始',
  appealUntil: '申诉截止',
  resultSha256: '结果哈希',
  itemId: '考核项',
  before: '早于',
  requestedBy: '申请人',
  requestedDueDate: '申请延至',
  decidedBy: '审批人',
  decidedAt: '审批时间',
  decisionNote: '审批意见',
  currentDueDate: '原截止日期',
  dueDate: '截止日期',
  asOf: '截至日期',
  level: '级别',
  dueFrom: '应发日期',
  replyDue: '回复期限',
  runId: '提醒督办运行',
  withdrawnAt: '撤回时间',
  withdrawnBy: '撤回人',
  withdrawn: '撤回条数',
  revertedAt: '撤回时间',
  count: '条数',
  file: '文件',
  bytes: '字节数',
  rows: '行数',
  method: '请求方法',
  path: '请求路径',
  ip: '来源地址',
  origin: '来源网站',
  from: '起始日期',
  to: '截止日期',
  defaultCadence: '默认报送周期',
  cadenceDueOffsetWorkdays: '周期报送期限',
  coInputLeadWorkdays: '配合单位提前报送',
  dueSoonWorkdays: '临期黄灯工作日数',
  remindWorkdaysBefore: '提前提醒工作日数',
  superviseOrangeAfterWorkdays: '橙色督办',
  superviseRedAfterWorkdays: '红色督办',
  replyWorkdays: '督办单回复期限',
  leaderApproval: '单位领导审批',
};

/**
 * Who does what to a report. A unit's leader 审批 (approves) a report before it leaves the unit, when
 * leader approval is on; the office 依法治市办 审核 (reviews) it once it is handed in (报送). Every
 * screen, message and notice uses these two words for these two acts and no other.
 */
export const REVIEWERS = {
  leader: { who: '单位领导', act: '审批' },
  coordinator: { who: '依法治市办', act: '审核' },
} as const;

export type Reviewer = keyof typeof REVIEWERS;

/** Whom a report waits for: 待单位领导审批, 待依法治市办审核. */
export const AWAITING_LABELS: Readonly<Record<Reviewer, string>> = {
  leader: `待${REVIEWERS.leader.who}${REVIEWERS.leader.act}`,
  coordinator: `待${REVIEWERS.coordinator.who}${REVIEWERS.coordinator.act}`,
};

/** A report's own status. 'submitted' is 提交 to the leader or 报送 to the office: see reportStateLabel. */
export const REPORT_STATUS_LABELS = {
  draft: '草稿',
  submitted: '已提交',
  approved: `${REVIEWERS.leader.who}已${REVIEWERS.leader.act}`,
  accepted: `${REVIEWERS.coordinator.act}通过`,
  returned: '已退回',
} as const;

export type ReportStatusCode = keyof typeof REPORT_STATUS_LABELS;

/** A deliverable's status: where the unit's work on it stands as the office sees it. */
export const DELIVERABLE_STATUS_LABELS = {
  pending: '待报送',
  draft: '草稿',
  submitted: '已报送',
  approved: `已报送（${REPORT_STATUS_LABELS.approved}）`,
  accepted: `${REVIEWERS.coordinator.act}通过`,
  returned: '已退回',
  closed: '已办结',
} as const;

/**
 * Whom a report in `status` waits for. With leader approval on, a submitted report waits for the
 * unit's leader (the server's review queue leaves it out until approved); otherwise it is with the office.
 */
export function reportAwaiting(status: string, leaderApproval: boolean): Reviewer | null {
  if (status === 'submitted') return leaderApproval ? 'leader' : 'coordinator';
  return status === 'approved' ? 'coordinator' : null;
}

/**
 * One phrase for where a report stands, the same at the top of its deliverable, on the report and in
 * the notices. A report waiting for the unit's leader is 已提交，待单位领导审批 (提交, not yet 报送: the
 * deliverable moves only once approved); one with the office reads as its deliverable does, 已报送 or
 * 已报送（单位领导已审批）.
 */
export function reportStateLabel(status: string, leaderApproval: boolean): string {
  if (reportAwaiting(status, leaderApproval) === 'leader')
    return `${REPORT_STATUS_LABELS.submitted}，${AWAITING_LABELS.leader}`;
  if (status === 'submitted' || status === 'approved') return DELIVERABLE_STATUS_LABELS[status];
  return REPORT_STATUS_LABELS[status as ReportStatusCode] ?? status;
}

const STATUS_LABELS: Readonly<Record<string, string>> = {
  // Reports and deliverables share the field 'status': a report the office has reads as its
  // deliverable does (reportStateLabel), so the deliverable's words serve both.
  ...DELIVERABLE_STATUS_LABELS,
  published: '已发布',
  superseded: '已被新版本替代',
  refused: '不予延期',
  rejected: '未采纳',
  open: '计分中',
  appeals: '公示申诉中',
  frozen: '已定格',
};

/** The words for the values of enumerated fields, by field name. */
export const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  status: STATUS_LABELS,
  level: {
    reminder: '提醒',
    urge: '催办',
    'supervise-orange': '橙色督办',
    'supervise-red': '红色督办',
  },
  role: {
    coordinator: '协调员',
    leader: '单位领导',
    reporter: '单位联络员',
    viewer: '市领导（只读）',
    lead: '牵头',
    co: '配合',
    each: '各自负责',
  },
  kind: ORG_KIND_LABELS,
  completion: { 'not-started': '尚未开始', 'in-progress': '推进中', done: '已完成' },
  awaiting: AWAITING_LABELS,
  itemId: Object.fromEntries(DEFAULT_RUBRIC.items.map((i) => [i.id, i.label])),
  returnedByRole: { coordinator: '协调员', leader: '单位领导' },
  format: { text: '文本', docx: 'Word 文档', xlsx: 'Excel 表格', pdf: 'PDF', ofd: 'OFD' },
  mustChangePassword: { initial: '初始密码，须修改', expired: '密码已过期' },
  code: { forbidden: '无权操作', 'cross-site': '来自其他网站的请求' },
  reason: {
    'wrong-password': '密码错误',
    locked: '账号已锁定',
    'unknown-name': '用户名不存在',
    inactive: '账号已停用',
    'rate-limited': '登录过于频繁',
  },
};

/** The word for one value of a field, or null when the field has no enumerated words for it. */
export function valueLabel(field: string, value: unknown): string | null {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (field === 'active' && (value === 0 || value === 1)) return value === 1 ? '是' : '否';
  if (typeof value !== 'string') return null;
  return VALUE_LABELS[field]?.[value] ?? null;
}
