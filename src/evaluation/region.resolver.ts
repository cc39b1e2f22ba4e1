import { Authorized, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Roles } from '../auth/roles.js';
import type { RequestContext } from '../graphql/context.js';
import { EvaluationIndicator, ComparisonDesign } from './domain.js';
import { regionOverview } from './region-overview.js';
import { TenantLevel, enumValueOf } from '../core/api/enums.js';

@ObjectType('RegionValue', { description: 'One aggregate of a region (or of all of them): null and suppressed when it is about too few people' })
class RegionValueType {
  @Field(() => String, { description: 'The scheme (plugin key) that publishes it, or core' }) plugin!: string;
  @Field(() => String, { description: 'Stable code of the figure (placements_active, reports_overdue, stays_compared…), as the scheme or core publishes it' }) metric!: string;
  @Field(() => String, { nullable: true, description: 'What the figure is broken down by (a channel code…), or null' }) group!: string | null;
  @Field(() => String, { nullable: true, description: 'The group’s label, as the scheme gives it (null without a group)' }) label!: string | null;
  @Field(() => Float, { nullable: true, description: 'The number; null when suppressed' }) value!: number | null;
  @Field(() => Boolean, { description: 'Withheld because it is about fewer people than minCellSize' }) suppressed!: boolean;
}

@ObjectType('RegionOutcome', { description: 'One outcome comparison cell of a scheme in a region (or pooled over the regions); every number null when suppressed' })
class RegionOutcomeType {
  @Field(() => String, { description: 'The scheme (plugin key)' }) scheme!: string;
  @Field(() => Int, { description: 'Months after return' }) months!: number;
  @Field(() => EvaluationIndicator, { description: 'What is measured per person' }) indicator!: EvaluationIndicator;
  @Field(() => ComparisonDesign, { description: 'Against those not selected, or against the trainees’ own window before' }) design!: ComparisonDesign;
  @Field(() => Int, { nullable: true, description: 'Trainees counted (null when suppressed)' }) traineesN!: number | null;
  @Field(() => Int, { nullable: true, description: 'People in the comparison (null when suppressed)' }) comparisonN!: number | null;
  @Field(() => Float, { nullable: true, description: 'Trainees’ mean change (null when suppressed)' }) traineesMean!: number | null;
  @Field(() => Float, { nullable: true, description: 'The comparison’s mean change (null when suppressed)' }) comparisonMean!: number | null;
  @Field(() => Float, { nullable: true, description: 'traineesMean − comparisonMean (null when suppressed)' }) difference!: number | null;
  @Field(() => Float, { nullable: true, description: 'Lower bound of the difference’s interval (null when suppressed or not computed)' }) low!: number | null;
  @Field(() => Float, { nullable: true, description: 'Upper bound of the difference’s interval (null when suppressed or not computed)' }) high!: number | null;
  @Field(() => Boolean, { description: 'Withheld because a side has fewer people than minCellSize' }) suppressed!: boolean;
}

@ObjectType('RegionAggregate', { description: 'A region inside this one, or (tenant null) all of them summed' })
class RegionAggregateType {
  @Field(() => String, { nullable: true, description: 'Tenant key; null for the sum' }) tenant!: string | null;
  @Field(() => String, { nullable: true, description: 'The region’s name as its tenant file gives it (English); null for the sum' }) name!: string | null;
  @Field(() => String, { nullable: true, description: 'The region’s name in English; null for the sum' }) nameEn!: string | null;
  @Field(() => String, { nullable: true, description: 'The region’s name in Chinese; null for the sum or where the tenant file gives none' }) nameZh!: string | null;
  @Field(() => String, { nullable: true, description: 'province, city, county or hospital; null for the sum', deprecationReason: 'Use tenantLevel, typed by the TenantLevel enum (PROVINCE for province…)' }) level!: string | null;
  @Field(() => TenantLevel, { nullable: true, description: 'How the region sits in the administration; null for the sum' }) tenantLevel!: string | null;
  @Field(() => [RegionValueType], { description: 'Dashboard figures and reports owed and overdue, small cells suppressed' }) figures!: RegionValueType[];
  @Field(() => [RegionOutcomeType], { description: 'Outcome comparison cells, small cells suppressed' }) outcomes!: RegionOutcomeType[];
}

@ObjectType('RegionOverview', { description: 'The regions inside this one, side by side and summed: aggregates only, small cells suppressed' })
class RegionOverviewType {
  @Field(() => Int, { description: 'Fewer people than this and a figure is withheld (tenant setting evaluation.minCellSize)' }) minCellSize!: number;
  @Field(() => String, { description: 'What is withheld and why, in English and Chinese' }) suppression!: string;
  @Field(() => [RegionAggregateType], { description: 'Each region inside this one' }) regions!: RegionAggregateType[];
  @Field(() => RegionAggregateType, { description: 'All of them summed (or pooled); tenant null' }) total!: RegionAggregateType;
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
      nameEn: a.tenant?.name ?? null,
      nameZh: a.tenant?.nameZh ?? null,
      level: a.tenant?.level ?? null,
      tenantLevel: enumValueOf(TenantLevel, a.tenant?.level),
      figures: a.figures,
      outcomes: a.outcomes.map((x) => ({ ...x, indicator: x.indicator as EvaluationIndicator, design: x.design as ComparisonDesign })),
    });
    return { minCellSize: o.minCellSize, suppression: o.suppression, regions: o.regions.map(region), total: region(o.total) };
  }
}
