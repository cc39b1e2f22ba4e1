import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLID, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { z, type ZodType } from 'zod';
import { badInput, zodProblems, type FieldProblem } from '../errors.js';

/**
 * Input validation, one way: an input class declares its zod schema with `@ValidateWith`, and
 * type-graphql's `validateFn` runs it before any resolver sees the input. Problems come back as
 * one BAD_USER_INPUT error naming every field (`extensions.fields`), and nothing is written.
 */
const schemas = new Map<Function, ZodType>();
const zAnything = z.unknown();

export function ValidateWith(schema: ZodType): ClassDecorator {
  return (target) => {
    schemas.set(target, schema);
  };
}

export function validateInput(value: unknown, type: unknown, data?: { args?: Record<string, unknown> }): void {
  // Ids are UUIDs: anything else would reach PostgreSQL as a malformed uuid (an internal error),
  // so it is refused here, naming the argument or input field.
  if (type === GraphQLID) {
    const same = (v: unknown) => v === value || (Array.isArray(v) && Array.isArray(value) && v.length === value.length && v.every((x, i) => x === value[i]));
    const name = Object.entries(data?.args ?? {}).find(([, v]) => same(v))?.[0] ?? 'id';
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

/**
 * The zod schema an input class declared with `@ValidateWith`, for an input that nests it (a
 * payload mutation's `input` wrapping a `patch`): type-graphql validates the argument's own class
 * only. Undeclared classes validate nothing, as before.
 */
export function inputSchemaOf(type: Function): ZodType {
  return schemas.get(type) ?? zAnything;
}

/** An id of this API: a UUID (records' ids are UUIDv7). The one pattern every id check uses. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idProblems(value: unknown, field: string): FieldProblem[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => idProblems(v, `${field}.${i}`));
  return typeof value === 'string' && UUID.test(value) ? [] : [{ field, message: 'is not an id from this API', messageZh: '不是本接口的记录编号' }];
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
  // A field is named by its path in the input ("capacity", "stages.2.startsOn"), as before the
  // Chinese messages came: only an issue about the whole value is named after the prefix ("input").
  throw badInput(zodProblems(result.error.issues, prefix).map((p) => (p.field === '(root)' ? { ...p, field: prefix ?? 'input' } : p)));
}

/**
 * No text input may contain a NUL character: PostgreSQL cannot store one and refuses the whole
 * statement (a protocol error, not a bad-data one), so it is refused here, for every argument of
 * every field, literal or variable, before anything runs. Checked in `didResolveOperation`, which
 * both executor paths run.
 */
export const nulCharactersPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, operation, request }) {
        if (!operation) return;
        const problems = nulProblems(document, operation, request.variables ?? {});
        // A refusal before execution: Apollo answers an error thrown here with 500 unless told otherwise.
        if (problems.length) throw badInput(problems, { http: { status: 400 } });
      },
    };
  },
};

const NUL = '\u0000';
const NUL_MESSAGE = 'contains a NUL character (U+0000), which no text can hold';

export function nulProblems(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): FieldProblem[] {
  // Cheap exit: most requests carry no NUL anywhere.
  if (!JSON.stringify(variables).includes('\\u0000') && !document.loc?.source.body.includes('\\u0000') && !document.loc?.source.body.includes(NUL)) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const problems: FieldProblem[] = [];
  const seenFragments = new Set<string>();
  const inValue = (v: unknown, path: string): void => {
    if (typeof v === 'string') {
      if (v.includes(NUL)) problems.push({ field: path, message: NUL_MESSAGE });
    } else if (Array.isArray(v)) v.forEach((x, i) => inValue(x, `${path}.${i}`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) inValue(x, `${path}.${k}`);
  };
  const inNode = (node: ValueNode, path: string): void => {
    if (node.kind === Kind.STRING) inValue(node.value, path);
    else if (node.kind === Kind.VARIABLE) inValue(variables[node.name.value], path);
    else if (node.kind === Kind.LIST) node.values.forEach((x, i) => inNode(x, `${path}.${i}`));
    else if (node.kind === Kind.OBJECT) for (const f of node.fields) inNode(f.value, `${path}.${f.name.value}`);
  };
  const inSet = (set: SelectionSetNode | undefined): void => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        for (const arg of sel.arguments ?? []) inNode(arg.value, arg.name.value);
        inSet(sel.selectionSet);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) inSet(sel.selectionSet);
      else if (!seenFragments.has(sel.name.value)) {
        seenFragments.add(sel.name.value);
        inSet(fragments.get(sel.name.value)?.selectionSet);
      }
    }
  };
  inSet(operation.selectionSet);
  return problems;
}
