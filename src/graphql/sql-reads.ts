import type { EntityClass, EntityMetadata, FilterQuery, MetadataStorage, Platform } from '@mikro-orm/core';
import { ReferenceKind } from '@mikro-orm/core';
import { LRUCache } from 'lru-cache';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  GraphQLEnumType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  Kind,
  getArgumentValues,
  getNamedType,
  getNullableType,
  type FieldNode,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { hasRole, type Role } from '../auth/roles.js';
import { statementName, type SqlStatement } from '../db/prepared-statements.js';
import type { RequestContext } from './context.js';
import { declaredField, type DeclaredField, type DeclaredFieldResolver } from './field-metadata.js';
import { convertedInNode } from './loaders.js';
import { cursorSql, pageOf, type PageArgs } from './pagination.js';
import { ormOrderOf, sortPlanOf, sortValueSql, sqlOrderOf, type ListOrder } from './ordering.js';
import { UUID } from './validation.js';

/**
 * Read queries answered by one SQL statement whose JSON PostgreSQL builds, spliced into the
 * response without being parsed or walked in Node — the way PostGraphile or Hasura answer.
 *
 * Why: the commission dashboard (a page of 1,000 placements with talent, units, reports and
 * outcomes) resolved field by field costs ~9,000 resolver calls, five round trips and a parse and
 * a serialisation of every row in Node; the same JSON built by PostgreSQL in one statement is
 * 2–3× faster and leaves the Node process free (docs/benchmarks.md).
 *
 * What is planned, and only that (everything else runs through the resolvers, unchanged):
 * - a query operation with exactly one root field: a connection registered below
 *   (`sqlReads.connection`, in id order or its `orderBy`), asked for `nodes`, `pageInfo`,
 *   `totalCount` and `__typename`, or a row by id (`sqlReads.byId`, null when there is none, as the resolver's loader answers);
 * - inside, fields that are plain persisted columns (no resolver, no arguments, no middleware,
 *   no `@Authorized` the actor fails) of ID, String, Int, Boolean, enum, `Date` or `DateTimeISO`
 *   type, `__typename`, and relations registered below (`sqlReads.relation`), recursively;
 * - no fragments, no directives, no repeated response keys;
 * - an actor that sees the whole tenant (no row scope): foreign keys then guarantee that every
 *   non-null relation finds its row, exactly as the resolvers would. Scoped actors (a unit's
 *   coordinator, a talent) take the resolvers, where the filter decides row by row.
 * The statement's FROM clauses and page come from the ORM's query builder (tenant schema and row
 * filters applied as everywhere else); nothing here names a schema. If the statement fails, the
 * resolvers answer instead, with their own errors. A read by id is the same text for every id of
 * a tenant (the id is `$1`), sent as a named prepared statement (PREPARED_STATEMENTS,
 * src/db/prepared-statements.ts): PostgreSQL parses and plans it once per connection, not per
 * request. A page's text changes with its cursor and size, so it is sent as text.
 * `test/api/sql-reads.test.ts` checks that both
 * paths give the same JSON (values and key order; lists from `json_agg` carry a newline between
 * elements).
 */

/** A root connection field answered in SQL: its entity and the same `where` its resolver builds. */
export interface SqlConnection<T extends object = any> {
  entity: EntityClass<T>;
  where(args: Record<string, any>): FilterQuery<T>;
}

/**
 * A relation field answered in SQL, equivalent to its resolver: `one` names the many-to-one
 * property on the parent (the resolver loads that row by id), `many` the many-to-one property on
 * the child pointing back at the parent (the resolver loads those rows, by id).
 */
export type SqlRelation = { entity: EntityClass<any>; one: string } | { entity: EntityClass<any>; many: string };

const connections = new Map<string, SqlConnection>();
const byIds = new Map<string, EntityClass<any>>();
const relations = new Map<string, SqlRelation>();

export const sqlReads = {
  /** Declare that root query field `field` is a connection the planner may answer. */
  connection<T extends object>(field: string, read: SqlConnection<T>): void {
    connections.set(field, read);
  },
  /** Declare that root query field `field(id: ID!)` loads one `entity` row by id (null when there is none). */
  byId(field: string, entity: EntityClass<any>): void {
    byIds.set(field, entity);
  },
  /** Declare that `type.field` is the relation `read` (as its field resolver loads it). */
  relation(type: string, field: string, read: SqlRelation): void {
    relations.set(`${type}.${field}`, read);
  },
};

