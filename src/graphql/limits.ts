import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import {
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ErrorCode, limitExceeded } from '../errors.js';

/**
 * Abuse limits on one GraphQL operation, checked after it is parsed and validated and before
 * anything runs (so no transaction is opened and no SQL is sent for a refused query):
 * nesting depth, aliases and estimated cost. Each answers with its own code (QUERY_TOO_DEEP,
 * TOO_MANY_ALIASES, QUERY_TOO_COMPLEX) and HTTP 400. Introspection fields (`__schema`,
 * `__type`) are not counted, so tools can still read the schema where introspection is on.
 * The size of the document itself is limited before it is parsed (graphql/documents.ts).
 */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxComplexity: number;
}

/** Default page size of connection fields (see PageArgs); a list without `first` costs this many times its item. */
const DEFAULT_PAGE = 50;
/** A plain list field (a talent's placements) is small; count it as a few items, not one. */
const PLAIN_LIST_FACTOR = 5;

export interface OperationShape {
  depth: number;
  aliases: number;
  cost: number;
}

const NOTHING = { depth: 0, cost: 0 };

/**
 * Depth, aliases and estimated cost of an operation in one walk whose work grows with the
 * document, not with its expansion: each fragment is walked once and its result reused wherever
 * it is spread (memoised), and a fragment spread twice in one selection set counts once, as
 * GraphQL merges it. Written here rather than taken from graphql-query-complexity or
 * graphql-armor because both expand every spread (a 1.2 KB chain of 30 fragments, each spreading
 * the previous twice, kept the server busy for minutes) and neither prices a connection by its
 * page size. A fragment spread in two different fields does cost twice: the response is that big.
 *
 * Cost: one per field; a field with a `first` argument multiplies its items' cost by the page
 * size (default 50), a plain list by 5; a connection's own fields (`nodes`, `pageInfo`) are the
 * page already paid for. Aliases inside a fragment count once however often it is spread.
 */
export function shapeOf(schema: GraphQLSchema, doc: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const defaults = new Map<string, unknown>();
  for (const v of operation.variableDefinitions ?? []) if (v.defaultValue) defaults.set(v.variable.name.value, valueFromASTUntyped(v.defaultValue));
  const memo = new Map<string, { depth: number; cost: number }>();
  const walking = new Set<string>();
  let aliases = 0;

  const pageSize = (node: FieldNode): number => {
    const arg = node.arguments?.find((a) => a.name.value === 'first')?.value;
    let value: unknown;
    if (arg?.kind === Kind.INT) value = Number(arg.value);
    else if (arg?.kind === Kind.VARIABLE) value = variables[arg.name.value] ?? defaults.get(arg.name.value);
    return typeof value === 'number' && value > 0 ? value : DEFAULT_PAGE;
  };

  const fieldCost = (parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>, node: FieldNode, child: number): number => {
    if ((isObjectType(parent) || isInterfaceType(parent)) && 'pageInfo' in parent.getFields()) return 1 + child;
    if (field.args.some((a) => a.name === 'first')) return 1 + pageSize(node) * child;
    if (isListType(getNullableType(field.type))) return 1 + PLAIN_LIST_FACTOR * child;
    return 1 + child;
  };

  const fragment = (name: string): { depth: number; cost: number } => {
    const known = memo.get(name);
    if (known) return known;
    const def = fragments.get(name);
    if (!def || walking.has(name)) return NOTHING; // a cycle is a validation error already
    walking.add(name);
    const result = selectionSet(def.selectionSet, schema.getType(def.typeCondition.name.value));
    walking.delete(name);
    memo.set(name, result);
    return result;
  };

  const selectionSet = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): { depth: number; cost: number } => {
    let depth = 0;
    let cost = 0;
    const spread = new Set<string>();
    const visit = (s: SelectionSetNode, type: GraphQLNamedType | undefined): void => {
      for (const sel of s.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value.startsWith('__')) continue;
          if (sel.alias) aliases++;
          const def = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[sel.name.value] : undefined;
          const child = sel.selectionSet ? selectionSet(sel.selectionSet, def ? getNamedType(def.type) : undefined) : NOTHING;
          depth = Math.max(depth, 1 + child.depth);
          cost += def && type ? fieldCost(type, def, sel, child.cost) : 1 + child.cost;
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          visit(sel.selectionSet, sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type);
        } else if (!spread.has(sel.name.value)) {
          spread.add(sel.name.value);
          const inner = fragment(sel.name.value);
          depth = Math.max(depth, inner.depth);
          cost += inner.cost;
        }
      }
    };
    visit(set, parent);
    return { depth, cost };
  };

  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const { depth, cost } = selectionSet(operation.selectionSet, root ?? undefined);
  return { depth, aliases, cost };
}

/**
 * The checks' results per operation (parsed documents are cached, by the fast path and by Apollo,
 * so the same object comes back), once per value of the operation's Int variables — the only
 * ones the cost reads (`first`).
 */
const checked = new WeakMap<OperationDefinitionNode, LRUCache<string, OperationShape>>();

function costKey(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): string {
  const ints = (operation.variableDefinitions ?? []).filter((d) => {
    const named = d.type.kind === Kind.NON_NULL_TYPE ? d.type.type : d.type;
    return named.kind === Kind.NAMED_TYPE && named.name.value === 'Int';
  });
  return JSON.stringify(ints.map((d) => variables?.[d.variable.name.value] ?? null));
}

/** Throws the limit's own error when the operation goes over one. */
export function checkLimits(limits: QueryLimits, schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): void {
  let perOperation = checked.get(operation);
  if (!perOperation) {
    perOperation = new LRUCache({ max: 64 });
    checked.set(operation, perOperation);
  }
  const key = costKey(operation, variables);
  let shape = perOperation.get(key);
  if (!shape) {
    shape = shapeOf(schema, document, operation, variables);
    perOperation.set(key, shape);
  }
  const { depth, aliases, cost } = shape;
  if (depth > limits.maxDepth) {
    throw limitExceeded(ErrorCode.QUERY_TOO_DEEP, `The query is nested ${depth} levels deep; at most ${limits.maxDepth} are allowed`, { depth, max: limits.maxDepth });
  }
  if (aliases > limits.maxAliases) {
    throw limitExceeded(ErrorCode.TOO_MANY_ALIASES, `The query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`, { aliases, max: limits.maxAliases });
  }
  if (cost > limits.maxComplexity) {
    const shown = Number.isFinite(cost) && cost < Number.MAX_SAFE_INTEGER ? cost : Number.MAX_SAFE_INTEGER;
    throw limitExceeded(ErrorCode.QUERY_TOO_COMPLEX, `The query's estimated cost is ${shown}; at most ${limits.maxComplexity} is allowed (ask for smaller pages or fewer fields)`, { cost: shown, max: limits.maxComplexity });
  }
}

export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request }) {
          if (operation) checkLimits(limits, schema, document, operation, request.variables);
        },
      };
    },
  };
}
