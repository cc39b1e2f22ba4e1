import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import { isCalendarDate, type CalendarDate } from '../../calendar.js';
import { notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ConnectionType, OrderByArg, OrderType, PageArgs, dayRange, paginate, type ListOrder } from '../../graphql/pagination.js';
import { sqlReads } from '../../graphql/sql-reads.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { ValidateWith } from '../../graphql/validation.js';
import { AdminLevel } from '../domain.js';
import { Outcome } from '../entities/outcome.js';
import { Placement } from '../entities/placement.js';
import { Talent } from '../entities/talent.js';
import { outcomeCategories, recordOutcome } from '../services/outcomes.js';
import { WRITERS } from './access.js';

const OutcomeConnection = ConnectionType(Outcome);
const OutcomeOrder = OrderType('OutcomeOrder', {
  ACHIEVED_ON: { property: 'achievedOn', description: 'The day the outcome was achieved (取得日期)' },
  CATEGORY: { property: 'category', description: 'The category code' },
  TITLE: { property: 'title', description: 'The title (名称)' },
}, 'How to sort outcomes');

@ObjectType('OutcomeCategory')
export class OutcomeCategoryType {
  @Field(() => String) code!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { nullable: true }) labelZh?: string | null;
}

@InputType()
export class OutcomeFilter {
  @Field(() => ID, { nullable: true }) talentId?: string | null;
  @Field(() => ID, { nullable: true }) unitId?: string | null;
  @Field(() => ID, { nullable: true }) placementId?: string | null;
  @Field(() => String, { nullable: true }) category?: string | null;
  @Field(() => CalendarDateScalar, { nullable: true }) from?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true }) to?: CalendarDate | null;
}

@InputType()
@ValidateWith(
  z.object({
    title: z.string().trim().min(1, 'is required').max(300),
    description: z.string().max(10_000).nullish(),
    achievedOn: z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD'),
    quantity: z.number().int().min(1, 'must be at least 1').nullish(),
  }),
)
export class OutcomeInput {
  @Field(() => ID) talentId!: string;
  @Field(() => ID, { nullable: true }) placementId?: string | null;
  @Field(() => String, { description: "A category code the scheme assesses (see outcomeCategories)" }) category!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => CalendarDateScalar) achievedOn!: CalendarDate;
  @Field(() => Int, { nullable: true }) quantity?: number | null;
  @Field(() => AdminLevel, { nullable: true }) level?: AdminLevel | null;
}

// Reads answered in one SQL statement where they can be (graphql/sql-reads.ts); each is what its resolver loads.
sqlReads.relation('Outcome', 'talent', { entity: Talent, one: 'talent' });
sqlReads.relation('Outcome', 'placement', { entity: Placement, one: 'placement' });

@Resolver(() => Outcome)
export class OutcomeResolver {
  @Authorized()
  @Query(() => OutcomeConnection)
  outcomes(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(OutcomeOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => OutcomeFilter, { nullable: true }) filter?: OutcomeFilter | null) {
    const where: FilterQuery<Outcome> = {};
    if (filter?.talentId) where.talent = filter.talentId;
    if (filter?.unitId) where.unit = filter.unitId;
    if (filter?.placementId) where.placement = filter.placementId;
    if (filter?.category) where.category = filter.category;
    const achieved = dayRange(filter?.from, filter?.to);
    if (achieved) where.achievedOn = achieved;
    return paginate(ctx.em, Outcome, where, page, OutcomeConnection, orderBy);
  }

  @Authorized()
  @Query(() => [OutcomeCategoryType], { description: "Outcome categories assessed for a placement's scheme and track (core categories without one)" })
  async outcomeCategories(@Ctx() ctx: RequestContext, @Arg('placementId', () => ID, { nullable: true }) placementId?: string | null) {
    const placement = placementId ? await ctx.em.findOne(Placement, placementId) : null;
    if (placementId && !placement) throw notFound('Placement', placementId);
    return outcomeCategories(ctx, placement);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @Mutation(() => Outcome)
  recordOutcome(@Ctx() ctx: RequestContext, @Arg('input', () => OutcomeInput) input: OutcomeInput) {
    return recordOutcome(ctx, input);
  }

  @FieldResolver(() => Talent, { nullable: true })
  talent(@Root() o: Outcome, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Talent).load(o.talent.id);
  }

  @FieldResolver(() => Placement, { nullable: true })
  placement(@Root() o: Outcome, @Ctx() ctx: RequestContext) {
    return o.placement ? ctx.loaders.byId(Placement).load(o.placement.id) : null;
  }
}
