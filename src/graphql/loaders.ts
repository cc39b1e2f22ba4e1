import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ReferenceKind, types, type EntityClass, type EntityName, type FilterQuery } from '@mikro-orm/core';
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

export function readsPlainRows(entity: unknown): boolean {
  return typeof entity === 'function' && PLAIN_READS.has(entity);
}

/** Rows of `entity` matching `where` (row scope applied), as plain objects shaped like the entity. */
export async function plainRows<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, opts: { orderBy?: Record<string, 'asc' | 'desc'>; limit?: number } = {}): Promise<T[]> {
  const meta = em.getMetadata().get(entity);
  const qb = em.createQueryBuilder(entity).select('*').where(where as never);
  await qb.applyFilters();
  if (opts.orderBy) qb.orderBy(opts.orderBy as never);
  if (opts.limit) qb.limit(opts.limit);
  const rows = (await qb.execute('all', true)) as unknown as Record<string, unknown>[];
  const platform = em.getPlatform();
  const refs = meta.props.filter((p) => (p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)) && p.persist !== false);
  const custom = meta.props.filter((p) => p.customType && !BUILTIN_TYPES.has(p.customType.constructor));
  for (const row of rows) {
    for (const p of refs) {
      const v = row[p.name];
      if (v != null && typeof v !== 'object') row[p.name] = { id: v };
    }
    for (const p of custom) row[p.name] = p.customType!.convertToJSValue(row[p.name], platform);
  }
  return rows as T[];
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
        const where = { id: { $in: [...ids] } } as unknown as FilterQuery<T>;
        const rows = readsPlainRows(entity) ? await plainRows(this.em, entity, where) : await this.em.find(entity, where);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    );
  }

  /** Load the rows of `entity` whose many-to-one `foreignKey` points at each given id. */
  manyBy<T extends { id: string }>(entity: EntityClass<T>, foreignKey: keyof T & string, where: FilterQuery<T> = {} as FilterQuery<T>): DataLoader<string, T[]> {
    const key = `${entity.name}#${foreignKey}#${JSON.stringify(where)}`;
    return this.memo(key, () =>
      new DataLoader<string, T[]>(async (ids) => {
        const filter = { $and: [where, { [foreignKey]: { $in: [...ids] } }] } as FilterQuery<T>;
        const rows = readsPlainRows(entity) ? await plainRows(this.em, entity, filter, { orderBy: { id: 'asc' } }) : await this.em.find(entity, filter, { orderBy: { id: 'asc' } as never });
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
