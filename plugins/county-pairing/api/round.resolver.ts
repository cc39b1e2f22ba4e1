import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  Application,
  ApplicationStatus,
  assertUnitWrite,
  badInput,
  conflict,
  forbidden,
  hasRole,
  Institution,
  invalidState,
  judgeEligibility,
  Placement,
  Programme,
  ProgrammeStatus,
  ProgrammeTrack,
  relationFields,
  Roles,
  submitApplication,
  syncReports,
  Talent,
  withdrawPlacement,
  WRITERS,
  type RequestContext,
} from '../../../src/index.js';
import { PLUGIN_KEY, type CountyConfig } from '../config.js';
import { PairSource, PairStatus, RoundStatus, Side, type UnmatchedReason } from '../domain.js';
import { CountyApprentice, CountyMentor, CountyPair, CountyRound } from '../entities/index.js';
import { isCommission } from './access.js';
import { mentorQualification, tierFor } from '../rules/people.js';
import { LIVE, blocking, confirmPair, explain, roundState, runMatching } from './pairing.js';
import {
  CountyAdjustPairInput,
  CountyApprenticeInput,
  CountyBlockingPair,
  CountyMatchResult,
  CountyMentorInput,
  CountyRankApprenticesInput,
  CountyRankMentorsInput,
  CountyRoundInput,
  CountyUnmatched,
} from './types.js';

/** The five fields of the Yuping scheme (seed 004); each is a track of the round's programme. */
import { SCHEME_FIELDS } from '../rules/scheme.js';
const ALGORITHM = 'deferred acceptance (Gale–Shapley), apprentice-proposing, many-to-one: stable and apprentice-optimal';

async function loadRound(ctx: RequestContext, id: string, field = 'roundId'): Promise<CountyRound> {
  const round = await ctx.em.findOne(CountyRound, id);
  if (!round) throw badInput({ field, message: `no round ${id}` });
  return round;
}

function assertStatus(round: CountyRound, allowed: RoundStatus[], what: string): void {
  if (!allowed.includes(round.status)) throw invalidState(`Round ${round.code} is ${round.status}: cannot ${what}`, { field: 'roundId', status: round.status });
}

/**
 * Several flushes as one transaction on the request's em (so core services called inside take
 * part). When the request already runs in a transaction (the core's per-mutation transaction),
 * the work simply joins it.
 */
async function inTransaction<T>(ctx: RequestContext, work: () => Promise<T>): Promise<T> {
  if (ctx.em.isInTransaction()) return work();
  await ctx.em.begin();
  try {
    const result = await work();
    await ctx.em.commit();
    return result;
  } catch (e) {
    await ctx.em.rollback();
    throw e;
  }
}

/** The pairing's reports after its placement changed (the core's machinery, our rule). */
async function syncPlacement(ctx: RequestContext, placement: Placement): Promise<void> {
  await syncReports(ctx, placement);
}

async function toUnmatched(ctx: RequestContext, round: CountyRound): Promise<CountyUnmatched[]> {
  const state = await roundState(ctx.em, round);
  const mentors = new Map(state.mentors.map((m) => [m.id, m]));
  const apprentices = new Map(state.apprentices.map((a) => [a.id, a]));
  return explain(state).map((w) =>
    Object.assign(new CountyUnmatched(), {
      side: w.side === 'apprentice' ? Side.APPRENTICE : Side.MENTOR,
      apprentice: w.side === 'apprentice' ? apprentices.get(w.id) : null,
      mentor: w.side === 'mentor' ? mentors.get(w.id) : null,
      open: w.open,
      reason: w.reason as UnmatchedReason,
      explanation: w.message,
    }),
  );
}

@Resolver(() => CountyRound)
export class CountyRoundResolver {
  @Authorized()
  @Query(() => [CountyRound], { description: 'Two-way selection rounds, newest first' })
  countyRounds(@Ctx() ctx: RequestContext) {
    return ctx.em.find(CountyRound, {}, { orderBy: { year: 'desc', id: 'desc' } });
  }