/** What a planned operation needs at request time: the checks that depend on the actor, the SQL builder. */
interface Plan {
  /** The root field's response key, as JSON (`"talent":`), ready to splice. */
  rootKey: string;
  field: GraphQLField<unknown, unknown>;
  fieldNode: FieldNode;
  /** Role lists the actor must pass (type-graphql `@Authorized` semantics: any of each list). */
  roles: string[][];
  /** Entities whose rows the statement reads (their FROM clauses come from the query builder). */
  entities: Set<EntityClass<any>>;
  /**
   * The statement for these arguments, or null when they are the resolver's to answer (or
   * refuse). `ctx.em` is only touched where a query builder is needed (a page), so a read by id
   * runs without forking the request's EntityManager.
   */
  statement(args: Record<string, unknown>, ctx: RequestContext, from: FromFn): Promise<SqlStatement | null>;
}

const inline = (platform: Platform, { sql, params }: { sql: string; params: readonly unknown[] }) => platform.formatQuery(sql, [...params]);

/** Plans by operation (documents are cached, so the node is stable), `null` = not plannable. */
const plans = new WeakMap<OperationDefinitionNode, Map<GraphQLSchema, Plan | null>>();

/**
 * The `data` of a query as JSON text built by PostgreSQL, or null when the operation is not one
 * this planner answers (then the resolvers do). `variables` are the request's coerced variables.
 */
export async function answerInSql(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>, ctx: RequestContext): Promise<string | null> {
  if (operation.operation !== 'query') return null;
  if (Object.values(ctx.rowScope).some((v) => v != null)) return null;
  let bySchema = plans.get(operation);
  if (!bySchema) plans.set(operation, (bySchema = new Map()));
  let plan = bySchema.get(schema);
  if (plan === undefined) {
    plan = planOf(schema, operation, ctx.em);
    bySchema.set(schema, plan);
  }
  if (!plan) return null;
  // type-graphql's @Authorized: an empty list asks for any signed-in actor, else one of its roles.
  if (!plan.roles.every((any) => any.length === 0 || hasRole(ctx.actor, ...(any as Role[])))) return null;

  let statement: SqlStatement | null;
  try {
    const froms = new Map<EntityClass<any>, string>();
    // Known FROM clauses without a promise each (they are known after a tenant's first request).
    for (const entity of plan.entities) froms.set(entity, fromClauses.get(`${ctx.tenant.schema}\u0000${entity.name}`) ?? (await fromClauseOf(ctx, entity)));
    statement = await plan.statement(getArgumentValues(plan.field, plan.fieldNode, variables), ctx, (entity) => froms.get(entity)!);
  } catch {
    return null; // the resolver reports bad arguments with its own error
  }
  if (statement === null) return null;
  if (debug) console.error(statement.text, statement.values);
  try {
    const [row] = (await ctx.read(statement)) as { data: string | null }[];
    return `{${plan.rootKey}${row?.data ?? 'null'}}`;
  } catch (e) {
    ctx.log.warn({ err: (e as Error).message }, 'SQL-planned read failed; the resolvers answer it');
    return null;
  }
}

/**
 * An entity's rows as a FROM item, as the query builder writes them (tenant schema, row filters):
 * the table itself when the builder adds no condition (a derived table costs PostgreSQL more to
 * plan than to run on small pages), else `(select … where …)`. Per tenant schema and entity.
 */
const fromClauses = new LRUCache<string, string>({ max: 10_000 });
async function fromClauseOf(ctx: RequestContext, entity: EntityClass<any>): Promise<string> {
  // Only called without a row scope (the planner's condition), so schema and entity are the key.
  const key = `${ctx.tenant.schema}\u0000${entity.name}`;
  let sql = fromClauses.get(key);
  if (sql === undefined) {
    const em = ctx.em;
    const qb = em.createQueryBuilder(entity).select('*');
    await qb.applyFilters();
    const q = qb.toQuery();
    const select = em.getPlatform().formatQuery(q.sql, [...q.params]);
    sql = /^select "(\w+)"\.\* from ("[^"]+"\."[^"]+"|"[^"]+") as "\1"$/.exec(select)?.[2] ?? `(${select})`;
    fromClauses.set(key, sql);
  }
  return sql;
}

