/**
 * Global object identification (the Relay `Node` convention, as GitHub's and Shopify's APIs have
 * it): the core's record types implement `Node { id }`, and `node(id:)` / `nodes(ids:)` fetch any
 * of them by id. Only types whose own queries any signed-in role may run within its row scope are
 * nodes; a plugin opts its record types in (`nodeTypes` in its declaration), with the roles its
 * queries are for when they are not for every role, and they are nodes only in tenants that
 * enable it. Ids are UUIDv7, unique across tables, so one statement finds the table an id lives
 * in; the row is then read through the type's loader, so row scope decides visibility exactly as
 * for the type's own query (another unit's record answers null, like a missing one, and another
 * tenant's is in another schema).
 */
import { GraphQLInterfaceType, GraphQLObjectType, isObjectType, type GraphQLSchema } from 'graphql';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { EntityClass } from '@mikro-orm/core';
import { Arg, Authorized, Ctx, Field, ID, Info, InterfaceType, Query, Resolver } from 'type-graphql';
import { getMetadataStorage } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { hasRole, type Role } from '../auth/roles.js';
import { BaseEntity } from '../core/entities/base.js';
import { badInput } from '../errors.js';
import type { AnySchemePlugin } from '../plugin/contract.js';
import type { RequestContext } from './context.js';

const TYPE_TAG = Symbol('nodeType');

@InterfaceType('Node', { description: 'A record with a global id: fetch any of them with node(id:) or nodes(ids:)' })
export abstract class Node {
  @Field(() => ID, { description: 'The record’s id (a UUID), unique across every type' })
  id!: string;
}

/**
 * The core's node types: records whose by-id and list queries are open to every role within row
 * scope. Not the inbox and reminders (a message is its recipient's, not its talent's unit's).
 */
const NODE_TYPES = new Set(['Talent', 'Institution', 'Programme', 'ProgrammeTrack', 'Application', 'Placement', 'Report', 'Outcome', 'ResearchOutput', 'TrainingGroup', 'TrainingGroupMember', 'EligibilityWaiver', 'Attachment', 'Contact', 'Confirmation']);

/** A node type's entity, and the roles that may read it (null: every signed-in actor). */
interface NodeRecord {
  entity: EntityClass<BaseEntity>;
  roles: readonly Role[] | null;
}

/** GraphQL type name → entity class, for the core's node types and the plugins' opted in so far. */
let records: Map<string, NodeRecord> | undefined;
function recordTypes(): Map<string, NodeRecord> {
  records ??= new Map(
    getMetadataStorage()
      .objectTypes.filter((o) => NODE_TYPES.has(o.name) && (o.target as Function).prototype instanceof BaseEntity)
      .map((o) => [o.name, { entity: o.target as EntityClass<BaseEntity>, roles: null }]),
  );
  return records;
}

/** The node types a plugin opts in, by GraphQL type name (checked: entities of BaseEntity, named with the plugin's prefix). */
function pluginNodeTypes(plugin: AnySchemePlugin): [string, NodeRecord][] {
  return (plugin.nodeTypes ?? []).map((n) => {
    const [type, roles] = typeof n === 'function' ? [n, null] : [n.type, n.roles];
    const name = getMetadataStorage().objectTypes.find((o) => o.target === type)?.name;
    if (!name || !(type.prototype instanceof BaseEntity) || !name.startsWith(plugin.graphqlTypePrefix)) {
      throw new Error(`plugin "${plugin.key}": node type ${type.name} must be a record (BaseEntity) with its own GraphQL type named ${plugin.graphqlTypePrefix}…`);
    }
    return [name, { entity: type as EntityClass<BaseEntity>, roles }];
  });
}

