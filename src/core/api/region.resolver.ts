import { Authorized, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Roles } from '../../auth/roles.js';
import { suppressFigures } from '../../evaluation/region.js';
import type { RequestContext } from '../../graphql/context.js';
import { TenantLevel, enumValueOf } from './enums.js';

@ObjectType('RegionFigure', { description: 'One aggregate figure of a scheme in a region inside this one' })
class RegionFigureType {
  @Field(() => String, { description: 'Stable code of the figure (stays_compared, plans_overdue…), as the scheme publishes it' }) metric!: string;
  @Field(() => String, { nullable: true, description: 'What the figure is broken down by (a channel…), or null' }) group!: string | null;
  @Field(() => String, { nullable: true, description: 'The group’s label, public vocabulary of the scheme (null without a group)' }) label!: string | null;
  @Field(() => Float, { description: 'The number' }) value!: number;
}

@ObjectType('SubRegionFigures', { description: "A scheme of a region inside this one (a province's hospital), as aggregates" })
class SubRegionFiguresType {
  @Field(() => String, { description: 'The region’s tenant key' }) tenant!: string;
  @Field(() => String, { description: 'The region’s name as its tenant file gives it (English)' }) name!: string;
  @Field(() => String, { description: 'The region’s name in English' }) nameEn!: string;
  @Field(() => String, { nullable: true, description: 'The region’s name in Chinese (null where the tenant file gives none)' }) nameZh!: string | null;
  @Field(() => String, { description: 'province, city, county or hospital', deprecationReason: 'Use tenantLevel, typed by the TenantLevel enum (PROVINCE for province…)' }) level!: string;
  @Field(() => TenantLevel, { description: 'How the region sits in the administration' }) tenantLevel!: string;
  @Field(() => String, { description: 'The scheme (plugin key) whose figures these are' }) plugin!: string;
  @Field(() => String, { description: 'What the figures are, as the scheme describes them' }) description!: string;
  @Field(() => [RegionFigureType], { description: 'The figures: numbers, never rows; those about fewer than minCellSize people are left out (see withheld)' }) figures!: RegionFigureType[];
  @Field(() => Int, { description: 'How many of the scheme’s figures are left out because they are about fewer than minCellSize people (this tenant’s evaluation setting), as regionOverview withholds them' }) withheld!: number;
  @Field(() => Int, { description: 'The smallest number of people a figure may be about to be shown (this tenant’s evaluation.minCellSize)' }) minCellSize!: number;
}

/**
 * A commission reads the schemes of the regions inside it (a province's hospitals running their
 * own schemes, docs/architecture.md) as aggregates each plugin computes in its own tenant:
 * numbers, never rows, and none about fewer than k people (left out and counted). `regionOverview`
 * (src/evaluation) is the fuller view: reports, outcome comparisons, sums, and which figures are withheld.
 */
@Resolver()
export class RegionResolver {
  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER)
  @Query(() => [SubRegionFiguresType], { description: 'Aggregates of the schemes run in the regions inside this one' })
  async subRegionFigures(@Ctx() ctx: RequestContext): Promise<SubRegionFiguresType[]> {
    // A figure about one or two people names them to whoever knows the region: the same rule as regionOverview.
    const k = ctx.tenant.settings.evaluation.minCellSize;
    const out: SubRegionFiguresType[] = [];
    for (const region of await ctx.subRegions()) {
      for (const plugin of ctx.host.enabled(region.tenant)) {
        if (!plugin.regionFigures) continue;
        const figures = suppressFigures((await plugin.regionFigures.compute(await region.context(plugin.key))).map((f) => ({ ...f, plugin: plugin.key })), k);
        out.push({
          tenant: region.tenant.key,
          name: region.tenant.name,
          nameEn: region.tenant.name,
          nameZh: region.tenant.nameZh ?? null,
          level: region.tenant.level,
          tenantLevel: enumValueOf(TenantLevel, region.tenant.level)!,
          plugin: plugin.key,
          description: plugin.regionFigures.description,
          figures: figures.filter((f) => !f.suppressed).map((f) => ({ metric: f.metric, group: f.group, label: f.label, value: f.value! })),
          withheld: figures.filter((f) => f.suppressed).length,
          minCellSize: k,
        });
      }
    }
    return out;
  }
}
