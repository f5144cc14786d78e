/** A failed correction, told where it belongs: on the field the server named, or above the form. */
import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';

export type SaveFailure = { message: string; stale: boolean } | null;

/** The server's message without the `edits.0.obligations.1.month: ` path it starts with. */
export function plainMessage(e: ApiError): string {
  const m = /^[\w.]+:\s*(.+)$/s.exec(e.message);
  return m ? m[1]! : e.message;
}

/**
 * Put the error on the form field the server's `field` ends with (among `fields`), or return it to
 * be shown above the form. A stale rowVersion asks for a reload.
 */
export function showSaveError(
  error: unknown,
  form: FormInstance,
  fields: Record<string, string | (string | number)[]>,
): SaveFailure {
  if (!(error instanceof ApiError)) return { message: String(error), stale: false };
  if (error.code === 'stale')
    return {
      message: '这份清单已被他人修改，请刷新页面后重新修改（您填写的内容仍保留在表单中）',
      stale: true,
    };
  const path = error.field?.split('.') ?? [];
  for (let i = path.length - 1; i >= 0; i--) {
    const name = fields[path[i]!];
    if (name !== undefined) {
      form.setFields([{ name, errors: [plainMessage(error)] }]);
      return null;
    }
  }
  return { message: plainMessage(error), stale: false };
}
