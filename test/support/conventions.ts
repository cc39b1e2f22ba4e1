import { getNamedType, isInputObjectType, isInterfaceType, isListType, isNonNullType, isObjectType, isSpecifiedScalarType, type GraphQLField, type GraphQLSchema } from 'graphql';

/**
 * The schema conventions of issue 17, as checks a test runs over a tenant's schema: every live
 * (not deprecated) mutation takes one non-null `input` and returns a non-null `…Payload` with
 * `userErrors: [UserError!]!`; every deprecated mutation names its replacement.
 * `only` narrows the check to mutations whose name passes (a plugin's prefix).
 */
export function mutationConventionProblems(schema: GraphQLSchema, only: (name: string) => boolean = () => true): string[] {
  const problems: string[] = [];
  const mutations = Object.values(schema.getMutationType()?.getFields() ?? {}).filter((m) => only(m.name));
  const live = new Set(mutations.filter((m) => !m.deprecationReason).map((m) => m.name));
  for (const m of mutations) {
    if (m.deprecationReason) {
      const replacement = /\b([a-z][A-Za-z0-9]+)\b/.exec(m.deprecationReason.replace(/^Use\s+/, ''))?.[1];
      if (!m.deprecationReason.startsWith('Use ') || !replacement || !live.has(replacement)) problems.push(`${m.name}: deprecated without naming a live replacement ("Use <mutation>: …"): ${m.deprecationReason}`);
      continue;
    }
    problems.push(...payloadProblems(m));
  }
  return problems;
}

function payloadProblems(m: GraphQLField<unknown, unknown>): string[] {
  const problems: string[] = [];
  if (m.args.length !== 1 || m.args[0]!.name !== 'input' || !isNonNullType(m.args[0]!.type)) problems.push(`${m.name}: takes (${m.args.map((a) => `${a.name}: ${a.type}`).join(', ')}), not one non-null input`);
  if (!m.description) problems.push(`${m.name}: no description`);
  if (!isNonNullType(m.type) || isListType(m.type.ofType)) return [...problems, `${m.name}: returns ${m.type}, not a non-null payload`];
  const payload = getNamedType(m.type);
  if (!isObjectType(payload) || !payload.name.endsWith('Payload')) return [...problems, `${m.name}: returns ${payload.name}, not a …Payload`];
  if (String(payload.getFields().userErrors?.type) !== '[UserError!]!') problems.push(`${m.name}: ${payload.name} has no userErrors: [UserError!]!`);
  return problems;
}

type Named = { name: string };
const ownTypes = (schema: GraphQLSchema, only: (typeName: string) => boolean) =>
  Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__') && only(t.name) && !isSpecifiedScalarType(t));

/** Every type, and every field of an object, interface or input type, has a description (deprecated fields included: they say what they were). */
export function descriptionProblems(schema: GraphQLSchema, only: (typeName: string) => boolean = () => true): string[] {
  const problems: string[] = [];
  for (const type of ownTypes(schema, only)) {
    if (!type.description?.trim()) problems.push(`${type.name}: type has no description`);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const f of Object.values(type.getFields()) as (Named & { description?: string | null })[]) if (!f.description?.trim()) problems.push(`${type.name}.${f.name}: no description`);
    }
  }
  return problems;
}

/**
 * One naming pattern for Chinese and English (issue 17): a text the API has in both languages is a
 * pair with one stem, `<stem>Zh` and `<stem>En` (nameZh/nameEn, labelZh/labelEn). A lone half is a
 * problem; so is a live field whose value joins both languages in one string (its description says
 * so with "Chinese and English in one"). GraphQL's own `message` (English) beside `messageZh` is the
 * one exception, as errors have `message` by the spec.
 */
export function bilingualNameProblems(schema: GraphQLSchema, only: (typeName: string) => boolean = () => true): string[] {
  const problems: string[] = [];
  for (const type of ownTypes(schema, only)) {
    if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
    const fields = type.getFields() as Record<string, Named & { deprecationReason?: string | null }>;
    for (const name of Object.keys(fields)) {
      const m = /^(.*)(Zh|En)$/.exec(name);
      if (!m || fields[name]!.deprecationReason) continue;
      const sibling = `${m[1]}${m[2] === 'Zh' ? 'En' : 'Zh'}`;
      if (fields[sibling] || (m[2] === 'Zh' && m[1] === 'message' && fields.message)) continue;
      problems.push(`${type.name}.${name}: no ${sibling} beside it`);
    }
  }
  return problems;
}

/** Money is `Money { fen amount currencyCode }` on output: no live output field in bare fen (the Fen scalar or a …Fen/…Yuan name) but Money.fen itself. */
export function moneyProblems(schema: GraphQLSchema, only: (typeName: string) => boolean = () => true): string[] {
  const problems: string[] = [];
  for (const type of ownTypes(schema, only)) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name === 'Money') continue;
    for (const f of Object.values(type.getFields())) {
      if (f.deprecationReason) continue;
      if (getNamedType(f.type).name === 'Fen' || /(Fen|Yuan)$/.test(f.name)) problems.push(`${type.name}.${f.name}: money as ${f.type}, not Money`);
    }
  }
  return problems;
}
