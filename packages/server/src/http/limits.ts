/**
 * Every size limit of a request, defined once: the zod schemas read the character limits, and the
 * routes' body limits are derived from the same numbers, so a body the schema accepts is never
 * refused by the body limit first, and one beyond it gets the schema's error (naming the field) or,
 * past the body limit, 413 payload-too-large.
 *
 * A JSON string of n characters takes at most 3n bytes: a UTF-16 unit is at most 3 bytes of UTF-8
 * (a character beyond the BMP is 2 units and 4 bytes), and JSON escapes of line breaks, tabs,
 * quotes and backslashes are 2 bytes. Only control characters other than those are written as
 * 6-byte \uXXXX escapes; a text full of them may meet the body limit before the schema's.
 */

/** The body limit of a route that takes no large text. */
export const DEFAULT_BODY_BYTES = 1024 * 1024;

/** The room a body needs besides its one large text: the other fields, the JSON punctuation. */
const BODY_OVERHEAD_BYTES = 64 * 1024;

/** The largest JSON body that carries a text of `chars` characters besides small fields. */
export function bodyBytesFor(chars: number): number {
  return Math.max(DEFAULT_BODY_BYTES, chars * 3 + BODY_OVERHEAD_BYTES);
}

/** 导入通知: the notice's text, pasted or read from a file (a real notice is a few tens of thousands). */
export const NOTICE_TEXT_MAX_CHARS = 900_000;

/** 导入通知: the tasks one notice may hold (a real task list has tens to a few hundred). */
export const NOTICE_MAX_TASKS = 2_000;

/** 导入通知: reading and parsing one notice may take this long before it is stopped. */
export const NOTICE_PARSE_MAX_MS = 20_000;

/** 导入通知: the heap the parser's thread may use before it is stopped. */
export const NOTICE_PARSE_MAX_HEAP_MB = 512;

/** 导入组织目录: the CSV text of the org directory. */
export const ORG_CSV_MAX_CHARS = 5_000_000;

/** 任务清单详情: tasks per page of a plan, by default and at most. */
export const PLAN_PAGE_TASKS = 100;
export const PLAN_PAGE_MAX_TASKS = 500;
