/** A failed correction, told where it belongs: on the field the server named, or above the form. */
import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';

export type SaveFailure = { message: string; stale: boolean } | null;

type FieldName = string | (string | number)[];

/**
 * Where a server error goes in a form: a table from the last segment of the server's `field` to the
 * form field, or a function from the whole path (split on dots) to the form field, if any.
 */
export type FieldMap = Record<string, FieldName> | ((path: string[]) => FieldName | undefined);

/** The server's message without the `edits.0.obligations.1.month: ` path it starts with. */
export function plainMessage(e: ApiError): string {
  const m = /^[\w.]+:\s*(.+)$/s.exec(e.message);
  return m ? m[1]! : e.message;
}

/**
 * The form field of an error in one item of a list the form edits (`edits.0.obligations.2.month`
 * → `month` when item 2 is the one in the form); errors in the other items go above the form.
 * `nested` maps what follows the item's index (e.g. `['dates', '1', 'day']`) when the table of
 * single names is not enough.
 */
export function itemFields(
  list: string,
  index: number,
  fields: Record<string, FieldName>,
  nested?: (rest: string[]) => FieldName | undefined,
): (path: string[]) => FieldName | undefined {
  return (path) => {
    const at = path.indexOf(list);
    if (at < 0 || path[at + 1] !== String(index)) return undefined;
    const rest = path.slice(at + 2);
    if (rest.length === 0) return undefined;
    return nested?.(rest) ?? fields[rest[0]!];
  };
}

function resolve(fields: FieldMap, path: string[]): FieldName | undefined {
  if (typeof fields === 'function') return fields(path);
  for (let i = path.length - 1; i >= 0; i--) {
    const name = fields[path[i]!];
    if (name !== undefined) return name;
  }
  return undefined;
}

/**
 * Put the error on the form field the server's `field` names (through `fields`), or return it to
 * be shown above the form. A stale rowVersion asks for a reload.
 */
export function showSaveError(error: unknown, form: FormInstance, fields: FieldMap): SaveFailure {
  if (!(error instanceof ApiError)) return { message: String(error), stale: false };
  if (error.code === 'stale')
    return {
      message: '这份清单已被他人修改，请刷新页面后重新修改（您填写的内容仍保留在表单中）',
      stale: true,
    };
  const name = resolve(fields, error.field?.split('.') ?? []);
  if (name !== undefined) {
    form.setFields([{ name, errors: [plainMessage(error)] }]);
    return null;
  }
  return { message: plainMessage(error), stale: false };
}
