import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ReferenceKind, isRaw, raw, types, type EntityClass, type EntityMetadata, type EntityName, type EntityProperty, type FilterQuery, type Platform } from '@mikro-orm/core';
import { ROW_SCOPE } from '../core/entities/scope.js';
import { statementName, type SqlStatement } from '../db/prepared-statements.js';
import { Application } from '../core/entities/application.js';
import { Institution } from '../core/entities/institution.js';
import { Outcome } from '../core/entities/outcome.js';
import { Placement } from '../core/entities/placement.js';
import { Report } from '../core/entities/report.js';
import { Talent } from '../core/entities/talent.js';

/**
 * Core entities read as plain rows for GraphQL output (lists and DataLoaders): one SELECT through
 * the query builder, row-scope filter applied, no entity hydration, identity map or change-set
 * snapshot. Hydrating tracked entities was 8–13× the cost of the rows themselves on a page of
 * 1,000 (docs/benchmarks.md). The rows have the entity's shape: scalar properties by name (custom
 * types such as EncryptedString converted as the ORM would), many-to-one relations as `{ id }`.
 * These entities have no collections or embeddables. Writes never use these rows: services load
 * what they change with `em.findOne`/`em.find`, so the unit of work still tracks every write.
 */
const PLAIN_READS = new Set<Function>([Talent, Institution, Placement, Report, Outcome, Application]);
const BUILTIN_TYPES = new Set<Function>(Object.values(types));

/** A property whose custom type (EncryptedString) converts its stored form in Node: PostgreSQL holds only the stored form. */
export function convertedInNode(prop: EntityProperty): boolean {
  return !!prop.customType && !BUILTIN_TYPES.has(prop.customType.constructor);
}

export function readsPlainRows(entity: unknown): boolean {
  return typeof entity === 'function' && PLAIN_READS.has(entity);
}

/**
 * Rows of `entity` matching `where` (row scope applied), as plain objects shaped like the entity,
 * by id or in `orderBy` (the ORM's form, one property per entry: a page's sort, graphql/ordering.ts).
 */
export async function plainRows<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, opts: { limit?: number; orderBy?: Record<string, string>[] } = {}): Promise<T[]> {
  const qb = em.createQueryBuilder(entity).select('*').where(where as never);
  await qb.applyFilters();
  const orderBy = opts.orderBy ?? [{ id: 'asc' }];
  qb.orderBy(orderBy as never);
  if (opts.limit) qb.limit(opts.limit);
  const { sql, params } = qb.toQuery();
  const meta = em.getMetadata().get(entity);
  // The aggregate keeps the statement's order (an ORDER BY inside a subquery does not bind it).
  const quote = (name: string) => em.getPlatform().quoteIdentifier(name);
  const order = orderBy.map((o) => Object.entries(o).map(([p, dir]) => `r.${quote((meta.properties as Record<string, { fieldNames: string[] }>)[p]!.fieldNames[0]!)} ${dir}`)).flat().join(', ');
  return readAsJson(em, meta, sql, [...params], order);
}

/**
 * Run a SELECT of whole rows and have PostgreSQL shape them as the entity's JSON: property names
 * as keys, many-to-one as `{ "id": … }`, timestamps as epoch milliseconds, one array for all rows,
 * parsed at once by `JSON.parse`. Left to Node: timestamps to `Date`, custom types (EncryptedString)
 * through their own conversion. On a page of 1,000 placements with their relations, reading
 * column by column through the driver (a string and a parser per value, then the ORM's result
 * mapper copying each row and parsing each timestamp) was about a third of the request's CPU.
 */
async function readAsJson<T>(em: EntityManager, meta: EntityMetadata, sql: string, params: unknown[], order = 'r.id'): Promise<T[]> {
  const shape = jsonShapeOf(meta, em.getPlatform());
  const [{ rows }] = (await em.getConnection().execute(`select coalesce(json_agg(${shape.select} order by ${order}), '[]')::text as rows from (${sql}) as r`, params, 'all', em.getTransactionContext())) as [{ rows: string }];
  return fromJson<T>(em, meta, rows);
}