// ── planning ────────────────────────────────────────────────────────────────

class NotPlannable extends Error {}
const fail = (): never => {
  throw new NotPlannable();
};
const debug = process.env.DEBUG_SQL_READS === '1';

function planOf(schema: GraphQLSchema, operation: OperationDefinitionNode, em: EntityManager): Plan | null {
  try {
    const [root, ...more] = operation.selectionSet.selections;
    if (!root || more.length || root.kind !== Kind.FIELD || root.directives?.length) return null;
    const connection = connections.get(root.name.value);
    const byId = byIds.get(root.name.value);
    const field = schema.getQueryType()?.getFields()[root.name.value];
    if ((!connection && !byId) || !field) return null;
    const roles: string[][] = [];
    const rootMeta = getMetadataStorage().queries.find((q) => q.schemaName === root.name.value);
    if (!rootMeta || rootMeta.middlewares?.length) return null;
    if (rootMeta.roles) roles.push(rootMeta.roles as string[]);
    const planner = new Planner(em.getMetadata(), em.getPlatform(), roles);
    const statement = connection
      ? planner.connection(getNullableType(field.type) as GraphQLObjectType, connection, root.selectionSet)
      : planner.byId(field, byId!, root.selectionSet);
    return { rootKey: `${JSON.stringify(root.alias?.value ?? root.name.value)}:`, field, fieldNode: root, roles, entities: planner.entities, statement };
  } catch (e) {
    if (e instanceof NotPlannable) {
      if (debug) console.error('not plannable', e.stack);
      return null;
    }
    throw e;
  }
}

type FromFn = (entity: EntityClass<any>) => string;
/** A SQL expression whose value is JSON (or a JSON-able scalar), given the FROM builder. */
type Expr = (from: FromFn) => string;



class Planner {
  private aliases = 0;
  readonly entities = new Set<EntityClass<any>>();
  counts = false;

  constructor(
    // The ORM's metadata, not the request's EntityManager: a plan outlives the request that made it.
    private readonly metadata: MetadataStorage,
    private readonly platform: Platform,
    private readonly roles: string[][],
  ) {}

  /** SQL identifiers and string literals, quoted by the ORM's platform. */
  private ident(name: string): string {
    return this.platform.quoteIdentifier(name);
  }
  private text(value: string): string {
    return this.platform.quoteValue(value) as string;
  }

