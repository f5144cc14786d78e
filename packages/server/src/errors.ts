/**
 * One error vocabulary end to end: a code, its HTTP status and a safe message in Chinese for users.
 * Use cases throw AppError; the HTTP layer turns it into {error:{code,message,field?,details?}}.
 * `details` is what a person needs to go on from the error (for no-task-list: the text that was read).
 */

export const ERROR_CODES = {
  validation: { status: 400, message: '请求内容不正确' },
  'bad-json': { status: 400, message: '请求内容不是有效的 JSON' },
  unauthenticated: { status: 401, message: '请先登录' },
  'invalid-credentials': { status: 401, message: '用户名或密码错误' },
  'account-locked': { status: 423, message: '登录失败次数过多，账户已临时锁定，请稍后再试' },
  forbidden: { status: 403, message: '没有权限执行此操作' },
  'password-change-required': { status: 403, message: '请先修改密码后再继续操作' },
  'cross-site': { status: 403, message: '拒绝来自其他网站的请求：请在本系统的页面中操作' },
  'not-found': { status: 404, message: '找不到该记录' },
  stale: { status: 409, message: '数据已被他人修改，请刷新后重试' },
  conflict: { status: 409, message: '记录已存在' },
  'invalid-state': { status: 409, message: '当前状态下不能执行此操作' },
  'payload-too-large': { status: 413, message: '上传内容过大' },
  'unsupported-media-type': { status: 415, message: '不支持的内容类型' },
  'unreadable-notice': { status: 422, message: '无法读取通知文件' },
  'no-task-list': { status: 422, message: '文件中未找到任务清单' },
  'rate-limited': { status: 429, message: '请求过于频繁' },
  internal: { status: 500, message: '服务器内部错误' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Data that comes with an error for the client to act on; plain JSON. */
export type ErrorDetails = Record<string, unknown>;

export class AppError extends Error {
  readonly status: number;
  /** The message shown to users (Chinese); `message` may carry internal detail for logs. */
  readonly userMessage: string;

  constructor(
    readonly code: ErrorCode,
    userMessage?: string,
    readonly field?: string,
    internal?: string,
    readonly details?: ErrorDetails,
  ) {
    super(internal ?? userMessage ?? ERROR_CODES[code].message);
    this.status = ERROR_CODES[code].status;
    this.userMessage = userMessage ?? ERROR_CODES[code].message;
  }
}

export function notFound(what: string): AppError {
  return new AppError('not-found', `找不到${what}`);
}

export function forbidden(why?: string): AppError {
  return new AppError('forbidden', why);
}

export function invalidState(why: string): AppError {
  return new AppError('invalid-state', why);
}
