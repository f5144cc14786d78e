/** The report fields of a multipart form, turned into the same shape as the JSON body. */

import { AppError } from '../../errors.ts';
import { parseWith } from '../../http/route.ts';
import { NewReport } from './schemas.ts';

const KNOWN = new Set(['narrative', 'completion', 'figures', 'submit']);

export function reportFromForm(fields: Record<string, string>): NewReport {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (!KNOWN.has(name)) throw new AppError('validation', `未知的字段 ${name}`, name);
    if (name === 'figures') {
      if (value.trim() === '') continue;
      try {
        out.figures = JSON.parse(value);
      } catch {
        throw new AppError('validation', 'figures: 指标数据不是有效的 JSON 数组', 'figures');
      }
    } else if (name === 'submit') {
      if (value !== 'true' && value !== 'false')
        throw new AppError('validation', 'submit: 应为 true 或 false', 'submit');
      out.submit = value === 'true';
    } else {
      out[name] = value;
    }
  }
  return parseWith(NewReport, out, 'body');
}
