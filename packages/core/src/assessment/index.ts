export { meets, progress, UNMET_CEILING } from './attainment.ts';
export { type GroupRanking, gradesFor, type RankedUnit, rankUnits, TIE_RULE } from './rank.ts';
export {
  DEFAULT_RUBRIC,
  type Grade,
  RUBRIC_ITEM_KIND_LABELS,
  type Rubric,
  type RubricError,
  type RubricGroup,
  type RubricItem,
  type RubricItemKind,
  validateRubric,
  type Weights,
  weightOf,
} from './rubric.ts';
export {
  type Adjustment,
  type AssessedDeliverable,
  type AssessedEscalation,
  type AssessedIndicator,
  type AssessedReturn,
  type AssessedUnit,
  type AssessmentRecords,
  type ItemScore,
  type RecordRef,
  round2,
  type ScoreLine,
  scoreUnits,
  type UnitScore,
} from './score.ts';