/** Rows as readAsJson's JSON array, timestamps and custom types converted as the ORM would. */
function fromJson<T>(em: EntityManager, meta: EntityMetadata, rows: string): T[] {
  const shape = jsonShapeOf(meta, em.getPlatform());
  const parsed = JSON.parse(rows) as Record<string, unknown>[];
  if (shape.dates.length || shape.custom.length) {
    const platform = em.getPlatform();
    for (const row of parsed) {
      for (const name of shape.dates) if (row[name] != null) row[name] = new Date(row[name] as number);
      for (const p of shape.custom) row[p.name] = p.customType!.convertToJSValue(row[p.name], platform);
    }
  }
  return parsed as T[];
}

interface JsonShape {
  /** The JSON expression of one row `r`. */
  select: string;
  /** Properties that arrive as epoch milliseconds and become `Date`s. */
  dates: string[];
  /** Properties with a custom type, converted in Node. */
  custom: EntityMetadata['props'];
}
const jsonShapes = new WeakMap<EntityMetadata, JsonShape>();

/** An entity's row as JSON, from its metadata (built once per entity). */
function jsonShapeOf(meta: EntityMetadata, platform: Platform): JsonShape {
  const known = jsonShapes.get(meta);
  if (known) return known;
  const quote = (name: string) => platform.quoteIdentifier(name);
  const literal = (text: string) => platform.quoteValue(text) as string;
  const pairs: string[] = [];
  const dates: string[] = [];
  for (const p of meta.props) {
    if (p.persist === false || p.fieldNames?.length !== 1) continue;
    const column = `r.${quote(p.fieldNames[0]!)}`;
    if (p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)) {
      pairs.push(`${literal(p.name)}, case when ${column} is null then null else json_build_object('id', ${column}) end`);
    } else if (p.kind === ReferenceKind.SCALAR) {
      if (p.runtimeType === 'Date') {
        dates.push(p.name);
        pairs.push(`${literal(p.name)}, floor(extract(epoch from ${column}) * 1000)`);
      } else pairs.push(`${literal(p.name)}, ${column}`);
    }
  }
  // json_build_object takes at most 100 arguments: wider rows are built in parts and merged.
  const parts: string[] = [];
  for (let i = 0; i < pairs.length; i += 50) parts.push(`json_build_object(${pairs.slice(i, i + 50).join(', ')})`);
  const shape: JsonShape = {
    select: parts.length === 1 ? parts[0]! : `(${parts.map((x) => `${x}::jsonb`).join(' || ')})::json`,
    dates,
    custom: meta.props.filter(convertedInNode),
  };
  jsonShapes.set(meta, shape);
  return shape;
}

/** A loader's SELECT as the query builder wrote it (row scope applied), with where its keys go. */
interface PreparedRead {
  sql: string;
  params: unknown[];
  keysAt: number;
}

/**
 * Loaders' SELECTs by entity, tenant schema, key column, extra condition and row scope. The
 * query builder writes each once (`… where <column> in (?)`: the ORM expands the one array
 * parameter, whatever the number of keys, when it formats the statement); building it per batch
 * was ~18% of a small query's CPU.
 */
const preparedReads = new LRUCache<string, PreparedRead>({ max: 10_000 });

