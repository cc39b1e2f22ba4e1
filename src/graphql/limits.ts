import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { Kind, isListType, getNullableType, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type GraphQLSchema } from 'graphql';
import { createRequire } from 'node:module';
import type { ComplexityEstimator, getComplexity as GetComplexity } from 'graphql-query-complexity';
import { ErrorCode, limitExceeded } from '../errors.js';

/**
 * Abuse limits on one GraphQL operation, checked after it is parsed and validated and before
 * anything runs (so no transaction is opened and no SQL is sent for a refused query):
 * nesting depth, aliases and estimated cost. Each answers with its own code (QUERY_TOO_DEEP,
 * TOO_MANY_ALIASES, QUERY_TOO_COMPLEX) and HTTP 400. Introspection fields (`__schema`,
 * `__type`) are not counted, so tools can still read the schema where introspection is on.
 */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxComplexity: number;
}

// The CommonJS build, on purpose: it shares the one `graphql` instance type-graphql and Apollo use
// (its ESM build would bring the ESM copy of graphql, and `instanceof` checks would fail across them).
const { getComplexity } = createRequire(import.meta.url)('graphql-query-complexity') as { getComplexity: typeof GetComplexity };

/** Default page size of connection fields (see PageArgs); a list without `first` costs this many times its item. */
const DEFAULT_PAGE = 50;
/** A plain list field (a talent's placements) is small; count it as a few items, not one. */
const PLAIN_LIST_FACTOR = 5;

/** Depth and aliases of an operation, fragments expanded (each fragment counted once per path). */
export function shapeOf(doc: DocumentNode, operation: OperationDefinitionNode): { depth: number; aliases: number } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let aliases = 0;
  const counted = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>, countAliases: boolean): number => {
    if (!set) return depth;
    let max = depth;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        if (sel.alias && countAliases) aliases++;
        max = Math.max(max, walk(sel.selectionSet, depth + 1, seen, countAliases));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, walk(sel.selectionSet, depth, seen, countAliases));
      } else {
        const name = sel.name.value;
        const frag = fragments.get(name);
        if (!frag || seen.has(name)) continue; // a cycle is a validation error already
        // Aliases inside a fragment count once however often it is spread (cost counts the rest).
        const first = !counted.has(name);
        counted.add(name);
        max = Math.max(max, walk(frag.selectionSet, depth, new Set([...seen, name]), countAliases && first));
      }
    }
    return max;
  };
  const depth = walk(operation.selectionSet, 0, new Set(), true);
  return { depth, aliases };
}

/** Cost: one per field; a list multiplies its items' cost by its page size (`first`) or a small factor. */
const estimator: ComplexityEstimator = ({ type: parent, field, args, childComplexity }) => {
  const type = getNullableType(field.type);
  // A connection's `nodes`/`edges` are the page its field already paid for.
  if ('getFields' in parent && 'pageInfo' in parent.getFields()) return 1 + childComplexity;
  const hasPaging = field.args.some((a) => a.name === 'first');
  if (hasPaging) {
    const first = typeof args.first === 'number' && args.first > 0 ? args.first : DEFAULT_PAGE;
    return 1 + first * childComplexity;
  }
  if (isListType(type)) return 1 + PLAIN_LIST_FACTOR * childComplexity;
  return 1 + childComplexity;
};

/** Estimated cost of an operation, or null when its variables do not fit (execution reports that). */
export function costOf(schema: GraphQLSchema, doc: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number | null {
  try {
    return getComplexity({ schema, query: doc, variables: variables ?? {}, operationName: operationName ?? undefined, estimators: [estimator] });
  } catch {
    return null;
  }
}

/**
 * The checks' results per operation (parsed documents are cached, by the fast path and by Apollo,
 * so the same object comes back): the shape once, the cost once per value of the operation's Int
 * variables — the only ones the estimator reads (`first`). Walking the document with the schema
 * on every request was ~4% of a small query's CPU.
 */
interface Checked {
  shape: { depth: number; aliases: number };
  costs: LRUCache<string, { cost: number | null }>;
}
const checked = new WeakMap<OperationDefinitionNode, Checked>();

function costKey(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): string {
  const ints = (operation.variableDefinitions ?? []).filter((d) => {
    const named = d.type.kind === Kind.NON_NULL_TYPE ? d.type.type : d.type;
    return named.kind === Kind.NAMED_TYPE && named.name.value === 'Int';
  });
  return JSON.stringify(ints.map((d) => variables?.[d.variable.name.value] ?? null));
}

export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request }) {
          if (!operation) return;
          let known = checked.get(operation);
          if (!known) {
            known = { shape: shapeOf(document, operation), costs: new LRUCache({ max: 64 }) };
            checked.set(operation, known);
          }
          const { depth, aliases } = known.shape;
          if (depth > limits.maxDepth) {
            throw limitExceeded(ErrorCode.QUERY_TOO_DEEP, `The query is nested ${depth} levels deep; at most ${limits.maxDepth} are allowed`, { depth, max: limits.maxDepth });
          }
          if (aliases > limits.maxAliases) {
            throw limitExceeded(ErrorCode.TOO_MANY_ALIASES, `The query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`, { aliases, max: limits.maxAliases });
          }
          const key = costKey(operation, request.variables);
          let cost = known.costs.get(key)?.cost;
          if (cost === undefined) {
            cost = costOf(schema, document, request.variables, request.operationName);
            known.costs.set(key, { cost });
          }
          if (cost !== null && cost > limits.maxComplexity) {
            throw limitExceeded(ErrorCode.QUERY_TOO_COMPLEX, `The query's estimated cost is ${cost}; at most ${limits.maxComplexity} is allowed (ask for smaller pages or fewer fields)`, { cost, max: limits.maxComplexity });
          }
        },
      };
    },
  };
}
