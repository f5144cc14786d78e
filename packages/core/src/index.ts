/** @luoshi/core — the pure domain of Luoshi: no I/O, every function takes values and returns values. */

export { extractIndicators } from './extract/indicators.ts';
export { extractObligations } from './extract/obligations.ts';
export { extractSchedule } from './extract/schedule.ts';
export { NoticeFileError } from './formats/notice-file-error.ts';
export { type NoticeText, readNoticeFile } from './formats/read-notice-file.ts';
export { type ParseOptions, parseNotice } from './notice/parse-notice.ts';
export { DEFAULT_DIRECTORY_URL } from './orgs/default-directory.ts';
export * from './orgs/index.ts';
export { parseChineseNumber } from './text/chinese-number.ts';
export { foldWidth, LineIndex } from './text/normalize.ts';
export * from './types.ts';
