import { Authorized, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Roles } from '../auth/roles.js';
import type { RequestContext } from '../graphql/context.js';
import { EvaluationIndicator, ComparisonDesign } from './domain.js';
import { regionOverview } from './region-overview.js';

@ObjectType('RegionValue', { description: 'One aggregate of a region (or of all of them): null and suppressed when it is about too few people' })
class RegionValueType {
  @Field(() => String, { description: 'The scheme (plugin key) that publishes it, or core' }) plugin!: string;
  @Field(() => String) metric!: string;
  @Field(() => String, { nullable: true }) group!: string | null;
  @Field(() => String, { nullable: true }) label!: string | null;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Boolean) suppressed!: boolean;
}

@ObjectType('RegionOutcome', { description: 'One outcome comparison cell of a scheme in a region (or pooled over the regions); every number null when suppressed' })
class RegionOutcomeType {
  @Field(() => String) scheme!: string;
  @Field(() => Int) months!: number;
  @Field(() => EvaluationIndicator) indicator!: EvaluationIndicator;
  @Field(() => ComparisonDesign) design!: ComparisonDesign;
  @Field(() => Int, { nullable: true }) traineesN!: number | null;
  @Field(() => Int, { nullable: true }) comparisonN!: number | null;
  @Field(() => Float, { nullable: true }) traineesMean!: number | null;
  @Field(() => Float, { nullable: true }) comparisonMean!: number | null;
  @Field(() => Float, { nullable: true }) difference!: number | null;
  @Field(() => Float, { nullable: true }) low!: number | null;
  @Field(() => Float, { nullable: true }) high!: number | null;
  @Field(() => Boolean) suppressed!: boolean;
}

@ObjectType('RegionAggregate', { description: 'A region inside this one, or (tenant null) all of them summed' })
class RegionAggregateType {
  @Field(() => String, { nullable: true, description: 'Tenant key; null for the sum' }) tenant!: string | null;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) nameZh!: string | null;
  @Field(() => String, { nullable: true }) level!: string | null;
  @Field(() => [RegionValueType]) figures!: RegionValueType[];
  @Field(() => [RegionOutcomeType]) outcomes!: RegionOutcomeType[];
}

@ObjectType('RegionOverview', { description: 'The regions inside this one, side by side and summed: aggregates only, small cells suppressed' })
class RegionOverviewType {
  @Field(() => Int, { description: 'Fewer people than this and a figure is withheld (tenant setting evaluation.minCellSize)' }) minCellSize!: number;
  @Field(() => String, { description: 'What is withheld and why, in English and Chinese' }) suppression!: string;
  @Field(() => [RegionAggregateType]) regions!: RegionAggregateType[];
  @Field(() => RegionAggregateType) total!: RegionAggregateType;
}

/** A province reads its regions (src/evaluation/region-overview.ts): numbers, never rows. */
@Resolver()
export class RegionOverviewResolver {
  @Authorized(Roles.COMMISSION_ADMIN, Roles.VIEWER)
  @Query(() => RegionOverviewType, { description: 'The regions inside this one (a province’s counties): dashboard figures, reports owed and overdue, outcome comparisons; side by side and summed, small cells suppressed' })
  async regionOverview(@Ctx() ctx: RequestContext): Promise<RegionOverviewType> {
    const o = await regionOverview(ctx);
    const region = (a: (typeof o.regions)[number]) => ({
      tenant: a.tenant?.key ?? null,
      name: a.tenant?.name ?? null,
      nameZh: a.tenant?.nameZh ?? null,
      level: a.tenant?.level ?? null,
      figures: a.figures,
      outcomes: a.outcomes.map((x) => ({ ...x, indicator: x.indicator as EvaluationIndicator, design: x.design as ComparisonDesign })),
    });
    return { minCellSize: o.minCellSize, suppression: o.suppression, regions: o.regions.map(region), total: region(o.total) };
  }
}
