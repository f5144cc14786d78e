import type { Organization, Resolution } from '../types.ts';
import type { OrgDirectory } from './directory.ts';
import { orgKey, orgKeyWithoutPlace, type Place } from './org-key.ts';

/** The collective phrases Luoshi can enumerate, by what they cover. */
export type UnitGroup =
  /** 市政府各部门, 市直各部门, 市政府部门: every department under the root government. */
  | 'departments'
  /** 其他市政府部门, 市政府其他部门: the departments not named earlier in the same list. */
  | 'other-departments'
  /** 市政府行政执法部门, 各级行政执法部门: departments tagged `law-enforcement`. */
  | 'law-enforcement'
  /** 其他市政府行政执法部门: tagged departments not named earlier in the same list. */
  | 'other-law-enforcement'
  /** 各区(市)政府, 各县(市、区)人民政府. */
  | 'district-governments'
  /** 管委会, 各管委会. */
  | 'management-committees'
  /** 各乡镇(街道): every township-level unit of kind `township`. */
  | 'townships'
  /** 各街道: the townships whose name ends in 街道. */
  | 'streets'
  /** 各乡镇: the townships that are not 街道. */
  | 'towns';

export type UnitContext = {
  /** Ids of organizations named earlier in the same unit list (for 其他…部门). */
  alreadyNamed?: string[];
};

export type UnitPhraseResolution = {
  resolution: Resolution;
  orgs: Organization[];
  /** Which collective phrase matched, for `group` (and for a group that expanded to nothing). */
  group?: UnitGroup;
  /** Why, in Chinese, when a person should look at it. */
  note?: string;
};

/** Level characters accepted before 政府各部门 / 直各部门 / 政府行政执法部门. */
const LEVEL_PREFIXES = '市区县省';
const LEVEL_NAMES: Readonly<Record<string, string>> = { 市: '市级', 区: '区级', 县: '县级', 省: '省级' };

type DepartmentMatch = { lawEnforcement: boolean; other: boolean; level: string | null; allLevels: boolean };

/** 市政府各部门, 其他市政府部门, 市政府其他行政执法部门, 各级行政执法部门, 市直各部门 … */
function matchDepartments(key: string): DepartmentMatch | null {
  const other = key.includes('其他');
  let s = other ? key.replaceAll('其他', '') : key;
  let each = false;
  let allLevels = false;
  if (s.startsWith('各级')) {
    allLevels = true;
    s = s.slice(2);
  } else if (s.startsWith('各')) {
    each = true;
    s = s.slice(1);
  }
  let level: string | null = null;
  const first = s.charAt(0);
  if (first !== '' && LEVEL_PREFIXES.includes(first)) {
    level = first;
    s = s.slice(1);
  }
  let scoped = false;
  for (const prefix of ['政府所属', '政府', '直属', '直']) {
    if (s.startsWith(prefix)) {
      scoped = true;
      s = s.slice(prefix.length);
      break;
    }
  }
  if (s.startsWith('各')) {
    each = true;
    s = s.slice(1);
  }
  const lawEnforcement = s === '行政执法部门' || s === '执法部门';
  if (!lawEnforcement && s !== '部门') return null;
  // A bare 部门 is no group; 行政执法部门 on its own is.
  if (!lawEnforcement && !other && !each && !allLevels && level === null && !scoped) return null;
  return { lawEnforcement, other, level, allLevels };
}

/** 各区(市)政府, 各区(市)人民政府, 各县(市、区)政府, 各区政府, 区(市)政府. */
function matchDistrictGovernments(key: string, place: Place | null): boolean {
  let s = key;
  const each = s.startsWith('各');
  if (each) s = s.slice(1);
  const government = s.endsWith('政府');
  if (government) s = s.slice(0, -2);
  if ((!each && !government) || s.length === 0 || s.length > 12) return false;
  for (const ch of s) if (!'区县市旗()、'.includes(ch)) return false;
  const lower =
    s.includes('区') || s.includes('县') || s.includes('旗') || (place?.level === '省' && s.includes('市'));
  if (!lower) return false;
  // 区政府 alone is one unnamed district, not the collective.
  return each || s.includes('(') || s.includes('、') || s.length > 1;
}

/** 管委会, 各管委会. */
function matchCommittees(key: string): boolean {
  return key === '管委会' || key === '各管委会';
}

