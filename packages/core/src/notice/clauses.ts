/**
 * Responsibility written into a task's sentence rather than in a bracket or a label: 由X牵头，A、B
 * 配合…, or the units as the sentence's subject (各乡镇(街道)、国有林场要…).
 */
import { foldWidth } from '../text/normalize.ts';
import { endsLikeUnit, type UnitSource } from './units.ts';

/**
 * 由X牵头，A、B配合 / 由X负责 inside a sentence: the units of a task written without a bracket
 * or a label. Only a clause that starts with 由 (so 要牵头抓总 and the like are no units).
 */
const RESPONSIBILITY_CLAUSE_RE =
  /由([^,;。:()]{2,40}?)(?:牵头|负责|主抓|统筹)(?:,([^,;。:()]{2,80}?)(?:配合|参与|协助|协同))?/;

/** Units that open a task as its subject, before 要 / 务必 / 负责: 各乡镇(街道)、国有林场要…. */
const SUBJECT_UNITS_RE =
  /^((?:[\u4e00-\u9fff]{2,20}(?:\([\u4e00-\u9fff、]{1,10}\))?、){0,5}[\u4e00-\u9fff]{2,20}(?:\([\u4e00-\u9fff、]{1,10}\))?)(?:要|务必|必须|须|负责(?!人)|牵头)/;

/** The 由…牵头 clause of a task's text, as a unit source pointing into the source. */
export function responsibilityClause(source: string, start: number, end: number): UnitSource | null {
  const folded = foldWidth(source.slice(start, end));
  const m = RESPONSIBILITY_CLAUSE_RE.exec(folded);
  if (m && endsLikeUnit(m[1]!)) {
    const at = start + m.index;
    return { text: source.slice(at, at + m[0].length), offset: at, label: null };
  }
  // The units as the subject of the task's sentence: 各乡镇(街道)、国有林场要加强…, 市司法局负责….
  const subject = SUBJECT_UNITS_RE.exec(folded);
  const names = subject ? subject[1]!.split('、') : [];
  if (
    subject &&
    names.some((name) => endsLikeUnit(name.replace(/\([^)]*\)$/, ''))) &&
    !names.every((name) => VAGUE_SUBJECT_RE.test(name))
  )
    return { text: source.slice(start, start + subject[1]!.length), offset: start, label: null };
  return null;
}

/**
 * Everyone and no one: 各单位要… in a covering notice, 县级相关部门和属地街道务必…, 其他涉及部门要…
 * are exhortations, not assignments.
 */
const VAGUE_SUBJECT_RE =
  /^(?:各|各级|各有关|有关|相关|各相关)?(?:各)?(?:单位|部门|地方|地区|地|级)$|^各地各部门$|^各级各部门$|相关|有关|涉及|其他|其它/;

/** Every regular expression of the clause reader (the tests run each on worst-case input). */
export const CLAUSE_PATTERNS = { RESPONSIBILITY_CLAUSE_RE, SUBJECT_UNITS_RE, VAGUE_SUBJECT_RE } as const;