/** A loader's SELECT of `entity` by `property` (row scope applied), written once per entity, schema, column, condition and scope. */
async function preparedRead(em: EntityManager, meta: EntityMetadata, property: string, where: FilterQuery<object>): Promise<PreparedRead> {
  const column = (meta.properties as Record<string, { fieldNames: string[] }>)[property]!.fieldNames[0]!;
  const cacheKey = `${meta.className}\u0000${em.schema}\u0000${column}\u0000${JSON.stringify(where)}\u0000${JSON.stringify(em.getFilterParams(ROW_SCOPE) ?? {})}`;
  let read: PreparedRead | undefined = preparedReads.get(cacheKey);
  if (read === undefined) {
    const KEYS: string[] = [];
    const qb = em.createQueryBuilder(meta.class).select('*').where(where as never);
    qb.andWhere(`${qb.alias}.${em.getPlatform().quoteIdentifier(column)} in (?)`, [KEYS]);
    await qb.applyFilters();
    qb.orderBy({ id: 'asc' } as never);
    const { sql, params } = qb.toQuery();
    const keysAt = params.indexOf(KEYS);
    if (keysAt < 0) throw new Error(`could not prepare the read of ${meta.className} by ${property}`);
    read = { sql, params: [...params], keysAt };
    preparedReads.set(cacheKey, read);
  }
  return read;
}

/** Plain rows of `entity` whose `property` is one of `keys` (and matching `where`, row scope applied), by id. */
export async function plainRowsByKeys<T extends object>(em: EntityManager, entity: EntityClass<T>, property: string, keys: readonly string[], where: FilterQuery<T> = {} as FilterQuery<T>): Promise<T[]> {
  const meta = em.getMetadata().get(entity);
  const read = await preparedRead(em, meta, property, where as FilterQuery<object>);
  const params = [...read.params];
  params[read.keysAt] = keys;
  return readAsJson(em, meta, read.sql, params);
}

/** One read of plainRowsTogether: rows of `entity` whose `property` is one of `keys`, or one of the values a subquery returns. */
export interface KeyedRead {
  entity: EntityClass<object>;
  property: string;
  keys: readonly string[] | { subquery: string; params: unknown[] };
  where?: FilterQuery<object>;
}

/**
 * Several plainRowsByKeys reads in one statement (one round trip and one socket write instead of
 * one each: a write's reads before it changes anything, src/core/services/applications.ts). Each
 * read is the same row-scoped SELECT as alone; a read's keys may be a subquery on an earlier
 * read's table (a talent's unit), which the caller applies the same scope to by reading that row too.
 * `extras` are statements of one JSON array each, returned parsed after the reads' rows.
 *
 * With `read` (the request's RequestContext.read) the statement goes as `$n` text with its values
 * apart, named by its text: prepared once per connection, in the request's transaction too,
 * instead of parsed and planned by PostgreSQL on every request (~0.6–1.6 ms each, issue 18).
 * A key list's length is part of the text (`in ($1, $2)`), so one key, as the writes read, is one
 * statement per tenant and actor scope.
 */
export async function plainRowsTogether(em: EntityManager, reads: readonly KeyedRead[], extras: readonly { json: string; params: unknown[] }[] = [], read?: (statement: SqlStatement) => Promise<Record<string, unknown>[]>): Promise<object[][]> {
  const platform = em.getPlatform();
  const parts: string[] = [];
  const params: unknown[] = [];
  const metas: EntityMetadata[] = [];
  for (const r of reads) {
    const meta = em.getMetadata().get(r.entity);
    const read = await preparedRead(em, meta, r.property, r.where ?? {});
    const own = [...read.params];
    own[read.keysAt] = Array.isArray(r.keys) ? r.keys : raw((r.keys as { subquery: string }).subquery, (r.keys as { params: unknown[] }).params);
    parts.push(`(select coalesce(json_agg(${jsonShapeOf(meta, platform).select} order by r.id), '[]') from (${read.sql}) as r)::text as r${parts.length}`);
    params.push(...own);
    metas.push(meta);
  }
  // Other reads whose statement returns one JSON array (a plugin's configuration versions), parsed as they are.
  for (const x of extras) {
    parts.push(`(${x.json})::text as r${parts.length}`);
    params.push(...x.params);
  }
  let row: Record<string, string>;
  if (read) {
    const numbered = numberedStatement(platform, `select ${parts.join(', ')}`, params);
    [row] = (await read({ ...numbered, name: statementName(numbered.text) })) as [Record<string, string>];
  } else [row] = (await em.getConnection().execute(`select ${parts.join(', ')}`, params, 'all', em.getTransactionContext())) as [Record<string, string>];
  return parts.map((_, i) => (i < metas.length ? fromJson(em, metas[i]!, row[`r${i}`]!) : (JSON.parse(row[`r${i}`]!) as object[])));
}

