import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, assertValidSchema, isObjectType, isScalarType, lexicographicSortSchema, printSchema, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage, type AuthChecker } from 'type-graphql';
import { pruneSchema } from '@graphql-tools/utils';
import type { Logger } from 'pino';
import { OptimisticLockError } from '@mikro-orm/core';
import { coreOrphanedTypes, coreResolvers, describeRootTypes } from '../core/api/index.js';
import { withNodeInterface } from './node.js';
import { isBadData, isUnavailable, isWriteConflict } from '../db/faults.js';
import { ErrorCode, chineseMessage } from '../errors.js';
import type { AnySchemePlugin } from '../plugin/contract.js';
import type { RequestContext } from './context.js';
import { isPlainField } from './field-metadata.js';
import { nulCharactersPlugin, validateInput } from './validation.js';
import { queryLimitsPlugin, type QueryLimits } from './limits.js';
import type { DocumentLimits } from './documents.js';

const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
  if (!context.actor) return false;
  if (roles.length === 0) return true;
  return roles.some((r) => context.actor.roles.includes(r as never));
};

/**
 * Errors leave with a stable code. type-graphql's UNAUTHORIZED becomes FORBIDDEN, a lost update
 * CONFLICT; anything unexpected reaches the client as INTERNAL_SERVER_ERROR without a stack or
 * SQL, and is logged in full.
 */
function formatError(log: Logger, production: boolean) {
  const format = formatWithCode(log, production);
  // Every error a user can meet also says it in Chinese (extensions.messageZh).
  return (raw: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = format(raw, error);
    return { ...formatted, extensions: { ...formatted.extensions, messageZh: chineseMessage(formatted.message, formatted.extensions) } };
  };
}

function formatWithCode(log: Logger, production: boolean) {
  return (raw: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // graphql-js suggests names ("Did you mean …?"): in production that would list the schema's
    // fields, enum values and input fields to anyone, with introspection off. graphql-armor's
    // blockFieldSuggestions does the same rewrite.
    const formatted = production && raw.message.includes('Did you mean') ? { ...raw, message: raw.message.replace(/\s*Did you mean[^?]*\?/g, '') } : raw;
    const original = error instanceof GraphQLError ? error.originalError : undefined;
    const code = formatted.extensions?.code;
    if (code === 'UNAUTHORIZED') return { ...formatted, message: 'Your role does not allow this', extensions: { code: ErrorCode.FORBIDDEN } };
    if (original instanceof OptimisticLockError) {
      return { ...formatted, message: 'The record was changed by someone else; reload and try again', extensions: { code: ErrorCode.CONFLICT } };
    }
    // Apollo's own validation rules (introspection off in production) name their rule here.
    const rule = formatted.extensions?.validationErrorCode;
    if (code === 'GRAPHQL_VALIDATION_FAILED' && rule === ErrorCode.INTROSPECTION_DISABLED) {
      return { ...formatted, message: 'Introspection is off in production; use the committed schema/<tenant>.graphql', extensions: { code: ErrorCode.INTROSPECTION_DISABLED } };
    }
    if (code === ErrorCode.INTERNAL && isWriteConflict(original)) {
      log.info({ err: (original as Error).message, path: formatted.path }, 'concurrent write refused');
      return { message: 'Someone else wrote the same record at the same time; reload and try again', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.CONFLICT } };
    }
    if (code === ErrorCode.INTERNAL && isBadData(original)) {
      log.warn({ err: (original as Error).message, path: formatted.path }, 'a value the database refused reached it; validate it where it enters');
      return { message: 'A value in the request is not valid for this field (too long, out of range, or malformed)', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    if (code === ErrorCode.INTERNAL && isUnavailable(original ?? error)) {
      log.warn({ err: (original as Error | undefined)?.message, path: formatted.path }, 'dependency unavailable');
      return { message: 'A service this request needs is unavailable; retry shortly', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
    }
    // Apollo refuses some malformed requests with a bare GraphQLError and a 4xx status (a
    // persisted-query hash that does not match its text): the client's mistake, not ours.
    const httpStatus = (error as GraphQLError | undefined)?.extensions?.http as { status?: number } | undefined;
    if (code === ErrorCode.INTERNAL && !original && httpStatus?.status && httpStatus.status >= 400 && httpStatus.status < 500) {
      return { ...formatted, extensions: { code: ErrorCode.BAD_REQUEST } };
    }
    if (code !== ErrorCode.INTERNAL) return formatted;
    log.error({ err: original ?? error, path: formatted.path }, 'unexpected error in resolver');
    return { message: 'Internal error', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.INTERNAL } };
  };
}

/**
 * Every mutation request is one transaction: its root fields succeed or fail together, and jobs
 * for the rows it wrote are enqueued only after it commits.
 */
const mutationTransaction: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async executionDidStart({ operation, contextValue }) {
        if (operation?.operation === 'mutation') await contextValue.beginTransaction();
      },
      async willSendResponse({ contextValue, response }) {
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        await contextValue.endTransaction(!errors?.length);
      },
    };
  },
};

