/** Supervision settings the coordinator sets: cadence, lead times and escalation thresholds. */

export type Cadence = 'monthly' | 'quarterly' | 'semiannual' | 'annual';

export const CADENCES: readonly Cadence[] = ['monthly', 'quarterly', 'semiannual', 'annual'];

export type SupervisionSettings = {
  /** The reporting cadence of a task whose text gives no schedule for the year. */
  defaultCadence: Cadence;
  /** Cadence reports are due this many working days after the period ends. */
  cadenceDueOffsetWorkdays: number;
  /** Co-units' inputs are due this many working days before the lead's deliverable. */
  coInputLeadWorkdays: number;
  /** Yellow when due within this many working days and not handed in. */
  dueSoonWorkdays: number;
  /** 提醒: this many working days before the due date. */
  remindWorkdaysBefore: number;
  /** 督办 (orange) when overdue by at least this many working days. */
  superviseOrangeAfterWorkdays: number;
  /** 督办 (red) when overdue by at least this many working days. */
  superviseRedAfterWorkdays: number;
  /** The reply deadline of a 督办单, in working days after it is issued. */
  replyWorkdays: number;
};

export const DEFAULT_SETTINGS: Readonly<SupervisionSettings> = Object.freeze({
  defaultCadence: 'quarterly',
  cadenceDueOffsetWorkdays: 5,
  coInputLeadWorkdays: 3,
  dueSoonWorkdays: 5,
  remindWorkdaysBefore: 3,
  superviseOrangeAfterWorkdays: 5,
  superviseRedAfterWorkdays: 10,
  replyWorkdays: 3,
});

export type SettingsError = { field: string; message: string };

export type SettingsResult =
  | { ok: true; value: SupervisionSettings }
  | { ok: false; errors: SettingsError[] };

type NumericField = Exclude<keyof SupervisionSettings, 'defaultCadence'>;

/** Each numeric setting: its Chinese name and the range a coordinator may choose (inclusive). */
export const SETTING_RANGES: Readonly<Record<NumericField, { label: string; min: number; max: number }>> = {
  cadenceDueOffsetWorkdays: { label: '周期报送期限(期末后工作日数)', min: 0, max: 60 },
  coInputLeadWorkdays: { label: '配合单位提前报送工作日数', min: 0, max: 30 },
  dueSoonWorkdays: { label: '临期黄灯工作日数', min: 0, max: 60 },
  remindWorkdaysBefore: { label: '提前提醒工作日数', min: 0, max: 60 },
  superviseOrangeAfterWorkdays: { label: '橙色督办(逾期工作日数)', min: 1, max: 120 },
  superviseRedAfterWorkdays: { label: '红色督办(逾期工作日数)', min: 1, max: 250 },
  replyWorkdays: { label: '督办单回复期限(工作日)', min: 1, max: 60 },
};

const CADENCE_LABELS: Record<Cadence, string> = {
  monthly: '每月',
  quarterly: '每季度',
  semiannual: '每半年',
  annual: '每年',
};

/**
 * Checks a settings object (e.g. a request body). Every field is required; unknown fields are
 * rejected; numbers must be integers within `SETTING_RANGES`; red 督办 must come after orange.
 * Messages are in Chinese, one per bad field.
 */
export function validateSettings(input: unknown): SettingsResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', message: '督办设置应为对象' }] };
  }
  const record = input as Record<string, unknown>;
  const errors: SettingsError[] = [];
  const known = new Set<string>(['defaultCadence', ...Object.keys(SETTING_RANGES)]);
  for (const key of Object.keys(record)) {
    if (!known.has(key)) errors.push({ field: key, message: `未知的设置项「${key}」` });
  }

  const cadence = record.defaultCadence;
  if (cadence === undefined) {
    errors.push({ field: 'defaultCadence', message: '缺少默认报送周期' });
  } else if (typeof cadence !== 'string' || !(CADENCES as readonly string[]).includes(cadence)) {
    const allowed = CADENCES.map((c) => `${c}(${CADENCE_LABELS[c]})`).join('、');
    errors.push({ field: 'defaultCadence', message: `默认报送周期应为 ${allowed} 之一` });
  }

  for (const [field, range] of Object.entries(SETTING_RANGES) as [
    NumericField,
    (typeof SETTING_RANGES)[NumericField],
  ][]) {
    const v = record[field];
    if (v === undefined) errors.push({ field, message: `缺少「${range.label}」` });
    else if (typeof v !== 'number' || !Number.isInteger(v)) {
      errors.push({ field, message: `「${range.label}」应为整数` });
    } else if (v < range.min || v > range.max) {
      errors.push({
        field,
        message: `「${range.label}」应在 ${range.min} 至 ${range.max} 之间，当前为 ${v}`,
      });
    }
  }

  const orange = record.superviseOrangeAfterWorkdays;
  const red = record.superviseRedAfterWorkdays;
  if (errors.length === 0 && typeof orange === 'number' && typeof red === 'number' && red <= orange) {
    errors.push({
      field: 'superviseRedAfterWorkdays',
      message: `红色督办的逾期工作日数(${red})应大于橙色督办(${orange})`,
    });
  }

  if (errors.length > 0) return { ok: false, errors };
  const value: SupervisionSettings = {
    defaultCadence: cadence as Cadence,
    cadenceDueOffsetWorkdays: record.cadenceDueOffsetWorkdays as number,
    coInputLeadWorkdays: record.coInputLeadWorkdays as number,
    dueSoonWorkdays: record.dueSoonWorkdays as number,
    remindWorkdaysBefore: record.remindWorkdaysBefore as number,
    superviseOrangeAfterWorkdays: orange as number,
    superviseRedAfterWorkdays: red as number,
    replyWorkdays: record.replyWorkdays as number,
  };
  return { ok: true, value };
}
