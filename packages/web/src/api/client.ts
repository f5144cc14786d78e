/**
 * The API client: JSON in and out, the session cookie sent by the browser, and the server's errors
 * rebuilt as ApiError (code, Chinese message, field, details) so forms show them next to what
 * caused them, and a page can offer a way on from what the error carries.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** What the server sent for the client to act on (e.g. no-task-list: the text it read). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown> | unknown[] | FormData | undefined;

/**
 * Sent with every call: a header an HTML form cannot send, so the server can tell this app's uploads
 * from a form another site submits (the server refuses multipart bodies without it).
 */
export const REQUEST_HEADERS: Readonly<Record<string, string>> = { 'x-luoshi-request': '1' };

async function request<T>(method: string, url: string, body?: Body): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { ...REQUEST_HEADERS } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('application/json') ? await res.json() : null;
  if (!res.ok) {
    const e = (
      data as { error?: { code: string; message: string; field?: string; details?: unknown } } | null
    )?.error;
    throw new ApiError(
      res.status,
      e?.code ?? 'internal',
      e?.message ?? `请求失败（${res.status}）`,
      e?.field,
      e?.details,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: Body) => request<T>('POST', url, body ?? {}),
  put: <T>(url: string, body?: Body) => request<T>('PUT', url, body ?? {}),
  patch: <T>(url: string, body?: Body) => request<T>('PATCH', url, body ?? {}),
  del: <T>(url: string) => request<T>('DELETE', url),
};

/** Query string from defined values only. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
