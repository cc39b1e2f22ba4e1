import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, InputType, Root } from 'type-graphql';
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
import { PayloadMutation, PayloadType, replacedBy } from '../../graphql/payload.js';
import { AuditAction, TenantLevel, enumValueOf } from './enums.js';
import { ALL_ROLES, type Role } from '../../auth/roles.js';

@ObjectType('Viewer', { description: 'Who the token says you are' })
class ViewerType {
  @Field(() => String, { description: 'Your user id (the token’s subject)' }) userId!: string;
  @Field(() => [String], { description: 'Your roles as the token spells them (commission-admin…)', deprecationReason: 'Use grantedRoles, typed by the Role enum (COMMISSION_ADMIN for commission-admin…)' }) roles!: string[];
  @Field(() => [Roles], { description: 'The roles your token grants' }) grantedRoles!: Role[];
  @Field(() => ID, { nullable: true, description: 'Your dispatching unit (unit coordinators and talents); null for others' }) unitId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The talent record you are (the talent role); null for others' }) talentId?: string | null;
}

@ObjectType('EnabledPlugin', { description: 'A scheme plugin enabled in this tenant' })
class EnabledPluginType {
  @Field(() => String, { description: 'The plugin key (wenzhou-overseas…): what `scheme` arguments and `Programme.scheme` hold' }) key!: string;
  @Field(() => String, { description: 'The plugin’s name, as the plugin gives it' }) name!: string;
  @Field(() => String, { description: 'The plugin’s version (semver)' }) version!: string;
  @Field(() => String, { nullable: true, description: 'What the scheme is, as the plugin describes it' }) description?: string | null;
}

@ObjectType('Tenant', { description: 'The region (health commission) this request acts in' })
class TenantType {
  @Field(() => String, { description: 'The tenant key (wenzhou, guizhou…), as in tokens and `Institution.region`' }) key!: string;
  @Field(() => String, { description: 'The name as the tenant file gives it (English)' }) name!: string;
  @Field(() => String, { description: 'The name in English (the tenant file’s `name`)' }) nameEn!: string;
  @Field(() => String, { nullable: true, description: 'The name in Chinese, e.g. 温州市卫生健康委员会 (null where the tenant file gives none)' }) nameZh?: string | null;
  @Field(() => String, { description: 'province, city, county or hospital', deprecationReason: 'Use tenantLevel, typed by the TenantLevel enum (PROVINCE for province…)' }) level!: string;
  @Field(() => TenantLevel, { description: 'How the tenant sits in the administration (province, city, county, or a hospital with its own scheme)' }) tenantLevel!: string;
  @Field(() => String, { nullable: true, description: 'The key of the region this one is inside (yuping → guizhou); null at the top' }) parent!: string | null;
  @Field(() => [String], { description: 'This region and the regions inside it' }) regions!: string[];
  @Field(() => [EnabledPluginType], { description: 'The scheme plugins enabled here' }) plugins!: EnabledPluginType[];
}

@ObjectType('PluginConfig', { description: "A version of a plugin's configuration, effective from a day" })
class PluginConfigType {
  @Field(() => String, { description: 'The plugin key' }) plugin!: string;
  @Field(() => Int, { description: '0 = the plugin defaults (no version stored)' }) revision!: number;
  @Field(() => CalendarDateScalar, { description: 'The first day this version is in force (Asia/Shanghai)' }) effectiveFrom!: CalendarDate;
  @Field(() => GraphQLJSON, { description: 'The configuration, defaults filled in (`pluginConfigSchema` describes each field)' }) config!: unknown;
  @Field(() => String, { nullable: true, description: 'Who stored this version (user id); null for the defaults' }) createdBy?: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was changed, as entered' }) note?: string | null;
  @Field(() => String, { nullable: true, description: 'Where it came from: `tenant-file` (the tenant’s YAML file) or `api` (pluginConfigUpdate); null for the defaults' }) source?: string | null;
  @Field(() => Date, { nullable: true, description: 'When this version was stored (UTC instant); null for the defaults' }) createdAt?: Date | null;
}

