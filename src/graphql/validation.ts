import { GraphQLID } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { ZodType } from 'zod';
import { badInput, type FieldProblem } from '../errors.js';

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

export function validateInput(value: unknown, type: unknown, data?: { args?: Record<string, unknown> }): void {
  // Ids are UUIDs: anything else would reach PostgreSQL as a malformed uuid (an internal error),
  // so it is refused here, naming the argument or input field.
  if (type === GraphQLID) {
    const name = Object.entries(data?.args ?? {}).find(([, v]) => v === value)?.[0] ?? 'id';
    const problems = idProblems(value, name);
    if (problems.length) throw badInput(problems);
    return;
  }
  if (typeof type !== 'function' || value == null) return;
  const idFieldProblems = inputIdProblems(value, type, '');
  if (idFieldProblems.length) throw badInput(idFieldProblems);
  const schema = schemas.get(type);
  if (!schema) return;
  check(schema, value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idProblems(value: unknown, field: string): FieldProblem[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => idProblems(v, `${field}.${i}`));
  return typeof value === 'string' && UUID.test(value) ? [] : [{ field, message: 'is not an id from this API' }];
}

/** ID fields of an input class (and of the input classes it nests), from type-graphql's metadata. */
function inputIdProblems(value: unknown, type: Function, prefix: string, depth = 0): FieldProblem[] {
  if (depth > 5 || value == null || typeof value !== 'object') return [];
  const problems: FieldProblem[] = [];
  for (const f of getMetadataStorage().fields.filter((m) => m.target === type)) {
    const v = (value as Record<string, unknown>)[f.name];
    if (v == null) continue;
    const fieldType = f.getType();
    const path = prefix ? `${prefix}.${f.name}` : f.name;
    if (fieldType === GraphQLID) problems.push(...idProblems(v, path));
    else if (typeof fieldType === 'function' && getMetadataStorage().inputTypes.some((i) => i.target === fieldType)) {
      const items = Array.isArray(v) ? v.map((x, i) => [x, `${path}.${i}`] as const) : [[v, path] as const];
      for (const [item, p] of items) problems.push(...inputIdProblems(item, fieldType as Function, p, depth + 1));
    }
  }
  return problems;
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
