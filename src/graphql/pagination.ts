import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { Arg, ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { z } from 'zod';
import { badInput, zodProblems } from '../errors.js';
import { plainRows, readsPlainRows } from './loaders.js';
import { ormOrderOf, sortAt, sortBound, sortPlanOf, sortValueOf, sortValueText, type ListOrder, type SortPlan } from './ordering.js';
import { UUID } from './validation.js';

export { OrderDirection, OrderType, type ListOrder } from './ordering.js';

/**
 * A list's `orderBy` argument, of the list's `OrderType`: `@OrderByArg(PlacementOrder) orderBy?:
 * ListOrder | null`, passed on to `paginate`.
 */
export const OrderByArg = (type: ClassType<ListOrder>): ReturnType<typeof Arg> =>
  Arg('orderBy', () => type, {
    nullable: true,
    description: 'Sort order; default: by id, the order records were created in, oldest first. A cursor belongs to its order: after changing it, page again from the first page',
  });

/**
 * Relay-style cursor pagination, one helper for every list: `first`/`after` forward,
 * `last`/`before` backward, a full `PageInfo`. Rows are ordered by their key (ids are UUIDv7, so
 * that is creation order; the audit trail's is its sequence), or by a list's `orderBy`
 * (graphql/ordering.ts) then id. Cursors are opaque to clients (`v1|<key>` in base64url, the key
 * being `<order tag>|<sort value>|<id>` under an `orderBy`): a client passes back what it got,
 * and the form can change behind it.
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
  // Long enough for a sort value (a title of 200 characters in Chinese, 3 bytes each) and an id.
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) return null;
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
const OTHER_ORDER = 'is a cursor of another order or list: page again from the first page (游标来自另一种排序或另一个列表，请从第一页重新翻页)';
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
  /** The list's `orderBy`, or null for key order. */
  order: SortPlan | null;
}

/** A row's key inside its cursor under a plan: the key alone, or `<tag>|<sort value>|<id>` under an `orderBy`. */
export function cursorKeyOf(plan: Pick<PagePlan<unknown>, 'order'>, row: { id: string } & object): string {
  if (!plan.order) return row.id;
  return `${plan.order.tag}|${sortValueText(plan.order, (row as Record<string, unknown>)[plan.order.property])}|${row.id}`;
}

/** A day range filter on a calendar-day column from `from` to `to`, both inclusive, either optional. */
export function dayRange(from?: string | null, to?: string | null): { $gte?: string; $lte?: string } | undefined {
  if (!from && !to) return undefined;
  return { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) };
}

/**
 * A page request checked and turned into conditions. `first`/`after` or `last`/`before` (1–1000;
 * 50 forward when neither size is given); mixing directions is refused, and so is a cursor of
 * another order or list. Throws BAD_USER_INPUT naming every bad argument. `order` (from
 * `sortPlanOf`) sorts by a column then id; without it rows follow `key`.
 */
