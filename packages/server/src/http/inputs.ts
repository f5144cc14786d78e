/**
 * What both databases can store, checked once for every validated input (body, query, path):
 * PostgreSQL refuses a NUL character (U+0000) in text, and its integer columns hold 32 bits, where
 * SQLite takes both. A value either store would refuse is a validation error that names the field,
 * never a 500 from the database.
 *
 * Integers are bounded where the schema says integer (its JSON Schema `type: integer`); numbers a
 * schema takes as real (indicator values) are stored as JSON and only need to be finite.
 */
import { isIsoDate } from '@luoshi/core';
import { z } from 'zod';
import { AppError } from '../errors.ts';

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

/** The days a date input may name: the calendar arithmetic around them (deadlines, lead times) stays in range. */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2100-12-31';

/** A real calendar day (YYYY-MM-DD) between FIRST_DAY and LAST_DAY. */
export const isoDay = z
  .string()
  .refine(isIsoDate, { message: '日期应为 YYYY-MM-DD 格式的真实日期', abort: true })
  .refine((d) => d >= FIRST_DAY && d <= LAST_DAY, {
    message: `日期超出范围：应在 ${FIRST_DAY} 至 ${LAST_DAY} 之间`,
  });

type JsonSchema = Record<string, unknown>;

const jsonSchemas = new WeakMap<z.ZodType, JsonSchema | null>();

function jsonSchemaOf(schema: z.ZodType): JsonSchema | null {
  if (jsonSchemas.has(schema)) return jsonSchemas.get(schema)!;
  let json: JsonSchema | null;
  try {
    json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) as JsonSchema;
  } catch {
    json = null;
  }
  jsonSchemas.set(schema, json);
  return json;
}

function isObject(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The schemas that may describe one position: unions and intersections flattened, references followed. */
function flatten(s: unknown, root: JsonSchema, out: JsonSchema[], depth = 0): JsonSchema[] {
  if (!isObject(s) || depth > 20) return out;
  if (typeof s.$ref === 'string') {
    const ref = s.$ref;
    if (ref === '#') flatten(root, root, out, depth + 1);
    else if (ref.startsWith('#/$defs/') || ref.startsWith('#/definitions/')) {
      const [, defs, name] = ref.split('/');
      flatten((root[defs!] as JsonSchema | undefined)?.[decodeURIComponent(name!)], root, out, depth + 1);
    }
  }
  out.push(s);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = s[key];
    if (Array.isArray(list)) for (const branch of list) flatten(branch, root, out, depth + 1);
  }
  return out;
}

function saysInteger(schemas: JsonSchema[]): boolean {
  return schemas.some((s) => s.type === 'integer' || (Array.isArray(s.type) && s.type.includes('integer')));
}

function childOf(schemas: JsonSchema[], key: string | number, root: JsonSchema): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const s of schemas) {
    if (typeof key === 'number') {
      const prefix = s.prefixItems;
      if (Array.isArray(prefix) && key < prefix.length) flatten(prefix[key], root, out);
      else flatten(s.items, root, out);
    } else {
      const props = s.properties;
      if (isObject(props) && Object.hasOwn(props, key)) flatten(props[key], root, out);
      else flatten(s.additionalProperties, root, out);
    }
  }
  return out;
}

function fieldName(path: (string | number)[], where: string): string {
  return path.length > 0 ? path.join('.') : where;
}

function refuse(path: (string | number)[], where: string, problem: string): never {
  const field = fieldName(path, where);
  throw new AppError('validation', `${field}: ${problem}`, field);
}

function walk(
  value: unknown,
  schemas: JsonSchema[],
  root: JsonSchema,
  path: (string | number)[],
  where: string,
): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) refuse(path, where, '不能含有空字符（\\u0000）');
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) refuse(path, where, '数值无效');
    if (Number.isInteger(value) && saysInteger(schemas) && (value < INT32_MIN || value > INT32_MAX))
      refuse(path, where, `数值超出范围：应在 ${INT32_MIN} 至 ${INT32_MAX} 之间`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      walk(item, childOf(schemas, i, root), root, [...path, i], where);
    });
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) refuse(path, where, '字段名不能含有空字符（\\u0000）');
      walk(item, childOf(schemas, key, root), root, [...path, key], where);
    }
  }
}

/**
 * Throw a validation error naming the field when a parsed value holds what one of the databases
 * cannot store: a NUL character in a string (or a key), a non-finite number, or an integer outside
 * the 32-bit range of the integer columns where the schema takes an integer.
 */
export function assertStorable(schema: z.ZodType, value: unknown, where: string): void {
  const root = jsonSchemaOf(schema);
  walk(value, root ? flatten(root, root, []) : [], root ?? {}, [], where);
}