/**
 * The one DataLoader factory. One instance per request (so per tenant and per actor: the em is
 * the request's, forked to the tenant schema and row-scoped). A query's SQL statements grow with
 * its depth, never with its rows: each relation is one `where … in (…)` per level.
 *
 * Loaders are for reading (GraphQL field resolvers). The core entities in PLAIN_READS load as
 * plain rows, not managed entities: to change a row, load it with `em.findOne` instead.
 */
export class Loaders {
  private readonly cache = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly em: EntityManager) {}

  /** Load rows of `entity` by primary key; a missing (or out-of-scope) row loads as null. */
  byId<T extends { id: string }>(entity: EntityClass<T>): DataLoader<string, T | null> {
    return this.memo(`${entity.name}#id`, () =>
      new DataLoader<string, T | null>(async (ids) => {
        const rows = readsPlainRows(entity) ? await plainRowsByKeys(this.em, entity, 'id', ids) : await this.em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    );
  }

  /** Load the rows of `entity` whose many-to-one `foreignKey` points at each given id. */
  manyBy<T extends { id: string }>(entity: EntityClass<T>, foreignKey: keyof T & string, where?: FilterQuery<T>): DataLoader<string, T[]> {
    // Called once per parent row: no JSON.stringify of an absent condition.
    const key = where ? `${entity.name}#${foreignKey}#${JSON.stringify(where)}` : `${entity.name}#${foreignKey}`;
    return this.memo(key, () =>
      new DataLoader<string, T[]>(async (ids) => {
        const rows = readsPlainRows(entity)
          ? await plainRowsByKeys(this.em, entity, foreignKey, ids, where)
          : await this.em.find(entity, { $and: [where ?? {}, { [foreignKey]: { $in: [...ids] } }] } as FilterQuery<T>, { orderBy: { id: 'asc' } as never });
        const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
        for (const row of rows) {
          const ref = (row as Record<string, unknown>)[foreignKey] as { id: string } | string;
          const parent = typeof ref === 'string' ? ref : ref.id;
          groups.get(parent)?.push(row);
        }
        return ids.map((id) => groups.get(id) ?? []);
      }),
    );
  }

  private memo<L extends DataLoader<string, any>>(key: string, make: () => L): L {
    let loader = this.cache.get(key);
    if (!loader) {
      loader = make();
      this.cache.set(key, loader);
    }
    return loader as L;
  }
}

/**
 * The ORM's `?` statement as `$n` text and its values apart: what `Platform.formatQuery` would
 * inline as literals becomes a parameter (`??` stays an identifier, `\?` a question mark), an
 * array one parameter per element (as `in (?)` expands it), a raw fragment's own `?` in place.
 */
export function numberedStatement(platform: Platform, sql: string, params: readonly unknown[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const walk = (text: string, own: readonly unknown[]): string => {
    let out = '';
    let j = 0;
    let pos = 0;
    for (let i = text.indexOf('?'); i !== -1; i = text.indexOf('?', pos)) {
      if (i > 0 && text[i - 1] === '\\') {
        out += `${text.slice(pos, i - 1)}?`;
        pos = i + 1;
      } else if (text[i + 1] === '?') {
        out += text.slice(pos, i) + platform.quoteIdentifier(own[j++] as string);
        pos = i + 2;
      } else {
        out += text.slice(pos, i) + value(own[j++]);
        pos = i + 1;
      }
    }
    return out + text.slice(pos);
  };
  const value = (v: unknown): string => {
    if (isRaw(v)) return walk(v.sql, v.params);
    if (Array.isArray(v)) return v.map(value).join(', ');
    values.push(v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v) ? JSON.stringify(v) : v);
    return `$${values.length}`;
  };
  return { text: walk(sql, params), values };
}
