export { type CsvParseResult, type CsvRecord, formatCsv, formatCsvCell, parseCsv } from './csv.ts';
export {
  createOrgDirectory,
  ORG_DIRECTORY_COLUMNS,
  type OrgDirectory,
  type OrgDirectoryColumn,
  type OrgDirectoryError,
  type OrgDirectoryErrorCode,
  parseOrgDirectoryCsv,
  serializeOrgDirectoryCsv,
} from './directory.ts';
export { isOrgKind, ORG_KIND_LABELS, ORG_KINDS, suggestOrgKind } from './kinds.ts';
export { orgKey, orgKeyWithoutPlace, type Place, placeOf } from './org-key.ts';
export {
  isGroupPhrase,
  resolveUnitPhrase,
  type UnitContext,
  type UnitGroup,
  type UnitPhraseResolution,
} from './resolve.ts';
