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
import { PayloadMutation, PayloadType, replacedBy } from '../../graphql/payload.js';

const OutcomeConnection = ConnectionType(Outcome);
const OutcomeOrder = OrderType('OutcomeOrder', {
  ACHIEVED_ON: { property: 'achievedOn', description: 'The day the outcome was achieved (取得日期)' },
  CATEGORY: { property: 'category', description: 'The category code' },
  TITLE: { property: 'title', description: 'The title (名称)' },
}, 'How to sort outcomes');

@ObjectType('OutcomeCategory', { description: 'A category of outcome a scheme assesses (成果评估类别): the core’s, or a scheme’s for a track, as its configuration says' })
export class OutcomeCategoryType {
  @Field(() => String, { description: 'The code an outcome’s `category` holds, e.g. new_technology' }) code!: string;
  @Field(() => String, { description: 'Label in English', deprecationReason: 'Use labelEn: labels come as a labelZh/labelEn pair (same English text)' }) label!: string;
  /** Set by `outcomeCategories`; a scheme's own answers (Wenzhou's tracks) give `label` only, which `labelEn` reads. */
  labelEn?: string | null;
  @Field(() => String, { nullable: true, description: 'Label in Chinese, e.g. 新技术新项目 (null where the scheme gives none)' }) labelZh?: string | null;
}

@InputType({ description: 'Which outcomes to list; conditions combine (and)' })
export class OutcomeFilter {
  @Field(() => ID, { nullable: true, description: 'Outcomes of this talent' }) talentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Outcomes of this dispatching unit’s staff' }) unitId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Outcomes recorded against this placement' }) placementId?: string | null;
  @Field(() => String, { nullable: true, description: 'Outcomes of this category code (`outcomeCategories` lists them)' }) category?: string | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Achieved on or after this day' }) from?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Achieved on or before this day' }) to?: CalendarDate | null;
}

@InputType({ description: 'An outcome a talent achieved after training' })
@ValidateWith(
  z.object({
    title: z.string().trim().min(1, 'is required').max(300),
    description: z.string().max(10_000).nullish(),
    achievedOn: z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD'),
    quantity: z.number().int().min(1, 'must be at least 1').nullish(),
  }),
)
export class OutcomeInput {
  @Field(() => ID, { description: 'The talent who achieved it' }) talentId!: string;
  @Field(() => ID, { nullable: true, description: 'The placement it came from (optional; the talent’s own): its scheme and track decide the categories allowed' }) placementId?: string | null;
  @Field(() => String, { description: "A category code the scheme assesses: one `outcomeCategories(placementId:)` lists (the core's without a placement)" }) category!: string;
  @Field(() => String, { description: 'What was achieved (1–300 characters)' }) title!: string;
  @Field(() => String, { nullable: true, description: 'Details (up to 10,000 characters)' }) description?: string | null;
  @Field(() => CalendarDateScalar, { description: 'The day it was achieved (Asia/Shanghai calendar day)' }) achievedOn!: CalendarDate;
  @Field(() => Int, { nullable: true, description: 'How many (operations performed, people trained…); default 1' }) quantity?: number | null;
  @Field(() => AdminLevel, { nullable: true, description: 'Level at which it counts (a gap filled at province level)' }) level?: AdminLevel | null;
}

const OutcomeRecordPayload = PayloadType('OutcomeRecordPayload', 'outcome', () => Outcome, 'The outcome recorded, or why not');

/** `labelEn` for every answer holding categories (the core's query and schemes' own types): the English `label`. */
@Resolver(() => OutcomeCategoryType)
export class OutcomeCategoryResolver {
  @FieldResolver(() => String, { description: 'Label in English, e.g. New technology or project introduced' })
  labelEn(@Root() category: OutcomeCategoryType): string {
    return category.labelEn ?? category.label;
  }
}

// Reads answered in one SQL statement where they can be (graphql/sql-reads.ts); each is what its resolver loads.
sqlReads.relation('Outcome', 'talent', { entity: Talent, one: 'talent' });
sqlReads.relation('Outcome', 'placement', { entity: Placement, one: 'placement' });

@Resolver(() => Outcome)
export class OutcomeResolver {
  @Authorized()
  @Query(() => OutcomeConnection, { description: 'Outcomes you may see (a unit sees its own staff’s, a talent their own), oldest first unless orderBy says otherwise' })
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
  @Mutation(() => Outcome, { description: 'Record an outcome of a talent', deprecationReason: replacedBy('outcomeRecord') })
  recordOutcome(@Ctx() ctx: RequestContext, @Arg('input', () => OutcomeInput) input: OutcomeInput) {
    return recordOutcome(ctx, input);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @PayloadMutation(OutcomeRecordPayload, { description: 'Record an outcome of a talent (the talent, their unit or the commission); its category must be one the placement’s scheme assesses (`outcomeCategories`)' })
  outcomeRecord(@Ctx() ctx: RequestContext, @Arg('input', () => OutcomeInput) input: OutcomeInput): Promise<Outcome> {
    return recordOutcome(ctx, input);
  }

  @FieldResolver(() => Talent, { nullable: true, description: 'The talent who achieved it (null when not yours to see)' })
  talent(@Root() o: Outcome, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Talent).load(o.talent.id);
  }

  @FieldResolver(() => Placement, { nullable: true, description: 'The placement it came from, if any' })
  placement(@Root() o: Outcome, @Ctx() ctx: RequestContext) {
    return o.placement ? ctx.loaders.byId(Placement).load(o.placement.id) : null;
  }
}