/** 各乡镇(街道), 各乡镇, 各街道, 乡镇(街道), 各乡(镇、街道), 各乡镇人民政府 … */
function matchTownships(key: string): { streets: boolean; towns: boolean } | null {
  let s = key;
  const each = s.startsWith('各');
  if (each) s = s.slice(1);
  s = s.replaceAll('街道办事处', '街道');
  // 各乡镇人民政府 / 各乡镇政府 / 各乡(镇)人民政府(街道办事处): the township governments are the townships.
  s = s.replace(/人民政府|政府/, '');
  if (s.length === 0 || s.length > 16 || (!each && s.length < 2)) return null;
  const streets = s.includes('街道');
  const rest = s.replaceAll('街道', '');
  for (const ch of rest) if (!'乡镇()、'.includes(ch)) return null;
  const towns = rest.includes('乡') || rest.includes('镇');
  if (!streets && !towns) return null;
  return { streets, towns };
}

type GroupMatch =
  | { type: 'departments'; match: DepartmentMatch }
  | { type: 'district-governments' }
  | { type: 'management-committees' }
  | { type: 'townships'; streets: boolean; towns: boolean };

function matchGroup(key: string, place: Place | null): GroupMatch | null {
  const departments = matchDepartments(key);
  if (departments !== null) return { type: 'departments', match: departments };
  if (matchDistrictGovernments(key, place)) return { type: 'district-governments' };
  if (matchCommittees(key)) return { type: 'management-committees' };
  const townships = matchTownships(key);
  if (townships !== null) return { type: 'townships', ...townships };
  return null;
}

function isVagueWord(key: string): boolean {
  return key.includes('有关') || key.includes('相关');
}

function looksCollective(key: string): boolean {
  return key.includes('各') || key.includes('其他') || key.includes('有关') || key.includes('相关');
}

/** The one organization `phrase` names (by name or alias, 鹰潭市… read as 市…), if any. */
export function namedOrganization(dir: OrgDirectory, phrase: string): Organization | undefined {
  return lookupNamed(dir, phrase);
}

function lookupNamed(dir: OrgDirectory, phrase: string): Organization | undefined {
  const found = dir.byKey.get(orgKey(phrase, dir.place));
  if (found !== undefined) return found;
  const bare = orgKeyWithoutPlace(phrase, dir.place);
  return bare === null ? undefined : dir.byKey.get(bare);
}

/**
 * Whether a unit phrase is collective (its organizations each answer for their part, role
 * `each`): it starts with or contains 各, says 其他 / 有关 / 相关, or is one of the group phrases
 * (市政府部门, 市政府行政执法部门, 区(市)政府, 乡镇(街道), a bare 管委会). With a directory, a
 * phrase that is the name or alias of one organization is never collective.
 */
export function isGroupPhrase(phrase: string, dir?: OrgDirectory): boolean {
  const place = dir?.place ?? null;
  const key = orgKey(phrase, place);
  if (key === '') return false;
  if (dir !== undefined && lookupNamed(dir, phrase) !== undefined) return false;
  if (looksCollective(key) || matchGroup(key, place) !== null) return true;
  // Without a directory the place is unknown: read 上饶市政府行政执法部门 as 市政府行政执法部门.
  if (dir === undefined) {
    const at = key.indexOf('政府');
    const level = key.charAt(at - 1);
    if (at >= 2 && at <= 10 && LEVEL_PREFIXES.includes(level))
      return matchGroup(key.slice(at - 1), null) !== null;
  }
  return false;
}

/** Whether `org` lies under the root, or is attached to no parent at all. */
function inScope(dir: OrgDirectory, org: Organization): boolean {
  if (dir.root === null) return true;
  let current: Organization | undefined = org;
  for (let depth = 0; current !== undefined && depth <= dir.orgs.length; depth++) {
    if (current.parent === dir.root.id) return true;
    if (current.parent === null) return current.id !== dir.root.id;
    current = dir.byId.get(current.parent);
  }
  return false;
}

function rootLabel(dir: OrgDirectory): string {
  return dir.root === null ? '（目录没有根政府）' : dir.root.name;
}

