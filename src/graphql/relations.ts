import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import { Ctx, FieldResolver, Resolver, Root, getMetadataStorage, type ClassType } from 'type-graphql';
import type { RequestContext } from './context.js';
import { sqlReads } from './sql-reads.js';

type Common = { description?: string };
/**
 * A relation of a plugin's object type, as its GraphQL field:
 * - an entity class, or `{ one: Entity }`: the many-to-one `property` (default: the field's name;
 *   a relation or a plain id column) loaded by id through the request's DataLoader — null when
 *   unset or outside the actor's row scope, unless `nullable: false` says it never is;
 * - `{ many: Entity, by: 'fk' }`: the rows whose many-to-one `by` points at this row (or at the
 *   row this row's `from` relation points at), optionally narrowed by `where`;
 * - `{ only: Entity, by: 'fk' }`: the same, for a one-to-one seen from its other side: the row or null.
 */
export type RelationSpec =
  | EntityClass<any>
  | (Common & { one: EntityClass<any>; property?: string; nullable?: boolean })
  | (Common & { many: EntityClass<any>; by: string; from?: string; where?: FilterQuery<any> })
  | (Common & { only: EntityClass<any>; by: string; from?: string; where?: FilterQuery<any> });

type Loader = (root: Record<string, unknown>, ctx: RequestContext) => unknown;
const idOf = (ref: unknown): string | null => (ref == null ? null : typeof ref === 'string' ? ref : ((ref as { id?: string }).id ?? null));

/**
 * One resolver class with a `@FieldResolver` per relation of `type` (add it to the plugin's
 * `resolvers`). Every plugin wrote these by hand, one loader call each. Many-to-one relations
 * are also declared to the one-statement SQL path (`sqlReads.relation`): each loads exactly
 * what its resolver loads, so a plugin that registers a connection gets them planned too.
 *
 * ```ts
 * relationFields(DelegationSession, { group: TrainingGroup })
 * relationFields(CountyRound, { programme: { one: Programme, nullable: false }, pairs: { many: CountyPair, by: 'round' } })
 * ```
 */
export function relationFields(type: ClassType, relations: Record<string, RelationSpec>): Function {
  const typeName = getMetadataStorage().objectTypes.find((o) => o.target === type)?.name;
  if (!typeName) throw new Error(`relationFields: ${type.name} is not a GraphQL object type (decorate it with @ObjectType first)`);
  class Relations {}
  Object.defineProperty(Relations, 'name', { value: `${typeName}Relations` });

  for (const [field, raw] of Object.entries(relations)) {
    const spec = typeof raw === 'function' ? { one: raw } : raw;
    let method: Loader;
    let returns: () => unknown;
    let nullable: boolean;
    if ('one' in spec) {
      const property = spec.property ?? field;
      method = (root, ctx) => {
        const id = idOf(root[property]);
        return id ? ctx.loaders.byId(spec.one as EntityClass<{ id: string }>).load(id) : null;
      };
      returns = () => spec.one;
      nullable = spec.nullable ?? true;
      // A relation of the same name is what the planner knows how to join; an id column under another name is left to the resolver.
      if (!spec.property) sqlReads.relation(typeName, field, { entity: spec.one, one: property });
    } else {
      const target = ('many' in spec ? spec.many : spec.only) as EntityClass<{ id: string }>;
      const single = 'only' in spec;
      method = async (root, ctx) => {
        const key = spec.from ? idOf(root[spec.from]) : (root.id as string);
        if (!key) return single ? null : [];
        const rows = await ctx.loaders.manyBy(target, spec.by as never, spec.where).load(key);
        return single ? (rows[0] ?? null) : rows;
      };
      returns = () => (single ? target : [target]);
      nullable = single;
    }
    Object.defineProperty(Relations.prototype, field, { value: method, writable: true, configurable: true });
    Root()(Relations.prototype, field, 0);
    Ctx()(Relations.prototype, field, 1);
    const targetClass = ('one' in spec ? spec.one : 'many' in spec ? spec.many : spec.only) as Function;
    const targetName = getMetadataStorage().objectTypes.find((o) => o.target === targetClass)?.name ?? targetClass.name;
    // A relation says what it points at even when its declaration gave no words: the schema describes every field.
    const description = spec.description ?? ('many' in spec ? `The ${targetName} records of this ${typeName}` : `The ${targetName} this ${typeName} refers to${nullable ? ' (null when none)' : ''}`);
    FieldResolver(returns as never, { nullable, description })(Relations.prototype, field, Object.getOwnPropertyDescriptor(Relations.prototype, field)!);
  }
  Resolver(() => type)(Relations);
  return Relations;
}
