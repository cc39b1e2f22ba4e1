import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { z } from 'zod';
import { badInput } from '../errors.js';
import { plainRows, readsPlainRows } from './loaders.js';

/**
 * Relay-style cursor pagination, one helper for every list. Rows are ordered by id: ids are
 * UUIDv7, so that is creation order, and a cursor is just the last id seen.
 */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–1000 (default 50)' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor: return rows after this one' })
  after?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
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

  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [node])
    nodes!: T[];

    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
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

const pageSchema = z.object({
  first: z.number().int().min(1, 'must be at least 1').max(1000, 'must be at most 1000').nullish(),
  after: z.uuid('is not a cursor from this API').nullish(),
});

/** A filter on a calendar-day column from `from` to `to`, both inclusive, either optional. */
export function dayRange(from?: string | null, to?: string | null): { $gte?: string; $lte?: string } | undefined {
  if (!from && !to) return undefined;
  return { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) };
}

/**
 * A page request checked (`first` 1–1000, default 50; `after` a cursor from this API) and turned
 * into the page's condition: `where` and, after a cursor, `id > after`. Ids are UUIDv7, so id
 * order is creation order. Throws BAD_USER_INPUT naming the argument.
 */
export function pageOf<T extends { id: string }>(where: FilterQuery<T>, page: PageArgs): { first: number; where: FilterQuery<T>; all: FilterQuery<T> } {
  const parsed = pageSchema.safeParse({ first: page.first, after: page.after });
  if (!parsed.success) {
    throw badInput(parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })));
  }
  const first = parsed.data.first ?? 50;
  const after = parsed.data.after;
  return { first, where: (after ? { $and: [where, { id: { $gt: after } }] } : where) as FilterQuery<T>, all: where };
}

export async function paginate<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: PageArgs,
  connection: ClassType<Connection<T>>,
): Promise<Connection<T>> {
  const { first, where: pageWhere } = pageOf(where, page);
  // Core entities come back as plain rows (see graphql/loaders.ts): a page is output, not a unit of work.
  const rows = readsPlainRows(entity) ? await plainRows(em, entity, pageWhere, { limit: first + 1 }) : await em.find(entity, pageWhere, { orderBy: { id: 'asc' } as never, limit: first + 1 });
  const hasNextPage = rows.length > first;
  const nodes = rows.slice(0, first);
  const result = Object.assign(new connection(), {
    nodes,
    edges: nodes.map((node) => ({ cursor: node.id, node })),
    pageInfo: Object.assign(new PageInfo(), { hasNextPage, endCursor: nodes.at(-1)?.id ?? null }),
    totalCountFn: () => em.count(entity, where),
  });
  return result;
}
