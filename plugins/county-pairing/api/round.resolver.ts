import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Institution, PayloadMutation, Programme, relationFields, Roles, Talent, WRITERS, type RequestContext, replacedBy } from '../../../src/index.js';
import { CountyApprentice, CountyMentor, CountyPair, CountyRound } from '../entities/index.js';
import { LIVE, blocking, roundState } from './pairing.js';
import {
  ApprenticeRankMentorsPayload,
  ApprenticeRegisterPayload,
  MentorPublishPayload,
  MentorRankApprenticesPayload,
  PairAdjustPayload,
  RoundConfirmPayload,
  RoundCreatePayload,
  RoundRunMatchingPayload,
} from './payloads.js';
import { ALGORITHM, adjustPair, confirmRound, createRound, publishMentor, rankApprentices, rankMentors, registerApprentice, runRoundMatching, toUnmatched } from './rounds.js';
import {
  CountyAdjustPairInput,
  CountyApprenticeInput,
  CountyBlockingPair,
  CountyMatchResult,
  CountyMentorInput,
  CountyRankApprenticesInput,
  CountyRankMentorsInput,
  CountyRoundConfirmInput,
  CountyRoundInput,
  CountyRoundRunMatchingInput,
  CountyUnmatched,
} from './types.js';

const MENTOR_SIDE = [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.MENTOR];
const APPRENTICE_SIDE = [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR, Roles.TALENT];

@Resolver(() => CountyRound)
export class CountyRoundResolver {
  @Authorized()
  @Query(() => [CountyRound], { description: 'Two-way selection rounds, newest first' })
  countyRounds(@Ctx() ctx: RequestContext) {
    return ctx.em.find(CountyRound, {}, { orderBy: { year: 'desc', id: 'desc' } });
  }

  @Authorized()
  @Query(() => CountyRound, { nullable: true, description: 'One round by id (null when there is none)' })
  countyRound(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(CountyRound).load(id);
  }

  // ——— deprecated: loose arguments or a bare record; each calls the step its payload mutation calls ———

  @Authorized(...WRITERS.commission)
  @Mutation(() => CountyRound, { description: 'Open a round: a core programme (scheme county-pairing) with one track per field', deprecationReason: replacedBy('countyRoundCreate') })
  countyCreateRound(@Ctx() ctx: RequestContext, @Arg('input', () => CountyRoundInput) input: CountyRoundInput) {
    return createRound(ctx, input);
  }

  @Authorized(...MENTOR_SIDE)
  @Mutation(() => CountyMentor, { description: 'A mentor publishes (or updates) their field and capacity in an open round; a mentor below the configured title (mentorMinTitle) is refused, naming talentId', deprecationReason: replacedBy('countyMentorPublish') })
  countyPublishMentor(@Ctx() ctx: RequestContext, @Arg('input', () => CountyMentorInput) input: CountyMentorInput) {
    return publishMentor(ctx, input);
  }

  @Authorized(...APPRENTICE_SIDE)
  @Mutation(() => CountyApprentice, { description: 'Register an apprentice in an open round (their field is their track; their title places them in a tier, 分层培养)', deprecationReason: replacedBy('countyApprenticeRegister') })
  countyRegisterApprentice(@Ctx() ctx: RequestContext, @Arg('input', () => CountyApprenticeInput) input: CountyApprenticeInput) {
    return registerApprentice(ctx, input);
  }

  @Authorized(...APPRENTICE_SIDE)
  @Mutation(() => CountyApprentice, { description: 'An apprentice ranks mentors of their field, most preferred first (replaces their ranking)', deprecationReason: replacedBy('countyApprenticeRankMentors') })
  countyRankMentors(@Ctx() ctx: RequestContext, @Arg('input', () => CountyRankMentorsInput) input: CountyRankMentorsInput) {
    return rankMentors(ctx, input);
  }

