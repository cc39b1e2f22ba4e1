import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { z } from 'zod';
import { badInput, zodProblems } from '../errors.js';
import { plainRows, readsPlainRows } from './loaders.js';
import { UUID } from './validation.js';

/**
 * Relay-style cursor pagination, one helper for every list: `first`/`after` forward,
 * `last`/`before` backward, a full `PageInfo`. Rows are ordered by their key (ids are UUIDv7, so
 * that is creation order; the audit trail's is its sequence). Cursors are opaque to clients
 * (`v1|<key>` in base64url): a client passes back what it got, and the form can change behind it.
 */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Forward: page size, 1–1000 (default 50 when neither first nor last is given)' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Forward: rows after this cursor (an edge cursor or pageInfo.endCursor)' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Backward: the last N rows (1–1000), before `before` when given; not with first' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Backward: rows before this cursor (pageInfo.startCursor); not with after' })
  before?: string | null;
}

@ObjectType({ description: 'Where a page sits in its list (Relay cursor connections)' })
export class PageInfo {
  @Field(() => Boolean, { description: 'More rows after this page' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'More rows before this page' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first row's cursor (null on an empty page): pass it as `before` for the page before" })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last row's cursor (null on an empty page): pass it as `after` for the page after" })
  endCursor!: string | null;
}

const CURSOR_PREFIX = 'v1|';
/** A key as the opaque cursor clients see. The SQL read path builds the same string in SQL (`cursorSql`). */
export const encodeCursor = (key: string): string => Buffer.from(CURSOR_PREFIX + key, 'utf8').toString('base64url');
/** The same encoding in PostgreSQL, for a text expression: base64 made URL-safe and unpadded. */
export const cursorSql = (text: string): string => `translate(encode(convert_to('${CURSOR_PREFIX}' || ${text}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
/** The key inside a cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : null;
}

export interface Connection<T> {
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

const connectionTypes = new Map<Function, ClassType>();

/** `XConnection` GraphQL type for node type X (created once per node type). */
export function ConnectionType<T extends object>(node: ClassType<T>, name = node.name): ClassType<Connection<T>> {
  const existing = connectionTypes.get(node);
  if (existing) return existing as ClassType<Connection<T>>;

  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor` })
  class Edge {
    @Field(() => String, { description: 'Opaque: pass it as `after` or `before` to page from this row' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} records (Relay cursor connection)` })
  class ConnectionClass {
    @Field(() => [node], { description: 'The rows of this page, in order (the same as edges’ nodes, without cursors)' })
    nodes!: T[];

    @Field(() => [Edge], { description: 'The rows of this page with their cursors' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page sits: cursors and whether there are rows before or after' })
    pageInfo!: PageInfo;

    totalCountFn!: () => Promise<number>;

    @Field(() => Int, { description: 'Rows matching the filter (one extra query; ask only when shown)' })
    totalCount(): Promise<number> {
      return this.totalCountFn();
    }
  }
  connectionTypes.set(node, ConnectionClass);
  return ConnectionClass as unknown as ClassType<Connection<T>>;
}

const NOT_A_CURSOR = 'is not a cursor from this API (不是本接口给出的游标)';
const size = z.number().int().min(1, 'must be at least 1 (至少为 1)').max(1000, 'must be at most 1000 (至多为 1000)').nullish();

/** The key column of a list: `id` (UUID) for entities, `seq` (a number) for the audit trail. */
export type PageKey = 'id' | 'seq';
const KEY_FORMS: Record<PageKey, RegExp> = { id: UUID, seq: /^\d{1,18}$/ };

/** A checked page: its direction, size, the condition of its rows, and the condition of the list. */
export interface PagePlan<T> {
  backward: boolean;
  size: number;
  /** The list's condition with the cursor's bound: the page is the first (or, backward, last) `size` of these. */
  where: FilterQuery<T>;
  /** The list's condition alone (for totalCount). */
  all: FilterQuery<T>;
  /** The other side of the cursor (rows before `after`, after `before`), or null when none was given. */
  beyond: FilterQuery<T> | null;
}

/** A day range filter on a calendar-day column from `from` to `to`, both inclusive, either optional. */
export function dayRange(from?: string | null, to?: string | null): { $gte?: string; $lte?: string } | undefined {
  if (!from && !to) return undefined;
  return { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) };
}

/**
 * A page request checked and turned into conditions. `first`/`after` or `last`/`before` (1–1000;
 * 50 forward when neither size is given); mixing directions is refused. Throws BAD_USER_INPUT
 * naming every bad argument.
 */
export function pageOf<T extends object>(where: FilterQuery<T>, page: PageArgs, key: PageKey = 'id'): PagePlan<T> {
  const problems: { field: string; message: string }[] = [];
  for (const f of ['first', 'last'] as const) {
    const r = size.safeParse(page[f]);
    if (!r.success) problems.push(...zodProblems(r.error.issues.slice(0, 1), f));
  }
  const cursors: Partial<Record<'after' | 'before', string>> = {};
  for (const f of ['after', 'before'] as const) {
    const c = page[f];
    if (c == null) continue;
    const k = typeof c === 'string' ? decodeCursor(c) : null;
    if (k === null || !KEY_FORMS[key].test(k)) problems.push({ field: f, message: NOT_A_CURSOR });
    else cursors[f] = k;
  }
  if (page.last != null && page.first != null) problems.push({ field: 'last', message: 'give first or last, not both (first 与 last 只能给一个)' });
  if (page.before != null && page.after != null) problems.push({ field: 'before', message: 'give after or before, not both (after 与 before 只能给一个)' });
  if (problems.length) throw badInput(problems);
  const backward = page.last != null || (page.before != null && page.first == null);
  const bound = (op: '$gt' | '$lt' | '$lte' | '$gte', k: string) => ({ $and: [where, { [key]: { [op]: k } }] }) as FilterQuery<T>;
  if (backward) {
    return { backward, size: page.last ?? 50, all: where, where: cursors.before ? bound('$lt', cursors.before) : where, beyond: cursors.before ? bound('$gte', cursors.before) : null };
  }
  return { backward, size: page.first ?? 50, all: where, where: cursors.after ? bound('$gt', cursors.after) : where, beyond: cursors.after ? bound('$lte', cursors.after) : null };
}

/** A connection object from a page's rows (`size + 1` read, in key order). */
export function connectionOf<T>(connection: ClassType<Connection<T>>, plan: PagePlan<T>, rows: T[], keyOf: (row: T) => string, counts: { beyond: () => Promise<number>; total: () => Promise<number> }): Promise<Connection<T>> | Connection<T> {
  const more = rows.length > plan.size;
  // Backward pages were read newest first up to size + 1; the extra one is the oldest.
  const nodes = plan.backward ? rows.slice(more ? 1 : 0) : rows.slice(0, plan.size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  const build = (beyond: boolean) =>
    Object.assign(new connection(), {
      nodes,
      edges,
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: plan.backward ? beyond : more,
        hasPreviousPage: plan.backward ? more : beyond,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      }),
      totalCountFn: counts.total,
    });
  return plan.beyond ? counts.beyond().then((n) => build(n > 0)) : build(false);
}

export async function paginate<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: PageArgs,
  connection: ClassType<Connection<T>>,
): Promise<Connection<T>> {
  const plan = pageOf(where, page);
  const limit = plan.size + 1;
  // Core entities come back as plain rows (see graphql/loaders.ts): a page is output, not a unit of work.
  const rows = readsPlainRows(entity)
    ? await plainRows(em, entity, plan.where, { limit, descending: plan.backward })
    : (await em.find(entity, plan.where, { orderBy: { id: plan.backward ? 'desc' : 'asc' } as never, limit })).sort((a, b) => (a.id < b.id ? -1 : 1));
  return connectionOf(connection, plan, rows, (r) => r.id, {
    // One row on the far side of the cursor is enough to know there is a page there.
    beyond: async () => (await em.find(entity, plan.beyond!, { fields: ['id'] as never, limit: 1 })).length,
    total: () => em.count(entity, where),
  });
}