  connection(type: GraphQLObjectType, connection: SqlConnection, set: SelectionSetNode | undefined): Plan['statement'] {
    const meta = this.metaOf(connection.entity);
    const nodesField = type.getFields().nodes;
    if (!nodesField || getNamedType(nodesField.type).name !== meta.className) fail();
    // A page's order and cursors depend on the request's `orderBy`, so they are SQL built per request.
    type Sort = { by: (alias: string, reversed?: boolean) => string; cursor: (alias: string) => string };
    type Part = { key: string; sql: (from: FromFn, first: number, beyond: boolean, sort: Sort) => string };
    const parts: Part[] = [];
    let asksPrevious = false;
    const pageRows = (first: number, sort: Sort, alias: string) => `(select * from page as p order by ${sort.by('p')} limit ${first}) as ${alias}`;
    for (const { key, node } of this.fieldsOf(set)) {
      const name = node.name.value;
      if (name === '__typename') parts.push({ key, sql: () => this.text(type.name) });
      else if (name === 'nodes') {
        const nodeType = getNamedType(type.getFields().nodes!.type) as GraphQLObjectType;
        const row = this.object(nodeType, meta, 'n', node.selectionSet);
        parts.push({ key, sql: (from, first, _beyond, sort) => `(select coalesce(json_agg(${row.row} order by ${sort.by('n')}), '[]') from ${pageRows(first, sort, 'n')} ${row.lateral(from)})` });
      } else if (name === 'pageInfo') {
        const info: { key: string; sql: (first: number, beyond: boolean, sort: Sort) => string }[] = [];
        for (const f of this.fieldsOf(node.selectionSet)) {
          const n = f.node.name.value;
          if (n === '__typename') info.push({ key: f.key, sql: () => this.text('PageInfo') });
          else if (n === 'hasNextPage') info.push({ key: f.key, sql: (first) => `((select count(*) from page) > ${first})` });
          // No row, no cursor: a scalar subquery of an empty page is null.
          else if (n === 'endCursor') info.push({ key: f.key, sql: (first, _b, sort) => `(select ${sort.cursor('l')} from ${pageRows(first, sort, 'l')} order by ${sort.by('l', true)} limit 1)` });
          else if (n === 'startCursor') info.push({ key: f.key, sql: (_first, _b, sort) => `(select ${sort.cursor('f')} from page as f order by ${sort.by('f')} limit 1)` });
          else if (n === 'hasPreviousPage') {
            asksPrevious = true;
            info.push({ key: f.key, sql: (_first, beyond) => (beyond ? `exists(select 1 from beyond)` : 'false') });
          } else fail();
        }
        parts.push({ key, sql: (_from, first, beyond, sort) => `(select row_to_json(i) from (select ${info.map((x) => `${x.sql(first, beyond, sort)} as ${this.ident(x.key)}`).join(', ')}) as i)` });
      } else if (name === 'totalCount') {
        this.counts = true;
        parts.push({ key, sql: () => `(select count(*)::int from counted)` });
      } else fail();
    }
    const counts = this.counts;
    const quote = (n: string) => this.ident(n);
    return async (args, ctx, from) => {
      const em = ctx.em;
      const platform = em.getPlatform();
      const order = args.orderBy ? sortPlanOf(meta, args.orderBy as ListOrder) : null;
      const page = pageOf(connection.where(args.filter ? (args.filter as Record<string, unknown>) : {}), args as PageArgs, 'id', order);
      // Backward pages (last/before) are the resolvers' to answer.
      if (page.backward) return null;
      const sort: Sort = {
        by: (alias, reversed) => sqlOrderOf(order, alias, quote, reversed),
        cursor: (alias) => cursorSql(order ? `${this.text(`${order.tag}|`)} || ${sortValueSql(order, `${alias}.${quote(order.column)}`)} || '|' || ${alias}."id"::text` : `${alias}."id"::text`),
      };
      const pageQb = em.createQueryBuilder(connection.entity).select('*').where(page.where as never);
      await pageQb.applyFilters();
      pageQb.orderBy(ormOrderOf(order, false) as never).limit(page.size + 1);
      let ctes = '';
      if (counts) {
        const countQb = em.createQueryBuilder(connection.entity).select('*').where(page.all as never);
        await countQb.applyFilters();
        ctes += `, counted as (${inline(platform, countQb.toQuery())})`;
      }
      const beyond = asksPrevious && page.beyond !== null;
      if (beyond) {
        const beyondQb = em.createQueryBuilder(connection.entity).select('id').where(page.beyond as never);
        await beyondQb.applyFilters();
        beyondQb.limit(1);
        ctes += `, beyond as (${inline(platform, beyondQb.toQuery())})`;
      }
      const text = `with page as (${inline(platform, pageQb.toQuery())})${ctes} select row_to_json(c)::text as data from (select ${parts.map((p) => `${p.sql(from, page.size, beyond, sort)} as ${this.ident(p.key)}`).join(', ')}) as c`;
      // A first page without a filter (a screen opening: the commission's dashboard) has the same
      // text every time for a tenant, selection, order and size: prepared under its hash, it is
      // planned once per connection (PostgreSQL took 5–9 ms to plan the dashboard's page, about as
      // long as running it). A cursor or a filter's values are inlined, so those texts are new
      // each time and go unnamed rather than churn the statements kept per connection.
      return args.after == null && args.filter == null ? { text, values: [], name: statementName(text) } : { text, values: [] };
    };
  }