  @Authorized(...MENTOR_SIDE)
  @Mutation(() => CountyMentor, { description: 'A mentor ranks applicants of their field, most preferred first (replaces their ranking)', deprecationReason: replacedBy('countyMentorRankApprentices') })
  countyRankApprentices(@Ctx() ctx: RequestContext, @Arg('input', () => CountyRankApprenticesInput) input: CountyRankApprenticesInput) {
    return rankApprentices(ctx, input);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => CountyMatchResult, { description: `Run (or rerun) the matching: ${ALGORITHM}. Replaces proposed pairs, including earlier adjustments`, deprecationReason: replacedBy('countyRoundRunMatching') })
  countyRunMatching(@Ctx() ctx: RequestContext, @Arg('roundId', () => ID) roundId: string) {
    return runRoundMatching(ctx, roundId);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => CountyRound, { description: "Confirm a round's proposed pairs: each becomes a core Placement at the mentor's hospital, with its reminders", deprecationReason: replacedBy('countyRoundConfirm') })
  countyConfirmRound(@Ctx() ctx: RequestContext, @Arg('roundId', () => ID) roundId: string) {
    return confirmRound(ctx, roundId);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => CountyPair, { description: 'Move an apprentice to another mentor, pair an unpaired one, or (mentorId null) unpair them; a reason is required', deprecationReason: replacedBy('countyPairAdjust') })
  countyAdjustPair(@Ctx() ctx: RequestContext, @Arg('input', () => CountyAdjustPairInput) input: CountyAdjustPairInput) {
    return adjustPair(ctx, input);
  }

  // ——— payload mutations: one input, the record and typed userErrors (nothing written when there are any) ———

  @Authorized(...WRITERS.commission)
  @PayloadMutation(RoundCreatePayload, { description: 'Open a two-way selection round (the commission): a core programme (scheme county-pairing) with one track per scheme field; the pairing period becomes each confirmed pair’s placement' })
  countyRoundCreate(@Ctx() ctx: RequestContext, @Arg('input', () => CountyRoundInput) input: CountyRoundInput) {
    return createRound(ctx, input);
  }

  @Authorized(...MENTOR_SIDE)
  @PayloadMutation(MentorPublishPayload, { description: 'A mentor publishes (or updates) their field and capacity (1 or 2, seed 004 一带一、一带二) in an open or matched round; a mentor below mentorMinTitle or outside the scheme’s fields is refused, naming talentId' })
  countyMentorPublish(@Ctx() ctx: RequestContext, @Arg('input', () => CountyMentorInput) input: CountyMentorInput) {
    return publishMentor(ctx, input);
  }

  @Authorized(...APPRENTICE_SIDE)
  @PayloadMutation(ApprenticeRegisterPayload, { description: 'Register an apprentice in an open round (the commission, their unit, or the talent): a core application in their field, judged eligible; their title places them in a tier (分层培养)' })
  countyApprenticeRegister(@Ctx() ctx: RequestContext, @Arg('input', () => CountyApprenticeInput) input: CountyApprenticeInput) {
    return registerApprentice(ctx, input);
  }

  @Authorized(...APPRENTICE_SIDE)
  @PayloadMutation(ApprenticeRankMentorsPayload, { description: 'An apprentice ranks mentors of their own field, most preferred first, replacing their ranking (the apprentice, their unit or the commission)' })
  countyApprenticeRankMentors(@Ctx() ctx: RequestContext, @Arg('input', () => CountyRankMentorsInput) input: CountyRankMentorsInput) {
    return rankMentors(ctx, input);
  }

  @Authorized(...MENTOR_SIDE)
  @PayloadMutation(MentorRankApprenticesPayload, { description: 'A mentor ranks applicants of their own field, most preferred first, replacing their ranking (the mentor or the commission)' })
  countyMentorRankApprentices(@Ctx() ctx: RequestContext, @Arg('input', () => CountyRankApprenticesInput) input: CountyRankApprenticesInput) {
    return rankApprentices(ctx, input);
  }

  @Authorized(...WRITERS.commission)
  @PayloadMutation(RoundRunMatchingPayload, { description: `Run (or rerun) the matching of an open or matched round (the commission): ${ALGORITHM}. Replaces proposed pairs, including earlier adjustments` })
  countyRoundRunMatching(@Ctx() ctx: RequestContext, @Arg('input', () => CountyRoundRunMatchingInput) input: CountyRoundRunMatchingInput) {
    return runRoundMatching(ctx, input.roundId);
  }

  @Authorized(...WRITERS.commission)
  @PayloadMutation(RoundConfirmPayload, { description: "Confirm a matched round's proposed pairs (the commission): each becomes a core Placement at the mentor's hospital, with its reminders; unpaired applications are turned down with the reason" })
  countyRoundConfirm(@Ctx() ctx: RequestContext, @Arg('input', () => CountyRoundConfirmInput) input: CountyRoundConfirmInput) {
    return confirmRound(ctx, input.roundId);
  }

