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
  /^((?:[\u4e00-\u9fff]{2,20}(?:\([\u4e00-\u9fff、]{1,10}\))?、){0,5}[\u4e00-\u9fff]{2,20}(?:\([\u4e00-\u9fff、]{1,10}\))?)(?:在此期间|在[\u4e00-\u9fff]{1,6}期间|近期|今后)?(?:要|务必|必须|须|负责(?!人)|牵头)/;

/**
 * X由王光玲牵头，九重镇落实: a person leads (a leader, never a unit) and a unit carries it out.
 * A name of two or three characters that does not end like a unit is a person's.
 */
const PERSON_LEAD_RE =
  /由([\u4e00-\u9fff]{2,3}?)(?:同志)?牵头(?:,([^,;。:()]{2,30}?)(?:落实|负责|实施|具体落实))?(?=[,;。]|$)/;

/** A clause that names who does a task: where it is, and its unit sources (a leader labelled as one). */
export type Clause = UnitSource & { sources: UnitSource[] };

function whole(source: string, at: number, length: number): Clause {
  const clause = { text: source.slice(at, at + length), offset: at, label: null };
  return { ...clause, sources: [clause] };
}

/** The 由…牵头 clause of a task's text, or its subject units, pointing into the source. */
export function responsibilityClause(source: string, start: number, end: number): Clause | null {
  const folded = foldWidth(source.slice(start, end));
  const m = RESPONSIBILITY_CLAUSE_RE.exec(folded);
  if (m && endsLikeUnit(m[1]!)) return whole(source, start + m.index, m[0].length);
  const p = PERSON_LEAD_RE.exec(folded);
  if (p && !endsLikeUnit(p[1]!) && !/[局委办院部厅府组队所站]/.test(p[1]!)) {
    const at = start + p.index;
    const person = at + 1;
    const sources: UnitSource[] = [
      { text: source.slice(person, person + p[1]!.length), offset: person, label: 'leader' },
    ];
    if (p[2]) {
      const unit = at + p[0].indexOf(p[2], p[1]!.length + 1);
      sources.push({ text: source.slice(unit, unit + p[2].length), offset: unit, label: 'responsible' });
    }
    return { text: source.slice(at, at + p[0].length), offset: at, label: null, sources };
  }
  // The units as the subject of the task's sentence: 各乡镇(街道)、国有林场要加强…, 市司法局负责….
  const subject = SUBJECT_UNITS_RE.exec(folded);
  const names = subject ? subject[1]!.split('、') : [];
  if (
    subject &&
    names.some((name) => endsLikeUnit(name.replace(/\([^)]*\)$/, ''))) &&
    !names.every((name) => VAGUE_SUBJECT_RE.test(name))
  )
    return whole(source, start, subject[1]!.length);
  return null;
}

/**
 * Everyone and no one: 各单位要… in a covering notice, 县级相关部门和属地街道务必…, 其他涉及部门要…
 * are exhortations, not assignments.
 */
const VAGUE_SUBJECT_RE =
  /^(?:各|各级|各有关|有关|相关|各相关)?(?:各)?(?:单位|部门|地方|地区|地|级)$|^各地各部门$|^各级各部门$|相关|有关|涉及|其他|其它/;

/** Every regular expression of the clause reader (the tests run each on worst-case input). */
export const CLAUSE_PATTERNS = {
  RESPONSIBILITY_CLAUSE_RE,
  PERSON_LEAD_RE,
  SUBJECT_UNITS_RE,
  VAGUE_SUBJECT_RE,
} as const;