export interface BuiltSchema {
  key: string;
  schema: GraphQLSchema;
  sdl: string;
  server: ApolloServer<RequestContext>;
}

/**
 * One GraphQL schema (and one Apollo server) per distinct set of enabled plugins, built once and
 * shared by every tenant with that set: a thousand tenants on three schemes make three schemas.
 */
export class SchemaCache {
  private readonly built = new Map<string, Promise<BuiltSchema>>();
  private coreTypes: Set<string> | null = null;

  constructor(
    private readonly log: Logger,
    private readonly production: boolean,
    private readonly limits?: QueryLimits,
    /** The HTTP layer refuses documents over these first (graphql/documents.ts); Apollo's parser keeps the token limit too. */
    private readonly documents?: DocumentLimits,
  ) {}

  static keyOf(plugins: readonly AnySchemePlugin[]): string {
    return plugins.map((p) => p.key).sort().join('+') || '(core)';
  }

  get(plugins: readonly AnySchemePlugin[]): Promise<BuiltSchema> {
    const key = SchemaCache.keyOf(plugins);
    let entry = this.built.get(key);
    if (!entry) {
      entry = this.build(key, plugins);
      this.built.set(key, entry);
      entry.catch(() => this.built.delete(key));
    }
    return entry;
  }

  size(): number {
    return this.built.size;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.built.values()].map(async (b) => (await b).server.stop().catch(() => undefined)));
  }

  private async build(key: string, plugins: readonly AnySchemePlugin[]): Promise<BuiltSchema> {
    const started = Date.now();
    const built = await buildTenantSchema(plugins);
    const { schema } = built;
    const server = new ApolloServer<RequestContext>({
      schema,
      introspection: !this.production,
      includeStacktraceInErrorResponses: false,
      parseOptions: this.documents ? { maxTokens: this.documents.maxTokens } : undefined,
      formatError: formatError(this.log, this.production),
      logger: { debug: () => undefined, info: () => undefined, warn: (m: unknown) => this.log.warn(String(m)), error: (m: unknown) => this.log.error(String(m)) },
      // The explorer is ours (src/http/explorer.ts): Apollo Sandbox loads from hosts unreachable in mainland China.
      plugins: [mutationTransaction, nulCharactersPlugin, ...(this.limits ? [queryLimitsPlugin(this.limits)] : []), ApolloServerPluginLandingPageDisabled()],
    });
    await server.start();
    this.log.info({ schema: key, ms: Date.now() - started }, 'GraphQL schema built');
    return {
      key,
      schema,
      server,
      get sdl() {
        return built.sdl;
      },
    };
  }
}

let coreTypeNames: Promise<Set<string>> | null = null;

async function schemaFor(plugins: readonly AnySchemePlugin[]): Promise<GraphQLSchema> {
  const resolvers = [...coreResolvers, ...plugins.flatMap((p) => p.resolvers ?? [])] as [Function, ...Function[]];
  const schema = await buildSchema({
    resolvers,
    orphanedTypes: [...coreOrphanedTypes, ...plugins.flatMap((p) => p.orphanedTypes ?? [])],
    authChecker,
    authMode: 'error',
    validateFn: (value, type, data) => validateInput(value, type, data as { args?: Record<string, unknown> }),
    // type-graphql would check the schema by running the whole introspection query on it (a
    // quarter of a schema's build); graphql-js's own validation below checks its structure, and
    // printing the SDL (npm run schema, its freshness test) every default value.
    skipCheck: true,
  });
  const built = describeRootTypes(withNodeInterface(withForeignFieldsDropped(withPlainFieldsUnwrapped(schema), new Set(resolvers)), plugins));
  assertValidSchema(built);
  return built;
}

