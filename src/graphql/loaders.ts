import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass, FilterQuery } from '@mikro-orm/core';

/**
 * The one DataLoader factory. One instance per request (so per tenant and per actor: the em is
 * the request's, forked to the tenant schema and row-scoped). A query's SQL statements grow with
 * its depth, never with its rows: each relation is one `where … in (…)` per level.
 */
export class Loaders {
  private readonly cache = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly em: EntityManager) {}

  /** Load rows of `entity` by primary key; a missing (or out-of-scope) row loads as null. */
  byId<T extends { id: string }>(entity: EntityClass<T>): DataLoader<string, T | null> {
    return this.memo(`${entity.name}#id`, () =>
      new DataLoader<string, T | null>(async (ids) => {
        const rows = await this.em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
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
        const rows = await this.em.find(entity, filter, { orderBy: { id: 'asc' } as never });
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
