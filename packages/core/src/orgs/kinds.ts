import type { OrgKind } from '../types.ts';

/** Chinese label of each kind, for messages and documentation. Keyed by every `OrgKind`. */
export const ORG_KIND_LABELS: Readonly<Record<OrgKind, string>> = {
  government: '本级人民政府',
  department: '政府工作部门',
  'district-government': '下辖区(县、市)人民政府',
  'management-committee': '管委会',
  township: '乡镇、街道',
  park: '工业园区、开发区',
  farm: '农场、林场、垦殖场',
  court: '法院',
  procuratorate: '检察院',
  'party-organ': '党委机构',
  'people-congress': '人大机关',
  association: '协会、社会团体',
  enterprise: '企业',
  other: '其他',
};

/** Every kind, in the order of `ORG_KIND_LABELS`. */
export const ORG_KINDS: readonly OrgKind[] = Object.keys(ORG_KIND_LABELS) as OrgKind[];

const KIND_SET: ReadonlySet<string> = new Set(ORG_KINDS);

export function isOrgKind(value: string): value is OrgKind {
  return KIND_SET.has(value);
}

/** Words a coordinator may write for a kind in Chinese, and the kind each one means. */
const CHINESE_HINTS: ReadonlyArray<readonly [string, OrgKind]> = [
  ['区县', 'district-government'],
  ['县区', 'district-government'],
  ['区政府', 'district-government'],
  ['县政府', 'district-government'],
  ['部门', 'department'],
  ['政府', 'government'],
  ['局', 'department'],
  ['管委会', 'management-committee'],
  ['乡', 'township'],
  ['镇', 'township'],
  ['街道', 'township'],
  ['园', 'park'],
  ['开发区', 'park'],
  ['场', 'farm'],
  ['法院', 'court'],
  ['检察', 'procuratorate'],
  ['党', 'party-organ'],
  ['委', 'party-organ'],
  ['人大', 'people-congress'],
  ['协会', 'association'],
  ['学会', 'association'],
  ['企业', 'enterprise'],
  ['公司', 'enterprise'],
  ['其他', 'other'],
];

/** The kind a Chinese word probably means (部门 → department), or null. */
export function suggestOrgKind(value: string): OrgKind | null {
  const lower = value.toLowerCase();
  for (const kind of ORG_KINDS) if (kind.startsWith(lower) && lower.length >= 3) return kind;
  for (const [word, kind] of CHINESE_HINTS) if (value.includes(word)) return kind;
  return null;
}