export function pageOf<T extends object>(where: FilterQuery<T>, page: PageArgs, key: PageKey = 'id', order: SortPlan | null = null): PagePlan<T> {
  const problems: { field: string; message: string }[] = [];
  for (const f of ['first', 'last'] as const) {
    const r = size.safeParse(page[f]);
    if (!r.success) problems.push(...zodProblems(r.error.issues.slice(0, 1), f));
  }
  const cursors: Partial<Record<'after' | 'before', { value: unknown; key: string }>> = {};
  for (const f of ['after', 'before'] as const) {
    const c = page[f];
    if (c == null) continue;
    const k = typeof c === 'string' ? decodeCursor(c) : null;
    const position = k === null ? undefined : order ? orderedPosition(order, k) : KEY_FORMS[key].test(k) ? { value: undefined, key: k } : k.includes('|') ? null : undefined;
    if (position === undefined) problems.push({ field: f, message: NOT_A_CURSOR });
    else if (position === null) problems.push({ field: f, message: OTHER_ORDER });
    else cursors[f] = position;
  }
  if (page.last != null && page.first != null) problems.push({ field: 'last', message: 'give first or last, not both (first 与 last 只能给一个)' });
  if (page.before != null && page.after != null) problems.push({ field: 'before', message: 'give after or before, not both (after 与 before 只能给一个)' });
  if (problems.length) throw badInput(problems);
  const backward = page.last != null || (page.before != null && page.first == null);
  const and = (bound: FilterQuery<T>) => ({ $and: [where, bound] }) as FilterQuery<T>;
  // Rows strictly on one side of a cursor, and the rows at or on the other side of it.
  const side = (s: 'after' | 'before', c: { value: unknown; key: string }) => (order ? sortBound<T>(order, s, c.value, c.key) : ({ [key]: { [s === 'after' ? '$gt' : '$lt']: c.key } } as FilterQuery<T>));
  const notSide = (s: 'after' | 'before', c: { value: unknown; key: string }) =>
    order ? ({ $or: [sortBound<T>(order, s === 'after' ? 'before' : 'after', c.value, c.key), sortAt<T>(order, c.value, c.key)] } as FilterQuery<T>) : ({ [key]: { [s === 'after' ? '$lte' : '$gte']: c.key } } as FilterQuery<T>);
  const [s, c] = backward ? (['before', cursors.before] as const) : (['after', cursors.after] as const);
  return { backward, size: (backward ? page.last : page.first) ?? 50, all: where, where: c ? and(side(s, c)) : where, beyond: c ? and(notSide(s, c)) : null, order };
}

/**
 * The position a cursor names under `order`: its sort value and id; null when it is a cursor of
 * another order or list (or of the key order), undefined when it is not a cursor at all.
 */
function orderedPosition(order: SortPlan, k: string): { value: unknown; key: string } | null | undefined {
  if (UUID.test(k)) return null;
  const bar = k.indexOf('|');
  const last = k.lastIndexOf('|');
  if (bar < 0 || last <= bar) return undefined;
  if (k.slice(0, bar) !== order.tag) return null;
  const id = k.slice(last + 1);
  const value = sortValueOf(order, k.slice(bar + 1, last));
  return UUID.test(id) && value !== undefined ? { value, key: id } : undefined;
}

/** A connection object from a page's rows (`size + 1` read, in key order). */
export function connectionOf<T>(connection: ClassType<Connection<T>>, plan: PagePlan<T>, rows: T[], keyOf: (row: T) => string, counts: { beyond: () => Promise<number>; total: () => Promise<number> }): Promise<Connection<T>> | Connection<T> {
  const more = rows.length > plan.size;
  // Backward pages hold up to size + 1 rows in list order; the extra one is the first.
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

/**
 * One page of `entity` rows matching `where`, in id order or in `orderBy`'s (then id). The
 * resolver's `orderBy` argument goes straight through (an `OrderType` input).
 */
export async function paginate<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: PageArgs,
  connection: ClassType<Connection<T>>,
  orderBy?: ListOrder | null,
): Promise<Connection<T>> {
  const order = orderBy ? sortPlanOf(em.getMetadata().get(entity), orderBy) : null;
  const plan = pageOf(where, page, 'id', order);
  const limit = plan.size + 1;
  const orm = ormOrderOf(order, plan.backward);
  // Core entities come back as plain rows (see graphql/loaders.ts): a page is output, not a unit of work.
  const rows = readsPlainRows(entity) ? await plainRows(em, entity, plan.where, { limit, orderBy: orm }) : await em.find(entity, plan.where, { orderBy: orm as never, limit });
  // Backward pages are read from the end of the list: back into its order.
  if (plan.backward) rows.reverse();
  return connectionOf(connection, plan, rows, (r) => cursorKeyOf(plan, r), {
    // One row on the far side of the cursor is enough to know there is a page there.
    beyond: async () => (await em.find(entity, plan.beyond!, { fields: ['id'] as never, limit: 1 })).length,
    total: () => em.count(entity, where),
  });
}
