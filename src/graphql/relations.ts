import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import { Ctx, FieldResolver, Resolver, Root, getMetadataStorage, type ClassType } from 'type-graphql';
import type { RequestContext } from './context.js';
import { sqlReads } from './sql-reads.js';

/**
 * A relation of a plugin's object type, as its GraphQL field:
 * - an entity class (or `{ one: Entity }`): the many-to-one property of the same name, loaded by
 *   id through the request's DataLoader (null when unset or out of the actor's row scope);
 * - `{ many: Entity, by: 'fk' }`: the rows of `Entity` whose many-to-one `by` points at this row,
 *   optionally narrowed by `where`.
 */
export type RelationSpec =
  | EntityClass<any>
  | { one: EntityClass<any>; description?: string; property?: string }
  | { many: EntityClass<any>; by: string; where?: FilterQuery<any>; description?: string };

/**
 * One resolver class with a `@FieldResolver` per relation of `type` (add it to the plugin's
 * `resolvers`). Every plugin wrote these by hand, one loader call each. Many-to-one relations
 * are also declared to the one-statement SQL path (`sqlReads.relation`): each loads exactly
 * what its resolver loads, so a plugin that registers a connection gets them planned too.
 *
 * ```ts
 * export const DelegationSessionRelations = relationFields(DelegationSession, { group: TrainingGroup });
 * ```
 */
export function relationFields(type: ClassType, relations: Record<string, RelationSpec>): Function {
  const typeName = getMetadataStorage().objectTypes.find((o) => o.target === type)?.name;
  if (!typeName) throw new Error(`relationFields: ${type.name} is not a GraphQL object type (decorate it with @ObjectType first)`);

  class Relations {}
  Object.defineProperty(Relations, 'name', { value: `${typeName}Relations` });

  for (const [field, spec] of Object.entries(relations)) {
    const many = typeof spec === 'object' && 'many' in spec ? spec : null;
    const one = !many ? (typeof spec === 'function' ? { one: spec } : (spec as { one: EntityClass<any>; description?: string; property?: string })) : null;
    const target = (many?.many ?? one!.one) as EntityClass<any>;
    const property = one?.property ?? field;
    const method = many
      ? (root: { id: string }, ctx: RequestContext) => ctx.loaders.manyBy(target as EntityClass<{ id: string }>, many.by as never, many.where).load(root.id)
      : (root: Record<string, { id: string } | null | undefined>, ctx: RequestContext) => {
          const ref = root[property];
          return ref ? ctx.loaders.byId(target as EntityClass<{ id: string }>).load(ref.id) : null;
        };
    Object.defineProperty(Relations.prototype, field, { value: method, writable: true, configurable: true });
    const descriptor = Object.getOwnPropertyDescriptor(Relations.prototype, field)!;
    Root()(Relations.prototype, field, 0);
    Ctx()(Relations.prototype, field, 1);
    const description = many?.description ?? one?.description;
    FieldResolver(() => (many ? [target] : target), { nullable: !many, ...(description ? { description } : {}) })(Relations.prototype, field, descriptor);
    if (one) sqlReads.relation(typeName, field, { entity: target, one: property });
  }
  Resolver(() => type)(Relations);
  return Relations;
}
