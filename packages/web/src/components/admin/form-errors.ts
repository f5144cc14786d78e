/** Put a server error on the form field it names, or return it for an alert above the form. */
import type { FormInstance } from 'antd';
import { fieldMessage } from '../../api/admin.ts';
import { ApiError } from '../../api/client.ts';

export function applyServerError<T>(
  form: FormInstance<T>,
  fields: ReadonlySet<string>,
  e: unknown,
): ApiError | null {
  const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
  if (err.field && fields.has(err.field)) {
    form.setFields([{ name: err.field as never, errors: [fieldMessage(err)] }]);
    return null;
  }
  return err;
}

/** The alert text for an error no field owns; a stale version says what to do. */
export function formAlert(err: ApiError): { title: string; description?: string } {
  if (err.code === 'stale')
    return { title: '已被他人修改', description: '请关闭后刷新列表再改（您填写的内容仍在表单中）。' };
  return { title: err.message };
}
