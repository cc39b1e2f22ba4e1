import type { ApolloServer, ApolloServerPlugin, GraphQLRequestListener, GraphQLRequestListenerExecutionDidEnd, HTTPGraphQLRequest } from '@apollo/server';
import {
  GraphQLError,
  astFromValue,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isNonNullType,
  typeFromAST,
  valueFromASTUntyped,
  getOperationAST,
  getVariableValues,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { RequestContext } from './context.js';
import type { DocumentGate } from './documents.js';
import { answerInSql } from './sql-reads.js';

/**
 * The hot path of `POST /graphql`: graphql-jit executes the operation (compiled once per schema,
 * document and operation name, kept in an LRU) instead of Apollo's pipeline, whose per-field
 * wrappers and plugins cost 3–7× on this machine (see docs/benchmarks.md and PERFORMANCE.md).
 *
 * What stays identical to Apollo, by construction:
 * - the schema's Apollo plugins run here too (`requestDidStart` → `didResolveOperation` →
 *   `executionDidStart` → `didEncounterErrors` → `executionDidEnd` → `willSendResponse`), so the
 *   mutation transaction and the abuse limits behave the same; per-field hooks
 *   (`willResolveField`) are not supported here (none is installed: they are Apollo's cost);
 * - errors are normalised as Apollo does (`extensions.code` defaults to INTERNAL_SERVER_ERROR,
 *   `extensions.http` sets the status and is removed) and then go through the same `formatError`;
 * - the body is `JSON.stringify({ errors, data, extensions }) + '\n'` with Apollo's content type.
 *
 * Everything unusual goes to Apollo untouched (`null` is returned): a GET, a batch, a persisted
 * query, an `accept` asking for another media type, a document that does not parse or validate,
 * variables that do not coerce, a subscription. Those answers (status, message, code) are
 * therefore Apollo's own. An operation a plugin refuses in `didResolveOperation` (an abuse limit)
 * is answered here as Apollo would, before it is compiled.
 */
/** What the fast path needs of one Apollo server: read from the server itself, so the two cannot drift. */
export interface FastPathSchema {
  key: string;
  schema: GraphQLSchema;
  plugins: readonly ApolloServerPlugin<RequestContext>[];
  validationRules: readonly ValidationRule[];
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  includeStacktrace: boolean;
  rootValue: unknown;
}

/** The fields of ApolloServer's (private) `internals` the fast path reads; checked at first use. */
interface ApolloInternals {
  formatError?: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  validationRules?: ValidationRule[];
  laterValidationRules?: ValidationRule[];
  dangerouslyDisableValidation?: boolean;
  fieldResolver?: unknown;
  includeStacktraceInErrorResponses?: boolean;
  plugins?: (ApolloServerPlugin<RequestContext> & { __internal_plugin_id__?: string })[];
  gatewayExecutor?: unknown;
  stringifyResult?: (v: unknown) => string | Promise<string>;
  rootValue?: unknown;
}

/**
 * The fast-path view of an Apollo server, or null when it is configured in a way the fast path
 * does not reproduce (a gateway, a custom field resolver or serialiser, validation disabled).
 * Apollo's built-in plugins are left out: the landing page only acts at start, and the
 * cache-control plugin only sets a header for responses with cache hints, which no field of
 * this API declares (its per-field hook is the cost this path exists to avoid).
 */
export function fastPathSchemaOf(key: string, schema: GraphQLSchema, server: ApolloServer<RequestContext>): FastPathSchema | null {
  const internals = (server as unknown as { internals?: ApolloInternals }).internals;
  if (!internals || !Array.isArray(internals.plugins) || !Array.isArray(internals.validationRules)) return null;
  if (internals.dangerouslyDisableValidation || internals.fieldResolver || internals.gatewayExecutor) return null;
  if (internals.stringifyResult && internals.stringifyResult({ a: 1 }) !== '{"a":1}\n') return null;
  return {
    key,
    schema,
    plugins: internals.plugins.filter((p) => !p.__internal_plugin_id__),
    validationRules: [...internals.validationRules, ...(internals.laterValidationRules ?? [])],
    formatError: internals.formatError ?? ((f) => f),
    includeStacktrace: !!internals.includeStacktraceInErrorResponses,
    rootValue: internals.rootValue,
  };
}

export interface FastPathResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Prepared {
  document: DocumentNode;
  compiled: Map<string, CompiledQuery | null>;
  /** Per operation: whether a variable's type reaches a non-null input field with a default. */
  needsDefaults: WeakMap<OperationDefinitionNode, boolean>;
}

/** Does this input type (or one it nests) have a non-null field with a default value? */
function hasNonNullDefault(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((f) => (isNonNullType(f.type) && f.defaultValue !== undefined) || hasNonNullDefault(f.type, seen));
}

/**
 * graphql-jit 0.8 refuses an omitted non-null input field that has a default ("required type
 * … was not provided") where the spec, and graphql-js, apply the default. The raw variables get
 * those defaults filled in first, in their JSON form (as a client would have sent them).
 */
function fillInputDefaults(type: GraphQLInputType, value: unknown): unknown {
  if (value == null) return value;
  const inner = getNullableType(type);
  if (isListType(inner)) return Array.isArray(value) ? value.map((v) => fillInputDefaults(inner.ofType, v)) : fillInputDefaults(inner.ofType, value);
  if (!isInputObjectType(inner) || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of Object.values(inner.getFields())) {
    if (!(field.name in out)) {
      if (field.defaultValue === undefined) continue;
      const ast = astFromValue(field.defaultValue, field.type);
      if (ast) out[field.name] = valueFromASTUntyped(ast);
    } else out[field.name] = fillInputDefaults(field.type, out[field.name]);
  }
  return out;
}

const INVALID = Symbol('invalid');

/** Apollo's cache policy as the fast path reports it (no field declares cache hints); shared, not made per request. */
const NO_CACHE_POLICY = Object.freeze({
  maxAge: 0,
  restrict() {
    return undefined;
  },
  replace() {
    return undefined;
  },
  policyIfCacheable() {
    return null;
  },
});

export class JitExecutor {
  /** Parsed and validated documents (or INVALID), per schema and query text. */
  private readonly documents: LRUCache<string, Prepared | typeof INVALID>;

  private readonly sqlReads: boolean;

  constructor(
    private readonly log: Logger,
    private readonly gate: DocumentGate,
    opts: { maxDocuments?: number; sqlReads?: boolean } = {},
  ) {
    this.documents = new LRUCache({ max: opts.maxDocuments ?? 1000 });
    this.sqlReads = opts.sqlReads ?? true;
  }

  cachedDocuments(): number {
    return this.documents.size;
  }

  private prepare(s: FastPathSchema, query: string): Prepared | null {
    const key = `${s.key}\u0000${query}`;
    const hit = this.documents.get(key);
    if (hit === INVALID) return null;
    if (hit) return hit;
    const admitted = this.gate.admit(query);
    const document = admitted.ok ? admitted.document : null;
    if (!document) {
      this.documents.set(key, INVALID);
      return null;
    }
    if (validate(s.schema, document, [...specifiedRules, ...s.validationRules]).length) {
      this.documents.set(key, INVALID);
      return null;
    }
    const prepared: Prepared = { document, compiled: new Map(), needsDefaults: new WeakMap() };
    this.documents.set(key, prepared);
    return prepared;
  }

  private compiled(s: FastPathSchema, prepared: Prepared, operationName: string | undefined): CompiledQuery | null {
    const name = operationName ?? '';
    if (prepared.compiled.has(name)) return prepared.compiled.get(name)!;
    const result = compileQuery(s.schema, prepared.document, operationName, { disablingCapturingStackErrors: true });
    const compiled = isCompiledQuery(result) ? result : null;
    if (!compiled) this.log.warn({ schema: s.key, errors: (result as ExecutionResult).errors?.map((e) => e.message) }, 'graphql-jit could not compile a valid operation; Apollo answers it');
    prepared.compiled.set(name, compiled);
    return compiled;
  }

  /**
   * Execute a POST body on the fast path, or return null to let Apollo answer. `body` is the
   * parsed JSON body; `context` the request's context (built once, used by whichever path runs).
   */
  private readonly views = new WeakMap<object, FastPathSchema | null>();

  /** The fast-path view of a built schema's Apollo server (computed once per server). */
  viewOf(key: string, schema: GraphQLSchema, server: ApolloServer<RequestContext>): FastPathSchema | null {
    if (!this.views.has(server)) {
      const view = fastPathSchemaOf(key, schema, server);
      if (!view) this.log.warn({ schema: key }, 'Apollo server configured in a way the graphql-jit fast path does not reproduce; Apollo answers every request');
      this.views.set(server, view);
    }
    return this.views.get(server)!;
  }

  async execute(s: FastPathSchema, http: HTTPGraphQLRequest, body: unknown, context: RequestContext): Promise<FastPathResult | null> {
    if (http.method !== 'POST' || !body || typeof body !== 'object' || Array.isArray(body)) return null;
    const accept = http.headers.get('accept');
    if (accept && !/(^|,)\s*(\*\/\*|application\/json)/.test(accept)) return null;
    if (accept && /graphql-response|multipart/.test(accept)) return null;
    const { query, variables, operationName, extensions } = body as Record<string, unknown>;
    if (typeof query !== 'string' || (extensions as { persistedQuery?: unknown } | undefined)?.persistedQuery) return null;
    if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
    if (operationName != null && typeof operationName !== 'string') return null;

    const prepared = this.prepare(s, query);
    if (!prepared) return null;
    const operation = getOperationAST(prepared.document, operationName ?? undefined);
    if (!operation || operation.operation === 'subscription') return null;
    let inputs = (variables ?? {}) as Record<string, unknown>;
    let coerced: Record<string, unknown> = {};
    if (operation.variableDefinitions?.length) {
      const values = getVariableValues(s.schema, operation.variableDefinitions, inputs, { maxErrors: 1 });
      if (values.errors) return null;
      coerced = values.coerced;
      inputs = this.withInputDefaults(s, prepared, operation, inputs);
    }
    // The plugins' request lifecycle, as Apollo's request pipeline drives it.
    const requestContext = this.requestContext(s, http, body as Record<string, unknown>, context, prepared.document, operation);
    const listeners = (await Promise.all(s.plugins.map((p) => p.requestDidStart?.(requestContext as never)))).filter(Boolean) as GraphQLRequestListener<RequestContext>[];
    try {
      for (const l of listeners) await l.didResolveOperation?.(requestContext as never);
    } catch (e) {
      // Refused (an abuse limit), before compiling: the refusal Apollo would give, without Apollo
      // parsing and validating the document a second time.
      if (!(e instanceof GraphQLError)) throw e;
      return this.respond(s, requestContext, listeners, [], { errors: [e] }, null);
    }
    const compiled = this.compiled(s, prepared, operationName ?? undefined);
    if (!compiled) return null;
    const executionListeners = (await Promise.all(listeners.map((l) => l.executionDidStart?.(requestContext as never)))).filter(Boolean).reverse() as { executionDidEnd?: GraphQLRequestListenerExecutionDidEnd }[];
    let result: ExecutionResult;
    let dataInSql: string | null = null;
    try {
      // A read PostgreSQL can answer as JSON in one statement (graphql/sql-reads.ts), else the resolvers.
      if (this.sqlReads) dataInSql = await answerInSql(s.schema, operation, coerced, context);
      result = dataInSql === null ? await compiled.query(s.rootValue, context, inputs) : {};
    } catch (e) {
      await Promise.all(executionListeners.map((l) => l.executionDidEnd?.(e as Error)));
      throw e;
    }
    return this.respond(s, requestContext, listeners, executionListeners, result, dataInSql);
  }

  /** The end of Apollo's pipeline: errors to the plugins and formatted, the listeners told, the body built. */
  private async respond(
    s: FastPathSchema,
    requestContext: ReturnType<JitExecutor['requestContext']>,
    listeners: GraphQLRequestListener<RequestContext>[],
    executionListeners: { executionDidEnd?: GraphQLRequestListenerExecutionDidEnd }[],
    result: ExecutionResult,
    dataInSql: string | null,
  ): Promise<FastPathResult> {
    const http2 = { status: undefined as number | undefined, headers: requestContext.response.http.headers };
    let formatted: GraphQLFormattedError[] | undefined;
    if (result.errors?.length) {
      requestContext.errors = result.errors;
      await Promise.all(listeners.map((l) => l.didEncounterErrors?.(requestContext as never)));
      formatted = result.errors.map((error) => this.formatOne(s, error, http2));
      if (result.data === undefined && !http2.status) http2.status = 400;
    }
    requestContext.response.body = { kind: 'single', singleResult: { data: result.data, extensions: result.extensions, errors: formatted } } as never;
    await Promise.all(executionListeners.map((l) => l.executionDidEnd?.()));
    await Promise.all(listeners.map((l) => l.willSendResponse?.(requestContext as never)));
    const single = requestContext.response.body.singleResult;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    for (const [k, v] of requestContext.response.http.headers) headers[k] = v;
    return {
      status: http2.status ?? requestContext.response.http.status ?? 200,
      headers,
      body: dataInSql !== null && !single.errors && !single.extensions ? `{"data":${dataInSql}}\n` : `${JSON.stringify({ errors: single.errors, data: single.data ?? (dataInSql !== null ? JSON.parse(dataInSql) : undefined), extensions: single.extensions })}\n`,
    };
  }

  private withInputDefaults(s: FastPathSchema, prepared: Prepared, operation: OperationDefinitionNode, inputs: Record<string, unknown>): Record<string, unknown> {
    const defs = operation.variableDefinitions ?? [];
    let needs = prepared.needsDefaults.get(operation);
    if (needs === undefined) {
      needs = defs.some((d) => {
        const t = typeFromAST(s.schema, d.type as never) as GraphQLInputType | undefined;
        return !!t && hasNonNullDefault(t);
      });
      prepared.needsDefaults.set(operation, needs);
    }
    if (!needs) return inputs;
    const out = { ...inputs };
    for (const d of defs) {
      const name = d.variable.name.value;
      const t = typeFromAST(s.schema, d.type as never) as GraphQLInputType | undefined;
      if (t && name in out) out[name] = fillInputDefaults(t, out[name]);
    }
    return out;
  }

  /** Apollo's `normalizeAndFormatErrors` for one error. */
  private formatOne(s: FastPathSchema, error: GraphQLError, http: { status?: number }): GraphQLFormattedError {
    try {
      const extensions: Record<string, unknown> = { ...(error.extensions ?? {}), code: error.extensions?.code ?? 'INTERNAL_SERVER_ERROR' };
      if (s.includeStacktrace) extensions.stacktrace = error.stack?.split('\n');
      const httpExt = extensions.http as { status?: number } | undefined;
      if (httpExt && typeof httpExt === 'object') {
        if (httpExt.status) http.status = httpExt.status;
        delete extensions.http;
      }
      return s.formatError({ ...error.toJSON(), extensions }, error);
    } catch {
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
  }

  private requestContext(s: FastPathSchema, http: HTTPGraphQLRequest, body: Record<string, unknown>, contextValue: RequestContext, document: DocumentNode, operation: OperationDefinitionNode) {
    const headers = new Map<string, string>();
    return {
      logger: this.log,
      schema: s.schema,
      request: { query: body.query as string, variables: body.variables as Record<string, unknown> | undefined, operationName: (body.operationName as string | undefined) ?? undefined, extensions: body.extensions as Record<string, unknown> | undefined, http },
      response: { http: { status: undefined as number | undefined, headers }, body: undefined as unknown as { kind: 'single'; singleResult: ExecutionResult<Record<string, unknown>, Record<string, unknown>> & { errors?: readonly GraphQLFormattedError[] } } },
      contextValue,
      metrics: {},
      overallCachePolicy: NO_CACHE_POLICY,
      requestIsBatched: false,
      document,
      source: body.query as string,
      operation,
      operationName: operation.name?.value ?? null,
      errors: undefined as readonly GraphQLError[] | undefined,
    };
  }
}
