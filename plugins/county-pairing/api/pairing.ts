import type { EntityManager } from '@mikro-orm/postgresql';
import { Application, ApplicationStatus, Placement, PlacementStatus } from '../../../src/index.js';
import { PairSource, PairStatus, RoundStatus } from '../domain.js';
import { CountyApprentice, CountyMentor, CountyPair, CountyRound } from '../entities/index.js';
import { blockingPairs, deferredAcceptance, explainUnmatched, type MatchInstance, type MatchPair, type UnmatchedExplanation } from '../rules/matching.js';

/**
 * The pairing steps that only need an EntityManager (so the demo seed uses them too). Resolvers
 * add authorization, validation and the core's report sync around them.
 */

export const LIVE = [PairStatus.PROPOSED, PairStatus.CONFIRMED];

export interface RoundState {
  mentors: CountyMentor[];
  apprentices: CountyApprentice[];
  pairs: CountyPair[];
  instance: MatchInstance;
  current: MatchPair[];
}

/** Everything of a round the matching needs, read with the caller's em. */
export async function roundState(em: EntityManager, round: CountyRound): Promise<RoundState> {
  const [mentors, apprentices, pairs] = await Promise.all([
    em.find(CountyMentor, { round }, { orderBy: { id: 'asc' } }),
    em.find(CountyApprentice, { round }, { orderBy: { id: 'asc' } }),
    em.find(CountyPair, { round, status: { $in: LIVE } }, { orderBy: { id: 'asc' } }),
  ]);
  const instance: MatchInstance = {
    mentors: mentors.map((m) => ({ id: m.id, field: m.field, capacity: m.capacity, ranking: m.ranking })),
    apprentices: apprentices.map((a) => ({ id: a.id, field: a.field, ranking: a.ranking })),
  };
  const current = pairs.map((p) => ({ apprenticeId: p.apprentice.id, mentorId: p.mentor.id }));
  return { mentors, apprentices, pairs, instance, current };
}

export function explain(state: RoundState): UnmatchedExplanation[] {
  return explainUnmatched(state.instance, state.current);
}

export function blocking(state: RoundState): MatchPair[] {
  return blockingPairs(state.instance, state.current);
}

/**
 * Run (or rerun) deferred acceptance on the round's current rankings: proposed pairs (including
 * earlier adjustments) are replaced by the new result. Flushes the deletions only; run it inside a
 * transaction so a failure leaves the earlier proposal in place.
 */
export async function runMatching(em: EntityManager, round: CountyRound, now: Date): Promise<CountyPair[]> {
  const state = await roundState(em, round);
  for (const p of state.pairs) if (p.status === PairStatus.PROPOSED) em.remove(p);
  await em.flush(); // deletes first: one live pair per apprentice is a unique index (callers wrap this in a transaction)
  const mentors = new Map(state.mentors.map((m) => [m.id, m]));
  const apprentices = new Map(state.apprentices.map((a) => [a.id, a]));
  const pairs = deferredAcceptance(state.instance).map((x) => {
    const apprentice = apprentices.get(x.apprenticeId)!;
    return em.create(CountyPair, {
      round,
      mentor: mentors.get(x.mentorId)!,
      apprentice,
      talent: apprentice.talent,
      unit: apprentice.unit,
      status: PairStatus.PROPOSED,
      source: PairSource.MATCHING,
    });
  });
  round.status = RoundStatus.MATCHED;
  round.matchRuns += 1;
  round.matchedAt = now;
  return pairs;
}

/**
 * Confirm one pair: its application becomes selected and the pairing period becomes a core
 * Placement at the mentor's hospital. The caller syncs the placement's reports. Not flushed.
 */
export async function confirmPair(em: EntityManager, pair: CountyPair, round: CountyRound): Promise<Placement> {
  const apprentice = await em.findOneOrFail(CountyApprentice, pair.apprentice.id);
  const mentor = await em.findOneOrFail(CountyMentor, pair.mentor.id);
  const application = await em.findOneOrFail(Application, apprentice.application.id);
  application.status = ApplicationStatus.SELECTED;
  application.decisionNote = null;
  const placement = em.create(Placement, {
    programme: round.programme,
    application,
    talent: apprentice.talent,
    unit: apprentice.unit,
    hostInstitution: mentor.unit,
    status: PlacementStatus.PLANNED,
    plannedStart: round.pairingStart,
    plannedEnd: round.pairingEnd,
  });
  pair.placement = placement;
  pair.status = PairStatus.CONFIRMED;
  return placement;
}