/** The schema with every record type implementing Node (the core's and those of `plugins`, the schema's own). */
export function withNodeInterface(schema: GraphQLSchema, plugins: readonly AnySchemePlugin[] = []): GraphQLSchema {
  const node = schema.getType('Node');
  if (!(node instanceof GraphQLInterfaceType)) return schema;
  // Type names carry the plugin's prefix, so one map serves every schema; a schema serves the types it has.
  const all = recordTypes();
  for (const p of plugins) for (const [name, record] of pluginNodeTypes(p)) all.set(name, record);
  const records = new Set([...NODE_TYPES, ...plugins.flatMap((p) => pluginNodeTypes(p).map(([name]) => name))]);
  return mapSchema(schema, {
    // Only node(id:) and nodes(ids:) return Node, and they tag each record with its type's name.
    [MapperKind.INTERFACE_TYPE]: (type) => (type.name === 'Node' ? new GraphQLInterfaceType({ ...type.toConfig(), resolveType: (value) => (value as Record<symbol, string>)[TYPE_TAG] }) : type),
    [MapperKind.OBJECT_TYPE]: (type) => {
      if (!records.has(type.name) || !type.getFields().id || type.getInterfaces().some((i) => i.name === 'Node')) return type;
      const config = type.toConfig();
      return new GraphQLObjectType({ ...config, interfaces: [...config.interfaces, node] });
    },
  });
}

/** The record types this request's schema serves as nodes and the actor may read, by name. */
function servedTypes(ctx: RequestContext, info: GraphQLResolveInfo): [string, EntityClass<BaseEntity>][] {
  return [...recordTypes()]
    .filter(([name, { roles }]) => {
      const t = info.schema.getType(name);
      return isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node') && (!roles || hasRole(ctx.actor, ...roles));
    })
    .map(([name, { entity }]) => [name, entity]);
}

async function findNodes(ctx: RequestContext, info: GraphQLResolveInfo, ids: readonly string[]): Promise<(Node | null)[]> {
  // Malformed ids never get here: the ID arguments are checked (and named) before any resolver runs.
  if (!ids.length) return [];
  const em = ctx.em;
  const platform = em.getPlatform();
  // One statement: which table holds each id, through each type's row filters.
  const parts: string[] = [];
  for (const [name, entity] of servedTypes(ctx, info)) {
    const qb = em.createQueryBuilder(entity).select('id').where({ id: { $in: [...ids] } } as never);
    await qb.applyFilters();
    const q = qb.toQuery();
    parts.push(`select ${platform.quoteValue(name)} as t, x."id"::text as id from (${platform.formatQuery(q.sql, [...q.params])}) as x`);
  }
  const found = parts.length ? ((await em.getConnection().execute(parts.join(' union all '), [], 'all', em.getTransactionContext())) as { t: string; id: string }[]) : [];
  const typeOf = new Map(found.map((r) => [r.id, r.t]));
  const records = recordTypes();
  return Promise.all(
    ids.map(async (id) => {
      const name = typeOf.get(id.toLowerCase());
      if (!name) return null;
      const row = (await ctx.loaders.byId(records.get(name)!.entity).load(id)) as (BaseEntity & Record<symbol, unknown>) | null;
      if (!row) return null;
      Object.defineProperty(row, TYPE_TAG, { value: name, enumerable: false, configurable: true });
      return row as unknown as Node;
    }),
  );
}

@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => Node, { nullable: true, description: 'Any record by its id (null when it does not exist or is not yours to see)' })
  async node(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo, @Arg('id', () => ID) id: string): Promise<Node | null> {
    return (await findNodes(ctx, info, [id]))[0] ?? null;
  }

  @Authorized()
  @Query(() => [Node], { nullable: 'items', description: 'Records by id, in the order asked (null for each that does not exist or is not yours to see); at most 100' })
  async nodes(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo, @Arg('ids', () => [ID]) ids: string[]): Promise<(Node | null)[]> {
    if (ids.length > 100) throw badInput({ field: 'ids', message: 'at most 100 ids (至多 100 个)' });
    return findNodes(ctx, info, ids);
  }
}
