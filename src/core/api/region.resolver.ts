import { Authorized, Ctx, Field, Float, ObjectType, Query, Resolver } from 'type-graphql';
import { Roles } from '../../auth/roles.js';
import type { RequestContext } from '../../graphql/context.js';

@ObjectType('RegionFigure', { description: 'One aggregate figure of a scheme in a region inside this one' })
class RegionFigureType {
  @Field(() => String) metric!: string;
  @Field(() => String, { nullable: true, description: 'What the figure is broken down by (a channel…), or null' }) group!: string | null;
  @Field(() => String, { nullable: true }) label!: string | null;
  @Field(() => Float) value!: number;
}

@ObjectType('SubRegionFigures', { description: "A scheme of a region inside this one (a province's hospital), as aggregates" })
class SubRegionFiguresType {
  @Field(() => String) tenant!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) nameZh!: string | null;
  @Field(() => String) level!: string;
  @Field(() => String) plugin!: string;
  @Field(() => String) description!: string;
  @Field(() => [RegionFigureType]) figures!: RegionFigureType[];
}

/**
 * A commission reads the schemes of the regions inside it (a province's hospitals running their
 * own schemes, docs/architecture.md) as aggregates each plugin computes in its own tenant:
 * numbers, never rows. `regionOverview` (src/evaluation) is the fuller view: reports, outcome comparisons, sums, and figures about fewer than k people withheld.
 */
@Resolver()
export class RegionResolver {
  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER)
  @Query(() => [SubRegionFiguresType], { description: 'Aggregates of the schemes run in the regions inside this one' })
  async subRegionFigures(@Ctx() ctx: RequestContext): Promise<SubRegionFiguresType[]> {
    const out: SubRegionFiguresType[] = [];
    for (const region of await ctx.subRegions()) {
      for (const plugin of ctx.host.enabled(region.tenant)) {
        if (!plugin.regionFigures) continue;
        const figures = await plugin.regionFigures.compute(await region.context(plugin.key));
        out.push({
          tenant: region.tenant.key,
          name: region.tenant.name,
          nameZh: region.tenant.nameZh ?? null,
          level: region.tenant.level,
          plugin: plugin.key,
          description: plugin.regionFigures.description,
          figures: figures.map((f) => ({ metric: f.metric, group: f.group ?? null, label: f.label ?? null, value: f.value })),
        });
      }
    }
    return out;
  }
}