/**
 * type-graphql gives every field a resolver that runs its middleware chain and reads
 * `root[name]`, even a plain property with no middleware, role or argument: on a page of 1,000
 * rows that is thousands of calls for nothing. Those fields get no resolver, so graphql-jit reads
 * the property inline. Fields with a role (`@Authorized`), middleware, arguments, a different
 * property name or a field resolver keep type-graphql's. In place: the schema was just built for
 * this call and nothing else holds it (mapSchema rebuilt every type, a fifth of start-up).
 */
function withPlainFieldsUnwrapped(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const [name, field] of Object.entries(type.getFields())) if (field.resolve && isPlainField(type.name, name)) field.resolve = undefined;
  }
  return schema;
}

/**
 * type-graphql attaches a `@FieldResolver` to its object type globally, whichever resolvers a
 * schema is built from: a plugin's `Talent.sampleBadge` would show up in every tenant. Remove the
 * fields whose resolver class is not part of this schema (in place, as above), then the types
 * only those fields reached (another plugin's GuizhouTrainee…).
 */
function withForeignFieldsDropped(schema: GraphQLSchema, included: Set<Function>): GraphQLSchema {
  const storage = getMetadataStorage();
  const typeName = (cls: Function) => storage.objectTypes.find((o) => o.target === cls)?.name;
  let foreign = false;
  for (const fr of storage.fieldResolvers) {
    if (fr.kind !== 'external' || included.has(fr.target)) continue;
    const owner = (fr.getObjectType ?? fr.resolverClassMetadata?.getObjectType)?.();
    const name = owner ? typeName(owner as Function) : undefined;
    if (!name) continue;
    foreign = true;
    const type = schema.getType(name);
    if (type && isObjectType(type)) delete type.getFields()[fr.schemaName];
  }
  return foreign ? pruneSchema(schema) : schema;
}

/**
 * The GraphQL schema of the core plus a set of plugins, and its SDL (sorted, so the committed
 * `schema/<tenant>.graphql` only changes when the API does). Every type a plugin adds must carry
 * the plugin's prefix, so plugin sets combine without clashes.
 */
export async function buildTenantSchema(plugins: readonly AnySchemePlugin[]): Promise<{ schema: GraphQLSchema; readonly sdl: string }> {
  const schema = await schemaFor(plugins);
  const shared = () => coreOrphanedTypes.map((t) => getMetadataStorage().objectTypes.find((o) => o.target === t)?.name).filter((n): n is string => !!n);
  if (plugins.length) {
    // Core types only schemes return (the research comparison's) are pruned from a schema without
    // them, so they are named here from their declarations.
    coreTypeNames ??= schemaFor([]).then((s) => new Set([...Object.keys(s.getTypeMap()), ...shared()]));
    const core = await coreTypeNames;
    const prefixes = plugins.map((p) => p.graphqlTypePrefix);
    // Scalars (Float, graphql-scalars' PositiveInt…) are shared vocabulary, not a plugin's own types.
    const strays = Object.values(schema.getTypeMap())
      .filter((t) => !isScalarType(t) && !core.has(t.name) && !t.name.startsWith('__') && !prefixes.some((p) => t.name.startsWith(p)))
      .map((t) => t.name);
    if (strays.length) throw new Error(`GraphQL types ${strays.join(', ')} must start with a plugin prefix (${prefixes.join(', ')})`);
  } else {
    // The core's own schema (tenants without a scheme) names the core's types: no second build for the check above.
    coreTypeNames ??= Promise.resolve(new Set([...Object.keys(schema.getTypeMap()), ...shared()]));
  }
  // Printed when asked (npm run schema, tests), not at start-up.
  let sdl: string | undefined;
  return {
    schema,
    get sdl() {
      return (sdl ??= printSchema(lexicographicSortSchema(schema)));
    },
  };
}