  /** `field(id:)`: the row's JSON, or null (no such row, as the resolver's loader answers). */
  byId(field: GraphQLField<unknown, unknown>, entity: EntityClass<any>, set: SelectionSetNode | undefined): Plan['statement'] {
    const meta = this.metaOf(entity);
    const type = getNullableType(field.type);
    if (!(type instanceof GraphQLObjectType) || type.name !== meta.className || field.type instanceof GraphQLNonNull) fail();
    if (field.args.length !== 1 || field.args[0]!.name !== 'id') fail();
    this.entities.add(entity);
    const row = this.object(type as GraphQLObjectType, meta, 'n', set);
    // One text per tenant schema (its FROM clauses name the schema), the id its one parameter:
    // prepared under the hash of that text, so no two schemas share a statement.
    // Its batch form (src/db/read-batches.ts) reads the rows of many ids at once, each with its id.
    const bySchema = new Map<string, { text: string; name: string; batch: { text: string; name: string } }>();
    return async (args, ctx, from) => {
      // Not a UUID: the resolver answers (the database would refuse the value). Nor one in
      // capitals: the resolvers' loaders match ids as the database writes them, so they answer null.
      if (typeof args.id !== 'string' || !UUID.test(args.id) || args.id !== args.id.toLowerCase()) return null;
      let prepared = bySchema.get(ctx.tenant.schema);
      if (!prepared) {
        // No row, no result row: answered as null. (A scalar subquery around it cost PostgreSQL ~30 µs more.)
        const text = `select row_to_json(${row.row})::text as data from ${from(entity)} as n ${row.lateral(from)} where n."id" = $1`;
        const batch = `select n."id"::text as key, row_to_json(${row.row})::text as data from ${from(entity)} as n ${row.lateral(from)} where n."id" = any($1::uuid[])`;
        bySchema.set(ctx.tenant.schema, (prepared = { text, name: statementName(text), batch: { text: batch, name: statementName(batch) } }));
      }
      return { text: prepared.text, values: [args.id], name: prepared.name, key: args.id, batch: prepared.batch };
    };
  }

  /** The JSON of one row `alias` of `type`/`meta` with the selection `set`. */
  /**
   * The JSON of one row `alias` of `type`/`meta` with the selection `set`: `cross join lateral
   * (select <fields>) as <x>` to add to the row's FROM, and the row alias `<x>` itself for
   * `row_to_json`/`json_agg`. A lateral select (flattened by PostgreSQL into the join) rather than
   * a scalar subquery per row. Lists are `json_agg` (whose separators carry a newline): building
   * compact text with `string_agg` needs a cast back to json that re-parses it, ~25% slower.
   */
  private object(type: GraphQLObjectType, meta: EntityMetadata, alias: string, set: SelectionSetNode | undefined): { row: string; lateral: Expr } {
    const columns: { key: string; expr: Expr }[] = [];
    for (const { key, node } of this.fieldsOf(set)) {
      const name = node.name.value;
      if (name === '__typename') {
        columns.push({ key, expr: () => this.text(type.name) });
        continue;
      }
      const field = type.getFields()[name];
      if (!field || node.arguments?.length || field.args.length) fail();
      const relation = relations.get(`${type.name}.${name}`);
      const declared = declaredField(type.name, name) ?? fail();
      if (relation) columns.push({ key, expr: this.relation(declared, field!, relation, meta, alias, node) });
      else columns.push({ key, expr: this.column(declared, field!, meta, alias) });
    }
    const x = `x${++this.aliases}`;
    return { row: x, lateral: (from) => `cross join lateral (select ${columns.map((c) => `${c.expr(from)} as ${this.ident(c.key)}`).join(', ')}) as ${x}` };
  }

  private relation({ resolver }: { resolver?: DeclaredFieldResolver }, field: GraphQLField<unknown, unknown>, relation: SqlRelation, parent: EntityMetadata, alias: string, node: FieldNode): Expr {
    if (!resolver || resolver.middlewares?.length) fail();
    if (resolver!.roles) this.roles.push(resolver!.roles as string[]);
    const target = this.metaOf(relation.entity);
    this.entities.add(relation.entity);
    const targetType = getNamedType(field.type);
    if (!(targetType instanceof GraphQLObjectType) || targetType.name !== target.className) fail();
    const inner = `t${++this.aliases}`;
    const row = this.object(targetType as GraphQLObjectType, target, inner, node.selectionSet);
    if ('one' in relation) {
      const fk = parent.properties[relation.one];
      if (!fk || fk.kind !== ReferenceKind.MANY_TO_ONE || fk.fieldNames.length !== 1 || fk.targetMeta?.class !== relation.entity) fail();
      // Without a row scope the foreign key guarantees the row; a nullable key may be null.
      if (field.type instanceof GraphQLNonNull && fk!.nullable) fail();
      if (getNullableType(field.type) instanceof GraphQLList) fail();
      return (from) => `(select row_to_json(${row.row}) from ${from(relation.entity)} as ${inner} ${row.lateral(from)} where ${inner}."id" = ${alias}.${this.ident(fk!.fieldNames[0]!)})`;
    }
    const back = target.properties[relation.many];
    if (!back || back.kind !== ReferenceKind.MANY_TO_ONE || back.fieldNames.length !== 1 || back.targetMeta?.class !== parent.class) fail();
    const list = getNullableType(field.type);
    if (!(list instanceof GraphQLList) || !(list.ofType instanceof GraphQLNonNull)) fail();
    return (from) =>
      `(select coalesce(json_agg(${row.row} order by ${inner}."id"), '[]') from ${from(relation.entity)} as ${inner} ${row.lateral(from)} where ${inner}.${this.ident(back!.fieldNames[0]!)} = ${alias}."id")`;
  }

