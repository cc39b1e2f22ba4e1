import type { ZodType } from 'zod';
import { badInput } from '../errors.js';

/**
 * Input validation, one way: an input class declares its zod schema with `@ValidateWith`, and
 * type-graphql's `validateFn` runs it before any resolver sees the input. Problems come back as
 * one BAD_USER_INPUT error naming every field (`extensions.fields`), and nothing is written.
 */
const schemas = new Map<Function, ZodType>();

export function ValidateWith(schema: ZodType): ClassDecorator {
  return (target) => {
    schemas.set(target, schema);
  };
}

export function validateInput(value: unknown, type: unknown): void {
  if (typeof type !== 'function') return;
  const schema = schemas.get(type);
  if (!schema || value == null) return;
  check(schema, value);
}

/** Validates any value against a zod schema with the same error shape (for JSON inputs such as plugin config). */
export function check<T>(schema: ZodType<T>, value: unknown, prefix?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw badInput(
    result.error.issues.map((issue) => ({
      field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || (prefix ?? 'input'),
      message: issue.message,
    })),
  );
}