  @Authorized(...WRITERS.commission)
  @PayloadMutation(PairAdjustPayload, { description: 'Move an apprentice to another mentor of their field, pair an unpaired one, or (mentorId null) unpair them (the commission); the reason is kept on the pair' })
  countyPairAdjust(@Ctx() ctx: RequestContext, @Arg('input', () => CountyAdjustPairInput) input: CountyAdjustPairInput) {
    return adjustPair(ctx, input);
  }

  @FieldResolver(() => [CountyPair], { description: 'Live pairs (proposed or confirmed); cancelled ones with includeCancelled' })
  pairs(@Root() round: CountyRound, @Ctx() ctx: RequestContext, @Arg('includeCancelled', () => Boolean, { nullable: true }) includeCancelled?: boolean | null) {
    return ctx.loaders.manyBy(CountyPair, 'round', includeCancelled ? {} : { status: { $in: LIVE } }).load(round.id);
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER, Roles.MENTOR, Roles.COMMITTEE_EXPERT)
  @FieldResolver(() => [CountyUnmatched], { description: 'Who is unpaired (and mentors with free places), and why' })
  unmatched(@Root() round: CountyRound, @Ctx() ctx: RequestContext) {
    return toUnmatched(ctx, round);
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER, Roles.MENTOR, Roles.COMMITTEE_EXPERT)
  @FieldResolver(() => [CountyBlockingPair], { description: 'Pairs that would rather be together than as paired now: empty after a matching run, maybe not after adjustments' })
  async blockingPairs(@Root() round: CountyRound, @Ctx() ctx: RequestContext) {
    const state = await roundState(ctx.em, round);
    const m = new Map(state.mentors.map((x) => [x.id, x]));
    const a = new Map(state.apprentices.map((x) => [x.id, x]));
    return blocking(state).map((b) => Object.assign(new CountyBlockingPair(), { apprentice: a.get(b.apprenticeId), mentor: m.get(b.mentorId) }));
  }
}

@Resolver(() => CountyMentor)
export class CountyMentorResolver {
  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER, Roles.MENTOR, Roles.COMMITTEE_EXPERT)
  @FieldResolver(() => [CountyApprentice], { description: "The mentor's ranking of applicants, most preferred first" })
  async ranking(@Root() m: CountyMentor, @Ctx() ctx: RequestContext) {
    const rows = await ctx.loaders.byId(CountyApprentice).loadMany(m.ranking);
    return rows.filter((r): r is CountyApprentice => r instanceof CountyApprentice);
  }

  @FieldResolver(() => Int, { description: 'Places not yet taken' })
  async freePlaces(@Root() m: CountyMentor, @Ctx() ctx: RequestContext) {
    const live = await ctx.loaders.manyBy(CountyPair, 'mentor', { status: { $in: LIVE } }).load(m.id);
    return Math.max(0, m.capacity - live.length);
  }
}

@Resolver(() => CountyApprentice)
export class CountyApprenticeResolver {
  @FieldResolver(() => [CountyMentor], { description: "The apprentice's ranking of mentors, most preferred first" })
  async ranking(@Root() a: CountyApprentice, @Ctx() ctx: RequestContext) {
    const rows = await ctx.loaders.byId(CountyMentor).loadMany(a.ranking);
    return rows.filter((r): r is CountyMentor => r instanceof CountyMentor);
  }
}

export const CountyRoundRelations = [
  relationFields(CountyRound, {
    programme: { one: Programme, nullable: false, description: 'The core programme behind the round' },
    mentors: { many: CountyMentor, by: 'round' },
    apprentices: { many: CountyApprentice, by: 'round', description: 'Applicants you may see (a talent sees only their own entry)' },
  }),
  relationFields(CountyMentor, {
    talent: { one: Talent, property: 'talentId', description: "The mentor's talent record (null where row scoping hides it)" },
    hospital: { one: Institution, property: 'unit', description: "The mentor's hospital" },
    pairs: { many: CountyPair, by: 'mentor', where: { status: { $in: LIVE } }, description: 'Live pairs with this mentor' },
  }),
  relationFields(CountyApprentice, {
    talent: Talent,
    unit: { one: Institution, description: "The apprentice's unit" },
    pair: { only: CountyPair, by: 'apprentice', where: { status: { $in: LIVE } }, description: 'Their live pair, if any' },
  }),
];
