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
  Roles,
  submitApplication,
  syncReports,
  Talent,
  withdrawPlacement,
  type RequestContext,
} from '../../../src/index.js';
import { PLUGIN_KEY, type CountyConfig } from '../config.js';
import { PairSource, PairStatus, RoundStatus, Side, type UnmatchedReason } from '../domain.js';
import { CountyApprentice, CountyMentor, CountyPair, CountyRound } from '../entities/index.js';
import { mentorQualification, tierFor } from '../rules/people.js';
import { SCHEME_FIELDS } from '../rules/scheme.js';
import { isCommission } from './access.js';
import { LIVE, confirmPair, explain, roundState, runMatching } from './pairing.js';
import { CountyMatchResult, CountyUnmatched, type CountyAdjustPairInput, type CountyApprenticeInput, type CountyMentorInput, type CountyRankApprenticesInput, type CountyRankMentorsInput, type CountyRoundInput } from './types.js';

/**
 * The two-way selection's steps (双向选择): open a round, publish and register, rank, match,
 * confirm, adjust. Each is the one implementation behind both its deprecated mutation and its
 * payload mutation (api/round.resolver.ts): checks first, then writes, in the request's
 * transaction.
 */

export const ALGORITHM = 'deferred acceptance (Gale–Shapley), apprentice-proposing, many-to-one: stable and apprentice-optimal';

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

export async function toUnmatched(ctx: RequestContext, round: CountyRound): Promise<CountyUnmatched[]> {
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

/** Open a round: a core programme (scheme county-pairing) with one track per scheme field. */
export async function createRound(ctx: RequestContext, input: CountyRoundInput): Promise<CountyRound> {
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

/** A mentor publishes (or updates) their offer; the commission may publish for a mentor. */
export async function publishMentor(ctx: RequestContext, input: CountyMentorInput): Promise<CountyMentor> {
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

/** Register an apprentice: a core application judged by the eligibility rule; their title gives their tier. */
export async function registerApprentice(ctx: RequestContext, input: CountyApprenticeInput): Promise<CountyApprentice> {
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

/** An apprentice's ranking of mentors of their field, most preferred first. */
export async function rankMentors(ctx: RequestContext, input: CountyRankMentorsInput): Promise<CountyApprentice> {
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

/** A mentor's ranking of applicants of their field, most preferred first. */
export async function rankApprentices(ctx: RequestContext, input: CountyRankApprenticesInput): Promise<CountyMentor> {
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

/** Run (or rerun) the matching of a round, replacing its proposed pairs. */
export async function runRoundMatching(ctx: RequestContext, roundId: string): Promise<CountyMatchResult> {
  const round = await loadRound(ctx, roundId);
  assertStatus(round, [RoundStatus.OPEN, RoundStatus.MATCHED], 'run the matching');
  const pairs = await inTransaction(ctx, async () => {
    const created = await runMatching(ctx.em, round, ctx.clock.now());
    await ctx.em.flush();
    return created;
  });
  return Object.assign(new CountyMatchResult(), { round, pairs, unmatched: await toUnmatched(ctx, round), algorithm: ALGORITHM });
}

/** Confirm a matched round: each proposed pair becomes a core placement; unpaired applications are turned down. */
export async function confirmRound(ctx: RequestContext, roundId: string): Promise<CountyRound> {
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

/** Move, pair or unpair an apprentice by hand, with a reason. */
export async function adjustPair(ctx: RequestContext, input: CountyAdjustPairInput): Promise<CountyPair> {
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
