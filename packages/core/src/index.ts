/** @luoshi/core — the pure domain of Luoshi: no I/O, every function takes values and returns values. */

export * from './assessment/index.ts';
export {
  addMonthsTo,
  type Calendar,
  createCalendar,
  type HolidayData,
  type HolidayYear,
  missingBetween,
} from './calendar/calendar.ts';
export {
  addDays,
  type DateParts,
  datePart,
  dayNumber,
  daysBetween,
  daysInMonth,
  formatDate,
  fromDayNumber,
  type IsoDate,
  isIsoDate,
  isLeapYear,
  lastDayOfMonth,
  maxDate,
  minDate,
  parseDate,
  tryParseDate,
  weekday,
  yearOf,
} from './calendar/dates.ts';
export { defaultCalendar } from './calendar/default-calendar.ts';
export {
  type DeliverableSpec,
  type DeliverableWarning,
  type GenerateInput,
  type GenerateResult,
  generateDeliverables,
  taskOrgs,
} from './deliverables/generate.ts';
export {
  ESCALATION_LABELS,
  ESCALATION_LEVELS,
  type EscalationInput,
  type EscalationLevel,
  type EscalationStep,
  escalationSchedule,
  escalationSteps,
} from './escalation/ladder.ts';
export { extractIndicators } from './extract/indicators.ts';
export { extractObligations } from './extract/obligations.ts';
export { extractSchedule } from './extract/schedule.ts';
export { NoticeFileError } from './formats/notice-file-error.ts';
export {
  type NoticeFormat,
  type NoticeText,
  readNoticeFile,
  readNoticeFileAsync,
} from './formats/read-notice-file.ts';
export { type ParseOptions, parseNotice } from './notice/parse-notice.ts';
export { DEFAULT_DIRECTORY_URL, REFERENCE_NOTICE_URL } from './orgs/default-directory.ts';
export * from './orgs/index.ts';
export {
  CADENCES,
  type Cadence,
  DEFAULT_SETTINGS,
  SETTING_RANGES,
  type SettingsError,
  type SettingsResult,
  type SupervisionSettings,
  validateSettings,
} from './settings.ts';
export {
  type DeliverableStatus,
  effectiveDueDate,
  isDone,
  isHandedIn,
  type OnTimeItem,
  onTimeRate,
  type RollUp,
  rollUp,
  SIGNAL_LABELS,
  SIGNALS,
  type Signal,
  type SignalInput,
  signalOf,
  signalRank,
} from './signals/signal.ts';
export { parseChineseNumber } from './text/chinese-number.ts';
export { foldWidth, LineIndex } from './text/normalize.ts';
export * from './types.ts';
export {
  ACTION_LABELS,
  AWAITING_LABELS,
  DELIVERABLE_STATUS_LABELS,
  ENTITY_LABELS,
  FIELD_LABELS,
  REPORT_STATUS_LABELS,
  REVIEWERS,
  type ReportStatusCode,
  type Reviewer,
  reportAwaiting,
  reportStateLabel,
  VALUE_LABELS,
  valueLabel,
} from './vocabulary.ts';