  @Authorized()
  @Query(() => CountyRound, { nullable: true })
  countyRound(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(CountyRound).load(id);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => CountyRound, { description: 'Open a round: a core programme (scheme county-pairing) with one track per field' })
  async countyCreateRound(@Ctx() ctx: RequestContext, @Arg('input', () => CountyRoundInput) input: CountyRoundInput) {
    if (await ctx.em.count(Programme, { code: input.code })) throw conflict(`A programme with code ${input.code} exists`, { field: 'code' });
    const programme = ctx.em.create(Programme, {
      scheme: PLUGIN_KEY,
      code: input.code,
      name: input.name,
      year: input.year,
      status: ProgrammeStatus.OPEN,
      opensOn: ctx.clock.today(),
      referenceDate: input.pairingStart,
    });
    for (const code of SCHEME_FIELDS) ctx.em.create(ProgrammeTrack, { programme, code, name: code.replaceAll('_', ' ') });
    const round = ctx.em.create(CountyRound, { programme, code: input.code, name: input.name, year: input.year, pairingStart: input.pairingStart, pairingEnd: input.pairingEnd });
    await ctx.em.flush();
    return round;
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.MENTOR)
  @Mutation(() => CountyMentor, { description: 'A mentor publishes (or updates) their field and capacity in an open round; a mentor below the configured title (mentorMinTitle) is refused, naming talentId' })
  async countyPublishMentor(@Ctx() ctx: RequestContext, @Arg('input', () => CountyMentorInput) input: CountyMentorInput) {
    const round = await loadRound(ctx, input.roundId);
    assertStatus(round, [RoundStatus.OPEN, RoundStatus.MATCHED], 'publish mentors');
    const talentId = isCommission(ctx) ? input.talentId : ctx.actor.talentId;
    if (!talentId) throw badInput({ field: 'talentId', message: isCommission(ctx) ? 'is required' : 'your token carries no talentId identifying you as a mentor' });
    if (!isCommission(ctx) && input.talentId && input.talentId !== talentId) throw forbidden('A mentor can only publish their own offer');
    const { config } = await ctx.plugin<CountyConfig>(PLUGIN_KEY);
    if (input.capacity > config.maxMentorCapacity) throw badInput({ field: 'capacity', message: `must be at most ${config.maxMentorCapacity} here` });
    const talent = await ctx.em.findOne(Talent, talentId);
    if (!talent) throw badInput({ field: 'talentId', message: `no talent ${talentId}` });
    const field = input.field ?? talent.field;
    if (!(SCHEME_FIELDS as readonly string[]).includes(field)) throw badInput({ field: 'field', message: `the scheme pairs ${SCHEME_FIELDS.join(', ')}` });
    const unqualified = mentorQualification({ field, titleGrade: talent.titleGrade }, config);
    if (unqualified.length) {
      throw badInput({ field: 'talentId', message: unqualified.map((r) => `${r.message} (${r.messageZh})`).join('; ') }, { reasons: unqualified });
    }
    let mentor = await ctx.em.findOne(CountyMentor, { round, talentId: talent.id });
    if (mentor) {
      const live = await ctx.em.count(CountyPair, { mentor, status: { $in: LIVE } });
      if (input.capacity < live) throw badInput({ field: 'capacity', message: `already paired with ${live}` });
      if (field !== mentor.field && live) throw badInput({ field: 'field', message: 'cannot change once paired' });
      if (field !== mentor.field) mentor.ranking = [];
      Object.assign(mentor, { capacity: input.capacity, field, department: input.department ?? mentor.department ?? talent.department ?? null });
    } else {
      mentor = ctx.em.create(CountyMentor, { round, talentId: talent.id, unit: talent.unit, displayName: talent.name, department: input.department ?? talent.department ?? null, field, capacity: input.capacity });
    }
    await ctx.em.flush();
    return mentor;
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR, Roles.TALENT)
  @Mutation(() => CountyApprentice, { description: 'Register an apprentice in an open round (their field is their track; their title places them in a tier, 分层培养)' })
  async countyRegisterApprentice(@Ctx() ctx: RequestContext, @Arg('input', () => CountyApprenticeInput) input: CountyApprenticeInput) {
    const round = await loadRound(ctx, input.roundId);
    assertStatus(round, [RoundStatus.OPEN], 'register apprentices');
    const talentId = hasRole(ctx.actor, Roles.TALENT) && !isCommission(ctx) ? ctx.actor.talentId : input.talentId;
    if (!talentId) throw badInput({ field: 'talentId', message: 'is required' });
    const talent = await ctx.em.findOne(Talent, talentId);
    if (!talent) throw badInput({ field: 'talentId', message: `no talent ${talentId} you may register` });
    if (hasRole(ctx.actor, Roles.UNIT_COORDINATOR) && !isCommission(ctx)) assertUnitWrite(ctx.actor, talent.unit.id);
    if (await ctx.em.count(CountyApprentice, { round, talent })) throw conflict(`${talent.name} is already registered in ${round.code}`, { field: 'talentId' });
    const programme = await ctx.em.findOneOrFail(Programme, round.programme.id);
    const verdict = await judgeEligibility(ctx, talent, programme, talent.field);
    if (!verdict.eligible) throw badInput({ field: 'talentId', message: verdict.reasons.map((r) => r.message).join('; ') });
    const application = await submitApplication(ctx, { programmeId: programme.id, talentId: talent.id, track: talent.field });
    const { config } = await ctx.plugin<CountyConfig>(PLUGIN_KEY);
    const tier = tierFor(talent.titleGrade, config);
    const apprentice = ctx.em.create(CountyApprentice, { round, talent, unit: talent.unit, application, displayName: talent.name, field: talent.field, tier });
    await ctx.em.flush();
    return apprentice;
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR, Roles.TALENT)
  @Mutation(() => CountyApprentice, { description: 'An apprentice ranks mentors of their field, most preferred first (replaces their ranking)' })
  async countyRankMentors(@Ctx() ctx: RequestContext, @Arg('input', () => CountyRankMentorsInput) input: CountyRankMentorsInput) {
    const apprentice = await ctx.em.findOne(CountyApprentice, input.apprenticeId, { populate: ['round'] });
    if (!apprentice) throw badInput({ field: 'apprenticeId', message: `no apprentice entry ${input.apprenticeId} you may rank for` });
    if (!isCommission(ctx)) {
      if (hasRole(ctx.actor, Roles.TALENT) && ctx.actor.talentId !== apprentice.talent.id) throw forbidden('An apprentice ranks only for themselves');
      if (hasRole(ctx.actor, Roles.UNIT_COORDINATOR)) assertUnitWrite(ctx.actor, apprentice.unit.id);
    }
    assertStatus(apprentice.round, [RoundStatus.OPEN, RoundStatus.MATCHED], 'change rankings');
    const mentors = await ctx.em.find(CountyMentor, { id: { $in: input.mentorIds }, round: apprentice.round });
    const byId = new Map(mentors.map((m) => [m.id, m]));
    const problems = input.mentorIds.flatMap((mId, i) => {
      const m = byId.get(mId);
      if (!m) return [{ field: `mentorIds.${i}`, message: `no mentor ${mId} in this round` }];
      if (m.field !== apprentice.field) return [{ field: `mentorIds.${i}`, message: `${m.displayName} mentors ${m.field}, not ${apprentice.field}` }];
      if (input.mentorIds.indexOf(mId) !== i) return [{ field: `mentorIds.${i}`, message: 'is ranked twice' }];
      return [];
    });
    if (problems.length) throw badInput(problems);
    apprentice.ranking = [...input.mentorIds];
    await ctx.em.flush();
    return apprentice;
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.MENTOR)
  @Mutation(() => CountyMentor, { description: 'A mentor ranks applicants of their field, most preferred first (replaces their ranking)' })
  async countyRankApprentices(@Ctx() ctx: RequestContext, @Arg('input', () => CountyRankApprenticesInput) input: CountyRankApprenticesInput) {
    const mentor = await ctx.em.findOne(CountyMentor, input.mentorId, { populate: ['round'] });
    if (!mentor) throw badInput({ field: 'mentorId', message: `no mentor entry ${input.mentorId}` });
    if (!isCommission(ctx) && ctx.actor.talentId !== mentor.talentId) throw forbidden('A mentor ranks only for themselves');
    assertStatus(mentor.round, [RoundStatus.OPEN, RoundStatus.MATCHED], 'change rankings');
    const apprentices = await ctx.em.find(CountyApprentice, { id: { $in: input.apprenticeIds }, round: mentor.round });
    const byId = new Map(apprentices.map((a) => [a.id, a]));
    const problems = input.apprenticeIds.flatMap((aId, i) => {
      const a = byId.get(aId);
      if (!a) return [{ field: `apprenticeIds.${i}`, message: `no apprentice ${aId} in this round` }];
      if (a.field !== mentor.field) return [{ field: `apprenticeIds.${i}`, message: `${a.displayName} works in ${a.field}, not ${mentor.field}` }];
      if (input.apprenticeIds.indexOf(aId) !== i) return [{ field: `apprenticeIds.${i}`, message: 'is ranked twice' }];
      return [];
    });
    if (problems.length) throw badInput(problems);
    mentor.ranking = [...input.apprenticeIds];
    await ctx.em.flush();
    return mentor;
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => CountyMatchResult, { description: `Run (or rerun) the matching: ${ALGORITHM}. Replaces proposed pairs, including earlier adjustments` })
  async countyRunMatching(@Ctx() ctx: RequestContext, @Arg('roundId', () => ID) roundId: string) {
    const round = await loadRound(ctx, roundId);
    assertStatus(round, [RoundStatus.OPEN, RoundStatus.MATCHED], 'run the matching');
    const pairs = await inTransaction(ctx, async () => {
      const created = await runMatching(ctx.em, round, ctx.clock.now());
      await ctx.em.flush();
      return created;
    });
    return Object.assign(new CountyMatchResult(), { round, pairs, unmatched: await toUnmatched(ctx, round), algorithm: ALGORITHM });
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => CountyRound, { description: "Confirm a round's proposed pairs: each becomes a core Placement at the mentor's hospital, with its reminders" })
  async countyConfirmRound(@Ctx() ctx: RequestContext, @Arg('roundId', () => ID) roundId: string) {
    const round = await loadRound(ctx, roundId);
    assertStatus(round, [RoundStatus.MATCHED], 'confirm');
    const state = await roundState(ctx.em, round);
    for (const pair of state.pairs.filter((p) => p.status === PairStatus.PROPOSED)) {
      const placement = await confirmPair(ctx.em, pair, round);
      await syncPlacement(ctx, placement);
    }
    const why = new Map(explain(state).map((w) => [w.id, w.message]));
    for (const a of state.apprentices) {
      if (state.current.some((p) => p.apprenticeId === a.id)) continue;
      const application = await ctx.em.findOneOrFail(Application, a.application.id);
      if (application.status === ApplicationStatus.ELIGIBLE) {
        application.status = ApplicationStatus.REJECTED;
        application.decisionNote = `Not paired: ${why.get(a.id) ?? 'unmatched'}`;
      }
    }
    const programme = await ctx.em.findOneOrFail(Programme, round.programme.id);
    programme.status = ProgrammeStatus.CLOSED;
    programme.closesOn = ctx.clock.today();
    round.status = RoundStatus.CONFIRMED;
    round.confirmedAt = ctx.clock.now();
    await ctx.em.flush();
    return round;
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => CountyPair, { description: 'Move an apprentice to another mentor, pair an unpaired one, or (mentorId null) unpair them; a reason is required' })
  async countyAdjustPair(@Ctx() ctx: RequestContext, @Arg('input', () => CountyAdjustPairInput) input: CountyAdjustPairInput) {
    const { config } = await ctx.plugin<CountyConfig>(PLUGIN_KEY);
    if (input.reason.trim().length < config.minAdjustReasonLength) throw badInput({ field: 'reason', message: `must be at least ${config.minAdjustReasonLength} characters` });
    const apprentice = await ctx.em.findOne(CountyApprentice, input.apprenticeId, { populate: ['round'] });
    if (!apprentice) throw badInput({ field: 'apprenticeId', message: `no apprentice entry ${input.apprenticeId}` });
    const round = apprentice.round;
    assertStatus(round, [RoundStatus.MATCHED, RoundStatus.CONFIRMED], 'adjust pairs (run the matching first)');
    const pair = await ctx.em.findOne(CountyPair, { apprentice, status: { $in: LIVE } }, { populate: ['mentor'] });
    let mentor: CountyMentor | null = null;
    if (input.mentorId) {
      mentor = await ctx.em.findOne(CountyMentor, { id: input.mentorId, round });
      if (!mentor) throw badInput({ field: 'mentorId', message: `no mentor ${input.mentorId} in this round` });
      if (mentor.field !== apprentice.field) throw badInput({ field: 'mentorId', message: `${mentor.displayName} mentors ${mentor.field}, not ${apprentice.field}` });
      if (pair?.mentor.id === mentor.id) throw badInput({ field: 'mentorId', message: 'is already this apprentice’s mentor' });
      const taken = await ctx.em.count(CountyPair, { mentor, status: { $in: LIVE } });
      if (taken >= mentor.capacity) throw badInput({ field: 'mentorId', message: `${mentor.displayName} is full (capacity ${mentor.capacity})` });
    } else if (!pair) {
      throw badInput({ field: 'mentorId', message: 'is required: the apprentice has no pair to remove' });
    }
    const reason = input.reason.trim();
    if (pair && mentor) {
      pair.previousMentor = pair.mentor;
      pair.mentor = mentor;
      pair.source = PairSource.ADJUSTMENT;
      pair.adjustReason = reason;
      if (pair.placement) {
        const placement = await ctx.em.findOneOrFail(Placement, pair.placement.id);
        placement.hostInstitution = ctx.em.getReference(Institution, mentor.unit.id);
        placement.statusNote = `Mentor changed: ${reason}`;
      }
      await ctx.em.flush();
      return pair;
    }
    if (pair) {
      pair.status = PairStatus.CANCELLED;
      pair.source = PairSource.ADJUSTMENT;
      pair.adjustReason = reason;
      if (pair.placement) {
        await withdrawPlacement(ctx, pair.placement.id, `Pair removed: ${reason}`, ctx.clock.today());
      }
      await ctx.em.flush();
      return pair;
    }
    const created = ctx.em.create(CountyPair, { round, mentor: mentor!, apprentice, talent: apprentice.talent, unit: apprentice.unit, source: PairSource.ADJUSTMENT, adjustReason: reason });
    if (round.status === RoundStatus.CONFIRMED) {
      const placement = await confirmPair(ctx.em, created, round);
      await syncPlacement(ctx, placement);
    }
    await ctx.em.flush();
    return created;
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
