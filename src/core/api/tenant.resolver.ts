import { Arg, Args, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver, InputType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { FilterQuery } from '@mikro-orm/core';
import type { CalendarDate } from '../../calendar.js';
import { notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ConnectionType, PageArgs, connectionOf, pageOf } from '../../graphql/pagination.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { Roles } from '../../auth/roles.js';
import { AuditEntry } from '../entities/audit-entry.js';
import { PluginConfigVersion } from '../entities/plugin-config.js';
import { updatePluginConfig } from '../services/plugin-config.js';
import { WRITERS } from './access.js';

@ObjectType('Viewer', { description: 'Who the token says you are' })
class ViewerType {
  @Field(() => String) userId!: string;
  @Field(() => [String]) roles!: string[];
  @Field(() => ID, { nullable: true }) unitId?: string | null;
  @Field(() => ID, { nullable: true }) talentId?: string | null;
}

@ObjectType('EnabledPlugin')
class EnabledPluginType {
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => String) version!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@ObjectType('Tenant', { description: 'The region (health commission) this request acts in' })
class TenantType {
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) nameZh?: string | null;
  @Field(() => String) level!: string;
  @Field(() => String, { nullable: true }) parent!: string | null;
  @Field(() => [String], { description: 'This region and the regions inside it' }) regions!: string[];
  @Field(() => [EnabledPluginType]) plugins!: EnabledPluginType[];
}

@ObjectType('PluginConfig', { description: "A version of a plugin's configuration, effective from a day" })
class PluginConfigType {
  @Field(() => String) plugin!: string;
  @Field(() => Int, { description: '0 = the plugin defaults (no version stored)' }) revision!: number;
  @Field(() => CalendarDateScalar) effectiveFrom!: CalendarDate;
  @Field(() => GraphQLJSON) config!: unknown;
  @Field(() => String, { nullable: true }) createdBy?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => Date, { nullable: true }) createdAt?: Date | null;
}

@InputType()
class AuditFilter {
  @Field(() => String, { nullable: true }) entity?: string | null;
  @Field(() => ID, { nullable: true }) entityId?: string | null;
  @Field(() => String, { nullable: true }) actor?: string | null;
}

const AuditConnection = ConnectionType(AuditEntry);

const toConfigType = (row: PluginConfigVersion): PluginConfigType => ({
  plugin: row.plugin,
  revision: row.revision,
  effectiveFrom: row.effectiveFrom,
  config: row.config,
  createdBy: row.createdBy,
  note: row.note,
  source: row.source,
  createdAt: row.createdAt,
});

@Resolver()
export class TenantResolver {
  @Authorized()
  @Query(() => ViewerType)
  me(@Ctx() ctx: RequestContext): ViewerType {
    return { userId: ctx.actor.userId, roles: [...ctx.actor.roles], unitId: ctx.actor.unitId ?? null, talentId: ctx.actor.talentId ?? null };
  }

  @Authorized()
  @Query(() => TenantType)
  tenant(@Ctx() ctx: RequestContext): TenantType {
    const t = ctx.tenant;
    return {
      key: t.key,
      name: t.name,
      nameZh: t.nameZh,
      level: t.level,
      parent: t.parent,
      regions: [...t.regions],
      plugins: ctx.host.enabled(t).map((p) => ({ key: p.key, name: p.name, version: p.version, description: p.description ?? null })),
    };
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER)
  @Query(() => PluginConfigType, { description: "A plugin's configuration in force on a day (default today)" })
  async pluginConfig(@Ctx() ctx: RequestContext, @Arg('plugin', () => String) plugin: string, @Arg('on', () => CalendarDateScalar, { nullable: true }) on?: CalendarDate | null): Promise<PluginConfigType> {
    if (!ctx.tenant.plugins.includes(plugin)) throw notFound('Plugin', plugin);
    const version = await ctx.host.configOn(ctx.em, plugin, on ?? ctx.clock.today());
    return { plugin, revision: version.revision, effectiveFrom: version.effectiveFrom, config: version.config };
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER)
  @Query(() => [PluginConfigType], { description: "Every stored version of a plugin's configuration, oldest first" })
  async pluginConfigHistory(@Ctx() ctx: RequestContext, @Arg('plugin', () => String) plugin: string): Promise<PluginConfigType[]> {
    if (!ctx.tenant.plugins.includes(plugin)) throw notFound('Plugin', plugin);
    const rows = await ctx.em.find(PluginConfigVersion, { plugin }, { orderBy: { revision: 'asc' } });
    return rows.map(toConfigType);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => PluginConfigType, { description: "Change a plugin's configuration from a day on (validated by the plugin; audited)" })
  async updatePluginConfig(
    @Ctx() ctx: RequestContext,
    @Arg('plugin', () => String) plugin: string,
    @Arg('effectiveFrom', () => CalendarDateScalar) effectiveFrom: CalendarDate,
    @Arg('config', () => GraphQLJSON) config: unknown,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<PluginConfigType> {
    return toConfigType(await updatePluginConfig(ctx, plugin, effectiveFrom, config, note ?? null));
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN)
  @Query(() => AuditConnection, { description: 'Who changed what, when (newest last)' })
  auditTrail(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @Arg('filter', () => AuditFilter, { nullable: true }) filter?: AuditFilter | null) {
    const where: FilterQuery<AuditEntry> = {};
    if (filter?.entity) where.entity = filter.entity;
    if (filter?.entityId) where.entityId = filter.entityId;
    if (filter?.actor) where.actor = filter.actor;
    return paginateAudit(ctx, where, page);
  }
}

/** The audit trail is keyed by a sequence, not a UUID: the same pager over `seq`. */
async function paginateAudit(ctx: RequestContext, where: FilterQuery<AuditEntry>, page: PageArgs) {
  const plan = pageOf(where, page, 'seq');
  const rows = await ctx.em.find(AuditEntry, plan.where, { orderBy: { seq: plan.backward ? 'desc' : 'asc' }, limit: plan.size + 1 });
  if (plan.backward) rows.reverse();
  return connectionOf(AuditConnection, plan, rows, (r) => String(r.seq), {
    beyond: async () => (await ctx.em.find(AuditEntry, plan.beyond!, { fields: ['seq'], limit: 1 })).length,
    total: () => ctx.em.count(AuditEntry, where),
  });
}
