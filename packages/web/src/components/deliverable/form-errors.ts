/** Put a server error on the form field it names; say whether it found one. */
import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';
import { fieldMessage } from '../../api/deliverables.ts';

export type FieldPath = (string | number)[];

/**
 * Show `error` next to the field it names (`map` turns the server's field, e.g. `figures.0.value`,
 * into the form's name path, or null when the form has no such field). Returns the field path, or
 * null when the message belongs above the form.
 */
export function showOnField(
  form: FormInstance,
  error: unknown,
  map: (field: string) => FieldPath | null = (f) => [f],
): FieldPath | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  const name = map(error.field);
  if (!name) return null;
  try {
    form.setFields([{ name, errors: [fieldMessage(error)] }]);
    form.scrollToField(name, { block: 'center' });
  } catch {
    return null;
  }
  return name;
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