function expand(
  dir: OrgDirectory,
  group: GroupMatch,
  ctx: UnitContext,
): { group: UnitGroup; orgs: Organization[]; notes: string[]; empty: string } {
  const notes: string[] = [];
  const root = dir.root;
  if (group.type === 'departments') {
    const { lawEnforcement, other, level, allLevels } = group.match;
    let orgs = dir.orgs.filter(
      (o) => o.kind === 'department' && (root === null || o.parent === root.id || o.parent === null),
    );
    let empty = `目录中没有上级为${rootLabel(dir)}的部门（kind department）`;
    if (lawEnforcement) {
      orgs = orgs.filter((o) => o.tags.includes('law-enforcement'));
      empty = '目录中没有标为行政执法部门的单位，请在组织目录中为行政执法部门加上“行政执法”标记';
    }
    if (other) {
      const named = new Set(ctx.alreadyNamed ?? []);
      const before = orgs.length;
      orgs = orgs.filter((o) => !named.has(o.id));
      if (before > 0) empty = '除本条已列出的单位外，目录中没有其他此类部门';
    }
    if (level !== null && dir.place !== null && level !== dir.place.level) {
      notes.push(
        `“${level}”是${LEVEL_NAMES[level] ?? level}，目录的根是${rootLabel(dir)}（${LEVEL_NAMES[dir.place.level] ?? dir.place.level}），按目录中的本级部门展开，请核对`,
      );
    }
    if (allLevels)
      notes.push(
        `“各级”还包括下级政府的部门，目录只列出${rootLabel(dir)}的部门，下级部门由各区(市)政府自行落实`,
      );
    const name: UnitGroup = lawEnforcement
      ? other
        ? 'other-law-enforcement'
        : 'law-enforcement'
      : other
        ? 'other-departments'
        : 'departments';
    return { group: name, orgs, notes, empty };
  }
  if (group.type === 'district-governments') {
    const orgs = dir.orgs.filter((o) => o.kind === 'district-government' && inScope(dir, o));
    return {
      group: 'district-governments',
      orgs,
      notes,
      empty: '目录中没有下辖区(县、市)政府（kind district-government）',
    };
  }
  if (group.type === 'management-committees') {
    const orgs = dir.orgs.filter((o) => o.kind === 'management-committee' && inScope(dir, o));
    return {
      group: 'management-committees',
      orgs,
      notes,
      empty: '目录中没有管委会（kind management-committee）',
    };
  }
  const all = dir.orgs.filter((o) => o.kind === 'township' && inScope(dir, o));
  const isStreet = (o: Organization): boolean => o.name.endsWith('街道') || o.name.endsWith('街道办事处');
  if (group.streets && group.towns) {
    return { group: 'townships', orgs: all, notes, empty: '目录中没有乡镇、街道（kind township）' };
  }
  if (group.streets) {
    return {
      group: 'streets',
      orgs: all.filter(isStreet),
      notes,
      empty: '目录中没有名称以“街道”结尾的乡镇级单位',
    };
  }
  return {
    group: 'towns',
    orgs: all.filter((o) => !isStreet(o)),
    notes: [...notes, '只含乡、镇，不含街道；若本意包括街道，请改为“各乡镇(街道)”'],
    empty: '目录中没有乡、镇（kind township，名称不以“街道”结尾）',
  };
}

/**
 * Resolve one unit phrase (already split from its list and stripped of qualifiers) against the
 * directory: a named organization (by name or alias, after width folding, 人民政府 ↔ 政府 and
 * 鹰潭市… ↔ 市…), a group expanded against the directory, a vague phrase a person must settle,
 * or unresolved.
 */
export function resolveUnitPhrase(
  dir: OrgDirectory,
  phrase: string,
  ctx: UnitContext = {},
): UnitPhraseResolution {
  const key = orgKey(phrase, dir.place);
  if (key === '') return { resolution: 'unresolved', orgs: [], note: '单位为空' };

  const named = lookupNamed(dir, phrase);
  if (named !== undefined) return { resolution: 'named', orgs: [named] };

  if (isVagueWord(key)) {
    return { resolution: 'vague', orgs: [], note: `“${phrase}”没有指明具体单位，需要人工指定` };
  }

  const group = matchGroup(key, dir.place);
  if (group !== null) {
    const expanded = expand(dir, group, ctx);
    if (expanded.orgs.length === 0) {
      return {
        resolution: 'unresolved',
        orgs: [],
        group: expanded.group,
        note: [expanded.empty, ...expanded.notes].join('；'),
      };
    }
    const result: UnitPhraseResolution = { resolution: 'group', orgs: expanded.orgs, group: expanded.group };
    if (expanded.notes.length > 0) result.note = expanded.notes.join('；');
    return result;
  }

  if (looksCollective(key)) {
    return { resolution: 'vague', orgs: [], note: `“${phrase}”是泛指，无法按目录列举，需要人工指定` };
  }

  const similar = suggest(dir, key);
  const note =
    similar.length === 0
      ? `目录中没有“${phrase}”，可在组织目录中添加该单位或别名`
      : `目录中没有“${phrase}”；相近的有：${similar.map((o) => o.name).join('、')}`;
  return { resolution: 'unresolved', orgs: [], note };
}

/** Up to three organizations whose name or alias ends with, or contains, the phrase. */
function suggest(dir: OrgDirectory, key: string): Organization[] {
  if (key.length < 2) return [];
  const out: Organization[] = [];
  for (const [candidate, org] of dir.byKey) {
    if (out.length >= 3) break;
    if (candidate.includes(key) && !out.includes(org)) out.push(org);
  }
  return out;
}