  /** A plain column of the row, formatted as the field's GraphQL type serialises it. */
  private column({ field: declared, resolver }: { field?: DeclaredField; resolver?: DeclaredFieldResolver }, field: GraphQLField<unknown, unknown>, meta: EntityMetadata, alias: string): Expr {
    if (!declared || resolver || declared.name !== field.name || declared.params?.length || declared.middlewares?.length) fail();
    if (declared!.roles) this.roles.push(declared!.roles as string[]);
    const prop = meta.properties[field.name];
    if (!prop || prop.kind !== ReferenceKind.SCALAR || prop.persist === false || prop.fieldNames?.length !== 1) fail();
    // Custom types (EncryptedString) are converted in Node; PostgreSQL holds only their stored form.
    if (convertedInNode(prop!)) fail();
    if (field.type instanceof GraphQLNonNull && prop!.nullable) fail();
    const type = getNullableType(field.type as GraphQLOutputType);
    const col = `${alias}.${this.ident(prop!.fieldNames[0]!)}`;
    const columnType = String(prop!.columnTypes?.[0] ?? '').toLowerCase();
    if (type instanceof GraphQLEnumType) {
      const values = type.getValues();
      if (values.some((v) => typeof v.value !== 'string') || columnType !== 'text') fail();
      // Most enums are their stored value in capitals: upper() is cheaper than a CASE.
      if (values.every((v) => v.name === (v.value as string).toUpperCase() && v.value === (v.value as string).toLowerCase())) return () => `upper(${col})`;
      return () => `(case ${col} ${values.map((v) => `when ${this.text(v.value as string)} then ${this.text(v.name)}`).join(' ')} end)`;
    }
    if (!(type instanceof GraphQLScalarType)) return fail();
    switch (type.name) {
      case 'ID':
      case 'String':
        // row_to_json writes uuid, text and varchar as JSON strings.
        if (!/^(uuid|text|varchar(\(\d+\))?|character varying(\(\d+\))?)$/.test(columnType)) fail();
        return () => col;
      case 'Int':
        if (!/^(int|int2|int4|integer|smallint)$/.test(columnType)) fail();
        return () => col;
      case 'Boolean':
        if (columnType !== 'boolean') fail();
        return () => col;
      case 'Date':
        // JSON writes a date as YYYY-MM-DD whatever the session's DateStyle.
        if (columnType !== 'date') fail();
        return () => col;
      case 'DateTimeISO':
        if (columnType !== 'timestamptz') fail();
        // Date#toISOString: milliseconds, UTC, Z.
        return () => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
      default:
        return fail();
    }
  }

  /** The selected fields of a set, by response key; fragments, directives and repeated keys are not planned. */
  private fieldsOf(set: SelectionSetNode | undefined): { key: string; node: FieldNode }[] {
    if (!set) return fail();
    const out: { key: string; node: FieldNode }[] = [];
    const keys = new Set<string>();
    for (const sel of set.selections) {
      if (sel.kind !== Kind.FIELD || sel.directives?.length) fail();
      const node = sel as FieldNode;
      const key = node.alias?.value ?? node.name.value;
      if (keys.has(key)) fail();
      keys.add(key);
      out.push({ key, node });
    }
    return out;
  }

  private metaOf(entity: EntityClass<any>): EntityMetadata {
    return this.metadata.get(entity);
  }
}
