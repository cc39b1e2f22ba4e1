import { Arg, Authorized, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { CalendarDate } from '../../calendar.js';
import { notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { Roles } from '../../auth/roles.js';
import { configFields, configJsonSchema, type ConfigField } from '../../plugin/config-schema.js';
import { TenantSettingsSchema } from '../../tenancy/settings.js';

@ObjectType('ConfigField', { description: 'One field of a configuration as a form shows it: its label, where its value comes from, its default and the value in force' })
class ConfigFieldType {
  @Field(() => String, { description: 'Dotted path in the configuration; `*` stands for any key of a map, `[]` for the items of a list' }) path!: string;
  @Field(() => String, { nullable: true, description: 'The field’s Chinese label' }) labelZh!: string | null;
  @Field(() => String, { nullable: true, description: 'The field’s English label: the schema’s `labelEn` where it gives one, else the field’s key in words (memberCap → Member cap)' }) labelEn!: string | null;
  @Field(() => String, { nullable: true, description: 'Where the default comes from: the clause of the scheme’s document it implements, or "local default" where the document gives no value' }) source!: string | null;
  @Field(() => String, { nullable: true, description: 'A longer explanation, in English, where the schema has one' }) description!: string | null;
  @Field(() => String, { nullable: true, description: 'The JSON Schema type: integer, number, string, boolean, array, object' }) type!: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The default (what an empty configuration gives), where the schema states one at this field' }) default!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The value in force (null for fields inside maps and lists: read them in `values`)' }) value!: unknown;
}

@ObjectType('ConfigSchema', { description: "A configuration's schema as JSON Schema, each field with its source and Chinese label, and the values in force: what an admin page renders as a form" })
class ConfigSchemaType {
  @Field(() => String, { description: 'The plugin key, or `core` for the tenant’s core settings' }) owner!: string;
  @Field(() => Int, { nullable: true, description: 'The configuration version in force (0 = the defaults); null for core settings, which live in the tenant file' }) revision!: number | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Since when the values are in force; null for core settings' }) effectiveFrom!: CalendarDate | null;
  @Field(() => GraphQLJSON, { description: 'JSON Schema (draft 2020-12) of what may be written; every field carries `source` and `labelZh`' }) jsonSchema!: unknown;
  @Field(() => GraphQLJSON, { description: 'The values in force, defaults filled in' }) values!: unknown;
  @Field(() => [ConfigFieldType], { description: 'Every field of the schema, in order, with its label, source, default and value in force' }) fields!: ConfigField[];
}

/**
 * Configuration as a form: the JSON Schema of a plugin's configuration (or the tenant's core
 * settings) with each field's `source` and `labelZh` (zod `.meta`, src/plugin/config-schema.ts)
 * and the values in force, so a commission knows what it is changing and where each value came from.
 */
@Resolver()
export class ConfigSchemaResolver {
  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER)
  @Query(() => ConfigSchemaType, { description: "A plugin's configuration schema with each field's source and Chinese label, and the values in force on a day (default today); change them with updatePluginConfig" })
  async pluginConfigSchema(@Ctx() ctx: RequestContext, @Arg('plugin', () => String) plugin: string, @Arg('on', () => CalendarDateScalar, { nullable: true }) on?: CalendarDate | null): Promise<ConfigSchemaType> {
    const p = ctx.host.get(plugin);
    if (!p || !ctx.tenant.plugins.includes(plugin)) throw notFound('Plugin', plugin);
    const version = await ctx.host.configOn(ctx.em, plugin, on ?? ctx.clock.today());
    const jsonSchema = configJsonSchema(p.config);
    return { owner: plugin, revision: version.revision, effectiveFrom: version.effectiveFrom, jsonSchema, values: version.config, fields: configFields(jsonSchema, version.config) };
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN)
  @Query(() => ConfigSchemaType, { description: "The tenant's core settings (reminders, escalations, the overdue cut-off, channels) as a schema with sources and Chinese labels, and their values; they are set in the tenant file" })
  tenantSettingsSchema(@Ctx() ctx: RequestContext): ConfigSchemaType {
    const jsonSchema = configJsonSchema(TenantSettingsSchema);
    const values = ctx.tenant.settings;
    return { owner: 'core', revision: null, effectiveFrom: null, jsonSchema, values, fields: configFields(jsonSchema, values) };
  }
}