@InputType({ description: 'Which audit entries to list; conditions combine (and)' })
class AuditFilter {
  @Field(() => String, { nullable: true, description: 'Entries about records of this type (Talent, Placement…)' }) entity?: string | null;
  @Field(() => ID, { nullable: true, description: 'Entries about this record' }) entityId?: string | null;
  @Field(() => String, { nullable: true, description: 'Entries by this user id (or "system")' }) actor?: string | null;
}

@InputType({ description: "A new version of a plugin's configuration" })
export class PluginConfigUpdateInput {
  @Field(() => String, { description: 'The plugin key (one enabled here)' }) plugin!: string;
  @Field(() => CalendarDateScalar, { description: 'The first day the new version is in force (Asia/Shanghai)' }) effectiveFrom!: CalendarDate;
  @Field(() => GraphQLJSON, { description: "The whole configuration, validated by the plugin's schema (`pluginConfigSchema`); a bad field is named as config.<path>" }) config!: unknown;
  @Field(() => String, { nullable: true, description: 'Why it is changed (kept with the version, audited)' }) note?: string | null;
}

const PluginConfigUpdatePayload = PayloadType('PluginConfigUpdatePayload', 'pluginConfig', () => PluginConfigType, 'The configuration version stored, or why not');

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
  @Query(() => ViewerType, { description: 'Who the token says you are: user, roles, unit, talent record' })
  me(@Ctx() ctx: RequestContext): ViewerType {
    return { userId: ctx.actor.userId, roles: [...ctx.actor.roles], grantedRoles: ctx.actor.roles.filter((r) => ALL_ROLES.includes(r)), unitId: ctx.actor.unitId ?? null, talentId: ctx.actor.talentId ?? null };
  }

  @Authorized()
  @Query(() => TenantType, { description: 'The region (health commission or hospital) this request acts in, and the schemes enabled here' })
  tenant(@Ctx() ctx: RequestContext): TenantType {
    const t = ctx.tenant;
    return {
      key: t.key,
      name: t.name,
      nameEn: t.name,
      nameZh: t.nameZh,
      level: t.level,
      tenantLevel: enumValueOf(TenantLevel, t.level)!,
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
  @Mutation(() => PluginConfigType, { description: "Change a plugin's configuration from a day on (validated by the plugin; audited)", deprecationReason: replacedBy('pluginConfigUpdate') })
  async updatePluginConfig(
    @Ctx() ctx: RequestContext,
    @Arg('plugin', () => String) plugin: string,
    @Arg('effectiveFrom', () => CalendarDateScalar) effectiveFrom: CalendarDate,
    @Arg('config', () => GraphQLJSON) config: unknown,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<PluginConfigType> {
    return toConfigType(await updatePluginConfig(ctx, plugin, effectiveFrom, config, note ?? null));
  }

  @Authorized(...WRITERS.commission)
  @PayloadMutation(PluginConfigUpdatePayload, { description: "The commission changes a plugin's configuration from a day on: validated by the plugin (each bad field named as config.<path>, in Chinese too), stored as a new version, audited" })
  async pluginConfigUpdate(@Ctx() ctx: RequestContext, @Arg('input', () => PluginConfigUpdateInput) input: PluginConfigUpdateInput): Promise<PluginConfigType> {
    return toConfigType(await updatePluginConfig(ctx, input.plugin, input.effectiveFrom, input.config, input.note ?? null));
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

/** The audit trail's codes as enums, beside the strings stored (src/core/api/enums.ts says why both). */
@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @FieldResolver(() => [Roles], { description: 'The roles the actor acted with (a job acts as the system, with none)' })
  actingRoles(@Root() entry: AuditEntry): Role[] {
    return entry.actorRoles.filter((r): r is Role => ALL_ROLES.includes(r as Role));
  }

  @FieldResolver(() => AuditAction, { nullable: true, description: 'What was done: a row created, updated or deleted, a file downloaded or exported, a foreign ID number refused (null for an action this API does not know)' })
  actionType(@Root() entry: AuditEntry): string | null {
    return enumValueOf(AuditAction, entry.action);
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
