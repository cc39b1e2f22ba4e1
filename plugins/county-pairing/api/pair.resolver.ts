import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import {
  ConnectionType,
  Outcome,
  PageArgs,
  paginate,
  Placement,
  relationFields,
  Talent,
  type RequestContext,
} from '../../../src/index.js';
import { OrderByArg, OrderType, type ListOrder } from '../../../src/index.js';
import { PairStatus } from '../domain.js';
import { CountyApprentice, CountyMentor, CountyPair, CountyPlan, CountyRetentionCheck, CountyRound } from '../entities/index.js';
import { caseTotals } from '../rules/totals.js';
import { caseCounts } from './case-log.resolver.js';
import { LIVE } from './pairing.js';
import { CountyCaseTotals } from './types.js';

const PairConnection = ConnectionType(CountyPair, 'CountyPair');
const CountyPairOrder = OrderType('CountyPairOrder', {
  STATUS: { property: 'status', description: 'The status, by its value (proposed, active, ended…)' },
}, 'How to sort county pairs');

@InputType('CountyPairFilter', { description: 'Narrows countyPairs (within what you may see); fields left out do not filter' })
export class CountyPairFilter {
  @Field(() => ID, { nullable: true, description: 'Only pairs of this round' }) roundId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Pairs of this mentor entry' }) mentorId?: string | null;
  @Field(() => ID, { nullable: true, description: "Pairs whose mentor is this talent (a mentor's own: their token's talentId)" }) mentorTalentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The apprentice' }) talentId?: string | null;
  @Field(() => PairStatus, { nullable: true, description: 'Only pairs in this state (default: live pairs, proposed or confirmed)' }) status?: PairStatus | null;
}

@Resolver(() => CountyPair)
export class CountyPairResolver {
  @Authorized()
  @Query(() => PairConnection, { description: 'Pairs you may see (a talent: their own), oldest first' })
  countyPairs(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(CountyPairOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => CountyPairFilter, { nullable: true }) filter?: CountyPairFilter | null) {
    const where: Record<string, unknown> = {};
    if (filter?.roundId) where.round = filter.roundId;
    if (filter?.mentorId) where.mentor = filter.mentorId;
    if (filter?.mentorTalentId) where.mentor = { ...(filter.mentorId ? { id: filter.mentorId } : {}), talentId: filter.mentorTalentId };
    if (filter?.talentId) where.talent = filter.talentId;
    where.status = filter?.status ?? { $in: LIVE };
    return paginate(ctx.em, CountyPair, where as FilterQuery<CountyPair>, page, PairConnection, orderBy);
  }

  @Authorized()
  @Query(() => CountyPair, { nullable: true, description: 'One pair by id, if you may see it (null otherwise)' })
  countyPair(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(CountyPair).load(id);
  }

  @FieldResolver(() => CountyCaseTotals, { description: "The apprentice's case-log totals in this pair (one query per pair: ask on single pairs)" })
  async caseTotals(@Root() p: CountyPair, @Ctx() ctx: RequestContext) {
    return Object.assign(new CountyCaseTotals(), caseTotals(await caseCounts(ctx.em, { pair: p.id })));
  }

  @FieldResolver(() => CountyRetentionCheck, { nullable: true, description: "The apprentice's latest retention check" })
  async retention(@Root() p: CountyPair, @Ctx() ctx: RequestContext) {
    const rows = await ctx.loaders.manyBy(CountyRetentionCheck, 'talent').load(p.talent.id);
    return [...rows].sort((a, b) => (a.checkedOn < b.checkedOn ? 1 : -1))[0] ?? null;
  }
}

export const CountyPairRelations = relationFields(CountyPair, {
  round: { one: CountyRound, nullable: false },
  mentor: { one: CountyMentor, nullable: false },
  previousMentor: { one: CountyMentor, description: 'The mentor before the last adjustment' },
  apprentice: CountyApprentice,
  talent: { one: Talent, description: "The apprentice's talent record" },
  placement: { one: Placement, description: 'The core placement of a confirmed pair: its reports are the reminders' },
  plan: { only: CountyPlan, by: 'pair' },
  growth: { many: Outcome, by: 'placement', from: 'placement', description: 'Growth records (conferences, new technologies and projects, promotions)' },
});

/** Fields this scheme adds to core types (only in tenants that enable it). */
export const CountyCoreTypeFields = [
  relationFields(Talent, {
    countyPairs: { many: CountyPair, by: 'talent', description: 'county-pairing: pairs this talent is the apprentice of' },
    countyMentorOffers: { many: CountyMentor, by: 'talentId', description: "county-pairing: this talent's mentor offers, one per round" },
  }),
  relationFields(Placement, { countyPair: { only: CountyPair, by: 'placement', description: 'county-pairing: the pair behind this placement (its mentor receives the sign-off reminders)' } }),
];
