/**
 * The plan: what Luoshi understands of a notice. Every extracted value keeps `raw` (the text as
 * written) and `span` (UTF-16 offsets into `Plan.source`, end exclusive) so a person can see where
 * it came from and correct it.
 */

export type Span = { start: number; end: number };

export type Severity = 'error' | 'warning' | 'info';

export type Diagnostic = {
  severity: Severity;
  /** Stable machine code, e.g. `unit-unresolved`, `task-incomplete`. */
  code: string;
  /** Human message in Chinese (shown to coordinators). */
  message: string;
  /** 1-based line and column in the source text. */
  line: number;
  column: number;
  span?: Span;
  /** The task this diagnostic belongs to, when there is one. */
  task?: number;
};

export type Confidence = 'high' | 'low';

export type ObligationKind =
  | 'annual'
  | 'semiannual'
  | 'quarterly'
  | 'monthly'
  | 'once'
  | 'relative'
  | 'window'
  | 'frequency';

export type TimeUnit = 'day' | 'workday' | 'month';

export type Period = 'year' | 'halfyear' | 'quarter' | 'month' | 'week' | 'term';

/** A day of the year; `endOfMonth` marks 月底 (the real last day, whatever the month has). */
export type MonthDay = { month: number; day: number; endOfMonth?: boolean };

export type Obligation = {
  kind: ObligationKind;
  raw: string;
  span: Span;
  confidence: Confidence;
  /** annual / monthly / quarterly: the day (and month) the duty falls due. */
  month?: number;
  day?: number;
  endOfMonth?: boolean;
  /** 月初 / 上旬: due early in the month (by day 10). */
  approx?: 'early' | 'mid' | 'late';
  /** semiannual (and any multi-date schedule): each due day of the year. */
  dates?: MonthDay[];
  /** once: the deadline as YYYY-MM-DD. `yearInferred` when the text gave no year. */
  date?: string;
  yearInferred?: boolean;
  /** relative: an amount of time counted from an event (`trigger`). */
  amount?: number;
  unit?: TimeUnit;
  trigger?: string;
  direction?: 'after' | 'before';
  /** window: a recurring range of days, e.g. 每月1-25日. */
  fromDay?: number;
  toDay?: number;
  /** frequency: `count` times per `per`; `atLeast` for 至少 / 不少于. */
  count?: number;
  per?: Period;
  atLeast?: boolean;
  /** What must be done (the activity of a frequency, the duty of a deadline), when it can be told. */
  activity?: string;
};

export type Comparator = '>=' | '<=' | '=' | '>' | '<';

export type Indicator = {
  raw: string;
  span: Span;
  comparator: Comparator;
  value: number;
  /** '%', '人', '名', '学时', '工作日', '次', '个' … or null when the figure has no unit. */
  unit: string | null;
  /** The year the target applies to, where the text says so. */
  year: number | null;
  /** What is measured, as written before the figure (e.g. 裁量权细化率). */
  subject: string;
  /** 左右 / 约: an approximate target. */
  approx?: boolean;
  /** 每人每年 …: the target applies per person / per year. */
  per?: string;
  confidence: Confidence;
};

export type UnitRole = 'lead' | 'co' | 'each';

export type OrgKind =
  | 'government'
  | 'department'
  | 'district-government'
  | 'management-committee'
  | 'township'
  | 'park'
  | 'farm'
  | 'court'
  | 'procuratorate'
  | 'party-organ'
  | 'people-congress'
  | 'association'
  | 'enterprise'
  | 'other';

export type Organization = {
  /** Stable identifier (slug or statistics code). */
  id: string;
  name: string;
  kind: OrgKind;
  /** id of the parent organization, or null for the root. */
  parent: string | null;
  aliases: string[];
  tags: string[];
  /** National statistics / division code where there is one. */
  code: string | null;
  /** Where the entry comes from, or anything the coordinator should know. */
  note: string;
};

/** How a unit phrase was resolved against the org directory. */
export type Resolution =
  /** One named organization. */
  | 'named'
  /** A collective phrase expanded to the organizations it covers. */
  | 'group'
  /** A vague phrase (有关部门, 相关单位): a person must choose. */
  | 'vague'
  /** Nothing in the directory matches. */
  | 'unresolved';

export type UnitRef = {
  /** The phrase as written, without its qualifiers. */
  raw: string;
  role: UnitRole;
  /** Names of the resolved organizations. */
  orgs: string[];
  orgIds: string[];
  resolution: Resolution;
  /** 等有关部门, 按职责分工负责, 下同 …: kept, never made into units. */
  qualifiers: string[];
  span: Span;
  /** True when the unit cell was empty and inherited from the row above (merged cell). */
  inherited: boolean;
  confidence: Confidence;
};

export type Subsection = { no: string; index: number; title: string; span: Span };

export type Section = { no: string; index: number; title: string; span: Span; subsections: Subsection[] };

export type Task = {
  /** Ordinal of the task in the list (1, 2, …); equals the written number where tasks are numbered. */
  no: number;
  /** The numbering as written: `1`, `12.`, `(一)`. */
  label: string;
  text: string;
  span: Span;
  /** 1-based line where the task starts. */
  line: number;
  section: string | null;
  subsection: string | null;
  sectionNo: string | null;
  subsectionNo: string | null;
  units: UnitRef[];
  /** Person names under 责任领导 / 牵头领导: people, not units. */
  leaders: string[];
  obligations: Obligation[];
  indicators: Indicator[];
  /** Notes that apply to the task (e.g. a 下同 note carried from an earlier task). */
  notes: string[];
  /** The task is cut off (the source ends inside it) or lacks parts it should have. */
  incomplete: boolean;
};

export type NoticeHead = {
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  /** YYYY-MM-DD */
  issuedAt: string | null;
  addressees: string[];
  /** The document this list implements, with its 《》 (e.g. 《江西省人民政府关于…若干意见》). */
  implements: string | null;
  /** The title of the list itself, where it is given apart from the notice title. */
  listTitle: string | null;
};

export type Layout = 'table' | 'labels' | 'inline' | 'mixed';

export type Plan = {
  notice: NoticeHead;
  layout: Layout;
  sections: Section[];
  tasks: Task[];
  diagnostics: Diagnostic[];
  /** Distinct unit phrases that matched nothing in the directory. */
  unresolved: string[];
  /** The text that was parsed; every span points into it. */
  source: string;
};
